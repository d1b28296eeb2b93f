import { KaleyraApi } from '../../../../credentials/KaleyraApi.credentials';
import { KaleyraWhatsApp } from '../../../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { kaleyra } from '../../../../nodes/providers/kaleyra/adapter';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { fileOf, storedBinary } from '../../helpers/execute-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { expectMultipart } from '../../helpers/multipart';
import { nodeRunner } from '../../helpers/run-node';

// Kaleyra WhatsApp API v2: Meta's message objects in messaging_object; media upload
// POST /v2/<sid>/whatsapp/<number>/media, multipart file and type
// (https://developers.kaleyra.io/docs/whatsapp-api-v2-upload-media-files; the answer is not on the page).
const run = nodeRunner(new KaleyraWhatsApp(), new KaleyraApi());
let counter = 0;
const answer = (request: ReceivedRequest): Reply =>
	request.url.endsWith('/media')
		? { status: 200, body: { code: 'WA200', message: 'Media uploaded', data: { id: `kal-media-${++counter}` }, error: {} } }
		: { status: 202, body: { code: 'WA202', message: 'Request Accepted', data: { message_id: `kal-${++counter}` }, error: {} } };

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000, concurrency: 1 };
const envelope = (to: string, message: object) => ({ messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message } });

beforeAll(async () => {
	server = await new Loopback(answer).start();
	credentials = { sid: 'HXAP16000000097IN', apiKey: 'A-secret-kaleyra-key', region: 'custom', baseUrl: server.url, businessNumber: '+91 90000 00001' };
});
afterEach(() => {
	server.reset();
	server.setHandler(answer);
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Kaleyra WhatsApp: documents, videos, audio, locations, lists', () => {
	it('sends each in messaging_object, one request a message', async () => {
		await run({
			credentials,
			parameters: [
				{ operation: 'sendDocument', to: '+91 98765 43210', mediaSource: 'mediaId', mediaId: '5551', filename: 'statement.pdf', options: fast },
				{ operation: 'sendVideo', to: '+91 98765 43210', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/demo.mp4', options: fast },
				{ operation: 'sendAudio', to: '+91 98765 43210', mediaSource: 'mediaId', mediaId: '5552', options: fast },
				{ operation: 'sendLocation', to: '+91 98765 43210', latitude: 12.9716, longitude: 77.5946, options: fast },
				{
					operation: 'sendList',
					to: '+91 98765 43210',
					headerText: 'Menu',
					bodyText: 'What do you need?',
					listButtonText: 'Options',
					rows: { row: [{ id: 'bal', title: 'Balance' }, { id: 'stmt', title: 'Statement', description: 'Last 30 days' }] },
					options: { ...fast, ref: 'cust-9' },
				},
			],
		});
		const path = '/v2/HXAP16000000097IN/whatsapp/+919000000001/messages';
		expect(server.requests.map((request) => request.url)).toEqual([path, path, path, path, path]);
		expect(server.requests.map((request) => request.body)).toEqual([
			envelope('919876543210', { type: 'document', document: { id: '5551', filename: 'statement.pdf' } }),
			envelope('919876543210', { type: 'video', video: { link: 'https://cdn.example.com/demo.mp4' } }),
			envelope('919876543210', { type: 'audio', audio: { id: '5552' } }),
			envelope('919876543210', { type: 'location', location: { latitude: 12.9716, longitude: 77.5946 } }),
			{
				...envelope('919876543210', {
					type: 'interactive',
					interactive: {
						type: 'list',
						header: { type: 'text', text: 'Menu' },
						body: { text: 'What do you need?' },
						action: { button: 'Options', sections: [{ rows: [{ id: 'bal', title: 'Balance' }, { id: 'stmt', title: 'Statement', description: 'Last 30 days' }] }] },
					},
				}),
				extra_info: { ref: 'cust-9' },
			},
		]);
	});

	it('uploads a video from binary data to /media of the sending number as multipart file and type', async () => {
		const mp4 = fileOf(200_000, 3);
		await run({
			credentials,
			parameters: { operation: 'sendVideo', to: '+919876543210', mediaSource: 'binary', binaryPropertyName: 'video', caption: 'Demo', options: fast },
			binary: { video: storedBinary('filesystem-v2:exec/1/clip', 'video/mp4', 'demo.mp4') },
			binaryFiles: { 'filesystem-v2:exec/1/clip': mp4 },
		});
		const [upload, send] = server.requests;
		expect(upload.method).toBe('POST');
		expect(upload.url).toBe('/v2/HXAP16000000097IN/whatsapp/+919000000001/media');
		expect(upload.headers['api-key']).toBe('A-secret-kaleyra-key');
		expect(upload.headers['user-agent']).toBe(USER_AGENT);
		expectMultipart(upload, [
			{ name: 'file', filename: 'demo.mp4', contentType: 'video/mp4', content: mp4 },
			{ name: 'type', value: 'video/mp4' },
		]);
		expect(send.body).toEqual(envelope('919876543210', { type: 'video', video: { id: 'kal-media-1', caption: 'Demo' } }));
	});

	it('uploads a file once per sending number: a media ID belongs to the number that uploaded it', async () => {
		const pdf = fileOf(5000);
		await run({
			credentials,
			parameters: ['', '+919000000002', ''].map((from) => ({ operation: 'sendDocument', to: '+919876543210', mediaSource: 'binary', filename: 'terms.pdf', options: { ...fast, from } })),
			binary: { data: storedBinary('filesystem-v2:terms', 'application/pdf') },
			binaryFiles: { 'filesystem-v2:terms': pdf },
		});
		expect(server.requests.filter((request) => request.url.endsWith('/media')).map((request) => request.url)).toEqual([
			'/v2/HXAP16000000097IN/whatsapp/+919000000001/media',
			'/v2/HXAP16000000097IN/whatsapp/+919000000002/media',
		]);
		const sends = server.requests.filter((request) => request.url.endsWith('/messages'));
		expect(sends.map((request) => [request.url, (request.body as { messaging_object: { document: unknown } }).messaging_object.document])).toEqual([
			['/v2/HXAP16000000097IN/whatsapp/+919000000001/messages', { id: 'kal-media-1', filename: 'terms.pdf' }],
			['/v2/HXAP16000000097IN/whatsapp/+919000000002/messages', { id: 'kal-media-2', filename: 'terms.pdf' }],
			['/v2/HXAP16000000097IN/whatsapp/+919000000001/messages', { id: 'kal-media-1', filename: 'terms.pdf' }],
		]);
	});

	it.each([
		[{ code: 'WA200', data: { id: '111' } }, '111'],
		[{ code: 'WA200', data: { media_id: '222' } }, '222'],
		[{ data: [{ id: '333' }] }, '333'],
		[{ id: '444' }, '444'],
		[{ media_id: 555 }, '555'],
		[{ code: 'WA200', data: {} }, undefined],
	])("reads the media ID of Kaleyra's upload answer %j (its shape is not documented)", (body, id) => {
		expect(kaleyra.uploads?.readMediaId(body)).toBe(id);
	});
});

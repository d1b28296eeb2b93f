import { InsiderApi } from '../../../../credentials/InsiderApi.credentials';
import { InsiderWhatsApp } from '../../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { fileOf, inMemoryBinary } from '../../helpers/execute-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { expectMultipart } from '../../helpers/multipart';
import { nodeRunner } from '../../helpers/run-node';

// Insider One: Meta's message objects in messages[].message; media upload POST /v1/media/upload
// (https://academy.insiderone.com/docs/transactional-whatsapp-message-file-processes: multipart file, type,
// messaging_product; answer { id }).
const run = nodeRunner(new InsiderWhatsApp(), new InsiderApi());
let uploads = 0;
const answer = (request: ReceivedRequest): Reply => {
	if (request.url === '/v1/media/upload') return { status: 200, body: { id: `insider-media-${++uploads}` } };
	const messages = (request.body as { messages: unknown[] }).messages;
	return { status: 200, body: { keys: messages.map((_, index) => `whatsapp-${request.url}-${index}`) } };
};

let server: Loopback;
let credentials: { authKey: string; baseUrl: string };
const fast = { requestsPerSecond: 1000, concurrency: 1 };

beforeAll(async () => {
	server = await new Loopback(answer).start();
	credentials = { authKey: 'INS.secret-key', baseUrl: server.url };
});
afterEach(() => {
	server.reset();
	server.setHandler(answer);
	uploads = 0;
});
afterAll(async () => await server.stop());

describe('Insider WhatsApp: documents, videos, audio, locations, lists', () => {
	it("sends each in messages[].message, media and location on the conversational endpoint, lists on the transactional one", async () => {
		const output = await run({
			credentials,
			parameters: [
				{ operation: 'sendDocument', to: '+14155550101', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/invoice-42.pdf', caption: 'Invoice 42', filename: 'invoice-42.pdf', options: fast },
				{ operation: 'sendVideo', to: '+14155550102', mediaSource: 'mediaId', mediaId: '1166', caption: 'How to assemble' },
				{ operation: 'sendAudio', to: '+14155550103', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/welcome.mp3' },
				{ operation: 'sendLocation', to: '+14155550104', latitude: 41.0082, longitude: 28.9784, locationName: 'Our store', address: 'Istiklal Cd. 1, Istanbul' },
				{
					operation: 'sendList',
					to: '+14155550105',
					bodyText: 'Pick a delivery slot',
					listButtonText: 'Slots',
					rows: { row: [{ section: 'Tomorrow', id: 'tm-am', title: 'Morning', description: '9–12' }, { section: 'Tomorrow', id: 'tm-pm', title: 'Afternoon' }] },
					footerText: 'Free delivery',
				},
			],
		});
		expect(server.requests.map((request) => [request.url, request.body])).toEqual([
			[
				'/v1/conversational/send',
				{
					messages: [
						{ phoneNumber: '+14155550101', message: { type: 'document', document: { link: 'https://cdn.example.com/invoice-42.pdf', caption: 'Invoice 42', filename: 'invoice-42.pdf' } } },
						{ phoneNumber: '+14155550102', message: { type: 'video', video: { id: '1166', caption: 'How to assemble' } } },
						{ phoneNumber: '+14155550103', message: { type: 'audio', audio: { link: 'https://cdn.example.com/welcome.mp3' } } },
						{
							phoneNumber: '+14155550104',
							message: { type: 'location', location: { latitude: 41.0082, longitude: 28.9784, name: 'Our store', address: 'Istiklal Cd. 1, Istanbul' } },
						},
					],
				},
			],
			[
				'/v1/send',
				{
					messages: [
						{
							phoneNumber: '+14155550105',
							message: {
								type: 'interactive',
								interactive: {
									type: 'list',
									body: { text: 'Pick a delivery slot' },
									footer: { text: 'Free delivery' },
									action: {
										button: 'Slots',
										sections: [
											{ title: 'Tomorrow', rows: [{ id: 'tm-am', title: 'Morning', description: '9–12' }, { id: 'tm-pm', title: 'Afternoon' }] },
										],
									},
								},
							},
						},
					],
				},
			],
		]);
		expect(output.map((item) => [item.json.operation, item.json.messageId])).toEqual([
			['sendDocument', 'whatsapp-/v1/conversational/send-0'],
			['sendVideo', 'whatsapp-/v1/conversational/send-1'],
			['sendAudio', 'whatsapp-/v1/conversational/send-2'],
			['sendLocation', 'whatsapp-/v1/conversational/send-3'],
			['sendList', 'whatsapp-/v1/send-0'],
		]);
	});

	it('uploads an image from binary data as multipart file, type and messaging_product, then sends its media ID', async () => {
		const png = fileOf(3000);
		const output = await run({
			credentials,
			parameters: { operation: 'sendImage', to: '+905321234567', imageSource: 'binary', binaryPropertyName: 'data', caption: 'Your QR code', options: fast },
			binary: { data: inMemoryBinary(png, 'image/png', 'qr.png') },
		});
		const [upload, send] = server.requests;
		expect(upload.method).toBe('POST');
		expect(upload.url).toBe('/v1/media/upload');
		expect(upload.headers['x-ins-auth-key']).toBe('INS.secret-key');
		expect(upload.headers['user-agent']).toBe(USER_AGENT);
		expectMultipart(upload, [
			{ name: 'file', filename: 'qr.png', contentType: 'image/png', content: png },
			{ name: 'type', value: 'image/png' },
			{ name: 'messaging_product', value: 'whatsapp' },
		]);
		expect(send.url).toBe('/v1/conversational/send');
		expect(send.body).toEqual({
			messages: [{ phoneNumber: '+905321234567', message: { type: 'image', image: { id: 'insider-media-1', caption: 'Your QR code' } } }],
		});
		expect(output[0].json).toMatchObject({ provider: 'insider', operation: 'sendImage', status: 'accepted' });
	});

	it('uploads a file once for many items, even when each item carries its own copy of it', async () => {
		const pdf = fileOf(10_000, 7);
		await run({
			credentials,
			parameters: [1, 2, 3].map((n) => ({ operation: 'sendDocument', to: `+1415555010${n}`, mediaSource: 'binary', options: fast })),
			// Three separate base64 strings of the same bytes, as after a Code node copied the item.
			binary: [1, 2, 3].map(() => ({ data: inMemoryBinary(pdf, 'application/pdf', 'brochure.pdf') })),
		});
		expect(server.requests.map((request) => request.url)).toEqual(['/v1/media/upload', '/v1/conversational/send']);
		expect(server.requests[1].body).toEqual({
			messages: [1, 2, 3].map((n) => ({
				phoneNumber: `+1415555010${n}`,
				message: { type: 'document', document: { id: 'insider-media-1', filename: 'brochure.pdf' } },
			})),
		});
	});
});

import { GupshupPartnerApi } from '../../../../credentials/GupshupPartnerApi.credentials';
import { GupshupWhatsApp } from '../../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { fileOf, inMemoryBinary } from '../../helpers/execute-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { expectMultipart } from '../../helpers/multipart';
import { failureOf, nodeRunner } from '../../helpers/run-node';

// Gupshup Partner API v3: Meta's message at the top level of /v3/message; media upload POST
// /partner/app/<appId>/media, multipart file_type and file, answer { mediaId, status: "success" }
// (https://partner-docs.gupshup.io/reference/post_partner-app-appid-media).
const run = nodeRunner(new GupshupWhatsApp(), new GupshupPartnerApi());
let counter = 0;
const answer = (request: ReceivedRequest): Reply =>
	request.url.endsWith('/media')
		? { status: 200, body: { mediaId: `gs-media-${++counter}`, status: 'success' } }
		: { status: 200, body: { messages: [{ id: `gs-${++counter}` }], messaging_product: 'whatsapp', contacts: [] } };

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000, concurrency: 1 };
const APP = 'bf9ee64c-3d4d-4ac4-0000-732e577007c4';
const meta = (to: string, message: object) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message });

beforeAll(async () => {
	server = await new Loopback(answer).start();
	credentials = { appId: APP, appToken: 'sk_secret_partner_app_token', baseUrl: server.url };
});
afterEach(() => {
	server.reset();
	server.setHandler(answer);
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Gupshup WhatsApp: documents, videos, audio, locations, lists', () => {
	it("sends each as Meta's message at the top level of /v3/message", async () => {
		await run({
			credentials,
			parameters: [
				{ operation: 'sendDocument', to: '+91 78587 61234', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/menu.pdf', caption: 'Our menu', options: fast },
				{ operation: 'sendVideo', to: '+91 78587 61234', mediaSource: 'mediaId', mediaId: '7771', options: fast },
				{ operation: 'sendAudio', to: '+91 78587 61234', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/jingle.ogg', options: fast },
				{ operation: 'sendLocation', to: '+91 78587 61234', latitude: 19.075983, longitude: 72.877655, locationName: 'Gupshup', address: 'Goregaon, Mumbai', options: fast },
				{
					operation: 'sendList',
					to: '+91 78587 61234',
					bodyText: 'Choose a plan',
					listButtonText: 'Plans',
					rows: { row: [{ section: 'Monthly', id: 'm1', title: 'Basic' }, { section: 'Yearly', id: 'y1', title: 'Basic (save 20%)' }] },
					options: fast,
				},
			],
		});
		expect(server.requests.every((request) => request.url === `/partner/app/${APP}/v3/message`)).toBe(true);
		expect(server.requests.map((request) => request.body)).toEqual([
			meta('917858761234', { type: 'document', document: { link: 'https://cdn.example.com/menu.pdf', caption: 'Our menu' } }),
			meta('917858761234', { type: 'video', video: { id: '7771' } }),
			meta('917858761234', { type: 'audio', audio: { link: 'https://cdn.example.com/jingle.ogg' } }),
			meta('917858761234', { type: 'location', location: { latitude: 19.075983, longitude: 72.877655, name: 'Gupshup', address: 'Goregaon, Mumbai' } }),
			meta('917858761234', {
				type: 'interactive',
				interactive: {
					type: 'list',
					body: { text: 'Choose a plan' },
					action: {
						button: 'Plans',
						sections: [
							{ title: 'Monthly', rows: [{ id: 'm1', title: 'Basic' }] },
							{ title: 'Yearly', rows: [{ id: 'y1', title: 'Basic (save 20%)' }] },
						],
					},
				},
			}),
		]);
	});

	it('uploads a document from binary data as multipart file_type and file with the app token, then sends its media ID', async () => {
		const pdf = fileOf(4096, 9);
		await run({
			credentials,
			parameters: { operation: 'sendDocument', to: '+917858761234', mediaSource: 'binary', caption: 'Invoice INV-0042', options: fast },
			binary: { data: inMemoryBinary(pdf, 'application/pdf', 'INV-0042.pdf') },
		});
		const [upload, send] = server.requests;
		expect(upload.method).toBe('POST');
		expect(upload.url).toBe(`/partner/app/${APP}/media`);
		expect(upload.headers.authorization).toBe('sk_secret_partner_app_token');
		expect(upload.headers['user-agent']).toBe(USER_AGENT);
		expectMultipart(upload, [
			{ name: 'file_type', value: 'application/pdf' },
			{ name: 'file', filename: 'INV-0042.pdf', contentType: 'application/pdf', content: pdf },
		]);
		// The file's own name, since the Filename parameter was left empty.
		expect(send.body).toEqual(meta('917858761234', { type: 'document', document: { id: 'gs-media-1', caption: 'Invoice INV-0042', filename: 'INV-0042.pdf' } }));
	});

	it("explains Gupshup's refusal of uploads for apps that are not on the Cloud API", async () => {
		server.setHandler(() => ({ status: 400, body: { message: 'Only CAPI apps allowed to generate media ID', status: 'error' } }));
		const failure = await failureOf(
			run({
				credentials,
				parameters: { operation: 'sendAudio', to: '+917858761234', mediaSource: 'binary', options: fast },
				binary: { data: inMemoryBinary(fileOf(100), 'audio/ogg', 'note.ogg') },
			}),
		);
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Gupshup error: Only CAPI apps allowed to generate media ID',
			description:
				'HTTP 400 uploading binary file "data" (note.ogg), 100 bytes, for Item 1. Gupshup uploads media only for Cloud API apps: send the file by URL instead. Nothing was sent for this item.',
			httpCode: '400',
			providerCode: null,
			itemIndex: 0,
		});
		expect(server.requests).toHaveLength(1);
	});
});

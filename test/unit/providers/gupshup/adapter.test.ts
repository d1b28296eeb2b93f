import { GupshupPartnerApi } from '../../../../credentials/GupshupPartnerApi.credentials';
import { GupshupWhatsApp } from '../../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { Loopback, type Reply } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';

const run = nodeRunner(new GupshupWhatsApp(), new GupshupPartnerApi());
let counter = 0;
const accepted = (to: string): Reply => ({
	status: 200,
	body: { messages: [{ id: `gs-${++counter}` }], messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }] },
});
const acceptedFor = (request: { body: unknown }) => accepted((request.body as { to: string }).to);

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000 };

beforeAll(async () => {
	server = await new Loopback(acceptedFor).start();
	credentials = { appId: 'bf9ee64c-3d4d-4ac4-0000-732e577007c4', appToken: 'sk_secret_partner_app_token', baseUrl: server.url };
});
afterEach(() => {
	server.reset();
	server.setHandler(acceptedFor);
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Gupshup WhatsApp', () => {
	it('posts Meta-format image messages to /partner/app/<appId>/v3/message with the app token as Authorization', async () => {
		const output = await run({
			credentials,
			parameters: { operation: 'sendImage', to: '+91 78587 61234', imageSource: 'mediaId', mediaId: '1479537139650973', caption: 'The best succulent ever?', options: fast },
		});
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/partner/app/bf9ee64c-3d4d-4ac4-0000-732e577007c4/v3/message');
		expect(request.headers.authorization).toBe('sk_secret_partner_app_token');
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '917858761234',
			type: 'image',
			image: { id: '1479537139650973', caption: 'The best succulent ever?' },
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'gupshup',
					operation: 'sendImage',
					to: '917858761234',
					messageId: 'gs-1',
					status: 'accepted',
					response: {
						messages: [{ id: 'gs-1' }],
						messaging_product: 'whatsapp',
						contacts: [{ input: '917858761234', wa_id: '917858761234' }],
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('hands n8n the credential read once, so it is not loaded again for every request', async () => {
		const { credentialOptionsSeen } = await run.withContext({
			credentials,
			credentialId: 'cred-gupshup',
			parameters: [1, 2].map((n) => ({ operation: 'sendText', to: `+91785876000${n}`, text: 'hi', options: fast })),
		});
		expect(credentialOptionsSeen).toEqual([1, 2].map(() => ({
			credentialsDecrypted: { id: 'cred-gupshup', name: 'Test credential', type: 'gupshupPartnerApi', data: credentials },
		})));
	});

	it('sends text and buttons with a document header in the Meta shape', async () => {
		await run({
			credentials,
			parameters: [
				{ operation: 'sendText', to: '+917858761234', text: 'See https://example.com', previewUrl: true, options: { ...fast, concurrency: 1 } },
				{
					operation: 'sendButtons',
					to: '+917858761234',
					bodyText: 'Your invoice',
					buttons: { button: [{ id: 'pay', title: 'Pay now' }, { id: 'later', title: 'Later' }] },
					headerType: 'document',
					headerMediaUrl: 'https://example.com/invoice.pdf',
					footerText: 'Thanks',
				},
			],
		});
		expect(server.requests.map((request) => request.body)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '917858761234',
				type: 'text',
				text: { preview_url: true, body: 'See https://example.com' },
			},
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '917858761234',
				type: 'interactive',
				interactive: {
					type: 'button',
					header: { type: 'document', document: { link: 'https://example.com/invoice.pdf' } },
					body: { text: 'Your invoice' },
					footer: { text: 'Thanks' },
					action: {
						buttons: [
							{ type: 'reply', reply: { id: 'pay', title: 'Pay now' } },
							{ type: 'reply', reply: { id: 'later', title: 'Later' } },
						],
					},
				},
			},
		]);
	});

	it('keeps a relayed Meta error code and message', async () => {
		server.setHandler(() => ({
			status: 400,
			body: { error: { code: 131030, message: 'Recipient phone number not in allowed list', type: 'OAuthException', fbtrace_id: 'Ax1' }, status: 'error' },
		}));
		const failure = await failureOf(run({ credentials, parameters: { operation: 'sendText', to: '+917858761234', text: 'hi', options: fast } }));
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Gupshup error 131030: Recipient phone number not in allowed list',
			description: 'HTTP 400 for Item 1.',
			httpCode: '400',
			providerCode: '131030',
			itemIndex: 0,
		});
	});

	it.each([
		[401, 'Authentication Failed', 'Check the App Token in the Gupshup Partner API credential: it must be the partner app token of this app'],
		[400, 'Callback Billing must be enabled for this API', 'Enable Callback Billing for the app in the Gupshup Partner Portal'],
		[400, 'Invalid App Details', 'Check the App ID in the Gupshup Partner API credential'],
	])('explains HTTP %i "%s"', async (status, message, hint) => {
		server.setHandler(() => ({ status, body: { status: 'error', message } }));
		const failure = await failureOf(run({ credentials, parameters: { operation: 'sendText', to: '+917858761234', text: 'hi', options: fast } }));
		expect(failure.message).toBe(`Gupshup error: ${message}`);
		expect(failure.description).toBe(`HTTP ${status} for Item 1. ${hint}.`);
		expect(failure.providerCode).toBeNull();
		expect(server.requests).toHaveLength(1);
	});

	it('gives up after Max Retries on repeated 503s and fails only that item under Continue On Fail', async () => {
		server.setHandler((request) =>
			(request.body as { to: string }).to === '917858760002'
				? { status: 503, body: { status: 'error', message: 'Service Unavailable' }, headers: { 'Retry-After': '0' } }
				: acceptedFor(request),
		);
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [1, 2, 3].map((n) => ({ operation: 'sendText', to: `+91785876000${n}`, text: 'hi', options: { ...fast, maxRetries: 2 } })),
		});
		expect(server.requests.filter((request) => (request.body as { to: string }).to === '917858760002')).toHaveLength(3);
		expect(output[1]).toEqual({
			json: {
				error: {
					message: 'Gupshup error: Service Unavailable',
					description: 'HTTP 503 for Item 2.',
					httpCode: 503,
					providerCode: null,
				},
			},
			pairedItem: { item: 1 },
		});
		expect(output[0].json.status).toBe('accepted');
		expect(output[2].json.status).toBe('accepted');
	});

	it('refuses an out-of-range option naming it and the allowed range', async () => {
		const failure = await failureOf(
			run({ credentials, parameters: { operation: 'sendText', to: '+917858761234', text: 'hi', options: { concurrency: 0 } } }),
		);
		expect(failure.message).toBe('Option "Concurrency" is 0; allowed is 1 to 50');
		expect(server.requests).toHaveLength(0);
	});
});

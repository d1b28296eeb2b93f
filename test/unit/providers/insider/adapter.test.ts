import { InsiderApi } from '../../../../credentials/InsiderApi.credentials';
import { InsiderWhatsApp } from '../../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { Loopback, type ReceivedRequest } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';

const run = nodeRunner(new InsiderWhatsApp(), new InsiderApi());
const keysFor = (request: ReceivedRequest) => ({
	status: 200,
	body: {
		keys: (request.body as { messages: Array<{ phoneNumber: string }> }).messages.map(
			(message, index) => `whatsapp-${request.url}-${message.phoneNumber}-${index}`,
		),
	},
});

let server: Loopback;
let credentials: { authKey: string; baseUrl: string };
// Fast enough for tests; the rate limiter itself is tested on its own.
const fast = { requestsPerSecond: 1000 };

beforeAll(async () => {
	server = await new Loopback(keysFor).start();
	credentials = { authKey: 'INS.secret-key', baseUrl: `${server.url}/` };
});
afterEach(() => {
	server.reset();
	server.setHandler(keysFor);
});
afterAll(async () => await server.stop());

describe('Insider WhatsApp', () => {
	it('sends text to the conversational endpoint with the auth header, our User-Agent and E.164 numbers', async () => {
		const output = await run({
			credentials,
			parameters: { operation: 'sendText', to: '+1 (415) 555-0100', text: 'Hello *there*', previewUrl: true, options: fast },
		});
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/v1/conversational/send');
		expect(request.headers['x-ins-auth-key']).toBe('INS.secret-key');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers['user-agent']).toBe(USER_AGENT);
		expect(request.body).toEqual({
			messages: [
				{ phoneNumber: '+14155550100', message: { type: 'text', text: { preview_url: true, body: 'Hello *there*' } } },
			],
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'insider',
					operation: 'sendText',
					to: '+14155550100',
					messageId: 'whatsapp-/v1/conversational/send-+14155550100-0',
					status: 'accepted',
					response: { key: 'whatsapp-/v1/conversational/send-+14155550100-0' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends an image by link with caption, and by media ID without one', async () => {
		await run({
			credentials,
			parameters: [
				{ operation: 'sendImage', to: '0044 7700 900123', imageSource: 'url', imageUrl: 'https://cdn.example.com/a.png', caption: 'New in', options: fast },
				{ operation: 'sendImage', to: '+447700900124', imageSource: 'mediaId', mediaId: '1479537139650973', caption: '' },
			],
		});
		expect(server.requests.map((request) => request.body)).toEqual([
			{
				messages: [
					{ phoneNumber: '+447700900123', message: { type: 'image', image: { link: 'https://cdn.example.com/a.png', caption: 'New in' } } },
					{ phoneNumber: '+447700900124', message: { type: 'image', image: { id: '1479537139650973' } } },
				],
			},
		]);
	});

	it('sends buttons to the transactional endpoint by default, with header and footer', async () => {
		const output = await run({
			credentials,
			parameters: {
				operation: 'sendButtons',
				to: '+905321234567',
				bodyText: 'Is Tuesday fine?',
				buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
				headerType: 'text',
				headerText: 'Your appointment',
				footerText: 'Reply any time',
				options: fast,
			},
		});
		expect(server.requests[0].url).toBe('/v1/send');
		expect(server.requests[0].body).toEqual({
			messages: [
				{
					phoneNumber: '+905321234567',
					message: {
						type: 'interactive',
						interactive: {
							type: 'button',
							header: { type: 'text', text: 'Your appointment' },
							body: { text: 'Is Tuesday fine?' },
							footer: { text: 'Reply any time' },
							action: {
								buttons: [
									{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
									{ type: 'reply', reply: { id: 'no', title: 'No' } },
								],
							},
						},
					},
				},
			],
		});
		expect(output[0].json.operation).toBe('sendButtons');
	});

	it('sends an image header as Meta\'s media object, on the endpoint the node chooses', async () => {
		await run({
			credentials,
			parameters: {
				operation: 'sendButtons',
				endpoint: 'conversational',
				to: '+905321234567',
				bodyText: 'Like it?',
				buttons: { button: [{ id: 'y', title: 'Yes' }] },
				headerType: 'image',
				headerMediaUrl: 'https://cdn.example.com/h.jpg',
				options: fast,
			},
		});
		expect(server.requests[0].url).toBe('/v1/conversational/send');
		const { interactive } = (server.requests[0].body as { messages: Array<{ message: { interactive: Record<string, unknown> } }> })
			.messages[0].message;
		expect(interactive.header).toEqual({ type: 'image', image: { link: 'https://cdn.example.com/h.jpg' } });
		expect(interactive).not.toHaveProperty('footer');
	});

	it('packs items into batches of the batch size and maps each key back to its item, in order', async () => {
		const parameters = Array.from({ length: 250 }, (_, index) => ({
			operation: 'sendText',
			to: `+1415555${String(index).padStart(4, '0')}`,
			text: `message ${index}`,
			options: { ...fast, batchSize: 100, concurrency: 3 },
		}));
		const output = await run({ credentials, parameters });
		expect(server.requests.map((request) => (request.body as { messages: unknown[] }).messages.length).sort()).toEqual([100, 100, 50]);
		expect(output).toHaveLength(250);
		const sentTexts = new Map<string, string>();
		for (const request of server.requests) {
			(request.body as { messages: Array<{ phoneNumber: string; message: { text: { body: string } } }> }).messages.forEach(
				(message, index) => sentTexts.set(`whatsapp-${request.url}-${message.phoneNumber}-${index}`, message.message.text.body),
			);
		}
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.to).toBe(`+1415555${String(index).padStart(4, '0')}`);
			expect(sentTexts.get(item.json.messageId as string)).toBe(`message ${index}`);
		});
		expect(new Set(output.map((item) => item.json.messageId)).size).toBe(250);
	});

	it('without a Batch Size option, carries 1000 messages a request', async () => {
		const parameters = Array.from({ length: 2001 }, (_, index) => ({
			operation: 'sendText',
			to: `+1415555${String(index).padStart(4, '0')}`,
			text: `message ${index}`,
			options: fast,
		}));
		const output = await run({ credentials, parameters });
		expect(server.requests.map((request) => (request.body as { messages: unknown[] }).messages.length).sort()).toEqual([1, 1000, 1000]);
		expect(output).toHaveLength(2001);
	});

	it('checks every item before sending anything, naming the item, the field and the limit', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: [
					{ operation: 'sendText', to: '+14155550100', text: 'fine' },
					{ operation: 'sendText', to: '+14155550101', text: 'fine' },
					{
						operation: 'sendButtons',
						to: '+14155550102',
						bodyText: 'Pick',
						buttons: { button: [{ id: 'a', title: 'Yes' }, { id: 'b', title: 'A title of 23 letters!!' }] },
					},
				],
			}),
		);
		expect(failure).toEqual({
			name: 'NodeOperationError',
			message: 'Item 3: button 2 title is 23 characters; WhatsApp allows at most 20',
			description: 'Check the "buttons" parameter. Nothing was sent for this item.',
			httpCode: null,
			providerCode: null,
			itemIndex: 2,
		});
		expect(server.requests).toHaveLength(0);
	});

	it('refuses emoji in button IDs, which Insider does not accept', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: { operation: 'sendButtons', to: '+14155550102', bodyText: 'Pick', buttons: { button: [{ id: 'yes👍', title: 'Yes' }] } },
			}),
		);
		expect(failure.message).toBe('Item 1: button 1 ID "yes👍" contains an emoji; Insider allows none in button IDs');
	});

	it('with Continue On Fail, invalid items become error items and the valid ones are still sent', async () => {
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				{ operation: 'sendText', to: '+14155550100', text: 'one', options: fast },
				{ operation: 'sendText', to: '07700 900123', text: 'two' },
				{ operation: 'sendText', to: '+14155550102', text: 'three' },
			],
		});
		expect(server.requests).toHaveLength(1);
		expect((server.requests[0].body as { messages: unknown[] }).messages).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({
			error: {
				message: 'Item 2: recipient number "07700 900123" is a national number; add the country code (e.g. +44…)',
				description: 'Check the "to" parameter. Nothing was sent for this item.',
				httpCode: null,
				providerCode: null,
			},
		});
		expect(output[0].json.messageId).toBe('whatsapp-/v1/conversational/send-+14155550100-0');
		expect(output[2].json.messageId).toBe('whatsapp-/v1/conversational/send-+14155550102-1');
	});

	it('turns 403 ip-restricted into a NodeApiError with code 1088 and the allow-list hint, without retrying', async () => {
		server.setHandler(() => ({
			status: 403,
			body: { message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } },
		}));
		const failure = await failureOf(
			run({ credentials, parameters: { operation: 'sendText', to: '+14155550100', text: 'hi', options: fast } }),
		);
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Insider One error 1088: ip-restricted',
			description:
				'HTTP 403 for Item 1. Insider blocked the request (Cloudflare, code 1088): allow-list the IP address of your n8n host in InOne, or check that no proxy replaces the User-Agent header.',
			httpCode: '403',
			providerCode: '1088',
			itemIndex: 0,
		});
		expect(server.requests).toHaveLength(1);
	});

	it('turns 413 into a NodeApiError that says to lower Batch Size, without retrying', async () => {
		server.setHandler(() => ({ status: 413, body: { message: 'request entity too large' } }));
		const failure = await failureOf(
			run({ credentials, parameters: { operation: 'sendText', to: '+14155550100', text: 'hi', options: fast } }),
		);
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Insider One error: request entity too large',
			description: 'HTTP 413 for Item 1. The request was too large for Insider: lower Batch Size under Options.',
			httpCode: '413',
			providerCode: null,
			itemIndex: 0,
		});
		expect(server.requests).toHaveLength(1);
	});

	it('names every item of a refused batch, and keeps secrets out of the error', async () => {
		server.setHandler(() => ({ status: 401, body: { message: 'unauthorized' } }));
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				{ operation: 'sendText', to: '+14155550100', text: 'a', options: fast },
				{ operation: 'sendText', to: '+14155550101', text: 'b' },
			],
		});
		expect(output).toEqual([
			{
				json: {
					error: {
						message: 'Insider One error: unauthorized',
						description: 'HTTP 401 for Item 1 and the 1 sent with it. Check the Auth Key in the Insider One API credential.',
						httpCode: 401,
						providerCode: null,
					},
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: {
						message: 'Insider One error: unauthorized',
						description: 'HTTP 401 for Item 2 and the 1 sent with it. Check the Auth Key in the Insider One API credential.',
						httpCode: 401,
						providerCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('INS.secret-key');
	});

	it('retries a 429 after its Retry-After, then succeeds without sending the message twice', async () => {
		server.setHandler((request, index) =>
			index === 0 ? { status: 429, body: { message: 'rate limited' }, headers: { 'Retry-After': '0' } } : keysFor(request),
		);
		const output = await run({ credentials, parameters: { operation: 'sendText', to: '+14155550100', text: 'hi', options: fast } });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].body).toEqual(server.requests[0].body);
		expect(output).toHaveLength(1);
		expect(output[0].json.status).toBe('accepted');
	});

	it('fails when Insider answers a different number of keys than messages sent', async () => {
		server.setHandler(() => ({ status: 200, body: { keys: ['only-one'] } }));
		const failure = await failureOf(
			run({
				credentials,
				parameters: [
					{ operation: 'sendText', to: '+14155550100', text: 'a', options: fast },
					{ operation: 'sendText', to: '+14155550101', text: 'b' },
				],
			}),
		);
		expect(failure.message).toBe(
			'Insider One error: the answer could not be matched to the 2 message(s) sent; they may have been accepted, so check before sending again',
		);
		expect(failure.httpCode).toBe('200');
	});
});

import type { IAllExecuteFunctions } from 'n8n-workflow';

import { KaleyraApi } from '../../../../credentials/KaleyraApi.credentials';
import { KaleyraWhatsApp } from '../../../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { kaleyraBaseUrl } from '../../../../nodes/providers/kaleyra/constants';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { makeExecuteContext } from '../../helpers/execute-context';
import { Loopback, type Reply } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';

const run = nodeRunner(new KaleyraWhatsApp(), new KaleyraApi());
let counter = 0;
const accepted = (): Reply => ({
	status: 202,
	body: { code: 'WA202', message: 'Request Accepted', data: { message_id: `kal-${++counter}` }, error: {} },
});
const kaleyraError = (status: number, code: string, message: string): Reply => ({
	status,
	body: { code, message, data: {}, error: { detail: message } },
});

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000 };

beforeAll(async () => {
	server = await new Loopback(accepted).start();
	credentials = { sid: 'HXAP16000000097IN', apiKey: 'A-secret-kaleyra-key', region: 'custom', baseUrl: server.url, businessNumber: '+91 90000 00001' };
});
afterEach(() => {
	server.reset();
	server.setHandler(accepted);
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Kaleyra WhatsApp', () => {
	it('posts text to /v2/<SID>/whatsapp/<business number>/messages with the api-key header and a digits-only recipient', async () => {
		const output = await run({
			credentials,
			parameters: { operation: 'sendText', to: '+91 98765-43210', text: 'Namaste', options: fast },
		});
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/v2/HXAP16000000097IN/whatsapp/+919000000001/messages');
		expect(request.headers['api-key']).toBe('A-secret-kaleyra-key');
		expect(request.headers['user-agent']).toBe(USER_AGENT);
		expect(request.body).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'text',
				text: { preview_url: false, body: 'Namaste' },
			},
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'kaleyra',
					operation: 'sendText',
					to: '919876543210',
					messageId: 'kal-1',
					status: 'accepted',
					response: { code: 'WA202', message: 'Request Accepted', data: { message_id: 'kal-1' }, error: {} },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends an image with extra_info refs and the sender override from the options', async () => {
		await run({
			credentials,
			parameters: {
				operation: 'sendImage',
				to: '0091 98765 43210',
				imageSource: 'url',
				imageUrl: 'https://cdn.example.com/offer.png',
				caption: 'Diwali offer',
				options: { ...fast, from: '+91 90000 00002', ref: 'customer-1', ref1: 'marketing', ref2: 'dictionary', waSource: 'zapier' },
			},
		});
		const [request] = server.requests;
		expect(request.url).toBe('/v2/HXAP16000000097IN/whatsapp/+919000000002/messages');
		expect(request.body).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'image',
				image: { link: 'https://cdn.example.com/offer.png', caption: 'Diwali offer' },
			},
			extra_info: { ref: 'customer-1', ref1: 'marketing', ref2: 'dictionary', wa_source: 'zapier' },
		});
	});

	it('sends one request per message for buttons, each answered with its own message id', async () => {
		const output = await run({
			credentials,
			parameters: [1, 2, 3].map((n) => ({
				operation: 'sendButtons',
				to: `+9198765432${n}0`,
				bodyText: `Confirm order ${n}?`,
				buttons: { button: [{ id: `confirm-${n}`, title: 'Confirm' }] },
				headerType: 'none',
				options: { ...fast, concurrency: 1 },
			})),
		});
		expect(server.requests).toHaveLength(3);
		expect(server.requests[2].body).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543230',
				type: 'interactive',
				interactive: {
					type: 'button',
					body: { text: 'Confirm order 3?' },
					action: { buttons: [{ type: 'reply', reply: { id: 'confirm-3', title: 'Confirm' } }] },
				},
			},
		});
		expect(output.map((item) => [item.json.messageId, item.pairedItem])).toEqual([
			['kal-1', { item: 0 }],
			['kal-2', { item: 1 }],
			['kal-3', { item: 2 }],
		]);
	});

	it('never has more requests under way than the concurrency option, however many items', async () => {
		let inFlight = 0;
		let peak = 0;
		const { ctx } = makeExecuteContext({
			credentialType: 'kaleyraApi',
			credentialClass: new KaleyraApi(),
			credentials,
			itemCount: 300,
			parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: { requestsPerSecond: 10_000, concurrency: 7 } },
		});
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (this: IAllExecuteFunctions, ...args: Parameters<typeof send>) {
			inFlight++;
			peak = Math.max(peak, inFlight);
			try {
				return await send.apply(this, args);
			} finally {
				inFlight--;
			}
		};
		const [output] = await new KaleyraWhatsApp().execute.call(ctx);
		expect(output).toHaveLength(300);
		expect(peak).toBe(7);
		expect(server.requests).toHaveLength(300);
	});

	it.each([
		['in', 'https://api.in.kaleyra.io'],
		['sg', 'https://api.ap.kaleyra.io'],
		['eu', 'https://api.eu.kaleyra.io'],
		['na', 'https://api.na.kaleyra.ai'],
	])('region %s sends to %s', (region, url) => {
		expect(kaleyraBaseUrl({ region, baseUrl: 'http://ignored' })).toBe(url);
	});

	it('keeps E110 as a NodeApiError with the provider code and the top-up hint, and never retries it', async () => {
		server.setHandler(() => kaleyraError(400, 'E110', 'Please check your balance, You have a low balance!'));
		const failure = await failureOf(run({ credentials, parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: fast } }));
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Kaleyra error E110: Please check your balance, You have a low balance!',
			description: 'HTTP 400 for Item 1. Your Kaleyra balance is too low: top up the account on kaleyra.io.',
			httpCode: '400',
			providerCode: 'E110',
			itemIndex: 0,
		});
		expect(server.requests).toHaveLength(1);
	});

	it('stops starting requests after a final failure when Continue On Fail is off', async () => {
		server.setHandler((_, index) => (index === 0 ? kaleyraError(401, 'RBC001', 'Incorrect SID or API key.') : accepted()));
		const failure = await failureOf(
			run({
				credentials,
				parameters: [1, 2, 3, 4].map((n) => ({ operation: 'sendText', to: `+9198765432${n}0`, text: 'hi', options: { ...fast, concurrency: 1 } })),
			}),
		);
		expect(failure.message).toBe('Kaleyra error RBC001: Incorrect SID or API key.');
		expect(failure.description).toBe(
			'HTTP 401 for Item 1. Check the SID and API key in the Kaleyra API credential, and that its region is the pod of your account.',
		);
		expect(server.requests).toHaveLength(1);
	});

	it('says how many messages were already accepted when a later failure stops the node', async () => {
		server.setHandler((_, index) => (index === 1 ? kaleyraError(400, 'E110', 'Please check your balance, You have a low balance!') : accepted()));
		const failure = await failureOf(
			run({
				credentials,
				parameters: [1, 2, 3, 4].map((n) => ({ operation: 'sendText', to: `+9198765432${n}0`, text: 'hi', options: { ...fast, concurrency: 1 } })),
			}),
		);
		expect(failure.description).toBe(
			'HTTP 400 for Item 2. Your Kaleyra balance is too low: top up the account on kaleyra.io. ' +
				'1 of 4 messages had been accepted when the node stopped; the other 3 were not sent or failed. ' +
				'A re-run sends all of them again: with Settings → On Error → Continue, every item is sent and comes out with its own result.',
		);
		expect(failure.itemIndex).toBe(1);
		expect(server.requests).toHaveLength(2);
	});

	it('with Continue On Fail, a failed message becomes an error item and the others are sent', async () => {
		server.setHandler((request) =>
			(request.body as { messaging_object: { to: string } }).messaging_object.to === '919876543220'
				? kaleyraError(400, 'WA400', 'Refer to correct payload format')
				: accepted(),
		);
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [1, 2, 3].map((n) => ({ operation: 'sendText', to: `+9198765432${n}0`, text: 'hi', options: { ...fast, concurrency: 1 } })),
		});
		expect(output).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'kal-1' }), pairedItem: { item: 0 } }),
			{
				json: {
					error: {
						message: 'Kaleyra error WA400: Refer to correct payload format',
						description: 'HTTP 400 for Item 2.',
						httpCode: 400,
						providerCode: 'WA400',
					},
				},
				pairedItem: { item: 1 },
			},
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'kal-2' }), pairedItem: { item: 2 } }),
		]);
		expect(JSON.stringify(output)).not.toContain('A-secret-kaleyra-key');
	});

	it('does not send again after a 500 (WA500) or a dropped connection: the provider may have accepted it', async () => {
		server.setHandler(() => kaleyraError(500, 'WA500', 'Please try again later'));
		const failure = await failureOf(run({ credentials, parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: fast } }));
		expect(server.requests).toHaveLength(1);
		expect(failure.message).toBe('Kaleyra error WA500: Please try again later; the request may have been accepted by Kaleyra');
		server.reset();
		server.setHandler(() => 'drop');
		await failureOf(run({ credentials, parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: fast } }));
		expect(server.requests).toHaveLength(1);
	});

	it('with Retry Uncertain Failures, retries a 500 (WA500) and a dropped connection, then succeeds', async () => {
		server.setHandler((_, index) =>
			index === 0 ? kaleyraError(500, 'WA500', 'Please try again later') : index === 1 ? 'drop' : accepted(),
		);
		const output = await run({ credentials, parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: { ...fast, retryUncertain: true } } });
		expect(server.requests).toHaveLength(3);
		expect(output[0].json.messageId).toBe('kal-1');
	});

	it('refuses a ref over 255 characters and an unknown WA source before sending', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: { operation: 'sendText', to: '+919876543210', text: 'hi', options: { ref1: 'r'.repeat(256), waSource: 'myapp' } },
			}),
		);
		expect(failure.message).toBe(
			'Item 1: ref1 is 256 characters; WhatsApp allows at most 255 (and WA source "myapp" is not one of api, braze, clevertap, eloqua, hubspot, leadsquared, moengage, responsys, salesforce, shopify, webengage, zapier, zoho)',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('names the credential field when its business number is unusable', async () => {
		const failure = await failureOf(
			run({
				credentials: { ...credentials, businessNumber: '' },
				parameters: { operation: 'sendText', to: '+919876543210', text: 'hi' },
			}),
		);
		expect(failure.message).toBe('Item 1: sender number (credential Business Number) is empty');
		expect(failure.description).toBe('Check the "businessNumber" parameter. Nothing was sent for this item.');
	});
});

import type { IDataObject } from 'n8n-workflow';

import { GupshupPartnerApi } from '../../../credentials/GupshupPartnerApi.credentials';
import { InsiderApi } from '../../../credentials/InsiderApi.credentials';
import { KaleyraApi } from '../../../credentials/KaleyraApi.credentials';
import { GupshupWhatsApp } from '../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { InsiderWhatsApp } from '../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { KaleyraWhatsApp } from '../../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { USER_AGENT } from '../../../nodes/shared/transport';
import { Loopback, type ReceivedRequest, type Reply } from '../helpers/loopback';
import { failureOf, nodeRunner } from '../helpers/run-node';

// The conversation operations, request by request, as each provider's page documents them:
//   Insider  "Send Typing Indicator for Conversational WhatsApp API"
//            https://academy.insiderone.com/docs/send-typing-indicator-for-conversational-whatsapp-api
//   Kaleyra  "Send Read Receipt Messages" https://developers.kaleyra.io/docs/whatsapp_message_api_v2_send-read-receipt-messages
//            "Send Reaction Messages" https://developers.kaleyra.io/docs/whatsapp-api-v2-send-reaction-messages
//            "Send Interactive Call-to-Action URL Button Messages"
//            https://developers.kaleyra.io/docs/whatsapp-message-api-v2-send-interactive-call-to-action-url-button-messages
//            "Send Reply to Messages" https://developers.kaleyra.io/docs/whatsapp-api-v2-send-reply-to-messages
//   Gupshup  "Mark message as Read/Typing indicator" https://partner-docs.gupshup.io/reference/voicecallaction-1
//            "Reaction Message" https://partner-docs.gupshup.io/reference/post_partner-app-appid-v3-reaction-message
//            "Interactive Message" (button, list, cta_url) https://partner-docs.gupshup.io/reference/post_partner-app-appid-v3-interactive-message
const WAMID = 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggQjA0QTlFQzY2MzE5NTNBMTc4RDMxQ0RBMkQ4OEIyODEA';
const fast = { requestsPerSecond: 1000 };
const ctaParameters = {
	operation: 'sendCtaUrl',
	to: '+91 98765 43210',
	bodyText: 'Your order has shipped',
	buttonText: 'Track order',
	url: 'https://shop.example/track/1',
	headerType: 'text',
	headerText: 'Order 1',
	footerText: 'Shop Example',
};
const ctaInteractive = {
	type: 'cta_url',
	header: { type: 'text', text: 'Order 1' },
	body: { text: 'Your order has shipped' },
	footer: { text: 'Shop Example' },
	action: { name: 'cta_url', parameters: { display_text: 'Track order', url: 'https://shop.example/track/1' } },
};

let server: Loopback;
let reply: (request: ReceivedRequest) => Reply;
beforeAll(async () => {
	server = await new Loopback((request) => reply(request)).start();
});
afterEach(() => server.reset());
afterAll(async () => await server.stop());

const json = (request: ReceivedRequest) => request.body as IDataObject;

describe('Insider One: Mark as Read through the typing indicator', () => {
	const run = nodeRunner(new InsiderWhatsApp(), new InsiderApi());
	const credentials = () => ({ authKey: 'INS.secret-auth-key', baseUrl: server.url, phoneNumberId: ' 106540352242922 ' });
	beforeEach(() => (reply = () => ({ status: 200, body: { success: true } })));

	it('posts Meta\'s read status with the typing indicator to /v1/{PHONE_NUMBER_ID}/messages, one request per item, never batched', async () => {
		const output = await run({
			credentials: credentials(),
			parameters: [
				{ operation: 'markAsRead', messageId: WAMID, typingIndicator: true, options: fast },
				{ operation: 'markAsRead', messageId: 'wamid.second', typingIndicator: true, options: fast },
			],
		});
		expect(server.requests.map((r) => [r.method, r.url, r.headers['x-ins-auth-key'], r.headers['user-agent'], r.headers['content-type']])).toEqual([
			['POST', '/v1/106540352242922/messages', 'INS.secret-auth-key', USER_AGENT, 'application/json'],
			['POST', '/v1/106540352242922/messages', 'INS.secret-auth-key', USER_AGENT, 'application/json'],
		]);
		expect(server.requests.map(json)).toEqual([
			{ messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } },
			{ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.second', typing_indicator: { type: 'text' } },
		]);
		expect(output).toEqual([
			{ json: { provider: 'insider', operation: 'markAsRead', to: null, messageId: WAMID, status: 'accepted', response: { success: true } }, pairedItem: { item: 0 } },
			{ json: { provider: 'insider', operation: 'markAsRead', to: null, messageId: 'wamid.second', status: 'accepted', response: { success: true } }, pairedItem: { item: 1 } },
		]);
	});

	it('sends messages of the same execution in their batch and the action in a request of its own', async () => {
		reply = (request) => (request.url === '/v1/conversational/send' ? { status: 200, body: { keys: ['whatsapp-k1', 'whatsapp-k2'] } } : { status: 200, body: { success: true } });
		const output = await run({
			credentials: credentials(),
			parameters: [
				{ operation: 'sendText', to: '+919876543210', text: 'One', options: fast },
				{ operation: 'markAsRead', messageId: WAMID, typingIndicator: true, options: fast },
				{ operation: 'sendText', to: '+919876543211', text: 'Two', options: fast },
			],
		});
		expect(server.requests.map((r) => r.url)).toEqual(['/v1/conversational/send', '/v1/106540352242922/messages']);
		expect((json(server.requests[0]).messages as unknown[]).length).toBe(2);
		expect(output.map((item) => [item.json.operation, item.json.messageId, item.pairedItem])).toEqual([
			['sendText', 'whatsapp-k1', { item: 0 }],
			['markAsRead', WAMID, { item: 1 }],
			['sendText', 'whatsapp-k2', { item: 2 }],
		]);
	});

	it('refuses before sending: typing indicator off (Insider marks read only with it), and a credential without Phone Number ID', async () => {
		expect(await failureOf(run({ credentials: credentials(), parameters: { operation: 'markAsRead', messageId: WAMID, options: fast } }))).toEqual({
			name: 'NodeOperationError',
			message:
				'Item 1: typing indicator is off; Insider marks a message as read only together with the typing indicator ("Send Typing Indicator for Conversational WhatsApp API"): turn Typing Indicator on',
			description: 'Check the "typingIndicator" parameter. Nothing was sent for this item.',
			httpCode: null,
			providerCode: null,
			itemIndex: 0,
		});
		const withoutId = { authKey: 'INS.secret-auth-key', baseUrl: server.url };
		expect(await failureOf(run({ credentials: withoutId, parameters: { operation: 'markAsRead', messageId: WAMID, typingIndicator: true, options: fast } }))).toMatchObject({
			message: "Item 1: the Insider One API credential has no Phone Number ID, which Insider's typing indicator needs: add it to the credential",
			description: 'Check the "phoneNumberId" parameter. Nothing was sent for this item.',
		});
		expect(server.requests).toEqual([]);
	});
});

describe('Kaleyra: read receipts, reactions, link buttons and quoted replies', () => {
	const run = nodeRunner(new KaleyraWhatsApp(), new KaleyraApi());
	const creds = () => ({ sid: 'HXAP16000000097IN', apiKey: 'A-secret-kaleyra-key', region: 'custom', baseUrl: server.url, businessNumber: '+91 90000 00001' });
	const PATH = '/v2/HXAP16000000097IN/whatsapp/+919000000001/messages';
	let counter = 0;
	beforeEach(() => {
		counter = 0;
		reply = () => ({ status: 202, body: { code: 'WA202', message: 'Request Accepted', data: { message_id: `kal-${++counter}` }, error: {} } });
	});
	const assertKaleyra = (request: ReceivedRequest) => {
		expect([request.method, request.url, request.headers['api-key'], request.headers['user-agent'], request.headers['content-type']]).toEqual([
			'POST',
			PATH,
			'A-secret-kaleyra-key',
			USER_AGENT,
			'application/json',
		]);
	};

	it('marks as read with messaging_object { messaging_product, status, message_id } and the extra_info refs on the messages endpoint', async () => {
		reply = () => ({ status: 200, body: { code: 'WA200', message: 'Request Processed Successfully', data: {}, error: {} } });
		const output = await run({ credentials: creds(), parameters: { operation: 'markAsRead', messageId: WAMID, options: { ...fast, ref: 'ticket-7' } } });
		assertKaleyra(server.requests[0]);
		expect(json(server.requests[0])).toEqual({
			messaging_object: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID },
			extra_info: { ref: 'ticket-7' },
		});
		expect(output).toEqual([
			{
				json: { provider: 'kaleyra', operation: 'markAsRead', to: null, messageId: WAMID, status: 'accepted', response: { code: 'WA200', message: 'Request Processed Successfully', data: {}, error: {} } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a reaction, a removal and a CTA URL message in Meta\'s format inside messaging_object', async () => {
		const output = await run({
			credentials: creds(),
			parameters: [
				{ operation: 'sendReaction', to: '+91 98765 43210', messageId: WAMID, emoji: '👍', options: fast },
				{ operation: 'sendReaction', to: '+91 98765 43210', messageId: WAMID, emoji: '', options: fast },
				{ ...ctaParameters, options: fast },
			],
		});
		server.requests.forEach(assertKaleyra);
		const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210' };
		expect(server.requests.map(json)).toEqual([
			{ messaging_object: { ...base, type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' } } },
			{ messaging_object: { ...base, type: 'reaction', reaction: { message_id: WAMID, emoji: '' } } },
			{ messaging_object: { ...base, type: 'interactive', interactive: ctaInteractive } },
		]);
		expect(output.map((item) => [item.json.operation, item.json.to, item.json.messageId])).toEqual([
			['sendReaction', '919876543210', 'kal-1'],
			['sendReaction', '919876543210', 'kal-2'],
			['sendCtaUrl', '919876543210', 'kal-3'],
		]);
	});

	it('quotes the message of Reply To Message ID with Meta\'s context', async () => {
		await run({ credentials: creds(), parameters: { operation: 'sendText', to: '+919876543210', text: 'It ships today', options: { ...fast, replyToMessageId: WAMID } } });
		expect(json(server.requests[0])).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'text',
				text: { preview_url: false, body: 'It ships today' },
				context: { message_id: WAMID },
			},
		});
	});

	it('refuses the typing indicator, which Kaleyra\'s read receipt does not have, before sending', async () => {
		expect(await failureOf(run({ credentials: creds(), parameters: { operation: 'markAsRead', messageId: WAMID, typingIndicator: true, options: fast } }))).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 1: typing indicator is on; Kaleyra\'s read receipt has no typing indicator ("Send Read Receipt Messages"): turn Typing Indicator off',
			description: 'Check the "typingIndicator" parameter. Nothing was sent for this item.',
		});
		expect(server.requests).toEqual([]);
	});

	it('with Continue On Fail, fails only the items that fail: a refusal, a provider error, and the ones that went through', async () => {
		reply = (request) =>
			(json(request).messaging_object as IDataObject).message_id === 'wamid.unknown'
				? { status: 400, body: { code: 'WA400', message: 'Refer to correct payload format', data: {}, error: { payload: 'Incorrect payload format' } } }
				: { status: 202, body: { code: 'WA202', message: 'Request Accepted', data: { message_id: 'kal-ok' }, error: {} } };
		const output = await run({
			credentials: creds(),
			continueOnFail: true,
			parameters: [
				{ operation: 'markAsRead', messageId: WAMID, options: fast },
				{ operation: 'markAsRead', messageId: 'wamid.unknown', options: fast },
				{ operation: 'sendReaction', to: '+919876543210', messageId: WAMID, emoji: 'thumbs up', options: fast },
				{ operation: 'sendReaction', to: '+919876543210', messageId: WAMID, emoji: '🙏', options: fast },
			],
		});
		expect(server.requests.length).toBe(3);
		expect(output.map((item) => [item.pairedItem, item.json.status ?? null, (item.json.error as IDataObject | undefined)?.message ?? null])).toEqual([
			[{ item: 0 }, 'accepted', null],
			[{ item: 1 }, null, 'Kaleyra error WA400: Refer to correct payload format'],
			[{ item: 2 }, null, 'Item 3: emoji "thumbs up" is not one emoji; give one emoji, or leave it empty to remove the reaction'],
			[{ item: 3 }, 'accepted', null],
		]);
	});
});

describe('Gupshup: read events with the typing indicator, reactions and link buttons', () => {
	const run = nodeRunner(new GupshupWhatsApp(), new GupshupPartnerApi());
	const creds = () => ({ appId: 'bf9ee64c-3d4d-4ac4-0000-732e577007c4', appToken: 'sk_secret_partner_app_token', baseUrl: server.url });
	beforeEach(() => {
		reply = (request) =>
			request.url.endsWith('/v1/event')
				? { status: 200, body: { status: 'success' } }
				: { status: 200, body: { messages: [{ id: 'gs-1' }], messaging_product: 'whatsapp', contacts: [{ input: '919876543210', wa_id: '919876543210' }] } };
	});
	const assertGupshup = (request: ReceivedRequest, path: string) => {
		expect([request.method, request.url, request.headers.authorization, request.headers['user-agent'], request.headers['content-type']]).toEqual([
			'POST',
			`/partner/app/bf9ee64c-3d4d-4ac4-0000-732e577007c4${path}`,
			'sk_secret_partner_app_token',
			USER_AGENT,
			'application/json',
		]);
	};

	it('marks as read, with and without the typing indicator, as a message-event on /partner/app/{appId}/v1/event', async () => {
		const output = await run({
			credentials: creds(),
			parameters: [
				{ operation: 'markAsRead', messageId: WAMID, typingIndicator: true, options: fast },
				{ operation: 'markAsRead', messageId: 'wamid.second', options: fast },
			],
		});
		server.requests.forEach((request) => assertGupshup(request, '/v1/event'));
		expect(server.requests.map(json)).toEqual([
			{ type: 'message-event', message: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } } },
			{ type: 'message-event', message: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.second' } },
		]);
		expect(output.map((item) => item.json)).toEqual([
			{ provider: 'gupshup', operation: 'markAsRead', to: null, messageId: WAMID, status: 'accepted', response: { status: 'success' } },
			{ provider: 'gupshup', operation: 'markAsRead', to: null, messageId: 'wamid.second', status: 'accepted', response: { status: 'success' } },
		]);
	});

	it('sends a reaction and a CTA URL message to /v3/message in Meta\'s format', async () => {
		await run({
			credentials: creds(),
			parameters: [
				{ operation: 'sendReaction', to: '+91 98765 43210', messageId: WAMID, emoji: '❤️', options: fast },
				{ ...ctaParameters, options: fast },
			],
		});
		server.requests.forEach((request) => assertGupshup(request, '/v3/message'));
		const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210' };
		expect(server.requests.map(json)).toEqual([
			{ ...base, type: 'reaction', reaction: { message_id: WAMID, emoji: '❤️' } },
			{ ...base, type: 'interactive', interactive: ctaInteractive },
		]);
	});

	it("keeps Gupshup's refusal of a read event with its hint", async () => {
		reply = () => ({ status: 400, body: { message: 'Outbound event not supported', status: 'error' } });
		expect(await failureOf(run({ credentials: creds(), parameters: { operation: 'markAsRead', messageId: 'wamid.sent-by-us', options: fast } }))).toEqual({
			name: 'NodeApiError',
			message: 'Gupshup error: Outbound event not supported',
			description:
				"HTTP 400 for Item 1. Gupshup refused the read event: give the ID of a message this app received (the WhatsApp BSP Trigger's messageId), within 30 days.",
			httpCode: '400',
			providerCode: null,
			itemIndex: 0,
		});
	});

	it('retries a 503 on the event route like any request', async () => {
		let calls = 0;
		reply = () => (++calls === 1 ? { status: 503, body: { status: 'error', message: 'Service Unavailable' } } : { status: 200, body: { status: 'success' } });
		const output = await run({ credentials: creds(), parameters: { operation: 'markAsRead', messageId: WAMID, options: fast } });
		expect(server.requests.length).toBe(2);
		expect(output[0].json.status).toBe('accepted');
	});
});

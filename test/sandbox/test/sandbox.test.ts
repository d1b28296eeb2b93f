// The sandbox's own tests (moved from test/unit/sandbox.test.ts): provider formats, faults, limits, recording, callbacks.
// Templates and the customer-service window: templates.test.ts and service-window.test.ts.

import { createSandbox, DEFAULT_CREDENTIALS, Sandbox } from '../server';
import { buildCallbackBodies, wamidFor } from '../callbacks';
import {
	request,
	startReceiver,
	until,
	CallOptions,
	Receiver,
	INSIDER_HEADERS,
	KALEYRA_HEADERS,
	GUPSHUP_HEADERS,
	KALEYRA_PATH,
	GUPSHUP_PATH,
	SUBSCRIPTION_PATH,
} from './helpers';

let sb: Sandbox;

const call = (method: string, path: string, options: CallOptions = {}) => request(sb.url, method, path, options);
const control = (method: string, path: string, body?: unknown) => call(method, `/__sandbox/${path}`, { body });
const configure = async (patch: object) => expect((await control('PUT', 'config', patch)).status).toBe(200);

const text = (body: string) => ({ type: 'text', text: { body } });
const insiderBody = (...messages: object[]) => ({ messages: messages.map((message) => ({ phoneNumber: '+14155550100', message })) });
const kaleyraBody = (content: object = text('hello')) => ({
	messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '14155550100', ...content },
	extra_info: { ref: 'order-1' },
});
const gupshupBody = (content: object = text('hello')) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '14155550100', ...content });

const sendInsider = (body: unknown = insiderBody(text('hello')), path = '/v1/conversational/send') => call('POST', path, { headers: INSIDER_HEADERS, body });
const sendKaleyra = (body: unknown = kaleyraBody()) => call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body });
const sendGupshup = (body: unknown = gupshupBody()) => call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body });

const buttons = (count: number) => ({
	type: 'interactive',
	interactive: {
		type: 'button',
		body: { text: 'Pick one' },
		action: { buttons: Array.from({ length: count }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Option ${i}` } })) },
	},
});

let receiver: Receiver;

beforeAll(async () => {
	sb = await createSandbox();
	receiver = await startReceiver();
});

afterAll(async () => {
	await sb.close();
	await receiver.close();
});

beforeEach(async () => {
	await control('POST', 'reset');
	receiver.received.length = 0;
});

describe('Insider One', () => {
	it('answers one unique key per message, in order, on both endpoints', async () => {
		const image = { type: 'image', image: { link: 'https://example.com/a.png', caption: 'An image' } };
		const conversational = await sendInsider(insiderBody(text('one'), image));
		expect(conversational.status).toBe(200);
		expect(conversational.body).toEqual({ keys: [expect.stringMatching(/^whatsapp-\w+$/), expect.stringMatching(/^whatsapp-\w+$/)] });
		expect(new Set(conversational.body.keys).size).toBe(2);

		const transactional = await sendInsider(insiderBody(buttons(3)), '/v1/send');
		expect(transactional.status).toBe(200);
		expect(transactional.body.keys).toHaveLength(1);
	});

	it('accepts the auth header in any case and rejects a wrong key with 401', async () => {
		const upper = await call('POST', '/v1/send', { headers: { 'User-Agent': 'test', 'X-INS-AUTH-KEY': 'INS.sandbox-auth-key' }, body: insiderBody(text('hi')) });
		expect(upper.status).toBe(200);
		const wrong = await call('POST', '/v1/send', { headers: { ...INSIDER_HEADERS, 'x-ins-auth-key': 'INS.wrong' }, body: insiderBody(text('hi')) });
		expect(wrong).toMatchObject({ status: 401, body: { message: 'unauthorized' } });
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['Java default', 'Java/17.0.2'],
	])('answers 403 ip-restricted (1088) to a %s User-Agent', async (_label, agent) => {
		const headers: Record<string, string> = { 'x-ins-auth-key': DEFAULT_CREDENTIALS.insider.authKey };
		if (agent !== undefined) headers['user-agent'] = agent;
		const reply = await call('POST', '/v1/send', { headers, body: insiderBody(text('hi')) });
		expect(reply.status).toBe(403);
		expect(reply.body).toEqual({ message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } });
	});

	it.each([
		['invalid JSON', '{"messages": [', 'request body must be valid JSON'],
		['no messages', JSON.stringify({ messages: [] }), 'messages must be a non-empty array'],
		['a number without +', JSON.stringify({ messages: [{ phoneNumber: '14155550100', message: text('hi') }] }), 'messages[0].phoneNumber must be an E.164 number starting with +'],
		['an unknown type', JSON.stringify(insiderBody({ type: 'sticker', sticker: {} })), 'messages[0].message.type must be one of text, image, video, audio, document, location, interactive, template, reaction'],
		['an image without link or id', JSON.stringify(insiderBody({ type: 'image', image: {} })), 'messages[0].message.image.link or messages[0].message.image.id is required'],
		['four buttons', JSON.stringify(insiderBody(buttons(4))), 'messages[0].message.interactive.action.buttons must hold 1 to 3 buttons'],
		['a too long text', JSON.stringify(insiderBody(text('x'.repeat(4097)))), 'messages[0].message.text.body must be 1 to 4096 characters'],
	])('answers 400 to %s', async (_label, raw, message) => {
		const reply = await call('POST', '/v1/send', { headers: INSIDER_HEADERS, raw });
		expect(reply).toMatchObject({ status: 400, body: { message } });
	});
});

describe('Kaleyra', () => {
	it('answers 202 WA202 with a message id, whether + arrives encoded or not', async () => {
		const encoded = await sendKaleyra();
		expect(encoded.status).toBe(202);
		expect(encoded.body).toEqual({ code: 'WA202', message: 'Request Accepted', data: { message_id: expect.stringMatching(/^A[0-9A-F]{20}$/) }, error: {} });
		const plain = await call('POST', `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/+919000000001/messages`, { headers: KALEYRA_HEADERS, body: kaleyraBody(buttons(2)) });
		expect(plain.status).toBe(202);
		expect(plain.body.data.message_id).not.toBe(encoded.body.data.message_id);
	});

	it('defaults a missing type to text', async () => {
		const { type: _omitted, ...content } = text('no type');
		expect((await sendKaleyra(kaleyraBody(content))).status).toBe(202);
	});

	const RBC001 = { code: 'RBC001', message: 'Incorrect SID or API key.', data: [], error: { error: 'Incorrect SID or API key.' } };

	it('answers 401 RBC001 to a wrong SID or API key', async () => {
		const wrongKey = await call('POST', KALEYRA_PATH, { headers: { 'api-key': 'nope' }, body: kaleyraBody() });
		expect(wrongKey).toMatchObject({ status: 401, body: RBC001 });
		const wrongSid = await call('POST', '/v2/HXOTHER/whatsapp/%2B919000000001/messages', { headers: KALEYRA_HEADERS, body: kaleyraBody() });
		expect(wrongSid).toMatchObject({ status: 401, body: RBC001 });
	});

	it('answers 401 WA401 to a number not in the account', async () => {
		const reply = await call('POST', `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/%2B14155550199/messages`, { headers: KALEYRA_HEADERS, body: kaleyraBody() });
		expect(reply.status).toBe(401);
		expect(reply.body).toEqual({
			code: 'WA401',
			message: 'Phone number is not present or does not belong to the account.',
			data: {},
			error: { phone_number: 'Phone number is not present or does not belong to the account.' },
		});
	});

	const WA400 = { code: 'WA400', message: 'Refer to correct payload format', data: {}, error: { payload: 'Incorrect payload format' } };

	it.each([
		['invalid JSON', '{"messaging_object":'],
		['a bare Meta body', JSON.stringify(gupshupBody())],
		['a wrong messaging_product', JSON.stringify({ messaging_object: { ...kaleyraBody().messaging_object, messaging_product: 'sms' } })],
		['an image without link or id', JSON.stringify(kaleyraBody({ type: 'image', image: { caption: 'x' } }))],
	])('answers 400 WA400 to %s', async (_label, raw) => {
		const reply = await call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, raw });
		expect(reply).toMatchObject({ status: 400, body: WA400 });
		expect(reply.body).toEqual(WA400);
	});
});

describe('Gupshup', () => {
	it('answers 200 with the message id and the contact', async () => {
		const reply = await sendGupshup(gupshupBody({ type: 'image', image: { id: '1479537139650973', caption: 'c' } }));
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			messages: [{ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/) }],
			messaging_product: 'whatsapp',
			contacts: [{ input: '14155550100', wa_id: '14155550100' }],
		});
	});

	it('answers 401 Authentication Failed to a wrong token, also one sent as a Bearer token', async () => {
		for (const authorization of ['wrong', `Bearer ${DEFAULT_CREDENTIALS.gupshup.appToken}`]) {
			const reply = await call('POST', GUPSHUP_PATH, { headers: { authorization }, body: gupshupBody() });
			expect(reply).toMatchObject({ status: 401, body: { status: 'error', message: 'Authentication Failed' } });
		}
	});

	it('answers 400 Invalid App Details to an unknown app', async () => {
		const reply = await call('POST', '/partner/app/other-app/v3/message', { headers: GUPSHUP_HEADERS, body: gupshupBody() });
		expect(reply).toMatchObject({ status: 400, body: { message: 'Invalid App Details', status: 'error' } });
	});

	it.each([
		['invalid JSON', '{', '(#100) Invalid JSON in the request body'],
		['a Kaleyra body', JSON.stringify(kaleyraBody()), '(#100) The parameter messaging_product is required and must be "whatsapp"'],
		['a bad number', JSON.stringify({ ...gupshupBody(), to: 'abc' }), '(#100) The parameter to must be a valid phone number'],
		['duplicate button titles', JSON.stringify(gupshupBody({
			type: 'interactive',
			interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'Same' } }, { type: 'reply', reply: { id: 'b', title: 'Same' } }] } },
		})), '(#100) message.interactive.action.buttons[1].reply.title must be unique'],
	])('relays a Meta-style 400 for %s', async (_label, raw, message) => {
		const reply = await call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, raw });
		expect(reply.status).toBe(400);
		expect(reply.body).toEqual({ error: { code: 100, message, type: 'OAuthException', fbtrace_id: expect.any(String) }, status: 'error' });
	});

	describe('subscriptions', () => {
		const form = (fields: Record<string, string>) => ({
			headers: { ...GUPSHUP_HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
			raw: new URLSearchParams(fields).toString(),
		});
		const fields = { modes: 'SENT,DELIVERED,READ', tag: 'n8n-trigger', url: 'https://example.com/hook', version: '3', meta: JSON.stringify({ headers: { authorization: 'Bearer s3cret' } }) };

		it('creates, lists, updates and deletes', async () => {
			const created = await call('POST', SUBSCRIPTION_PATH, form(fields));
			expect(created.status).toBe(200);
			const subscription = created.body.subscription;
			expect(created.body).toEqual({
				status: 'success',
				subscription: {
					id: expect.any(String), tag: 'n8n-trigger', url: 'https://example.com/hook', modes: ['SENT', 'DELIVERED', 'READ'],
					version: 3, meta: fields.meta, active: true, createdOn: expect.any(Number), modifiedOn: expect.any(Number),
				},
			});

			const listed = await call('GET', SUBSCRIPTION_PATH, { headers: GUPSHUP_HEADERS });
			expect(listed).toMatchObject({ status: 200, body: { status: 'success', subscriptions: [subscription] } });

			const updated = await call('PUT', `${SUBSCRIPTION_PATH}/${subscription.id}`, form({ url: 'https://example.com/other', modes: 'FAILED' }));
			expect(updated.status).toBe(200);
			expect(updated.body.subscription).toMatchObject({ id: subscription.id, tag: 'n8n-trigger', url: 'https://example.com/other', modes: ['FAILED'] });

			const deleted = await call('DELETE', `${SUBSCRIPTION_PATH}/${subscription.id}`, { headers: GUPSHUP_HEADERS });
			expect(deleted).toMatchObject({ status: 200, body: { status: 'success' } });
			const empty = await call('GET', SUBSCRIPTION_PATH, { headers: GUPSHUP_HEADERS });
			expect(empty.body).toEqual({ status: 'success', subscriptions: [] });
			const again = await call('DELETE', `${SUBSCRIPTION_PATH}/${subscription.id}`, { headers: GUPSHUP_HEADERS });
			expect(again.status).toBe(400);
		});

		it('rejects a duplicate tag, a JSON body, a bad mode and a wrong token', async () => {
			expect((await call('POST', SUBSCRIPTION_PATH, form(fields))).status).toBe(200);
			const duplicate = await call('POST', SUBSCRIPTION_PATH, form(fields));
			expect(duplicate).toMatchObject({ status: 400, body: { status: 'error', message: 'Subscription with this tag already exists' } });
			const json = await call('POST', SUBSCRIPTION_PATH, { headers: GUPSHUP_HEADERS, body: { ...fields, tag: 'other' } });
			expect(json).toMatchObject({ status: 400, body: { status: 'error' } });
			const badMode = await call('POST', SUBSCRIPTION_PATH, form({ ...fields, tag: 'other', modes: 'SENT,SHIPPED' }));
			expect(badMode).toMatchObject({ status: 400, body: { status: 'error', message: 'Invalid mode: SHIPPED' } });
			const unauthorized = await call('GET', SUBSCRIPTION_PATH, { headers: { authorization: 'wrong' } });
			expect(unauthorized).toMatchObject({ status: 401, body: { status: 'error', message: 'Authentication Failed' } });
		});

		it('posts the subscribed statuses, with the meta headers, to the subscription url', async () => {
			const sub = { ...fields, url: receiver.url, modes: 'DELIVERED,READ', version: '2' };
			expect((await call('POST', SUBSCRIPTION_PATH, form(sub))).status).toBe(200);
			const { body } = await sendGupshup();
			await until(() => receiver.received.length === 2);
			expect(receiver.received.map((r) => r.body.payload.type)).toEqual(['delivered', 'read']);
			expect(receiver.received[0].body).toMatchObject({ type: 'message-event', version: 2, payload: { gsId: body.messages[0].id } });
			expect(receiver.received[0].headers.authorization).toBe('Bearer s3cret');
		});
	});
});

describe('rate limits', () => {
	it('answers 429 beyond the per-second limit, per Insider endpoint, and accepts nothing for it', async () => {
		await configure({ rateLimit: { insider: { transactional: 2 } } });
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const reply = await sendInsider(insiderBody(text(`m${i}`)), '/v1/send');
			statuses.push(reply.status);
			if (reply.status === 429) expect(reply.body).toEqual({ message: 'rate limited' });
		}
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		expect((await sendInsider()).status).toBe(200);
		const { body: stats } = await control('GET', 'stats');
		expect(stats.insider).toMatchObject({ requests: 6, acceptedMessages: 3, statusCodes: { 200: 3, 429: 3 } });
	});

	it.each([
		['kaleyra', sendKaleyra, { code: 'WA429', message: 'Too many requests, please slow down', data: {}, error: { error: 'Rate limit exceeded' } }],
		['gupshup', sendGupshup, { status: 'error', message: 'Too Many Requests' }],
	])('limits %s in its own error style', async (provider, send, body) => {
		await configure({ rateLimit: { [provider]: 1 } });
		expect((await send()).status).not.toBe(429);
		expect(await send()).toMatchObject({ status: 429, body });
	});

	it('rejects an invalid limit', async () => {
		expect((await control('PUT', 'config', { rateLimit: { insider: -1 } })).status).toBe(400);
		expect((await control('PUT', 'config', { rateLimit: { whatsapp: 5 } })).status).toBe(400);
	});
});

describe('faults', () => {
	it('injects each kind in turn in count mode, then stops', async () => {
		await configure({ faults: { provider: 'kaleyra', count: 4, kinds: ['429', '429-retry-after', '500', '503'], retryAfterSeconds: 7 } });
		const first = await sendKaleyra();
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBeUndefined();
		const second = await sendKaleyra();
		expect(second.status).toBe(429);
		expect(second.headers['retry-after']).toBe('7');
		expect(await sendKaleyra()).toMatchObject({ status: 500, body: { code: 'WA500', message: 'Please try again later', data: {}, error: { error: 'Internal server error' } } });
		expect((await sendKaleyra()).status).toBe(503);
		expect((await sendKaleyra()).status).toBe(202);
		const { body: stats } = await control('GET', 'stats');
		expect(stats.kaleyra).toMatchObject({ requests: 5, acceptedMessages: 1 });
	});

	it('fails every Nth request in every mode, cycling through the kinds', async () => {
		await configure({ faults: { provider: 'insider', every: 3, kinds: ['429', '503'] } });
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await sendInsider()).status);
		expect(statuses).toEqual([200, 200, 429, 200, 200, 503, 200]);
		const { body: config } = await control('GET', 'config');
		expect(config.faults).toMatchObject({ provider: 'insider', every: 3 });
	});

	it('only hits the chosen provider', async () => {
		await configure({ faults: { provider: 'gupshup', count: 1, kinds: ['500'] } });
		expect((await sendInsider()).status).toBe(200);
		expect(await sendGupshup()).toMatchObject({ status: 500, body: { status: 'error', message: 'Internal Server Error' } });
		expect((await sendGupshup()).status).toBe(200);
	});

	it('drops the connection without an answer', async () => {
		await configure({ faults: { count: 1, kinds: ['drop'] } });
		await expect(sendInsider()).rejects.toThrow(/socket hang up|ECONNRESET/);
		const [record] = (await control('GET', 'requests')).body;
		expect(record).toMatchObject({ provider: 'insider', status: null, fault: 'drop' });
		const { body: stats } = await control('GET', 'stats');
		expect(stats.insider).toMatchObject({ requests: 1, dropped: 1, acceptedMessages: 0 });
	});

	it('answers a slow request with a gateway timeout and accepts nothing', async () => {
		await configure({ faults: { provider: 'insider', count: 1, kinds: ['slow'], slowMs: 20 } });
		expect(await sendInsider()).toMatchObject({ status: 504, body: { message: 'gateway timeout' } });
		const { body: stats } = await control('GET', 'stats');
		expect(stats.insider.acceptedMessages).toBe(0);
	});

	it('repeats the same faults for the same seed in rate mode', async () => {
		const run = async () => {
			await configure({ faults: { provider: 'gupshup', rate: 0.5, kinds: ['500', '503'], seed: 42 } });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await sendGupshup(gupshupBody(text(`m${i}`)))).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
		expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
		const { body: config } = await control('GET', 'config');
		expect(config.faults).toMatchObject({ provider: 'gupshup', rate: 0.5, seed: 42 });
	});

	it('rejects an unknown kind and an ambiguous spec', async () => {
		expect((await control('PUT', 'config', { faults: { count: 1, kinds: ['teapot'] } })).status).toBe(400);
		expect((await control('PUT', 'config', { faults: { count: 1, rate: 0.5, kinds: ['500'] } })).status).toBe(400);
		expect((await control('PUT', 'config', { faults: { every: 2, count: 1, kinds: ['500'] } })).status).toBe(400);
		expect((await control('PUT', 'config', { faults: { every: 0, kinds: ['500'] } })).status).toBe(400);
	});
});

describe('recording and stats', () => {
	it('records every provider request with lower-cased headers, filterable by provider and seq', async () => {
		await sendInsider();
		await sendKaleyra();
		await call('POST', SUBSCRIPTION_PATH, { headers: { ...GUPSHUP_HEADERS, 'content-type': 'application/x-www-form-urlencoded' }, raw: 'modes=SENT&tag=t&url=https%3A%2F%2Fexample.com' });
		const all = (await control('GET', 'requests')).body;
		expect(all.map((r: any) => r.provider)).toEqual(['insider', 'kaleyra', 'gupshup']);
		expect(all[0]).toMatchObject({
			method: 'POST',
			path: '/v1/conversational/send',
			headers: { 'x-ins-auth-key': DEFAULT_CREDENTIALS.insider.authKey },
			body: insiderBody(text('hello')),
			status: 200,
			responseBody: { keys: [expect.any(String)] },
			receivedAt: expect.any(String),
		});
		expect(all[2].body).toEqual({ modes: 'SENT', tag: 't', url: 'https://example.com' });

		expect((await control('GET', 'requests?provider=kaleyra')).body.map((r: any) => r.seq)).toEqual([all[1].seq]);
		expect((await control('GET', 'requests?since=' + all[0].seq)).body.map((r: any) => r.seq)).toEqual([all[1].seq, all[2].seq]);

		expect((await control('DELETE', 'requests')).body).toEqual({ cleared: 3 });
		expect((await control('GET', 'requests')).body).toEqual([]);
		expect((await control('GET', 'stats')).body.insider.requests).toBe(0);
	});

	it('counts duplicates by recipient and content', async () => {
		await sendInsider(insiderBody(text('a'), text('b')));
		await sendInsider(insiderBody(text('a')));
		await sendGupshup(gupshupBody({ type: 'image', image: { link: 'https://example.com/x.png' } }));
		await sendGupshup(gupshupBody({ type: 'image', image: { link: 'https://example.com/x.png' } }));
		await sendKaleyra(kaleyraBody(buttons(1)));
		const { body: stats } = await control('GET', 'stats');
		expect(stats.insider).toMatchObject({ requests: 2, acceptedMessages: 3, uniqueMessages: 2, duplicateMessages: 1 });
		expect(stats.gupshup).toMatchObject({ acceptedMessages: 2, uniqueMessages: 1, duplicateMessages: 1 });
		expect(stats.kaleyra).toMatchObject({ acceptedMessages: 1, uniqueMessages: 1, duplicateMessages: 0 });
	});

	it('answers 413 to a body over 5 MB and survives junk', async () => {
		const big = await call('POST', '/v1/send', { headers: INSIDER_HEADERS, raw: 'x'.repeat(5 * 1024 * 1024 + 1) });
		expect(big.status).toBe(413);
		expect((await call('POST', '/nowhere', { raw: '\u0000junk' })).status).toBe(404);
		expect((await call('POST', KALEYRA_PATH.replace('%2B', '%E0%A4%A'), { headers: KALEYRA_HEADERS, body: kaleyraBody() })).status).toBe(401);
		expect((await sendInsider()).status).toBe(200);
	});

	it('adds configured latency and reports the config', async () => {
		await configure({ latencyMs: 5 });
		expect((await sendInsider()).status).toBe(200);
		expect((await control('GET', 'config')).body).toMatchObject({ latencyMs: 5, faults: null, autoCallbacks: null });
		expect((await control('PUT', 'config', { colour: 'blue' })).status).toBe(400);
	});
});

describe('callbacks', () => {
	const postCallbacks = (input: object) => control('POST', 'callbacks', { url: receiver.url, headers: { authorization: 'Bearer t0ken' }, ...input });
	const status = (s: string, extra: object = {}) => ({ kind: 'status', status: s, messageId: 'msg-1', recipient: '+14155550100', ...extra });
	const seconds = expect.stringMatching(/^\d{10}$/);

	it('delivers an Insider status, failure and reply, one callback each', async () => {
		const reply = await postCallbacks({
			provider: 'insider',
			events: [
				status('delivered'),
				status('failed', { error: { code: 131026, message: 'Message undeliverable' } }),
				{ kind: 'button_reply', from: '+14155550100', id: 'yes', title: 'Yes', contextMessageId: 'msg-1' },
			],
		});
		expect(reply.status).toBe(200);
		expect(reply.body.sent.map((s: any) => s.status)).toEqual([200, 200, 200]);
		expect(receiver.received.map((r) => r.body)).toEqual(reply.body.sent.map((s: any) => s.body));
		expect(receiver.received[0].headers.authorization).toBe('Bearer t0ken');
		const [delivered, failed, button] = receiver.received.map((r) => r.body);
		expect(delivered).toEqual({ key: 'msg-1', event: 'delivered', status: 'delivered', phoneNumber: '+14155550100', timestamp: seconds });
		expect(failed).toMatchObject({ key: 'msg-1', event: 'failed', error: { message: 'Message undeliverable', type: 'OAuthException', code: 131026, fbtrace_id: expect.any(String) } });
		expect(button).toMatchObject({
			event: 'reply',
			key: 'msg-1',
			message: { from: '14155550100', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } }, context: { id: 'msg-1' } },
		});
	});

	it('delivers a Kaleyra status with its refs', async () => {
		await postCallbacks({ provider: 'kaleyra', events: [status('read', { ref: 'order-1' })] });
		expect(receiver.received[0].body).toEqual({
			meta_object: {
				value: {
					messaging_product: 'whatsapp',
					metadata: { display_phone_number: '919000000001', phone_number_id: expect.any(String) },
					statuses: [{ id: wamidFor('msg-1'), status: 'read', timestamp: seconds, recipient_id: '14155550100' }],
				},
				field: 'messages',
			},
			extra_info: { message_id: 'msg-1', ref: 'order-1', ref1: '', ref2: '', trace_id: expect.any(String), waba_id: expect.any(String) },
			status: 'read',
			message_id: 'msg-1',
		});
	});

	it('batches Gupshup v3 events into one callback', async () => {
		const reply = await postCallbacks({ provider: 'gupshup', batch: true, events: [status('sent'), status('delivered'), { kind: 'message', from: '14155550100', text: 'hi' }] });
		expect(reply.body.sent).toHaveLength(1);
		const body = receiver.received[0].body;
		expect(body).toMatchObject({ gs_app_id: DEFAULT_CREDENTIALS.gupshup.appId, object: 'whatsapp_business_account' });
		const [statuses, messages] = body.entry[0].changes.map((c: any) => c.value);
		expect(statuses.statuses.map((s: any) => [s.status, s.gs_id])).toEqual([['sent', 'msg-1'], ['delivered', 'msg-1']]);
		expect(messages.messages).toEqual([{ from: '14155550100', id: expect.any(String), timestamp: seconds, type: 'text', text: { body: 'hi' } }]);
	});

	it('sends Gupshup v2 events one by one with millisecond timestamps', async () => {
		const reply = await postCallbacks({ provider: 'gupshup', gupshupVersion: 2, batch: true, events: [status('delivered'), { kind: 'quick_reply', from: '14155550100', payload: 'STOP', text: 'Stop' }] });
		expect(reply.body.sent).toHaveLength(2);
		const [event, inbound] = receiver.received.map((r) => r.body);
		expect(event).toEqual({
			app: 'SandboxApp', timestamp: expect.any(Number), version: 2, type: 'message-event',
			payload: { id: wamidFor('msg-1'), gsId: 'msg-1', type: 'delivered', destination: '14155550100', payload: { ts: expect.any(Number) } },
		});
		expect(event.timestamp).toBeGreaterThan(1e12);
		expect(inbound).toMatchObject({ type: 'message', payload: { source: '14155550100', type: 'quick_reply', payload: { text: 'Stop', type: 'button', postbackText: 'STOP' } } });
	});

	// https://developers.kaleyra.io/docs/template-status-update, https://partner-docs.gupshup.io/docs/system-events
	it('posts template status changes: Kaleyra\'s callback profile variables, Gupshup\'s template-event; Insider has none', async () => {
		const template = { kind: 'template', status: 'rejected', name: 'summer_teaser', reason: 'INVALID_FORMAT', templateId: '1000000000000008' };
		await postCallbacks({ provider: 'kaleyra', events: [template] });
		await postCallbacks({ provider: 'gupshup', batch: true, events: [{ ...template, templateId: 'gs-tpl-1' }, { kind: 'template', status: 'paused', name: 'flash_deal', templateId: 'gs-tpl-2' }] });
		const [kaleyraBody, rejected, paused] = receiver.received.map((r) => r.body);
		expect(kaleyraBody).toEqual({
			id: '100000000000001', time: seconds, event: 'REJECTED', message_template_id: '1000000000000008', message_template_name: 'summer_teaser',
			message_template_language: 'en_US', reason: 'INVALID_FORMAT', callback_profile_id: 'sandbox-template-profile', company_id: 'ZsandboxCo01a',
		});
		expect(rejected).toEqual({
			app: 'SandboxApp', timestamp: expect.any(Number), version: 2, type: 'template-event',
			payload: { id: 'gs-tpl-1', status: 'rejected', elementName: 'summer_teaser', languageCode: 'en_US', rejectedReason: 'INVALID_FORMAT' },
		});
		expect(paused.payload).toEqual({
			type: 'status-update', id: 'gs-tpl-2', status: 'paused', elementName: 'flash_deal', languageCode: 'en_US',
			description: 'Your WhatsApp message template has been paused for 3 hours because it had issues.',
		});
		const insider = await postCallbacks({ provider: 'insider', events: [template] });
		expect(insider).toMatchObject({ status: 400, body: { error: 'Insider documents no template status callback' } });
		expect(receiver.received).toHaveLength(3);
	});

	// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/
	it('posts a reaction in Meta\'s shape, without the emoji when it was removed; it opens the customer-service window', async () => {
		await control('DELETE', 'inbound');
		await postCallbacks({ provider: 'kaleyra', events: [{ kind: 'reaction', from: '+14155550100', reactedTo: wamidFor('msg-1'), emoji: '\u{1F44D}' }] });
		await postCallbacks({ provider: 'insider', events: [{ kind: 'reaction', from: '+14155550100', reactedTo: wamidFor('msg-1') }] });
		const [kaleyraBody, insiderBody] = receiver.received.map((r) => r.body);
		expect(kaleyraBody.meta_object.value.messages).toEqual([
			{ from: '14155550100', id: expect.any(String), timestamp: seconds, type: 'reaction', reaction: { message_id: wamidFor('msg-1'), emoji: '\u{1F44D}' } },
		]);
		expect(insiderBody.message).toEqual({ from: '14155550100', id: expect.any(String), timestamp: seconds, type: 'reaction', reaction: { message_id: wamidFor('msg-1') } });
		expect(Object.keys((await control('GET', 'inbound')).body.kaleyra)).toEqual(['14155550100']);
		const v2 = await postCallbacks({ provider: 'gupshup', gupshupVersion: 2, events: [{ kind: 'reaction', from: '+14155550100', reactedTo: 'x' }] });
		expect(v2).toMatchObject({ status: 400, body: { error: 'Gupshup v2 documents no reaction: use gupshupVersion 3' } });
	});

	it('rejects bad input and reports a receiver that cannot be reached', async () => {
		expect((await postCallbacks({ provider: 'insider', events: [{ kind: 'status', status: 'read' }] })).status).toBe(400);
		expect((await postCallbacks({ provider: 'sms', events: [status('read')] })).status).toBe(400);
		const unreachable = await control('POST', 'callbacks', { provider: 'insider', url: 'http://127.0.0.1:1/none', events: [status('read')] });
		expect(unreachable.body.sent[0]).toMatchObject({ status: null, error: expect.any(String) });
		expect((await control('GET', 'stats')).body.insider.callbacks).toEqual({ posted: 0, failed: 1 });
	});

	it('plays sent, delivered, read for each accepted message when autoCallbacks is on', async () => {
		await configure({ autoCallbacks: { url: receiver.url, headers: { authorization: 'Bearer demo' }, intervalMs: 0 } });
		const { body } = await sendKaleyra();
		await until(() => receiver.received.length === 3);
		expect(receiver.received.map((r) => [r.body.status, r.body.message_id, r.body.extra_info.ref])).toEqual([
			['sent', body.data.message_id, 'order-1'],
			['delivered', body.data.message_id, 'order-1'],
			['read', body.data.message_id, 'order-1'],
		]);
		expect(receiver.received[0].headers.authorization).toBe('Bearer demo');
		await until(() => (sb.state.stats.toJSON().kaleyra.callbacks.posted === 3));
	});
});

describe('buildCallbackBodies', () => {
	const now = Date.UTC(2025, 0, 1);
	it('is deterministic given now and ids', () => {
		const [body] = buildCallbackBodies('gupshup', [{ kind: 'status', status: 'failed', messageId: 'g-1', recipient: '+14155550100', error: { code: 131047, message: 'Re-engagement message' } }], { now });
		expect(body).toEqual({
			gs_app_id: 'sandbox-app-0001',
			object: 'whatsapp_business_account',
			entry: [{
				id: expect.any(String),
				changes: [{
					field: 'messages',
					value: {
						messaging_product: 'whatsapp',
						metadata: { display_phone_number: '919000000001', phone_number_id: expect.any(String) },
						statuses: [{
							id: wamidFor('g-1'), gs_id: 'g-1', status: 'failed', timestamp: String(now / 1000), recipient_id: '14155550100',
							errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Re-engagement message' } }],
						}],
					},
				}],
			}],
		});
	});

	it('throws on an unknown provider or event kind', () => {
		expect(() => buildCallbackBodies('sms' as never, [{ kind: 'message', from: '1', text: 'x' }])).toThrow(TypeError);
		expect(() => buildCallbackBodies('insider', [{ kind: 'poke' } as never])).toThrow(/kind/);
	});
});

describe('taps (a simulated customer, POST /__sandbox/taps)', () => {
	const tap = (input: object) => control('POST', 'taps', { url: receiver.url, headers: { authorization: 'Bearer t0ken' }, ...input });

	it("taps a button of the latest interactive message to the recipient, in the provider's button-reply callback", async () => {
		const sent = await sendKaleyra(kaleyraBody(buttons(2)));
		const messageId = sent.body.data.message_id;
		const answer = await tap({ provider: 'kaleyra', to: '+14155550100', choice: 'Option 1' });
		expect(answer.status).toBe(200);
		expect(answer.body.tapped).toEqual({ messageId, id: 'b1', title: 'Option 1', from: '14155550100' });
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].headers.authorization).toBe('Bearer t0ken');
		expect(receiver.received[0].body).toEqual(answer.body.sent[0].body);
		expect(JSON.stringify(receiver.received[0].body)).toContain('"button_reply":{"id":"b1","title":"Option 1"}');
		expect(JSON.stringify(receiver.received[0].body)).toContain(messageId);
	});

	it('taps a list row by its index, from another number when asked', async () => {
		const list = { type: 'interactive', interactive: { type: 'list', body: { text: 'Slot?' }, action: { button: 'Pick', sections: [{ rows: [{ id: 'r0', title: 'Mon' }, { id: 'r1', title: 'Tue' }] }] } } };
		await sendGupshup(gupshupBody(list));
		const answer = await tap({ provider: 'gupshup', choice: 1, from: '+14155550199' });
		expect(answer.body.tapped).toMatchObject({ id: 'r1', title: 'Tue', from: '+14155550199' });
		expect(JSON.stringify(receiver.received[0].body)).toContain('"list_reply":{"id":"r1","title":"Tue"}');
	});

	it('answers 404 without an interactive message, and 400 for a choice the message does not have', async () => {
		expect((await tap({ provider: 'insider', choice: 0 })).status).toBe(404);
		await sendInsider(insiderBody(buttons(1)), '/v1/send');
		expect((await tap({ provider: 'insider', choice: 3 })).body).toEqual({ error: 'the message has no choice 3' });
		expect((await tap({ provider: 'insider', choice: 0, url: 'ftp://x' })).status).toBe(400);
	});
});

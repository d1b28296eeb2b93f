/**
 * The trigger's webhook as n8n calls it: answers, authentication, the event filter and
 * the 400 paths. An execution starts exactly when `items` is not null.
 */
import { basic, bearer, callWebhook, type Credentials } from '../helpers/trigger-context';
import { gupshupV2, gupshupV3, insider, kaleyra } from '../helpers/trigger-fixtures';

const TOKEN = 'tok_9f2c41d7e8a64b0c93e1f5a2';
const BEARER: Credentials = { whatsAppBspCallbackBearerApi: { token: TOKEN } };
const BASIC: Credentials = { whatsAppBspCallbackBasicApi: { user: 'kaleyra', password: 'p4ss-w0rd-long-enough' } };

describe('well-formed callbacks', () => {
	it('answer 200 at once and start one execution with one item per event', async () => {
		const out = await callWebhook({ provider: 'gupshup', events: ['sent', 'delivered', 'read', 'failed'], authentication: 'none' }, { json: gupshupV3.batch() });
		expect(out.status).toBe(200);
		expect(out.answer).toEqual({ received: true, events: 4 });
		expect(out.items?.map((i) => i.status)).toEqual(['sent', 'delivered', 'read', 'failed']);
		expect(out.result.workflowData).toHaveLength(1);
	});

	it.each([
		['insider', insider.delivered(), 'delivered'],
		['kaleyra', kaleyra.status('read'), 'read'],
		['gupshup', gupshupV2.status('sent'), 'sent'],
	] as const)('%s', async (provider, body, status) => {
		const out = await callWebhook({ provider, authentication: 'none' }, { json: body });
		expect(out.status).toBe(200);
		expect(out.items).toEqual([expect.objectContaining({ provider, event: 'status', status, raw: body })]);
	});

	it('inbound messages pass with the default events', async () => {
		const out = await callWebhook({ provider: 'kaleyra', authentication: 'none' }, { json: kaleyra.inboundButton() });
		expect(out.items).toEqual([expect.objectContaining({ event: 'message', buttonReply: { id: 'track', title: 'Track order' } })]);
	});
});

describe('the event filter', () => {
	it('an event that is not selected starts nothing and still gets 200', async () => {
		const out = await callWebhook({ provider: 'insider', events: ['delivered', 'read'], authentication: 'none' }, { json: insider.sent() });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 0 }, items: null });
		expect(out.result.workflowData).toBeUndefined();
	});

	it('keeps only the selected events of a batch', async () => {
		const out = await callWebhook({ provider: 'gupshup', events: ['read', 'failed'], authentication: 'none' }, { json: gupshupV3.batch() });
		expect(out.answer).toEqual({ received: true, events: 2 });
		expect(out.items?.map((i) => i.status)).toEqual(['read', 'failed']);
	});

	it('message events only when "message" is selected', async () => {
		const off = await callWebhook({ provider: 'gupshup', events: ['sent'], authentication: 'none' }, { json: gupshupV3.inboundText() });
		expect(off.items).toBeNull();
		const on = await callWebhook({ provider: 'gupshup', events: ['message'], authentication: 'none' }, { json: gupshupV3.inboundText() });
		expect(on.items).toHaveLength(1);
	});

	it.each([
		['enqueued', gupshupV3.enqueued(), 'gupshup'],
		['deleted', gupshupV2.status('deleted'), 'gupshup'],
		['not-sent', kaleyra.status('not-sent'), 'kaleyra'],
	] as const)('the provider\'s own status %s when selected', async (status, body, provider) => {
		const unselected = await callWebhook({ provider, authentication: 'none' }, { json: body });
		expect(unselected.items).toBeNull();
		const selected = await callWebhook({ provider, events: [status], authentication: 'none' }, { json: body });
		expect(selected.items).toEqual([expect.objectContaining({ status })]);
	});

	it('statuses no option names (Gupshup\'s mismatch) start nothing', async () => {
		const out = await callWebhook({ provider: 'gupshup', events: ['sent', 'delivered', 'read', 'failed', 'enqueued', 'not-sent', 'deleted', 'message'], authentication: 'none' }, { json: gupshupV2.status('mismatch') });
		expect(out).toMatchObject({ status: 200, items: null });
	});
});

describe('non-message events and connectivity checks', () => {
	it.each([
		['gupshup set-callback', 'gupshup', gupshupV3.setCallback()],
		['gupshup billing', 'gupshup', gupshupV3.billing()],
		['gupshup template', 'gupshup', gupshupV3.templateUpdate()],
		['gupshup v2 user-event', 'gupshup', gupshupV2.optedIn()],
		['gupshup v2 billing', 'gupshup', gupshupV2.billing()],
		['kaleyra template', 'kaleyra', { meta_object: { field: 'message_template_status_update', value: {} } }],
	] as const)('%s: 200, nothing starts', async (_name, provider, body) => {
		const out = await callWebhook({ provider, authentication: 'none' }, { json: body });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 0 }, items: null });
	});

	it.each(['insider', 'kaleyra', 'gupshup'] as const)('%s: an empty body is a connectivity check: 200, nothing starts', async (provider) => {
		for (const request of [{ body: {}, rawBody: '' }, { body: {} }, { json: {} }, { body: '', contentType: 'text/plain' }, { json: [] }]) {
			const out = await callWebhook({ provider, authentication: 'none' }, request);
			expect(out).toMatchObject({ status: 200, items: null });
		}
	});
});

describe('bearer token authentication', () => {
	const params = { provider: 'insider', authentication: 'bearerToken' };

	it('the right token passes (scheme in any case)', async () => {
		expect((await callWebhook(params, { json: insider.sent(), headers: bearer(TOKEN) }, BEARER)).items).toHaveLength(1);
		const lower = await callWebhook(params, { json: insider.sent(), headers: { authorization: `bearer  ${TOKEN}` } }, BEARER);
		expect(lower.items).toHaveLength(1);
	});

	it.each([
		['a wrong token', bearer('tok_9f2c41d7e8a64b0c93e1f5a3')],
		['a prefix of the token', bearer(TOKEN.slice(0, 10))],
		['a longer token', bearer(`${TOKEN}x`)],
		['an empty token', { Authorization: 'Bearer ' }],
		['the token without the scheme', { Authorization: TOKEN }],
		['Basic instead of Bearer', basic('x', TOKEN)],
		['no header', {}],
	])('%s: 401, nothing starts', async (_name, headers) => {
		const out = await callWebhook(params, { json: insider.sent(), headers }, BEARER);
		expect(out).toMatchObject({ status: 401, answer: { received: false, error: 'Unauthorized' }, items: null });
		expect(out.responseHeaders['WWW-Authenticate']).toBe('Bearer realm="whatsapp-bsp-trigger"');
	});

	it('an empty configured token matches nothing', async () => {
		const out = await callWebhook(params, { json: insider.sent(), headers: { Authorization: 'Bearer ' } }, { whatsAppBspCallbackBearerApi: { token: '' } });
		expect(out.status).toBe(401);
	});

	it('401 comes before 400: a bad body without the token learns nothing', async () => {
		const out = await callWebhook(params, { body: 'not json', contentType: 'text/plain' }, BEARER);
		expect(out.status).toBe(401);
		const empty = await callWebhook(params, { body: {} }, BEARER);
		expect(empty.status).toBe(401);
	});

	it('a credential that cannot be read answers 500 and is logged', async () => {
		const out = await callWebhook(params, { json: insider.sent(), headers: bearer(TOKEN) }, {});
		expect(out).toMatchObject({ status: 500, items: null });
		expect(out.log.some((l) => l.level === 'error')).toBe(true);
	});
});

describe('basic authentication', () => {
	const params = { provider: 'kaleyra', authentication: 'basicAuth' };

	it('the right user and password pass', async () => {
		const out = await callWebhook(params, { json: kaleyra.status('sent'), headers: basic('kaleyra', 'p4ss-w0rd-long-enough') }, BASIC);
		expect(out.items).toHaveLength(1);
	});

	it.each([
		['a wrong password', basic('kaleyra', 'p4ss-w0rd-long-enougH')],
		['a wrong user', basic('kaleyr', 'p4ss-w0rd-long-enough')],
		['swapped', basic('p4ss-w0rd-long-enough', 'kaleyra')],
		['no colon', { Authorization: `Basic ${Buffer.from('kaleyrap4ss-w0rd-long-enough').toString('base64')}` }],
		['not base64', { Authorization: 'Basic !!!' }],
		['a bearer token', bearer('p4ss-w0rd-long-enough')],
		['no header', {}],
	])('%s: 401, nothing starts', async (_name, headers) => {
		const out = await callWebhook(params, { json: kaleyra.status('sent'), headers }, BASIC);
		expect(out).toMatchObject({ status: 401, items: null });
		expect(out.responseHeaders['WWW-Authenticate']).toBe('Basic realm="whatsapp-bsp-trigger"');
	});
});

describe('Gupshup\'s URL checks may come without the subscription headers', () => {
	const params = { provider: 'gupshup', authentication: 'bearerToken' };

	it.each([
		['set-callback', { json: gupshupV3.setCallback() }],
		['v2 callbackSetPhone', { json: gupshupV2.callbackCheck() }],
		['an empty body', { body: {} }],
	])('%s without the token: 200, nothing starts', async (_name, request) => {
		const out = await callWebhook(params, request, BEARER);
		expect(out).toMatchObject({ status: 200, items: null });
	});

	it('but real events, other notices and bad bodies without the token: 401', async () => {
		for (const request of [
			{ json: gupshupV3.status('read') },
			{ json: gupshupV3.billing() },
			{ json: gupshupV2.optedIn() },
			{ json: { hello: 'world' } },
			{ body: 'x', contentType: 'text/plain' },
		]) {
			expect((await callWebhook(params, request, BEARER)).status).toBe(401);
		}
	});

	it('other providers get no such exemption', async () => {
		expect((await callWebhook({ provider: 'kaleyra', authentication: 'bearerToken' }, { json: gupshupV3.setCallback() }, BEARER)).status).toBe(401);
	});
});

describe('bodies that are not JSON, or JSON of no known shape: 400', () => {
	it.each([
		['text/plain', { body: 'status=sent', contentType: 'text/plain' }, 'The body is not JSON (text/plain)'],
		['octet-stream bytes', { body: {}, rawBody: Buffer.from([0xff, 0x00, 0x7b]), contentType: 'application/octet-stream' }, 'The body is not JSON (application/octet-stream)'],
		['urlencoded (parsed by n8n)', { body: { status: 'sent', key: 'k' }, rawBody: 'status=sent&key=k', contentType: 'application/x-www-form-urlencoded' }, 'The body is not JSON (application/x-www-form-urlencoded)'],
		['urlencoded without raw bytes', { body: { status: 'sent' }, contentType: 'application/x-www-form-urlencoded' }, 'The body is not JSON (application/x-www-form-urlencoded)'],
		['XML', { body: { root: { a: '1' } }, rawBody: '<root><a>1</a></root>', contentType: 'application/xml' }, 'The body is not JSON (application/xml)'],
		['a Buffer body without content type', { body: Buffer.from('{oops') }, 'The body is not JSON'],
	])('%s', async (_name, request, reason) => {
		const out = await callWebhook({ provider: 'insider', authentication: 'none' }, request);
		expect(out).toMatchObject({ status: 400, answer: { received: false, error: reason }, items: null });
	});

	it.each([
		['a JSON string', '"sent"', 'Expected a JSON object'],
		['a JSON number', '42', 'Expected a JSON object'],
		['null', 'null', 'Expected a JSON object'],
		['an unknown object', '{"hello":"world"}', 'Not an Insider callback: no event, status or message'],
	])('%s', async (_name, raw, reason) => {
		const out = await callWebhook({ provider: 'insider', authentication: 'none' }, { body: raw, contentType: 'text/plain' });
		expect(out).toMatchObject({ status: 400, answer: { received: false, error: reason }, items: null });
	});

	it('a body nested too deep', async () => {
		let deep: unknown = { status: 'sent' };
		for (let i = 0; i < 5000; i++) deep = { a: deep };
		// As n8n hands it over after its own (iterative) JSON.parse.
		const out = await callWebhook({ provider: 'gupshup', authentication: 'none' }, { body: deep, contentType: 'application/json' });
		expect(out).toMatchObject({ status: 400, answer: { error: 'The body is nested deeper than 32 levels' }, items: null });
	});

	it('a deep array sent as text is parsed by V8 without recursion and refused', async () => {
		const raw = `${'['.repeat(200000)}${']'.repeat(200000)}`;
		const out = await callWebhook({ provider: 'kaleyra', authentication: 'none' }, { body: raw, contentType: 'text/plain' });
		expect(out.status).toBe(400);
	});
});

describe('JSON under another content type is still read', () => {
	it.each([
		['text/plain', { body: JSON.stringify(insider.sent()), contentType: 'text/plain' }],
		['urlencoded with JSON bytes', { body: { [JSON.stringify(insider.sent())]: '' }, rawBody: JSON.stringify(insider.sent()), contentType: 'application/x-www-form-urlencoded' }],
		['octet-stream', { body: undefined, rawBody: JSON.stringify(insider.sent()), contentType: 'application/octet-stream' }],
		['a byte-order mark', { body: {}, rawBody: `\ufeff${JSON.stringify(insider.sent())}`, contentType: 'application/json' }],
		['content type with charset', { json: insider.sent(), contentType: 'application/json; charset=utf-8' }],
	])('%s', async (_name, request) => {
		const out = await callWebhook({ provider: 'insider', authentication: 'none' }, request);
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 1 } });
		expect(out.items?.[0]).toMatchObject({ status: 'sent' });
	});
});

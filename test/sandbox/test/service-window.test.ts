// WhatsApp's 24-hour customer-service window (off by default): a free-form message to a customer who has not
// written within the window is accepted, then fails with 131047 in a `failed` status callback.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { createSandbox, Sandbox } from '../server';
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
} from './helpers';

let sb: Sandbox;
let receiver: Receiver;

const call = (method: string, p: string, options: CallOptions = {}) => request(sb.url, method, p, options);
const control = (method: string, p: string, body?: unknown) => call(method, `/__sandbox/${p}`, { body });
const configure = async (patch: object) => expect((await control('PUT', 'config', patch)).status).toBe(200);

const CUSTOMER = '14155550100';
const text = (body: string) => ({ type: 'text', text: { body } });
const welcomeBack = { type: 'template', template: { name: 'welcome_back', language: { code: 'en_US' } } };

const sendGupshup = (content: object = text('hello'), to = CUSTOMER) =>
	call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...content } });
const sendKaleyra = (content: object = text('hello')) =>
	call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body: { messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER, ...content } } });
const sendInsider = (content: object = text('hello')) =>
	call('POST', '/v1/conversational/send', { headers: INSIDER_HEADERS, body: { messages: [{ phoneNumber: `+${CUSTOMER}`, message: content }] } });

const RE_ENGAGEMENT = {
	code: 131047,
	title: 'Re-engagement message',
	message: 'Re-engagement message',
	error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
};

const HOUR = 3_600_000;

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
	await configure({ autoCallbacks: { url: receiver.url, intervalMs: 0 } });
});

/** The statuses posted for one message id (Gupshup v3 callbacks). */
const gupshupStatuses = (id: string) =>
	receiver.received.flatMap((r) => r.body.entry[0].changes[0].value.statuses ?? []).filter((s: any) => s.gs_id === id);

describe('off (the default)', () => {
	it('accepts and delivers a free-form message to a customer who never wrote', async () => {
		expect((await control('GET', 'config')).body.serviceWindow).toBeNull();
		const { body } = await sendGupshup();
		const id = body.messages[0].id;
		await until(() => gupshupStatuses(id).length === 3);
		expect(gupshupStatuses(id).map((s: any) => s.status)).toEqual(['sent', 'delivered', 'read']);
		expect((await control('GET', 'stats')).body.gupshup.failedMessages).toBe(0);
	});
});

describe('on', () => {
	beforeEach(() => configure({ serviceWindow: true }));

	it('accepts a free-form message to a customer who never wrote, then fails it with 131047 (Gupshup v3)', async () => {
		expect((await control('GET', 'config')).body.serviceWindow).toEqual({ hours: 24 });
		const reply = await sendGupshup();
		expect(reply.status).toBe(200);
		const id = reply.body.messages[0].id;
		await until(() => gupshupStatuses(id).length === 1);
		expect(gupshupStatuses(id)).toEqual([{ id: expect.stringMatching(/^wamid\./), gs_id: id, status: 'failed', timestamp: expect.any(String), recipient_id: CUSTOMER, errors: [RE_ENGAGEMENT] }]);
		const [record] = (await control('GET', 'requests')).body;
		expect(record.failures).toEqual([{ messageId: id, to: CUSTOMER, code: 131047, title: 'Re-engagement message', details: RE_ENGAGEMENT.error_data.details }]);
		expect((await control('GET', 'stats')).body.gupshup).toMatchObject({ acceptedMessages: 1, failedMessages: 1 });
	});

	it('fails it in Kaleyra\'s and Insider\'s callback formats too', async () => {
		const kaleyra = await sendKaleyra(text('hi'));
		expect(kaleyra.status).toBe(202);
		const insider = await sendInsider(text('hi'));
		expect(insider.status).toBe(200);
		await until(() => receiver.received.length === 2);
		const kaleyraBody = receiver.received.map((r) => r.body).find((b) => b.message_id === kaleyra.body.data.message_id);
		expect(kaleyraBody).toMatchObject({ status: 'failed', meta_object: { value: { statuses: [{ status: 'failed', errors: [RE_ENGAGEMENT] }] } } });
		const insiderBody = receiver.received.map((r) => r.body).find((b) => b.key === insider.body.keys[0]);
		expect(insiderBody).toEqual({
			key: insider.body.keys[0], event: 'failed', status: 'failed', phoneNumber: `+${CUSTOMER}`, timestamp: expect.any(String),
			error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, error_data: { messaging_product: 'whatsapp', details: RE_ENGAGEMENT.error_data.details }, fbtrace_id: expect.any(String) },
		});
	});

	it('lets template messages through', async () => {
		const { body } = await sendGupshup(welcomeBack);
		await until(() => gupshupStatuses(body.messages[0].id).length === 3);
		expect(gupshupStatuses(body.messages[0].id).map((s: any) => s.status)).toEqual(['sent', 'delivered', 'read']);
	});

	it('opens for a customer whose inbound message the sandbox posted', async () => {
		const inbound = await control('POST', 'callbacks', { provider: 'gupshup', url: receiver.url, events: [{ kind: 'message', from: CUSTOMER, text: 'Hi' }] });
		expect(inbound.status).toBe(200);
		const { body } = await sendGupshup(text('Hello, how can we help?'));
		await until(() => gupshupStatuses(body.messages[0].id).length === 3);
		expect(gupshupStatuses(body.messages[0].id).map((s: any) => s.status)).toEqual(['sent', 'delivered', 'read']);
		// Another customer is still outside it.
		const other = await sendGupshup(text('Hello'), '14155550199');
		await until(() => gupshupStatuses(other.body.messages[0].id).length === 1);
		expect(gupshupStatuses(other.body.messages[0].id)[0].status).toBe('failed');
	});

	it('opens through POST /__sandbox/inbound, per provider or for all', async () => {
		const marked = await control('POST', 'inbound', { provider: 'kaleyra', from: `+${CUSTOMER}` });
		expect(marked.status).toBe(200);
		expect(marked.body).toEqual({ insider: {}, kaleyra: { [CUSTOMER]: expect.stringMatching(/Z$/) }, gupshup: {} });
		const kaleyra = await sendKaleyra();
		const insider = await sendInsider();
		await until(() => receiver.received.length === 4);
		expect(receiver.received.filter((r) => r.body.message_id === kaleyra.body.data.message_id).map((r) => r.body.status)).toEqual(['sent', 'delivered', 'read']);
		expect(receiver.received.filter((r) => r.body.key === insider.body.keys[0]).map((r) => r.body.event)).toEqual(['failed']);

		await control('POST', 'inbound', { from: '+1 (415) 555-0100' });
		expect(Object.keys((await control('GET', 'inbound')).body.insider)).toEqual([CUSTOMER]);
	});

	it('closes 24 hours after the customer last wrote', async () => {
		await control('POST', 'inbound', { provider: 'gupshup', from: CUSTOMER, at: Date.now() - 25 * HOUR });
		const late = await sendGupshup();
		await until(() => gupshupStatuses(late.body.messages[0].id).length === 1);
		expect(gupshupStatuses(late.body.messages[0].id)[0].errors[0].code).toBe(131047);

		await control('POST', 'inbound', { provider: 'gupshup', from: CUSTOMER, at: new Date(Date.now() - 23 * HOUR).toISOString() });
		const inTime = await sendGupshup();
		await until(() => gupshupStatuses(inTime.body.messages[0].id).length === 3);

		// A shorter window for a demo.
		await configure({ serviceWindow: { hours: 1 } });
		const shorter = await sendGupshup();
		await until(() => gupshupStatuses(shorter.body.messages[0].id).length === 1);
		expect(gupshupStatuses(shorter.body.messages[0].id)[0].status).toBe('failed');
	});

	it('is cleared by DELETE /__sandbox/inbound and by a reset, which also turns the window off', async () => {
		await control('POST', 'inbound', { from: CUSTOMER });
		expect((await control('DELETE', 'inbound')).body).toEqual({ cleared: 3 });
		expect((await control('GET', 'inbound')).body).toEqual({ insider: {}, kaleyra: {}, gupshup: {} });
		await control('POST', 'inbound', { from: CUSTOMER });
		await control('POST', 'reset');
		expect((await control('GET', 'inbound')).body.gupshup).toEqual({});
		expect((await control('GET', 'config')).body.serviceWindow).toBeNull();
	});
});

describe('settings and input', () => {
	it.each([['yes'], [{ hours: 0 }], [{ hours: 24, minutes: 5 }], [24]])('refuses serviceWindow %j', async (value) => {
		expect((await control('PUT', 'config', { serviceWindow: value })).status).toBe(400);
	});

	it('takes true, false, null and { hours }', async () => {
		for (const [value, stored] of [[true, { hours: 24 }], [{ hours: 2 }, { hours: 2 }], [{}, { hours: 24 }], [false, null], [null, null]]) {
			await configure({ serviceWindow: value });
			expect((await control('GET', 'config')).body.serviceWindow).toEqual(stored);
		}
	});

	it.each([
		[{ from: 'abc' }, /from/],
		[{ from: CUSTOMER, provider: 'sms' }, /provider/],
		[{ from: CUSTOMER, at: 'yesterday' }, /at/],
	])('refuses inbound %j', async (input, error) => {
		const reply = await control('POST', 'inbound', input);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(error);
	});

	it('is on from the start with createSandbox({ serviceWindow: true })', async () => {
		const other = await createSandbox({ serviceWindow: true });
		try {
			const reply = await request(other.url, 'GET', '/__sandbox/config');
			expect(reply.body.serviceWindow).toEqual({ hours: 24 });
		} finally {
			await other.close();
		}
	});

	it('is on from the start with the CLI flag --service-window', async () => {
		const cli = spawn(process.execPath, [path.join(__dirname, '..', 'cli.js'), '--port', '0', '--service-window'], { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			let out = '';
			cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			await until(() => /listening on (http:\S+)/.test(out));
			const url = /listening on (http:\S+)/.exec(out)![1];
			expect(out).toContain('24-hour window on');
			expect((await request(url, 'GET', '/__sandbox/config')).body.serviceWindow).toEqual({ hours: 24 });
		} finally {
			cli.kill('SIGTERM');
			await new Promise((resolve) => cli.once('exit', resolve));
		}
	});
});

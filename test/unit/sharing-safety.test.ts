/**
 * Sharing without cross-talk (issue 18): what executions share (an account's pacer, requests and template reads)
 * is shared only by executions whose credential resolved to the same data; a request is sent again only when that
 * cannot send a message twice; a cancelled execution never fails the others' messages; weak or odd input at the
 * trigger and the pacer is refused or bounded.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { GupshupPartnerApi } from '../../credentials/GupshupPartnerApi.credentials';
import { InsiderApi } from '../../credentials/InsiderApi.credentials';
import { KaleyraApi } from '../../credentials/KaleyraApi.credentials';
import { GupshupWhatsApp } from '../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { KaleyraWhatsApp } from '../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { gupshup } from '../../nodes/providers/gupshup/adapter';
import { insider } from '../../nodes/providers/insider/adapter';
import { kaleyra } from '../../nodes/providers/kaleyra/adapter';
import type { Outgoing } from '../../nodes/shared/adapter';
import { sharingKey } from '../../nodes/shared/account';
import { executionRecords } from '../../nodes/shared/catalogue';
import { Coalescer, type BatchOutcome } from '../../nodes/shared/coalesce';
import { leasePacer } from '../../nodes/shared/pacers';
import { RequestPacer } from '../../nodes/shared/rate-limit';
import { sendWithRetries, type Transport } from '../../nodes/shared/transport';
import { whatsappErrorHint } from '../../nodes/shared/whatsapp-errors';
import { MEDIA_DOWNLOAD, withMediaFiles } from '../../nodes/WhatsAppBspTrigger/media';
import type { TriggerItem } from '../../nodes/WhatsAppBspTrigger/callbacks/types';
import { makeExecuteContext } from './helpers/execute-context';
import { Loopback, type ReceivedRequest, type Reply } from './helpers/loopback';
import { nodeRunner } from './helpers/run-node';
import { CATALOGUE, insiderList } from './helpers/template-fixtures';
import { callWebhook, hookContext, runHook } from './helpers/trigger-context';
import { virtualTime } from './helpers/virtual-time';

type Sent = { phoneNumber: string };
const phonesOf = (request: ReceivedRequest) => ((request.body as { messages?: Sent[] }).messages ?? []).map((m) => m.phoneNumber);

describe('1. executions share only with executions whose credential resolved to the same data', () => {
	const runInsider = nodeRunner(new InsiderWhatsApp(), new InsiderApi());
	let server: Loopback;
	// Insider answers one key per message that names the key the request carried: an output shows which account took it.
	const keysNamingTheAccount = (request: ReceivedRequest): Reply => {
		if (request.method === 'GET') return { status: 200, body: insiderList(CATALOGUE) };
		const key = String(request.headers['x-ins-auth-key']);
		return { status: 200, body: { keys: phonesOf(request).map((phone) => `${key}:${phone}`) } };
	};
	beforeAll(async () => {
		server = await new Loopback(keysNamingTheAccount).start();
	});
	afterEach(() => server.reset());
	afterAll(async () => await server.stop());

	// One credential id whose key comes from an expression ({{ $json.body.key }}): n8n resolves it per execution.
	const tenant = (authKey: string) => ({ authKey, baseUrl: server.url });
	const text = (to: string) => ({ operation: 'sendText', to, text: `hello ${to}`, endpoint: 'conversational', options: { requestsPerSecond: 2 } });
	const send = (authKey: string, to: string) => runInsider({ credentials: tenant(authKey), credentialId: 'cred-tenants', parameters: text(to) });

	it("two tenants bursting on one credential id: each message leaves with its own tenant's key, and each tenant's burst still shares requests", async () => {
		// The first of each tenant takes its account's free slot; the others wait and may share the next request.
		const first = await Promise.all([send('INS.tenant-a', '+14155550100'), send('INS.tenant-b', '+14155550200')]);
		const burst = await Promise.all([
			send('INS.tenant-a', '+14155550101'),
			send('INS.tenant-b', '+14155550201'),
			send('INS.tenant-a', '+14155550102'),
			send('INS.tenant-b', '+14155550202'),
		]);
		const tenantOf = (phone: string) => (phone.startsWith('+141555501') ? 'INS.tenant-a' : 'INS.tenant-b');
		for (const request of server.requests) {
			for (const phone of phonesOf(request)) expect([phone, request.headers['x-ins-auth-key']]).toEqual([phone, tenantOf(phone)]);
		}
		expect([...first, ...burst].map((output) => output[0].json.messageId)).toEqual([
			'INS.tenant-a:+14155550100',
			'INS.tenant-b:+14155550200',
			'INS.tenant-a:+14155550101',
			'INS.tenant-b:+14155550201',
			'INS.tenant-a:+14155550102',
			'INS.tenant-b:+14155550202',
		]);
		// Sharing still works within a tenant: its two waiting messages left in one request.
		expect(server.requests.map(phonesOf).filter((phones) => phones.length === 2).sort()).toEqual([
			['+14155550101', '+14155550102'],
			['+14155550201', '+14155550202'],
		]);
	});

	it("a template read is never shared across tenants: each tenant's check reads its own account's list", async () => {
		const template = (authKey: string, to: string) =>
			runInsider({
				credentials: tenant(authKey),
				credentialId: 'cred-tenants-templates',
				parameters: {
					operation: 'sendTemplate',
					to,
					templateName: 'order_update',
					templateLanguage: 'en_US',
					headerType: 'text',
					headerText: '#1',
					bodyParameters: { parameter: [{ text: 'Ana' }, { text: 'shipped' }] },
					buttonParameters: { parameter: [{ subType: 'url', index: 0, value: '1' }] },
					options: { requestsPerSecond: 1000 },
				},
			});
		await Promise.all([template('INS.tenant-a', '+14155550100'), template('INS.tenant-b', '+14155550200'), template('INS.tenant-a', '+14155550101')]);
		const lists = server.requests.filter((request) => request.method === 'GET').map((request) => request.headers['x-ins-auth-key']);
		expect(lists.sort()).toEqual(['INS.tenant-a', 'INS.tenant-b']);
	});

	it('the sharing key: the same for the same data in any order, another for other data, none for per-user credentials, never the secret', () => {
		const keyOf = (credentials: ICredentialDataDecryptedObject, executionContext?: IDataObject) => {
			const { ctx } = makeExecuteContext({ parameters: {}, credentialType: 'insiderApi', credentialClass: new InsiderApi(), credentials, credentialId: 'cred-1' });
			(ctx as unknown as { getExecutionContext: () => unknown }).getExecutionContext = () => executionContext;
			return sharingKey(ctx, insider, credentials);
		};
		const a = keyOf({ authKey: 'INS.tenant-a', baseUrl: 'https://whatsapp.useinsider.com' });
		expect(keyOf({ baseUrl: 'https://whatsapp.useinsider.com', authKey: 'INS.tenant-a' })).toBe(a);
		expect(keyOf({ authKey: 'INS.tenant-b', baseUrl: 'https://whatsapp.useinsider.com' })).not.toBe(a);
		expect(a).toMatch(/^insider\ncred-1\n[A-Za-z0-9+/]{43}=$/);
		expect(a).not.toContain('tenant-a');
		// n8n 2.x resolves such an execution's credentials for its end user: nothing is shared.
		expect(keyOf({ authKey: 'INS.tenant-a', baseUrl: 'x' }, { version: 1, establishedAt: 1, source: 'webhook', credentials: 'encrypted' })).toBeUndefined();
	});
});

describe('2. a request the provider may have accepted is not sent again', () => {
	const runKaleyra = nodeRunner(new KaleyraWhatsApp(), new KaleyraApi());
	const runGupshup = nodeRunner(new GupshupWhatsApp(), new GupshupPartnerApi());
	let server: Loopback;
	let answer: Reply = { status: 202, body: { code: 'WA202', data: { message_id: 'kal-1' } } };
	beforeAll(async () => {
		server = await new Loopback(() => answer).start();
	});
	afterEach(() => server.reset());
	afterAll(async () => await server.stop());
	const kaleyraCredentials = () => ({ sid: 'HXAP1', apiKey: 'k', region: 'custom', baseUrl: server.url, businessNumber: '+919000000001' });
	const kaleyraText = (options: IDataObject = {}) => ({
		operation: 'sendText',
		to: '+14155550100',
		text: 'hi',
		options: { requestsPerSecond: 1000, maxRetries: 2, ...options },
	});

	it('the provider takes the request and drops the connection: one request, the item says "may have been accepted" and what to do', async () => {
		answer = 'drop';
		const output = await runKaleyra({ credentials: kaleyraCredentials(), parameters: kaleyraText(), continueOnFail: true });
		expect(server.requests).toHaveLength(1);
		expect(output[0].json).toEqual({
			error: {
				message: 'Kaleyra error: no answer from Kaleyra (ECONNRESET); the request may have been accepted by Kaleyra',
				description:
					"No HTTP answer for Item 1. It was not sent again, since that could deliver it twice; check before sending again: Kaleyra's reports on kaleyra.io list each message with its Ref (set one per message under Options → Ref), and the WhatsApp BSP Trigger's delivery statuses show whether it arrived. To send such requests again automatically, at that risk, switch on \"Retry Uncertain Failures\" under Options.",
				httpCode: null,
				providerCode: null,
			},
		});
	});

	it('with Retry Uncertain Failures on, a dropped answer is sent again up to Max Retries, and says it may have arrived more than once', async () => {
		answer = 'drop';
		const output = await runKaleyra({ credentials: kaleyraCredentials(), parameters: kaleyraText({ retryUncertain: true, maxRetries: 1 }), continueOnFail: true });
		expect(server.requests).toHaveLength(2);
		expect((output[0].json.error as IDataObject).description).toMatch(/^No HTTP answer for Item 1\. It was sent again as often as Max Retries allows, so it may have arrived more than once; check before sending again: /);
	});

	it.each([500, 502, 504])('HTTP %i: one request, "may have been accepted", with the provider\'s own words', async (status) => {
		answer = { status, body: { message: 'upstream failed' } };
		const output = await runGupshup({
			credentials: { appId: 'app-1', appToken: 'sk_x', baseUrl: server.url },
			parameters: { operation: 'sendText', to: '+14155550100', text: 'hi', options: { requestsPerSecond: 1000, maxRetries: 3 } },
			continueOnFail: true,
		});
		expect(server.requests).toHaveLength(1);
		expect(output[0].json.error).toEqual({
			message: 'Gupshup error: upstream failed; the request may have been accepted by Gupshup',
			description: `HTTP ${status} for Item 1. It was not sent again, since that could deliver it twice; check before sending again: the WhatsApp BSP Trigger's delivery statuses show whether it arrived. To send such requests again automatically, at that risk, switch on "Retry Uncertain Failures" under Options.`,
			httpCode: status,
			providerCode: null,
		});
	});

	it('HTTP 503 (not processed) is sent again, up to Max Retries', async () => {
		answer = { status: 503, body: { message: 'busy' } };
		await runGupshup({
			credentials: { appId: 'app-1', appToken: 'sk_x', baseUrl: server.url },
			parameters: { operation: 'sendText', to: '+14155550100', text: 'hi', options: { requestsPerSecond: 1000, maxRetries: 1 } },
			continueOnFail: true,
		});
		expect(server.requests).toHaveLength(2);
	});

	it('a connection refused (nothing was written) is sent again, up to Max Retries', async () => {
		const closed = await new Loopback(() => answer).start();
		const url = closed.url;
		await closed.stop();
		let attempts = 0;
		const { ctx } = makeExecuteContext({ parameters: {}, credentialType: 'gupshupPartnerApi', credentialClass: new GupshupPartnerApi(), credentials: {} });
		const original = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (this: IExecuteFunctions, ...args: Parameters<typeof original>) {
			attempts++;
			return await original.apply(this, args);
		};
		// Real requests, so real time; the backoff between them is skipped.
		const transport = { ...transportOf(ctx, virtualTime(), { maxRetries: 2 }), now: Date.now, wait: async () => undefined };
		const result = await sendWithRetries(transport, { method: 'POST', url: `${url}/send` }, new RequestPacer(1000));
		expect(attempts).toBe(3);
		expect(result.ok ? undefined : result.failure.message).toBe('no connection to Gupshup (ECONNREFUSED)');
	});
});

/** A transport for direct calls of the engine, on a virtual clock. */
function transportOf(ctx: IExecuteFunctions, clock: ReturnType<typeof virtualTime>, options: Partial<Transport> = {}): Transport {
	return {
		ctx,
		adapter: gupshup,
		credentials: {},
		credentialOptions: {},
		maxRetries: 2,
		onUncertain: 'report',
		throttleBudgetMs: 300_000,
		random: () => 0.5,
		now: clock.now,
		wait: clock.wait,
		...options,
	};
}

describe('3. a cancelled execution never fails the other executions of a shared request', () => {
	/**
	 * Insider's side through contexts that behave like n8n's: its request helper aborts a request with the signal of
	 * the context it is called on (n8n-core's httpRequestWithAuthentication sets abortSignal from
	 * getExecutionCancelSignal()). Every answer takes 100 ms of virtual time.
	 */
	function setUp() {
		const clock = virtualTime();
		const received: Array<{ via: string; phones: string[] }> = [];
		const contextOf = (execution: string, cancel: AbortSignal) =>
			({
				getExecutionCancelSignal: () => cancel,
				helpers: {
					async httpRequestWithAuthentication(this: IExecuteFunctions, _type: string, request: IHttpRequestOptions) {
						const signal = this.getExecutionCancelSignal();
						const phones = (request.body as { messages: Sent[] }).messages.map((m) => m.phoneNumber);
						received.push({ via: execution, phones });
						await new Promise<void>((resolve, reject) => {
							void clock.wait(100).then(resolve);
							signal?.addEventListener('abort', () => reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })));
						});
						return { statusCode: 200, headers: {}, body: { keys: phones.map((phone) => `key-${phone}`) } };
					},
				},
			}) as unknown as IExecuteFunctions;
		const pacer = new RequestPacer(1, clock.now, clock.wait);
		const coalescer = new Coalescer(pacer, 1000);
		const cancels = new Map<string, AbortController>();
		const send = (execution: string) => {
			const cancel = new AbortController();
			cancels.set(execution, cancel);
			const batch: Outgoing[] = [
				{ itemIndex: 0, to: `+49150${execution.charCodeAt(0)}`, operation: 'sendText', payload: { type: 'text', text: { body: execution } }, route: 'conversational', settings: {} },
			];
			const transport: Transport = {
				...transportOf(contextOf(execution, cancel.signal), clock, { maxRetries: 1 }),
				adapter: insider,
				credentials: { baseUrl: 'https://insider.test', authKey: 'k' },
				cancel: cancel.signal,
			};
			let outcome: BatchOutcome | undefined;
			void coalescer.send(transport, batch).then((o) => (outcome = o));
			return () => outcome;
		};
		return { clock, received, send, cancel: (execution: string) => cancels.get(execution)?.abort() };
	}

	it('the first execution of a request under way is cancelled: the request goes on, and the others get their keys', async () => {
		const { clock, received, send, cancel } = setUp();
		send('x');
		await clock.run(() => received.length === 1);
		const [a, b, c] = ['a', 'b', 'c'].map(send);
		// a, b and c wait for the next slot together; the request leaves through a, the first of them.
		await clock.run(() => received.length === 2);
		expect(received[1]).toEqual({ via: 'a', phones: ['+4915097', '+4915098', '+4915099'] });
		cancel('a');
		await clock.run();
		expect([a(), b(), c()]).toEqual([
			{ answers: [{ messageId: 'key-+4915097', response: { key: 'key-+4915097' } }] },
			{ answers: [{ messageId: 'key-+4915098', response: { key: 'key-+4915098' } }] },
			{ answers: [{ messageId: 'key-+4915099', response: { key: 'key-+4915099' } }] },
		]);
	});

	it('every execution of a request under way is cancelled: it is aborted, and each says it may have been accepted', async () => {
		const { clock, received, send, cancel } = setUp();
		send('x');
		await clock.run(() => received.length === 1);
		const outcomes = ['a', 'b'].map(send);
		await clock.run(() => received.length === 2);
		cancel('a');
		cancel('b');
		await clock.run();
		for (const outcome of outcomes) {
			expect(outcome()).toMatchObject({
				failure: {
					httpCode: null,
					message: 'the execution was cancelled while the request was under way; the request may have been accepted by Insider One',
				},
			});
		}
		expect(received).toHaveLength(2);
	});

	it('the first execution is cancelled before the request leaves: it drops out, the request leaves through the next', async () => {
		const { clock, received, send, cancel } = setUp();
		send('x');
		await clock.run(() => received.length === 1);
		const [a, b] = ['a', 'b'].map(send);
		cancel('a');
		await clock.run();
		expect(received[1]).toEqual({ via: 'b', phones: ['+4915098'] });
		expect(a()).toEqual({ failure: expect.objectContaining({ message: 'not sent: the execution was cancelled while the request waited for its turn' }) });
		expect(b()).toEqual({ answers: [{ messageId: 'key-+4915098', response: { key: 'key-+4915098' } }] });
	});

	it('a template read made through an execution that is then cancelled: the others read the list again and check', async () => {
		let reads = 0;
		const executionOf = (cancel: AbortController) =>
			({
				getExecutionCancelSignal: () => cancel.signal,
				logger: { debug: () => undefined },
				helpers: {
					async httpRequestWithAuthentication(this: IExecuteFunctions) {
						reads++;
						const signal = this.getExecutionCancelSignal();
						await new Promise<void>((resolve, reject) => {
							setTimeout(resolve, 30);
							signal?.addEventListener('abort', () => reject(new Error('canceled')));
						});
						return { statusCode: 200, body: insiderList(CATALOGUE) };
					},
				},
			}) as unknown as IExecuteFunctions;
		const first = new AbortController();
		const account = `insider\ncred-cancel-read\n${reads}`;
		const records = (cancel: AbortController) => executionRecords(executionOf(cancel), insider, { baseUrl: 'https://x' }, {}, account);
		const cancelled = records(first).templates('order_update');
		const other = records(new AbortController()).templates('order_update');
		first.abort();
		expect(await cancelled).toBeUndefined();
		expect((await other)?.templates.map((template) => template.name)).toEqual(['order_update']);
		expect(reads).toBe(2);
	});
});

describe('4. weak or odd input at the trigger and the pacer', () => {
	it('the trigger refuses to activate with a Bearer token shorter than 16 characters', async () => {
		const handle = hookContext({
			params: { provider: 'insider', authentication: 'bearerToken' },
			credentials: { whatsAppBspCallbackBearerApi: { token: 't' } },
			webhookUrl: 'https://n8n.example.com/webhook/x/callback',
			staticData: {},
		});
		await expect(runHook('checkExists', handle)).rejects.toThrow(
			"The trigger's authentication credential is too weak: the Bearer token has 1 characters; use a random token of at least 16",
		);
	});

	it('the trigger refuses to activate with a Basic Auth password shorter than 16 characters, and activates with a long one', async () => {
		const hook = (password: string) =>
			hookContext({
				params: { provider: 'kaleyra', authentication: 'basicAuth' },
				credentials: { whatsAppBspCallbackBasicApi: { user: 'kaleyra', password } },
				webhookUrl: 'https://n8n.example.com/webhook/x/callback',
				staticData: {},
			});
		await expect(runHook('checkExists', hook('short'))).rejects.toThrow(
			"The trigger's authentication credential is too weak: the Basic Auth password has 5 characters; use a random password of at least 16",
		);
		expect(await runHook('checkExists', hook('p4ss-w0rd-long-enough'))).toBe(true);
	});

	it('a callback carrying a 1-character token that matches the configured one is refused with 401, starting nothing', async () => {
		const out = await callWebhook(
			{ provider: 'insider', authentication: 'bearerToken' },
			{ json: { events: [] }, headers: { Authorization: 'Bearer t' } },
			{ whatsAppBspCallbackBearerApi: { token: 't' } },
		);
		expect(out.status).toBe(401);
		expect(out.items).toBeNull();
		expect(out.log).toContainEqual(expect.objectContaining({ level: 'warn', message: 'WhatsApp BSP Trigger: every callback is refused, since the Bearer token has 1 characters; use a random token of at least 16' }));
	});

	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" as an error code or message finds no hint', (name) => {
		expect(whatsappErrorHint(name)).toBeUndefined();
		expect(gupshup.readFailure(400, { status: 'error', message: name }).hint).toBeUndefined();
		expect(kaleyra.readFailure(400, { code: name, message: 'x' }).hint).toBeUndefined();
	});

	it("one workflow's Requests per Second of 0.01 makes another's request on the credential fail as late, after a bounded wait, saying why", async () => {
		const clock = virtualTime();
		// As leasePacer() does when a workflow at 0.01 joins one at 10 on the credential: the pacer keeps the lowest.
		const fast = leasePacer('insider\ncred-slow\nd', 10);
		const slow = leasePacer('insider\ncred-slow\nd', 0.01);
		expect(fast.pacer.currentRate).toBe(0.01);
		fast.release();
		slow.release();
		const pacer = new RequestPacer(10, clock.now, clock.wait);
		pacer.setCeiling(0.01);
		const ctx = { helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: {} }) } } as unknown as IExecuteFunctions;
		const transport = transportOf(ctx, clock, { throttleBudgetMs: 300_000 });
		const outcomes: Array<{ at: number; ok: boolean; message?: string }> = [];
		const started = clock.now();
		const sends = Array.from({ length: 5 }, async (_, n) => {
			const outcome = await sendWithRetries(transport, { method: 'POST', url: 'http://x' }, pacer);
			outcomes[n] = { at: clock.now() - started, ok: outcome.ok, message: outcome.ok ? undefined : outcome.failure.message };
		});
		await clock.run();
		await Promise.all(sends);
		// One request every 100 s (and the pacer's 10 ms of margin): the first three leave within 300 s. The fourth's
		// turn would come after that, which is known as soon as it is next in line, at 200 s: it and the fifth fail then.
		expect(outcomes.map(({ ok }) => ok)).toEqual([true, true, true, false, false]);
		expect(outcomes[3]).toEqual({
			at: 200_020,
			ok: false,
			message:
				'not sent: its turn would come more than 300 s after it asked, longer than "Max Wait on 429" under Options allows (at least 60 s); requests on this credential leave at 0.01 per second, the lowest "Requests per Second" of the workflows using it in this n8n instance',
		});
	});

	it('Download Media downloads at most 10 files, and at most 200 MB, of one callback', async () => {
		const fetched: string[] = [];
		let size = 300_000;
		const ctx = {
			logger: { warn: () => undefined },
			helpers: {
				httpRequest: async ({ url }: { url: string }) => {
					fetched.push(url);
					return { statusCode: 200, headers: {}, body: Buffer.alloc(size, 1) };
				},
				prepareBinaryData: async (data: Buffer) => ({ data: '', mimeType: 'image/png', fileSize: `${data.length}` }),
			},
		} as unknown as Parameters<typeof withMediaFiles>[0];
		const item = (n: number) =>
			({ messageId: `m${n}`, media: { type: 'image', id: null, url: `https://files.test/${n}`, mimeType: 'image/png', caption: null, filename: null } }) as unknown as TriggerItem;
		const items = Array.from({ length: 12 }, (_, n) => item(n));
		const out = await withMediaFiles(ctx, items, { maxMb: 25, maxBytes: 25 * 1024 * 1024 });
		expect(fetched).toHaveLength(10);
		expect(out.slice(10).map((o) => o.json.mediaDownloadError)).toEqual([
			"Not downloaded: one callback's execution downloads at most 10 files",
			"Not downloaded: one callback's execution downloads at most 10 files",
		]);
		// Bytes: with a Max Download Size of 90 MB, two files of 60 MB leave 80 MB, where a third of up to 90 MB does not fit.
		fetched.length = 0;
		size = 60 * 1024 * 1024;
		const big = await withMediaFiles(ctx, items.slice(0, 4), { maxMb: 90, maxBytes: 90 * 1024 * 1024 });
		expect(fetched).toHaveLength(2);
		expect(big.slice(2).map((o) => o.json.mediaDownloadError)).toEqual([
			"Not downloaded: one callback's execution downloads at most 200 MB of files together",
			"Not downloaded: one callback's execution downloads at most 200 MB of files together",
		]);
		expect(MEDIA_DOWNLOAD.maxCallbackMb).toBe(200);
	});
});

describe('5. a 429 with Retry-After', () => {
	it('is sent again no sooner than Retry-After says, and the other requests on the pacer wait too', async () => {
		const clock = virtualTime();
		const tries: Array<{ url: string; at: number }> = [];
		let first = true;
		const ctx = {
			helpers: {
				httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
					tries.push({ url: String(request.url), at: clock.now() });
					if (request.url === 'http://x/a' && first) {
						first = false;
						return { statusCode: 429, headers: { 'retry-after': '7' }, body: { message: 'slow down' } };
					}
					return { statusCode: 200, headers: {}, body: {} };
				},
			},
		} as unknown as IExecuteFunctions;
		const transport = transportOf(ctx, clock);
		const pacer = new RequestPacer(100, clock.now, clock.wait);
		const start = clock.now();
		const a = sendWithRetries(transport, { method: 'POST', url: 'http://x/a' }, pacer);
		await clock.run(() => tries.length === 1);
		const b = sendWithRetries(transport, { method: 'POST', url: 'http://x/b' }, pacer);
		await clock.run();
		expect((await a).ok && (await b).ok).toBe(true);
		const at = (url: string, n = 0) => tries.filter((t) => t.url === url)[n].at - start;
		expect(at('http://x/a')).toBe(0);
		expect(at('http://x/a', 1)).toBeGreaterThanOrEqual(7000);
		expect(at('http://x/b')).toBeGreaterThanOrEqual(7000);
	});
});

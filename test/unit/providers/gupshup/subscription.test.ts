/**
 * The Gupshup subscription lifecycle (checkExists, create, delete) against a loopback
 * emulation of Gupshup's subscription API, and once against the team's sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { gupshupModes, subscriptionTag } from '../../../../nodes/providers/gupshup/subscription';
import { createSandbox, DEFAULT_CREDENTIALS, type Sandbox } from '../../../sandbox/server';
import { hookContext, runHook, type Credentials, type HookHandle, type HookOptions } from '../../helpers/trigger-context';
import { startGupshupEmulator, type GupshupEmulator } from '../../helpers/trigger-gupshup-server';

const URL_PROD = 'https://n8n.example.com/webhook/5b1e0c2a-8f4d-4e3b-a7c9-1d2e3f4a5b6c/callback';
const URL_TEST = 'https://n8n.example.com/webhook-test/5b1e0c2a-8f4d-4e3b-a7c9-1d2e3f4a5b6c/callback';
const TOKEN = 'tok_9f2c41d7e8a64b0c93e1f5a2';
const NODE_ID = '3f1c2a9e-7b7d-4c47-9d55-0a1b2c3d4e5f';

let gupshup: GupshupEmulator;

beforeAll(async () => {
	gupshup = await startGupshupEmulator();
});

afterAll(async () => {
	await gupshup.close();
});

beforeEach(() => {
	gupshup.calls.length = 0;
	gupshup.subscriptions.clear();
	gupshup.options.listModes = true;
	gupshup.options.listMeta = true;
	gupshup.options.refuseNextCreate = null;
});

function credentials(extra: Credentials = {}): Credentials {
	return {
		gupshupPartnerApi: { appId: gupshup.appId, appToken: gupshup.appToken, baseUrl: `${gupshup.baseUrl}/` },
		whatsAppBspCallbackBearerApi: { token: TOKEN },
		whatsAppBspCallbackBasicApi: { user: 'gs', password: 'basic-secret-123' },
		...extra,
	};
}

function hook(params: IDataObject = {}, options: Partial<HookOptions> = {}): HookHandle {
	return hookContext({
		params: { provider: 'gupshup', registerSubscription: true, authentication: 'bearerToken', ...params },
		credentials: credentials(),
		webhookUrl: URL_PROD,
		staticData: {},
		nodeId: NODE_ID,
		...options,
	});
}

/** What n8n does on activation: create only when checkExists says there is none. */
async function activate(handle: HookHandle): Promise<void> {
	if (!(await runHook('checkExists', handle))) await runHook('create', handle);
}

const calls = () => gupshup.calls.map((c) => `${c.method} ${c.path.replace(`/partner/app/${gupshup.appId}`, '')}`);
const only = () => {
	expect(gupshup.subscriptions.size).toBe(1);
	return [...gupshup.subscriptions.values()][0];
};

describe('without Register Subscription nothing is sent', () => {
	it.each([
		[{ registerSubscription: false }],
		[{ provider: 'insider' }],
		[{ provider: 'kaleyra', registerSubscription: true }],
	])('%j', async (params) => {
		const handle = hook(params, { credentials: { whatsAppBspCallbackBearerApi: { token: TOKEN } } });
		expect(await runHook('checkExists', handle)).toBe(true);
		expect(await runHook('create', handle)).toBe(true);
		expect(await runHook('delete', handle)).toBe(true);
		expect(gupshup.calls).toEqual([]);
	});
});

describe('the lifecycle', () => {
	it('activate registers once, reactivation finds it, deactivation removes it', async () => {
		const staticData: IDataObject = {};
		const handle = hook({}, { staticData });

		await activate(handle);
		expect(calls()).toEqual(['GET /subscription', 'GET /subscription', 'POST /subscription']);
		const post = gupshup.calls[2];
		expect(post.authorization).toBe(gupshup.appToken);
		expect(post.contentType).toBe('application/x-www-form-urlencoded');
		expect(post.form).toEqual({
			modes: 'SENT,DELIVERED,READ,FAILED,MESSAGE',
			tag: subscriptionTag('instance-a', 'wf42', NODE_ID, false),
			url: URL_PROD,
			version: '3',
			meta: JSON.stringify({ headers: { Authorization: `Bearer ${TOKEN}` } }),
		});
		const created = only();
		expect(staticData).toEqual({ gupshupSubscriptionId: created.id });

		// n8n restarts or the workflow is re-activated unchanged: nothing new.
		gupshup.calls.length = 0;
		expect(await runHook('checkExists', hook({}, { staticData: {} }))).toBe(true);
		expect(calls()).toEqual(['GET /subscription']);

		gupshup.calls.length = 0;
		expect(await runHook('delete', handle)).toBe(true);
		expect(calls()).toEqual([`DELETE /subscription/${created.id}`]);
		expect(gupshup.subscriptions.size).toBe(0);
		expect(staticData).toEqual({});
	});

	it('the tag is unique per instance, workflow and node, and readable', () => {
		const tag = subscriptionTag('instance-a', 'wf42', NODE_ID, false);
		expect(tag).toMatch(/^n8n-wf42-[0-9a-f]{10}$/);
		expect(subscriptionTag('instance-b', 'wf42', NODE_ID, false)).not.toBe(tag);
		expect(subscriptionTag('instance-a', 'wf43', NODE_ID, false)).not.toBe(tag);
		expect(subscriptionTag('instance-a', 'wf42', 'other-node', false)).not.toBe(tag);
		expect(subscriptionTag('instance-a', 'wf42', NODE_ID, true)).toBe(`${tag}-test`);
	});

	it('changed events update the same subscription (PUT), never a second one', async () => {
		await activate(hook());
		const first = only();
		gupshup.calls.length = 0;
		await activate(hook({ events: ['enqueued', 'read', 'failed', 'deleted', 'not-sent'] }));
		expect(calls()).toEqual(['GET /subscription', 'GET /subscription', `PUT /subscription/${first.id}`]);
		expect(gupshup.calls[2].form).toMatchObject({ modes: 'ENQUEUED,READ,FAILED,DELETED', active: 'true' });
		expect(only().modes).toEqual(['ENQUEUED', 'READ', 'FAILED', 'DELETED']);
	});

	it('a changed token updates the headers Gupshup sends', async () => {
		await activate(hook());
		const handle = hookContext({
			params: { provider: 'gupshup', registerSubscription: true, authentication: 'bearerToken' },
			credentials: credentials({ whatsAppBspCallbackBearerApi: { token: 'tok_new_0123456789abcdef' } }),
			webhookUrl: URL_PROD,
			staticData: {},
			nodeId: NODE_ID,
		});
		expect(await runHook('checkExists', handle)).toBe(false);
		await runHook('create', handle);
		expect(JSON.parse(only().meta as string)).toEqual({ headers: { Authorization: 'Bearer tok_new_0123456789abcdef' } });
	});

	it('basic auth sends a Basic header; no authentication sends no meta', async () => {
		await activate(hook({ authentication: 'basicAuth' }));
		expect(JSON.parse(only().meta as string)).toEqual({
			headers: { Authorization: `Basic ${Buffer.from('gs:basic-secret-123').toString('base64')}` },
		});
		gupshup.subscriptions.clear();
		await activate(hook({ authentication: 'none' }));
		expect(only().meta).toBeNull();
		expect(gupshup.calls.at(-1)?.form.meta).toBeUndefined();
	});

	it('a subscription already pointing at our URL is adopted, not duplicated', async () => {
		gupshup.subscriptions.set('900', {
			id: '900',
			appId: gupshup.appId,
			tag: 'made by hand',
			url: URL_PROD,
			version: 2,
			modes: ['SENT'],
			meta: null,
			active: true,
		});
		await activate(hook());
		expect(calls().at(-1)).toBe('PUT /subscription/900');
		expect(only()).toMatchObject({ id: '900', tag: subscriptionTag('instance-a', 'wf42', NODE_ID, false), version: 3 });
	});

	it('when Gupshup\'s list does not show modes or meta, activation updates to be sure', async () => {
		await activate(hook());
		gupshup.options.listModes = false;
		expect(await runHook('checkExists', hook())).toBe(false);
		gupshup.options.listModes = true;
		gupshup.options.listMeta = false;
		expect(await runHook('checkExists', hook())).toBe(false);
		await runHook('create', hook());
		expect(gupshup.subscriptions.size).toBe(1);
	});

	it('the test URL (manual mode) gets its own subscription and leaves production alone', async () => {
		const staticData: IDataObject = {};
		await activate(hook({}, { staticData }));
		const production = only();
		const test = hook({}, { staticData, mode: 'manual', webhookUrl: URL_TEST });
		await activate(test);
		expect(gupshup.subscriptions.size).toBe(2);
		expect(staticData.gupshupTestSubscriptionId).toBeDefined();
		await runHook('delete', test);
		expect(only()).toEqual(production);
		expect(staticData).toEqual({ gupshupSubscriptionId: production.id });
	});

	it('two trigger nodes in one workflow get two subscriptions', async () => {
		await activate(hook());
		await activate(hook({}, { nodeId: 'another-node', webhookUrl: `${URL_PROD}2` }));
		expect(gupshup.subscriptions.size).toBe(2);
	});
});

describe('deactivation', () => {
	it('finds the subscription by its tag when the static data was lost', async () => {
		await activate(hook());
		expect(await runHook('delete', hook({}, { staticData: {} }))).toBe(true);
		expect(gupshup.subscriptions.size).toBe(0);
	});

	it('a subscription already removed in Gupshup is fine', async () => {
		const staticData: IDataObject = { gupshupSubscriptionId: '12345' };
		expect(await runHook('delete', hook({}, { staticData }))).toBe(true);
		expect(calls()).toEqual(['DELETE /subscription/12345']);
		expect(staticData).toEqual({});
	});

	it('nothing of ours: nothing to delete', async () => {
		expect(await runHook('delete', hook())).toBe(true);
		expect(calls()).toEqual(['GET /subscription']);
	});

	it('Register Subscription turned off since: the recorded one is removed', async () => {
		const staticData: IDataObject = {};
		await activate(hook({}, { staticData }));
		expect(await runHook('delete', hook({ registerSubscription: false }, { staticData }))).toBe(true);
		expect(gupshup.subscriptions.size).toBe(0);
		expect(staticData).toEqual({});
	});

	it('…and when the credential is gone by then, says so in the log instead of failing', async () => {
		const staticData: IDataObject = { gupshupSubscriptionId: '777' };
		const handle = hook({ registerSubscription: false }, { staticData, credentials: {} });
		expect(await runHook('delete', handle)).toBe(true);
		expect(handle.log).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('777') })]);
		expect(staticData).toEqual({});
	});
});

describe('failures surface as node errors', () => {
	it('Gupshup refusing the subscription fails the activation with its message', async () => {
		gupshup.options.refuseNextCreate = 'Invalid URL Passed';
		await expect(activate(hook())).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Gupshup refused to create the callback subscription: Invalid URL Passed',
			httpCode: '400',
		});
	});

	it('Register Subscription without a Gupshup credential names what is missing, before any request', async () => {
		const handle = hook({}, { credentials: { whatsAppBspCallbackBearerApi: { token: TOKEN } } });
		await expect(runHook('checkExists', handle)).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Register Subscription needs a Gupshup Partner API credential',
		});
		expect(gupshup.calls).toEqual([]);
	});

	it('a wrong app token', async () => {
		const handle = hookContext({
			params: { provider: 'gupshup', registerSubscription: true, authentication: 'none' },
			credentials: { gupshupPartnerApi: { appId: gupshup.appId, appToken: 'wrong', baseUrl: gupshup.baseUrl } },
			webhookUrl: URL_PROD,
			staticData: {},
		});
		await expect(runHook('checkExists', handle)).rejects.toMatchObject({
			message: 'Gupshup refused to list the callback subscriptions: Authentication Failed',
			httpCode: '401',
		});
	});

	it.each([[['not-sent']], [['template']]])('no event that a subscription delivers: %j', async (events) => {
		await expect(runHook('create', hook({ events }))).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'None of the selected events is one that a Gupshup subscription delivers',
			description:
				'Select at least one of Sent, Delivered, Read, Failed, Enqueued, Deleted or Message. Template Status comes through the template events of the app\'s callback settings, which Register Subscription does not set.',
		});
		expect(calls()).toEqual([]);
	});

	it('Template Status adds no mode: Gupshup\'s pages disagree whether a v3 subscription takes TEMPLATE', () => {
		expect(gupshupModes(['sent', 'template', 'message'])).toEqual(['SENT', 'MESSAGE']);
	});
});

describe('against the team\'s sandbox (test/sandbox)', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await createSandbox({ port: 0 });
	});

	afterAll(async () => {
		await sandbox.close();
	});

	it('registers, finds and removes a subscription', async () => {
		const staticData: IDataObject = {};
		const handle = hookContext({
			params: { provider: 'gupshup', registerSubscription: true, authentication: 'bearerToken' },
			credentials: {
				gupshupPartnerApi: { ...DEFAULT_CREDENTIALS.gupshup, baseUrl: sandbox.url },
				whatsAppBspCallbackBearerApi: { token: TOKEN },
			},
			webhookUrl: URL_PROD,
			staticData,
		});
		await activate(handle);
		expect(staticData.gupshupSubscriptionId).toEqual(expect.any(String));
		expect(await runHook('checkExists', handle)).toBe(true);
		expect(await runHook('delete', handle)).toBe(true);
		expect(await runHook('checkExists', handle)).toBe(false);
	});
});

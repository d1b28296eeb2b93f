'use strict';
// Send Template end to end in a real, pinned n8n, against the provider sandbox:
// 1. a template send through each of the three nodes (`n8n execute`): the exact list and send requests the sandbox
//    received (the template list read once per node run, however many items), Insider's two items in one request,
//    and the exact items n8n put out;
// 2. a send that does not fit the approved template is refused before anything is sent (the list was read, nothing
//    else);
// 3. the Template Name and Template Language dropdowns, loaded through n8n's own dynamic-options endpoint;
// 4. WhatsApp's 24-hour window: a Send Text to a customer who has not written is accepted, then fails with 131047,
//    and the WhatsApp BSP Trigger's failed item explains what to do; a Send Template to the same customer is
//    delivered.
//
// One n8n user folder (one package install) serves the whole file: the `n8n execute` tests first, then `n8n start`
// for the dynamic-options and webhook tests.
//
// Environment:
//   WA_BSP_N8N          v2 (default, n8n 2.41.1) or v1 (n8n 1.123.81)
//   WA_BSP_INSTALL      tarball (default: `npm pack`ed into ~/.n8n/nodes, as n8n installs community packages) or link
//   WA_BSP_PACKAGE_DIR  the built package to install (default: this repo)

const assert = require('node:assert/strict');
const path = require('node:path');
const { after, before, beforeEach } = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { CALLBACK_SECRETS, CREDENTIALS, NODE_TYPES, sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows, loadWorkflow } = require('./lib/workflows');
const { outputItems, errorText, assertSucceeded, assertFailedAt, assertNoSecrets } = require('./lib/runs');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');
const { RE_ENGAGEMENT_DETAILS } = require('../sandbox/meta-errors');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const PACKAGE_DIR = path.resolve(process.env.WA_BSP_PACKAGE_DIR || REPO);
if (!['v1', 'v2'].includes(VERSION)) throw new Error(`WA_BSP_N8N must be v1 or v2, not ${VERSION}`);
if (!['tarball', 'link'].includes(INSTALL)) throw new Error(`WA_BSP_INSTALL must be tarball or link, not ${INSTALL}`);

// The built package's own, so that the test follows the source rather than a copy of it.
const { USER_AGENT } = require(path.join(REPO, 'dist/nodes/shared/transport.js'));

const PROVIDERS = ['insider', 'kaleyra', 'gupshup'];
const AUTH_HEADERS = {
	insider: ['x-ins-auth-key', DEFAULT_CREDENTIALS.insider.authKey],
	kaleyra: ['api-key', DEFAULT_CREDENTIALS.kaleyra.apiKey],
	gupshup: ['authorization', DEFAULT_CREDENTIALS.gupshup.appToken],
};
const SECRETS = [...Object.values(AUTH_HEADERS).map(([, value]) => value), CALLBACK_SECRETS.token];
const BUSINESS = DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0];
const KALEYRA_SEND_PATH = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${BUSINESS}/messages`;
const GUPSHUP_SEND_PATH = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`;
/** Each provider's template list, as the nodes request it (Insider: first page of 100, filtered by name when known). */
const LIST_PATH = {
	insider: (name) => `/api/v1/templates?page=1&per_page=100${name ? `&name=${name}` : ''}`,
	kaleyra: () => `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${DEFAULT_CREDENTIALS.kaleyra.wabaId}/message_templates`,
	gupshup: () => `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/templates`,
};
const CREDENTIAL_OF = { insider: CREDENTIALS.insider, kaleyra: CREDENTIALS.kaleyra, gupshup: CREDENTIALS.gupshup };

const WORKFLOWS = [
	'send-template-providers',
	'send-template-error-count',
	'trigger-template-gupshup',
	'send-template-window-text',
	'send-template-window-template',
];
const ids = {};
/** The webhook-started workflows of test 4, published once n8n runs. */
const LIVE = ['trigger-template-gupshup', 'send-template-window-text', 'send-template-window-template'];
const TRIGGER = 'WhatsApp BSP Trigger';

// Generous: the machine has 2 cores shared with other n8n instances. Hang protection only, never an assertion.
const EXECUTE_TIMEOUT = { timeout: 240_000 };
const SERVER_TIMEOUT = { timeout: 480_000 };

let sandbox;
let n8n;

const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);

before(
	async () => {
		sandbox = await createSandbox();
		n8n = await N8n.create({ version: VERSION, install: INSTALL, packageDir: PACKAGE_DIR });
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		const workflows = WORKFLOWS.map(loadWorkflow);
		await importWorkflows(n8n, workflows);
		WORKFLOWS.forEach((name, i) => (ids[name] = workflows[i].id));
	},
	{ timeout: 600_000 },
);

after(async () => {
	await n8n?.dispose({ failed: failed() });
	await sandbox?.close();
});

beforeEach(() => control.reset());

// ---------------------------------------------------------------------------------------------------------------
// What n8n returned

async function execute(t, workflow) {
	const started = Date.now();
	const run = await n8n.execute(ids[workflow], { timeoutMs: 180_000 });
	t.diagnostic(`n8n execute ${workflow}: ${Date.now() - started} ms`);
	assertNoSecrets(run, SECRETS);
	return run;
}

// ---------------------------------------------------------------------------------------------------------------
// What the sandbox received

/** Sent as the provider documents it: method, path, auth header, user agent; JSON both ways. */
function assertRequest(request, provider, { method = 'POST', path: expectedPath, body }) {
	const [authHeader, authValue] = AUTH_HEADERS[provider];
	assert.equal(request.provider, provider);
	assert.equal(`${request.method} ${request.path}`, `${method} ${expectedPath}`);
	assert.equal(request.headers[authHeader], authValue, `${authHeader} header of ${method} ${expectedPath}`);
	assert.equal(request.headers['user-agent'], USER_AGENT);
	if (method === 'GET') {
		assert.match(request.headers.accept ?? '', /^application\/json\b/);
		assert.equal(request.body, null, 'a list request has no body');
	} else {
		assert.match(request.headers['content-type'] ?? '', /^application\/json\b/);
		assert.deepEqual(request.body, body);
	}
}

/** The provider's template list request, answered 200. */
function assertListRequest(request, provider, name) {
	assertRequest(request, provider, { method: 'GET', path: LIST_PATH[provider](name) });
	assert.equal(request.status, 200, JSON.stringify(request.responseBody));
}

/** An accepted send that Meta will not turn down later (the sandbox lists such failures at once). */
function assertAcceptedSend(request, status) {
	assert.equal(request.status, status, JSON.stringify(request.responseBody));
	assert.equal(request.failures, undefined, `the sandbox will report failures: ${JSON.stringify(request.failures)}`);
}

const metaEnvelope = (to, message) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message });
const template = (name, language, components) => ({ type: 'template', template: { name, language, components } });
const headerText = (text) => ({ type: 'header', parameters: [{ type: 'text', text }] });
const headerImage = (link) => ({ type: 'header', parameters: [{ type: 'image', image: { link } }] });
const body = (...texts) => ({ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) });
const urlButton = (index, text) => ({ type: 'button', sub_type: 'url', index, parameters: [{ type: 'text', text }] });
const quickReply = (index, payload) => ({ type: 'button', sub_type: 'quick_reply', index, parameters: [{ type: 'payload', payload }] });
const copyCode = (index, code) => ({ type: 'button', sub_type: 'copy_code', index, parameters: [{ type: 'coupon_code', coupon_code: code }] });

// ---------------------------------------------------------------------------------------------------------------
// 1. A template send through each provider

e2e('Send Template through Insider (2 items, one request), Kaleyra and Gupshup: exact requests, one list read per provider, exact items', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-template-providers');
	assertSucceeded(run);
	const all = await control.requests();
	const of = (provider) => all.filter((r) => r.provider === provider);
	assert.deepEqual(
		PROVIDERS.map((p) => [p, of(p).map((r) => r.method)]),
		PROVIDERS.map((p) => [p, ['GET', 'POST']]),
		'per provider: the template list once, then the send',
	);

	// Insider: both items of the Code node in one transactional request (the default endpoint of templates), each
	// with its own values, and Insider's deterministic language policy.
	const [insiderList, insiderSend] = of('insider');
	assertListRequest(insiderList, 'insider', 'order_update');
	const orderUpdate = (orderId, name, state) =>
		template('order_update', { code: 'en_US', policy: 'deterministic' }, [headerText(`#${orderId}`), body(name, state), urlButton(0, orderId)]);
	assertRequest(insiderSend, 'insider', {
		path: '/v1/send',
		body: {
			messages: [
				{ phoneNumber: '+905321112233', message: orderUpdate('1001', 'Ayşe', 'shipped') },
				{ phoneNumber: '+442079460100', message: orderUpdate('1002', 'Oliver', 'out for delivery') },
			],
		},
	});
	assertAcceptedSend(insiderSend, 200);
	const keys = insiderSend.responseBody.keys;
	assert.equal(keys.length, 2);
	assert.notEqual(keys[0], keys[1]);
	assert.deepEqual(outputItems(run, 'Insider Send Template'), [
		{
			json: { provider: 'insider', operation: 'sendTemplate', to: '+905321112233', messageId: keys[0], status: 'accepted', response: { key: keys[0] } },
			pairedItem: { item: 0 },
		},
		{
			json: { provider: 'insider', operation: 'sendTemplate', to: '+442079460100', messageId: keys[1], status: 'accepted', response: { key: keys[1] } },
			pairedItem: { item: 1 },
		},
	]);

	// Kaleyra: header variable, two body values, the URL button's suffix; Meta's language object as it is.
	const [kaleyraList, kaleyraSend] = of('kaleyra');
	assertListRequest(kaleyraList, 'kaleyra');
	assertRequest(kaleyraSend, 'kaleyra', {
		path: KALEYRA_SEND_PATH,
		body: {
			messaging_object: metaEnvelope(
				'919876543210',
				template('order_update', { code: 'en_US' }, [headerText('#1234'), body('Priya', 'ready for pickup'), urlButton(0, '1234')]),
			),
			extra_info: { ref: 'order-1234', wa_source: 'api' },
		},
	});
	assertAcceptedSend(kaleyraSend, 202);
	assert.deepEqual(outputItems(run, 'Kaleyra Send Template'), [
		{
			json: {
				provider: 'kaleyra',
				operation: 'sendTemplate',
				to: '919876543210',
				messageId: kaleyraSend.responseBody.data.message_id,
				status: 'accepted',
				response: kaleyraSend.responseBody,
			},
			pairedItem: { item: 0 },
		},
	]);

	// Gupshup: an image header, a quick-reply payload and a coupon code (given in the other order: sent by index).
	const [gupshupList, gupshupSend] = of('gupshup');
	assertListRequest(gupshupList, 'gupshup');
	assertRequest(gupshupSend, 'gupshup', {
		path: GUPSHUP_SEND_PATH,
		body: metaEnvelope(
			'14155550100',
			template('spring_sale', { code: 'en_US' }, [
				headerImage('https://cdn.example.com/spring-sale.png'),
				body('Ana'),
				quickReply(0, 'optout-14155550100'),
				copyCode(1, 'SPRING25'),
			]),
		),
	});
	assertAcceptedSend(gupshupSend, 200);
	assert.deepEqual(outputItems(run, 'Gupshup Send Template'), [
		{
			json: {
				provider: 'gupshup',
				operation: 'sendTemplate',
				to: '14155550100',
				messageId: gupshupSend.responseBody.messages[0].id,
				status: 'accepted',
				response: gupshupSend.responseBody,
			},
			pairedItem: { item: 0 },
		},
	]);

	const stats = await control.stats();
	for (const provider of PROVIDERS) {
		assert.equal(stats[provider].failedMessages, 0, `${provider}: no message fails later`);
		assert.equal(stats[provider].duplicateMessages, 0, `${provider}: nothing sent twice`);
	}
	assert.deepEqual(
		PROVIDERS.map((p) => stats[p].acceptedMessages),
		[2, 1, 1],
	);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. A send that does not fit the approved template

e2e('one body value for order_update\'s two: refused before sending (the list was read, nothing sent)', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-template-error-count');
	const error = assertFailedAt(
		run,
		'Kaleyra Send Template',
		'Item 1: template "order_update" (en_US) has 2 body variables ({{1}}, {{2}}); 1 given',
	);
	assert.equal(error.description, 'Check the "bodyParameters" parameter. Nothing was sent for this item.');
	const requests = await control.requests();
	assert.equal(requests.length, 1, `only the list request: ${JSON.stringify(requests.map((r) => `${r.method} ${r.path}`))}`);
	assertListRequest(requests[0], 'kaleyra');
	assert.equal((await control.stats()).kaleyra.acceptedMessages, 0);
});

// ---------------------------------------------------------------------------------------------------------------
// n8n running: started once, for the tests below, with the webhook-started workflows published.

let running;
let reported = false;
/** Starts n8n (once), publishes the webhook-started workflows and waits until their webhooks answer. */
function ensureRunning(t) {
	running ??= (async () => {
		const started = Date.now();
		await n8n.start();
		const startMs = Date.now() - started;
		for (const name of LIVE) await n8n.publish(ids[name]);
		for (const name of LIVE) await n8n.waitForWebhook(webhookPathOf(name), { timeoutMs: 120_000 });
		return `n8n start ${startMs} ms, publishing ${LIVE.length} workflows ${Date.now() - started - startMs} ms`;
	})();
	return running.then((timing) => {
		if (!reported) t.diagnostic(timing);
		reported = true;
	});
}

/** The production webhook path of a workflow: the trigger's `<webhookId>/callback`, or the Webhook node's path. */
function webhookPathOf(name) {
	const workflow = loadWorkflow(name);
	const trigger = workflow.nodes.find((n) => n.type === NODE_TYPES.trigger);
	if (trigger) return `${trigger.webhookId}/callback`;
	return workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The dropdowns, through n8n's dynamic-options endpoint (what the editor calls)

/** The approved templates of the sandbox catalogue, as the Template Name dropdown shows them. */
const TEMPLATE_NAME_OPTIONS = [
	{ name: 'appointment_named', value: 'appointment_named', description: 'en_US · UTILITY' },
	{ name: 'holiday_carousel', value: 'holiday_carousel', description: 'en_US · MARKETING' },
	{ name: 'login_code', value: 'login_code', description: 'en_US · AUTHENTICATION' },
	{ name: 'order_update', value: 'order_update', description: 'en_US · UTILITY' },
	{ name: 'payment_due', value: 'payment_due', description: 'en_US, es · UTILITY' },
	{ name: 'spring_sale', value: 'spring_sale', description: 'en_US · MARKETING' },
	{ name: 'store_visit', value: 'store_visit', description: 'en_US · UTILITY' },
	{ name: 'weekend_offer', value: 'weekend_offer', description: 'en_US · MARKETING' },
	{ name: 'welcome_back', value: 'welcome_back', description: 'en_US · MARKETING' },
];
const PAYMENT_DUE_LANGUAGES = [
	{ name: 'en_US', value: 'en_US', description: 'UTILITY' },
	{ name: 'es', value: 'es', description: 'UTILITY' },
];

async function loadOptions(provider, methodName, parameters) {
	const { id, name, type } = CREDENTIAL_OF[provider];
	return n8n.rest('POST', '/dynamic-node-parameters/options', {
		path: `parameters.${methodName === 'getTemplateNames' ? 'templateName' : 'templateLanguage'}`,
		nodeTypeAndVersion: { name: NODE_TYPES[provider], version: 1 },
		currentNodeParameters: {
			resource: 'message',
			operation: 'sendTemplate',
			to: '+14155550100',
			templateName: '',
			templateLanguage: '',
			headerType: 'none',
			bodyParameters: {},
			buttonParameters: {},
			...parameters,
		},
		methodName,
		credentials: { [type]: { id, name } },
	});
}

e2e('the Template Name and Template Language dropdowns load each provider\'s approved templates through n8n', SERVER_TIMEOUT, async (t) => {
	await ensureRunning(t);
	for (const provider of PROVIDERS) {
		const names = await loadOptions(provider, 'getTemplateNames', {});
		assert.equal(names.status, 200, `${provider} getTemplateNames: ${names.text}`);
		// n8n's REST envelope; flash_deal (paused), legacy_offer (disabled) and summer_teaser (rejected) are left out.
		assert.deepEqual(names.json, { data: TEMPLATE_NAME_OPTIONS }, `${provider} getTemplateNames`);

		const languages = await loadOptions(provider, 'getTemplateLanguages', { templateName: 'payment_due' });
		assert.equal(languages.status, 200, `${provider} getTemplateLanguages: ${languages.text}`);
		assert.deepEqual(languages.json, { data: PAYMENT_DUE_LANGUAGES }, `${provider} getTemplateLanguages`);

		// One list request per dropdown, with the credential n8n decrypted; Insider's filtered by the name once known.
		const requests = await control.requests({ provider });
		assert.equal(requests.length, 2, `${provider}: ${JSON.stringify(requests.map((r) => `${r.method} ${r.path}`))}`);
		assertListRequest(requests[0], provider);
		assertListRequest(requests[1], provider, provider === 'insider' ? 'payment_due' : undefined);
		await control.reset();
	}
	const { text } = await loadOptions('gupshup', 'getTemplateNames', {});
	for (const secret of SECRETS) assert.ok(!text.includes(secret), 'a credential value appears in the answer');
});

// ---------------------------------------------------------------------------------------------------------------
// 4. The 24-hour window: 131047 at the trigger, with its hint; a template still goes through

/** The trigger's items (from every ended execution) for the message `messageId`. */
async function triggerItems(messageId) {
	const executions = (await n8n.executions(ids['trigger-template-gupshup'])).filter((e) => e.stoppedAt);
	const items = [];
	for (const execution of executions) {
		assert.equal(execution.status, 'success', `trigger execution ${execution.id}: ${JSON.stringify(execution.data.resultData.error ?? null)}`);
		assert.equal(execution.mode, 'webhook');
		assertNoSecrets(execution, SECRETS);
		items.push(...outputItems(execution, TRIGGER).map((item) => item.json).filter((item) => item.messageId === messageId));
	}
	return items;
}

/** Polls the trigger's executions until the message has `count` items; hang protection only. */
async function waitForTriggerItems(messageId, count, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	let items = [];
	while (Date.now() < deadline) {
		items = await triggerItems(messageId);
		if (items.length >= count) return items;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${items.length} of ${count} trigger items for ${messageId} within ${timeoutMs} ms: ${JSON.stringify(items)}`);
}

/** Posts to a published Webhook workflow, waits for its one new execution and returns it. */
async function runWebhookWorkflow(name, payload) {
	const id = ids[name];
	const before = (await n8n.executions(id)).length;
	const res = await fetch(n8n.webhookUrl(webhookPathOf(name)), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
	});
	assert.equal(res.status, 200, await res.text());
	const ended = await n8n.waitForExecutions(id, { count: before + 1, timeoutMs: 180_000 });
	assert.equal(ended.length, before + 1, `one new execution of ${name}`);
	const execution = ended[before];
	assert.ok(!execution.data.resultData.error, errorText(execution));
	assert.equal(execution.status, 'success');
	assert.equal(execution.mode, 'webhook');
	assertNoSecrets(execution, SECRETS);
	return execution;
}

e2e('outside the 24-hour window: Send Text fails with 131047 at the trigger, with its hint; Send Template is delivered', SERVER_TIMEOUT, async (t) => {
	await ensureRunning(t);
	await control.configure({
		serviceWindow: true,
		autoCallbacks: {
			url: n8n.webhookUrl(webhookPathOf('trigger-template-gupshup')),
			headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
		},
	});
	const customer = '+1 415 555 0142';
	const to = '14155550142';

	// A plain text: Gupshup accepts it, then WhatsApp turns it down in a failed status.
	const textRun = await runWebhookWorkflow('send-template-window-text', { phone: customer, text: 'Your parcel is waiting at the depot' });
	const [textSend] = await control.requests({ provider: 'gupshup' });
	assertRequest(textSend, 'gupshup', {
		path: GUPSHUP_SEND_PATH,
		body: metaEnvelope(to, { type: 'text', text: { preview_url: false, body: 'Your parcel is waiting at the depot' } }),
	});
	assert.equal(textSend.status, 200, JSON.stringify(textSend.responseBody));
	const textId = textSend.responseBody.messages[0].id;
	assert.deepEqual(textSend.failures, [{ messageId: textId, to, code: 131047, title: 'Re-engagement message', details: RE_ENGAGEMENT_DETAILS }]);
	assert.deepEqual(outputItems(textRun, 'Gupshup Send Text'), [
		{
			json: { provider: 'gupshup', operation: 'sendText', to, messageId: textId, status: 'accepted', response: textSend.responseBody },
			pairedItem: { item: 0 },
		},
	]);

	const [failed] = await waitForTriggerItems(textId, 1);
	assert.deepEqual(
		{ provider: failed.provider, event: failed.event, messageId: failed.messageId, status: failed.status, recipient: failed.recipient },
		{ provider: 'gupshup', event: 'status', messageId: textId, status: 'failed', recipient: `+${to}` },
	);
	assert.deepEqual(failed.error, {
		code: '131047',
		message: `Re-engagement message: ${RE_ENGAGEMENT_DETAILS}`,
		hint: 'More than 24 hours have passed since the customer last wrote: only an approved template may be sent now (use Send Template)',
	});

	// A template to the same customer: WhatsApp delivers it (sent, delivered, read; no failure).
	const templateRun = await runWebhookWorkflow('send-template-window-template', {
		phone: customer,
		language: 'es',
		name: 'Ana',
		amount: '25,00 €',
		due: '1 de junio',
	});
	const gupshup = await control.requests({ provider: 'gupshup' });
	assert.equal(gupshup.length, 3, `text, list, template: ${JSON.stringify(gupshup.map((r) => `${r.method} ${r.path}`))}`);
	assertListRequest(gupshup[1], 'gupshup');
	const templateSend = gupshup[2];
	assertRequest(templateSend, 'gupshup', {
		path: GUPSHUP_SEND_PATH,
		body: metaEnvelope(to, template('payment_due', { code: 'es' }, [body('Ana', '25,00 €', '1 de junio')])),
	});
	assertAcceptedSend(templateSend, 200);
	const templateId = templateSend.responseBody.messages[0].id;
	assert.deepEqual(outputItems(templateRun, 'Gupshup Send Template'), [
		{
			json: { provider: 'gupshup', operation: 'sendTemplate', to, messageId: templateId, status: 'accepted', response: templateSend.responseBody },
			pairedItem: { item: 0 },
		},
	]);

	const statuses = await waitForTriggerItems(templateId, 3);
	assert.deepEqual(statuses.map((item) => item.status).sort(), ['delivered', 'read', 'sent']);
	for (const item of statuses) {
		assert.deepEqual([item.provider, item.event, item.recipient, item.error], ['gupshup', 'status', `+${to}`, null]);
	}
	// Everything the sandbox posted has arrived by now: the text's one failed status, the template's three.
	assert.equal((await triggerItems(textId)).length, 1, 'the text got its failed status only');
	assert.equal((await triggerItems(templateId)).length, 3);
	// The sandbox counts a callback once n8n has answered it, which may be a moment after the execution ended.
	let stats = await control.stats();
	for (const deadline = Date.now() + 30_000; stats.gupshup.callbacks.posted < 4 && Date.now() < deadline; ) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		stats = await control.stats();
	}
	assert.equal(stats.gupshup.failedMessages, 1);
	assert.deepEqual(stats.gupshup.callbacks, { posted: 4, failed: 0 }, 'every callback answered 2xx');
});

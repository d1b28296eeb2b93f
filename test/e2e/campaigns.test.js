'use strict';
// Campaigns as a form, end to end in a real, pinned n8n against the provider sandbox (`n8n execute`):
// 1. a carousel template mapped automatically from a Code node's list, and a limited-time offer filled in field by
//    field, sent through each of the three nodes (node version 1.1, the template's own fields): the exact template
//    objects each provider received, and the items n8n put out;
// 2. a dry run of a mapped campaign: every check runs (the template list is read), nothing is sent, and each item
//    holds the request the provider would have received;
// 3. refusals per item with On Error: Continue: Map Each Field with an expression that finds nothing, Map
//    Automatically with a misnamed column; the good item is sent.
//
// Environment: WA_BSP_N8N v2 (default) or v1; WA_BSP_INSTALL tarball (default) or link.

const assert = require('node:assert/strict');
const path = require('node:path');
const { after, before, beforeEach } = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows, loadWorkflow } = require('./lib/workflows');
const { outputItems, assertSucceeded, assertNoSecrets } = require('./lib/runs');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
if (!['v1', 'v2'].includes(VERSION)) throw new Error(`WA_BSP_N8N must be v1 or v2, not ${VERSION}`);

const { USER_AGENT } = require(path.join(REPO, 'dist/nodes/shared/transport.js'));

const PROVIDERS = ['insider', 'kaleyra', 'gupshup'];
const NAMES = { insider: 'Insider', kaleyra: 'Kaleyra', gupshup: 'Gupshup' };
const SECRETS = [DEFAULT_CREDENTIALS.insider.authKey, DEFAULT_CREDENTIALS.kaleyra.apiKey, DEFAULT_CREDENTIALS.gupshup.appToken];
const KALEYRA_SEND_PATH = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]}/messages`;
const GUPSHUP_SEND_PATH = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`;

const WORKFLOWS = ['send-template-form', 'send-template-dry-run', 'send-template-form-refusals'];
const ids = {};
const EXECUTE_TIMEOUT = { timeout: 240_000 };

let sandbox;
let n8n;
const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);

before(
	async () => {
		sandbox = await createSandbox();
		n8n = await N8n.create({ version: VERSION, install: INSTALL, packageDir: REPO });
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

async function execute(t, workflow) {
	const started = Date.now();
	const run = await n8n.execute(ids[workflow], { timeoutMs: 180_000 });
	t.diagnostic(`n8n execute ${workflow}: ${Date.now() - started} ms`);
	assertNoSecrets(run, SECRETS);
	assertSucceeded(run);
	return run;
}

// Meta's template components (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
const texts = (...values) => values.map((text) => ({ type: 'text', text }));
const image = (link) => ({ type: 'header', parameters: [{ type: 'image', image: { link } }] });

/** One card of holiday_carousel, from the Code node's row (media card carousel templates). */
const card = (n, city, price) => ({
	card_index: n,
	components: [
		image(`https://cdn.example.com/${city.toLowerCase()}.png`),
		{ type: 'body', parameters: texts(city, price) },
		{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: `BOOK_${city.toUpperCase()}` }] },
		{ type: 'button', sub_type: 'url', index: 1, parameters: texts(city.toLowerCase()) },
	],
});
const carousel = (language, name, [rome, lisbon]) => ({
	name: 'holiday_carousel',
	language,
	components: [{ type: 'body', parameters: texts(name) }, { type: 'carousel', cards: [card(0, 'Rome', rome), card(1, 'Lisbon', lisbon)] }],
});
const AYSE = ['Ayşe', ['€299', '€349']];
const OLIVER = ['Oliver', ['€279', '€329']];

/** weekend_offer for Priya: the expiration in Unix milliseconds (limited-time offer templates). */
const offer = (language) => ({
	name: 'weekend_offer',
	language,
	components: [
		image('https://cdn.example.com/weekend.png'),
		{ type: 'body', parameters: texts('Priya', 'WEEKEND20') },
		{ type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 1798761540000 } }] },
		{ type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'WEEKEND20' }] },
		{ type: 'button', sub_type: 'url', index: 1, parameters: texts('WEEKEND20') },
	],
});

const META = { code: 'en_US' };
const INSIDER = { code: 'en_US', policy: 'deterministic' };
const envelope = (to, template) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template', template });

/** The body each provider received for its messages (Insider: many in one request). */
const EXPECTED_SENDS = {
	insider: [
		{ path: '/v1/send', body: { messages: [{ phoneNumber: '+905321112233', message: { type: 'template', template: carousel(INSIDER, ...AYSE) } }, { phoneNumber: '+442079460100', message: { type: 'template', template: carousel(INSIDER, ...OLIVER) } }] } },
		{ path: '/v1/send', body: { messages: [{ phoneNumber: '+919820012345', message: { type: 'template', template: offer(INSIDER) } }] } },
	],
	kaleyra: [
		{ path: KALEYRA_SEND_PATH, body: { messaging_object: envelope('905321112233', carousel(META, ...AYSE)) } },
		{ path: KALEYRA_SEND_PATH, body: { messaging_object: envelope('442079460100', carousel(META, ...OLIVER)) } },
		{ path: KALEYRA_SEND_PATH, body: { messaging_object: envelope('919820012345', offer(META)) } },
	],
	gupshup: [
		{ path: GUPSHUP_SEND_PATH, body: envelope('905321112233', carousel(META, ...AYSE)) },
		{ path: GUPSHUP_SEND_PATH, body: envelope('442079460100', carousel(META, ...OLIVER)) },
		{ path: GUPSHUP_SEND_PATH, body: envelope('919820012345', offer(META)) },
	],
};

e2e('a carousel mapped from a Code node\'s list and a limited-time offer, through each provider: exact template objects', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-template-form');
	const all = await control.requests();
	for (const provider of PROVIDERS) {
		const sends = all.filter((request) => request.provider === provider && request.method === 'POST');
		// Kaleyra and Gupshup take one message a request and send them concurrently: compare in recipient order.
		const got = sends.map((request) => ({ path: request.path, body: request.body }));
		const order = (list) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		assert.deepEqual(order(got), order(EXPECTED_SENDS[provider]), `${provider}: what it received`);
		for (const request of sends) {
			assert.equal(request.headers['user-agent'], USER_AGENT);
			assert.equal(request.failures, undefined, `${provider}: Meta would turn down ${JSON.stringify(request.failures)}`);
		}
		const carouselItems = outputItems(run, `${NAMES[provider]} Carousel`);
		assert.deepEqual(
			carouselItems.map(({ json, pairedItem }) => [json.provider, json.operation, json.status, typeof json.messageId, pairedItem]),
			[
				[provider, 'sendTemplate', 'accepted', 'string', { item: 0 }],
				[provider, 'sendTemplate', 'accepted', 'string', { item: 1 }],
			],
		);
		assert.deepEqual(
			outputItems(run, `${NAMES[provider]} Offer`).map(({ json }) => [json.to, json.status]),
			[[provider === 'insider' ? '+919820012345' : '919820012345', 'accepted']],
		);
	}
	const stats = await control.stats();
	assert.deepEqual(
		PROVIDERS.map((provider) => [provider, stats[provider].acceptedMessages, stats[provider].failedMessages, stats[provider].duplicateMessages]),
		PROVIDERS.map((provider) => [provider, 3, 0, 0]),
	);
});

e2e('a dry run of a mapped campaign: the template is checked, nothing is sent, each item holds its request', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-template-dry-run');
	const customers = [
		['14155550101', 'Ana', '3 May, 10:00'],
		['14155550102', 'Ben', '3 May, 11:30'],
		['14155550103', 'Chloé', '4 May, 09:15'],
	];
	assert.deepEqual(
		outputItems(run, 'Gupshup Dry Run'),
		customers.map(([to, customer, date], item) => ({
			json: {
				provider: 'gupshup',
				operation: 'sendTemplate',
				to,
				messageId: null,
				status: 'dryRun',
				request: {
					method: 'POST',
					url: `${sandbox.url}${GUPSHUP_SEND_PATH}`,
					headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
					body: envelope(to, {
						name: 'appointment_named',
						language: META,
						components: [
							{
								type: 'body',
								parameters: [
									{ type: 'text', text: customer, parameter_name: 'customer_name' },
									{ type: 'text', text: date, parameter_name: 'date' },
								],
							},
						],
					}),
				},
			},
			pairedItem: { item },
		})),
	);
	// The check against the approved template read Gupshup's list; no message was posted.
	const requests = await control.requests();
	assert.deepEqual(
		requests.map((request) => `${request.method} ${request.path}`),
		[`GET /partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/templates`],
	);
});

e2e('refusals per item: an empty field (Map Each Field) and a misnamed column (Map Automatically), the good item sent', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-template-form-refusals');
	const refused = (message) => ({
		json: {
			error: {
				message,
				description: 'Check the "templateFields" parameter. Nothing was sent for this item.',
				httpCode: null,
				providerCode: null,
			},
		},
		pairedItem: { item: 1 },
	});
	const [gupshupSent, gupshupRefused] = outputItems(run, 'Gupshup Each Field');
	assert.deepEqual([gupshupSent.json.to, gupshupSent.json.status], ['14155550101', 'accepted']);
	assert.deepEqual(
		gupshupRefused,
		refused(
			'Item 2: template field "customer_name" (body variable) is empty; the template needs it (and template field "date" (body variable) is empty; the template needs it)',
		),
	);
	const [insiderSent, insiderRefused] = outputItems(run, 'Insider Mapped');
	assert.deepEqual([insiderSent.json.to, insiderSent.json.status], ['+14155550101', 'accepted']);
	assert.deepEqual(
		insiderRefused,
		refused(
			'Item 2: template field "customer_name" is missing from the input item; Map Automatically takes it from the input field of that name (the item has "customerName": rename it to "customer_name") (and template field "date" is missing from the input item; Map Automatically takes it from the input field of that name (the item has "phone", "customerName"))',
		),
	);
	const sends = (await control.requests()).filter((request) => request.method === 'POST');
	assert.deepEqual(
		sends.map((request) => request.provider).sort(),
		['gupshup', 'insider'],
		'one message each: the refused items were not sent',
	);
});

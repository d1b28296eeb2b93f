'use strict';
// The three action nodes end to end in a real, pinned n8n: every node and operation through `n8n execute`,
// asserting the exact request the provider sandbox received and the exact item n8n put out; Insider batching,
// errors, Continue On Fail and a retry inside n8n; and webhook-triggered sends on a queue-mode worker, one alone and
// a burst whose executions share Insider requests.
//
// One n8n user folder (one package install) and one PostgreSQL database (the harness's own server) serve the
// whole file: the `n8n execute` tests first, then the queue-mode test starts redis, `n8n start` and `n8n worker`
// on the same folder and database. Queue mode runs on PostgreSQL, as n8n deploys it.
//
// Environment:
//   WA_BSP_N8N          v2 (default, n8n 2.41.1) or v1 (n8n 1.123.81)
//   WA_BSP_INSTALL      tarball (default: `npm pack`ed into ~/.n8n/nodes, as n8n installs community packages) or link
//   WA_BSP_PACKAGE_DIR  the built package to install (default: this repo), e.g. a deliberately broken copy

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, beforeEach } = require('node:test');

const { N8n, REPO, retryIfLostByN8n } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { sandboxCredentials } = require('./lib/fixtures');
const { extraCredentials, importWorkflows, loadWorkflow, WRONG_KALEYRA_API_KEY } = require('./lib/workflows');
const { outputItems, errorText, assertSucceeded, assertFailedAt, assertNoSecrets } = require('./lib/runs');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const PACKAGE_DIR = path.resolve(process.env.WA_BSP_PACKAGE_DIR || REPO);
if (!['v1', 'v2'].includes(VERSION)) throw new Error(`WA_BSP_N8N must be v1 or v2, not ${VERSION}`);
if (!['tarball', 'link'].includes(INSTALL)) throw new Error(`WA_BSP_INSTALL must be tarball or link, not ${INSTALL}`);

// The built package's own, so that the test follows the source rather than a copy of it.
const { USER_AGENT } = require(path.join(REPO, 'dist/nodes/shared/transport.js'));
const SECOND_KALEYRA_NUMBER = '+919000000002';
const AUTH_HEADERS = {
	insider: ['x-ins-auth-key', DEFAULT_CREDENTIALS.insider.authKey],
	kaleyra: ['api-key', DEFAULT_CREDENTIALS.kaleyra.apiKey],
	gupshup: ['authorization', DEFAULT_CREDENTIALS.gupshup.appToken],
};
const SECRETS = [...Object.values(AUTH_HEADERS).map(([, value]) => value), WRONG_KALEYRA_API_KEY];
const KALEYRA_PATH = (number) => `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${number}/messages`;
const GUPSHUP_PATH = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`;

const WORKFLOWS = [
	'send-insider',
	'send-kaleyra',
	'send-gupshup',
	'send-insider-batch',
	'send-error-limit',
	'send-error-wrong-key',
	'send-continue-on-fail',
	'send-retry',
	'send-queue-webhook',
	'send-insider-burst',
	'send-insider-tenant-a',
	'send-insider-tenant-b',
];
const ids = {};

// Generous: the machine has 2 cores shared with other n8n instances. Hang protection only, never an assertion.
const EXECUTE_TIMEOUT = { timeout: 240_000 };

let sandbox;
let n8n;

const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);

before(
	async () => {
		sandbox = await createSandbox({
			// A second business number, so that Kaleyra's From option can be told from the credential's number.
			credentials: { kaleyra: { businessNumbers: [DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0], SECOND_KALEYRA_NUMBER] } },
		});
		n8n = await N8n.create({ version: VERSION, install: INSTALL, packageDir: PACKAGE_DIR, database: 'postgres' });
		await n8n.importCredentials([...sandboxCredentials(sandbox.url), ...extraCredentials(sandbox.url)]);
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

/** The request was sent as the provider documents it: method, path, auth header, user agent, JSON. */
function assertRequest(request, provider, { path: expectedPath, body, authValue = AUTH_HEADERS[provider][1] }) {
	const [authHeader] = AUTH_HEADERS[provider];
	assert.equal(request.provider, provider);
	assert.equal(request.method, 'POST');
	assert.equal(request.path, expectedPath);
	assert.equal(request.headers[authHeader], authValue, `${authHeader} header`);
	assert.equal(request.headers['user-agent'], USER_AGENT);
	assert.match(request.headers['content-type'] ?? '', /^application\/json\b/);
	assert.deepEqual(request.body, body);
}

/** The one recorded request whose message is of this kind (each provider puts the Meta type elsewhere). */
const MESSAGE_TYPE = {
	insider: (body) => body?.messages?.[0]?.message?.type,
	kaleyra: (body) => body?.messaging_object?.type,
	gupshup: (body) => body?.type,
};
function requestOfType(requests, provider, type) {
	const found = requests.filter((r) => MESSAGE_TYPE[provider](r.body) === type);
	assert.equal(
		found.length,
		1,
		`one ${provider} request with a "${type}" message, got ${found.length} among ${JSON.stringify(requests.map((r) => r.body))}`,
	);
	return found[0];
}

/** The messageId and response the node must put out, from the answer the sandbox gave. */
const ANSWER = {
	insider: (responseBody, index = 0) => ({ messageId: responseBody.keys[index], response: { key: responseBody.keys[index] } }),
	kaleyra: (responseBody) => ({ messageId: responseBody.data.message_id, response: responseBody }),
	gupshup: (responseBody) => ({ messageId: responseBody.messages[0].id, response: responseBody }),
};

function accepted(provider, operation, to, request, index) {
	assert.ok(request.status >= 200 && request.status < 300, `the sandbox answered ${request.status}: ${JSON.stringify(request.responseBody)}`);
	const { messageId, response } = ANSWER[provider](request.responseBody, index);
	assert.ok(typeof messageId === 'string' && messageId !== '');
	return { provider, operation, to, messageId, status: 'accepted', response };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Every node and operation

const text = (body, previewUrl = false) => ({ type: 'text', text: { preview_url: previewUrl, body } });
const replyButtons = (pairs) => pairs.map(([id, title]) => ({ type: 'reply', reply: { id, title } }));
const metaEnvelope = (to, message) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message });

const CASES = {
	insider: [
		{
			node: 'Insider Send Text',
			operation: 'sendText',
			type: 'text',
			to: '+14155550100',
			path: '/v1/conversational/send',
			body: {
				messages: [
					{ phoneNumber: '+14155550100', message: text('Your order #1234 has shipped: https://shop.example.com/orders/1234', true) },
				],
			},
		},
		{
			node: 'Insider Send Image',
			operation: 'sendImage',
			type: 'image',
			to: '+442079460958',
			path: '/v1/conversational/send',
			body: {
				messages: [
					{
						phoneNumber: '+442079460958',
						message: { type: 'image', image: { link: 'https://cdn.example.com/offer.png', caption: '20% off today' } },
					},
				],
			},
		},
		{
			node: 'Insider Send Buttons',
			operation: 'sendButtons',
			type: 'interactive',
			to: '+905321234567',
			// The endpoint parameter is absent from the workflow: Send Buttons defaults to transactional.
			path: '/v1/send',
			body: {
				messages: [
					{
						phoneNumber: '+905321234567',
						message: {
							type: 'interactive',
							interactive: {
								type: 'button',
								header: { type: 'text', text: 'Your appointment' },
								body: { text: 'Is Tuesday 10:00 fine?' },
								footer: { text: 'Reply to confirm' },
								action: { buttons: replyButtons([['yes', 'Yes'], ['no', 'No']]) },
							},
						},
					},
				],
			},
		},
	],
	kaleyra: [
		{
			node: 'Kaleyra Send Text',
			operation: 'sendText',
			type: 'text',
			to: '919876543210',
			// From option `0091 90000 00002` replaces the credential's business number.
			path: KALEYRA_PATH(SECOND_KALEYRA_NUMBER),
			body: {
				messaging_object: metaEnvelope('919876543210', text('Your order #1234 has shipped')),
				extra_info: { ref: 'customer-42', ref1: 'order-shipped', ref2: 'campaign-nov', wa_source: 'hubspot' },
			},
		},
		{
			node: 'Kaleyra Send Image',
			operation: 'sendImage',
			type: 'image',
			to: '14155550100',
			path: KALEYRA_PATH(DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]),
			body: {
				messaging_object: metaEnvelope('14155550100', { type: 'image', image: { id: '1234567890123456', caption: 'Diwali offer' } }),
				extra_info: { ref: 'customer-43' },
			},
		},
		{
			node: 'Kaleyra Send Buttons',
			operation: 'sendButtons',
			type: 'interactive',
			to: '447700900123',
			path: KALEYRA_PATH(DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]),
			body: {
				messaging_object: metaEnvelope('447700900123', {
					type: 'interactive',
					interactive: {
						type: 'button',
						header: { type: 'image', image: { link: 'https://cdn.example.com/parcel.png' } },
						body: { text: 'Shall we deliver tomorrow between 9 and 12?' },
						footer: { text: 'Kaleyra sandbox courier' },
						action: {
							buttons: replyButtons([
								['deliver-yes', 'Yes, tomorrow'],
								['deliver-later', 'Another day'],
								['deliver-call', 'Call me'],
							]),
						},
					},
				}),
			},
		},
	],
	gupshup: [
		{
			node: 'Gupshup Send Text',
			operation: 'sendText',
			type: 'text',
			to: '442079460958',
			path: GUPSHUP_PATH,
			body: metaEnvelope('442079460958', text('Your table for two is booked for 19:30')),
		},
		{
			node: 'Gupshup Send Image',
			operation: 'sendImage',
			type: 'image',
			to: '14155550100',
			path: GUPSHUP_PATH,
			body: metaEnvelope('14155550100', {
				type: 'image',
				image: { link: 'https://cdn.example.com/menu.jpg', caption: 'Tonight’s menu 🍝' },
			}),
		},
		{
			node: 'Gupshup Send Buttons',
			operation: 'sendButtons',
			type: 'interactive',
			to: '919876543210',
			path: GUPSHUP_PATH,
			body: metaEnvelope('919876543210', {
				type: 'interactive',
				interactive: {
					type: 'button',
					header: { type: 'document', document: { link: 'https://cdn.example.com/INV-0042.pdf' } },
					body: { text: 'Your invoice INV-0042 is ready. Pay now?' },
					footer: { text: 'Gupshup sandbox billing' },
					action: { buttons: replyButtons([['pay', 'Pay now'], ['later', 'Remind me later']]) },
				},
			}),
		},
	],
};

for (const [provider, cases] of Object.entries(CASES)) {
	e2e(`${provider}: Send Text, Send Image and Send Buttons send exactly the documented requests`, EXECUTE_TIMEOUT, async (t) => {
		const run = await execute(t, `send-${provider}`);
		assertSucceeded(run);
		const requests = await control.requests();
		assert.equal(requests.length, cases.length, `${cases.length} requests, one per node`);
		for (const c of cases) {
			const request = requestOfType(requests, provider, c.type);
			assertRequest(request, provider, c);
			assert.deepEqual(
				outputItems(run, c.node),
				[{ json: accepted(provider, c.operation, c.to, request), pairedItem: { item: 0 } }],
				`output of ${c.node}`,
			);
		}
	});
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Insider batching

e2e('insider: 250 items with Batch Size 100 go out as 100 + 100 + 50, each item gets its own key', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-insider-batch');
	assertSucceeded(run);
	const phone = (i) => `+90532100${String(i).padStart(4, '0')}`;
	const requests = await control.requests({ provider: 'insider' });
	// In item order (requests run concurrently, so the arrival order may differ).
	const itemIndexOf = (message) => Number(message.phoneNumber.slice(-4));
	requests.sort((a, b) => itemIndexOf(a.body.messages[0]) - itemIndexOf(b.body.messages[0]));
	assert.deepEqual(
		requests.map((r) => r.body.messages.length),
		[100, 100, 50],
	);
	const expected = [];
	let item = 0;
	for (const request of requests) {
		assertRequest(request, 'insider', {
			path: '/v1/conversational/send',
			body: {
				messages: request.body.messages.map((_, j) => ({
					phoneNumber: phone(item + j),
					message: text(`Campaign message ${item + j + 1} of 250`),
				})),
			},
		});
		assert.equal(request.responseBody.keys.length, request.body.messages.length);
		// Insider answers one key per message, in order: key j belongs to message j of that request.
		request.body.messages.forEach((message, j) => {
			expected.push({ json: accepted('insider', 'sendText', message.phoneNumber, request, j), pairedItem: { item } });
			item++;
		});
	}
	assert.equal(item, 250);
	const output = outputItems(run, 'Insider Send Text');
	assert.equal(output.length, 250);
	assert.deepEqual(output, expected);
	assert.equal(new Set(output.map((o) => o.json.messageId)).size, 250, 'every messageId is different');
	const { insider } = await control.stats();
	assert.equal(insider.uniqueMessages, 250);
	assert.equal(insider.duplicateMessages, 0);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Errors

e2e('a button title of 23 characters fails the execution and nothing is sent', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-error-limit');
	const error = assertFailedAt(run, 'Insider Send Buttons', 'Item 1: button 1 title is 23 characters; WhatsApp allows at most 20');
	assert.equal(error.description, 'Check the "buttons" parameter. Nothing was sent for this item.');
	assert.deepEqual(await control.requests(), []);
});

e2e('a wrong Kaleyra API key fails the execution with Kaleyra\'s RBC001, not retried', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-error-wrong-key');
	const error = assertFailedAt(run, 'Kaleyra Send Text', 'Kaleyra error RBC001: Incorrect SID or API key.');
	assert.equal(
		error.description,
		'HTTP 401 for Item 1. Check the SID and API key in the Kaleyra API credential, and that its region is the pod of your account.',
	);
	assert.equal(String(error.httpCode), '401');
	const requests = await control.requests();
	assert.equal(requests.length, 1);
	assertRequest(requests[0], 'kaleyra', {
		path: KALEYRA_PATH(DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]),
		authValue: WRONG_KALEYRA_API_KEY,
		body: { messaging_object: metaEnvelope('919876543210', text('This key is wrong')) },
	});
	assert.equal(requests[0].status, 401);
});

e2e('Continue On Fail: one refused item becomes an error item, the two others are sent', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-continue-on-fail');
	assertSucceeded(run);
	const requests = await control.requests({ provider: 'kaleyra' });
	assert.equal(requests.length, 3);
	const byRecipient = (to) => {
		const found = requests.filter((r) => r.body.messaging_object.to === to);
		assert.equal(found.length, 1, `one request to ${to}`);
		return found[0];
	};
	const [first, refused, third] = ['447700900001', '447700900002', '447700900003'].map(byRecipient);
	assertRequest(first, 'kaleyra', {
		path: KALEYRA_PATH(DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]),
		body: { messaging_object: metaEnvelope('447700900001', text('Order 1 confirmed')) },
	});
	assertRequest(refused, 'kaleyra', {
		path: KALEYRA_PATH('+919000000099'),
		body: { messaging_object: metaEnvelope('447700900002', text('Order 2 confirmed')) },
	});
	assert.equal(refused.status, 401);
	assertRequest(third, 'kaleyra', {
		path: KALEYRA_PATH(SECOND_KALEYRA_NUMBER),
		body: { messaging_object: metaEnvelope('447700900003', text('Order 3 confirmed')) },
	});
	assert.deepEqual(outputItems(run, 'Kaleyra Send Text'), [
		{ json: accepted('kaleyra', 'sendText', '447700900001', first), pairedItem: { item: 0 } },
		{
			json: {
				error: {
					message: 'Kaleyra error WA401: Phone number is not present or does not belong to the account.',
					description:
						"HTTP 401 for Item 2. The sender number is not registered to this Kaleyra account: check Business Number in the credential or the node's From option.",
					httpCode: 401,
					providerCode: 'WA401',
				},
			},
			pairedItem: { item: 1 },
		},
		{ json: accepted('kaleyra', 'sendText', '447700900003', third), pairedItem: { item: 2 } },
	]);
});

// ---------------------------------------------------------------------------------------------------------------
// 4. A retry

e2e('a 429 with Retry-After is retried: the message is accepted exactly once', EXECUTE_TIMEOUT, async (t) => {
	await control.configure({ faults: { provider: 'gupshup', count: 1, kinds: ['429-retry-after'], retryAfterSeconds: 1 } });
	const run = await execute(t, 'send-retry');
	assertSucceeded(run);
	const requests = await control.requests({ provider: 'gupshup' });
	assert.deepEqual(
		requests.map((r) => [r.status, r.fault]),
		[
			[429, '429-retry-after'],
			[200, null],
		],
	);
	const body = metaEnvelope('14155550199', text('Sent once, even after a 429'));
	for (const request of requests) assertRequest(request, 'gupshup', { path: GUPSHUP_PATH, body });
	const { gupshup } = await control.stats();
	assert.equal(gupshup.acceptedMessages, 1);
	assert.equal(gupshup.uniqueMessages, 1);
	assert.equal(gupshup.duplicateMessages, 0);
	assert.deepEqual(outputItems(run, 'Gupshup Send Text'), [
		{ json: accepted('gupshup', 'sendText', '14155550199', requests[1]), pairedItem: { item: 0 } },
	]);
});

e2e('the provider accepts and the answer is lost: "may have been accepted", and the message is not sent again', EXECUTE_TIMEOUT, async (t) => {
	await control.configure({ faults: { provider: 'gupshup', count: 1, kinds: ['accept-drop'] } });
	const run = await execute(t, 'send-retry');
	const requests = await control.requests({ provider: 'gupshup' });
	assert.deepEqual(
		requests.map((r) => [r.status, r.fault]),
		[[null, 'accept-drop']],
	);
	assertRequest(requests[0], 'gupshup', { path: GUPSHUP_PATH, body: metaEnvelope('14155550199', text('Sent once, even after a 429')) });
	const { gupshup } = await control.stats();
	assert.equal(gupshup.acceptedMessages, 1);
	assert.equal(gupshup.duplicateMessages, 0);
	const error = assertFailedAt(run, 'Gupshup Send Text', 'Gupshup error: no answer from Gupshup (ECONNRESET); the request may have been accepted by Gupshup');
	assert.equal(
		error.description,
		"No HTTP answer for Item 1. It was not sent again, since that could deliver it twice; check before sending again: the WhatsApp BSP Trigger's delivery statuses show whether it arrived. To send such requests again automatically, at that risk, switch on \"Retry Uncertain Failures\" under Options.",
	);
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Queue mode

e2e('queue mode: a CRM webhook triggers Gupshup Send Text, which runs on the worker', { timeout: 420_000 }, async (t) => {
	const id = ids['send-queue-webhook'];
	const webhookPath = loadWorkflow('send-queue-webhook').nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
	await n8n.publish(id);
	const started = Date.now();
	await n8n.startQueue();
	t.diagnostic(`redis + n8n start + n8n worker until ready: ${Date.now() - started} ms`);
	await n8n.waitForWebhook(webhookPath, { timeoutMs: 120_000 });

	const crmEvent = {
		event: 'contact.created',
		contact: { id: 'crm-7781', firstName: 'Ada', phone: '+44 20 7946 0958' },
		message: 'welcome to Example Shop! Reply STOP to opt out.',
	};
	const [execution] = await retryIfLostByN8n(t, async () => {
		await control.reset();
		const before = await n8n.executionIds(id);
		const res = await fetch(n8n.webhookUrl(webhookPath), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(crmEvent),
		});
		assert.equal(res.status, 200, await res.text());
		return await n8n.waitForExecutions(id, { count: 1, after: before, timeoutMs: 180_000, idleMeansLost: true });
	});
	assert.ok(!execution.data.resultData.error, errorText(execution));
	assert.equal(execution.status, 'success');
	assert.equal(execution.mode, 'webhook');
	assertNoSecrets(execution, SECRETS);
	const requests = await control.requests();
	assert.equal(requests.length, 1);
	assertRequest(requests[0], 'gupshup', {
		path: GUPSHUP_PATH,
		body: metaEnvelope('442079460958', text('Hi Ada, welcome to Example Shop! Reply STOP to opt out.')),
	});
	assert.deepEqual(outputItems(execution, 'Gupshup Send Text'), [
		{ json: accepted('gupshup', 'sendText', '442079460958', requests[0]), pairedItem: { item: 0 } },
	]);
	const workerLog = fs.readFileSync(path.join(n8n.userFolder, 'n8n-worker.log'), 'utf8');
	assert.match(workerLog, new RegExp(`Worker (started|finished) execution ${execution.id}\\b`), 'the worker ran the execution');
});

e2e('queue mode: a burst of CRM webhooks through Insider shares requests on the worker, each key back to its execution', { timeout: 420_000 }, async (t) => {
	// Runs after the test above, on the queue it started. Requests per Second 0.5: the first event's request leaves
	// at once, the events that arrive while the next waits two seconds for its slot leave together in it.
	const id = ids['send-insider-burst'];
	const webhookPath = loadWorkflow('send-insider-burst').nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
	await n8n.publish(id);
	await n8n.waitForWebhook(webhookPath, { timeoutMs: 120_000 });
	const events = Array.from({ length: 8 }, (_, i) => ({ order: `A-${1000 + i}`, phone: `+4915123450${10 + i}` }));
	const executions = await retryIfLostByN8n(t, async () => {
		await control.reset();
		const before = await n8n.executionIds(id);
		await Promise.all(
			events.map(async (event) => {
				const res = await fetch(n8n.webhookUrl(webhookPath), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(event),
				});
				assert.equal(res.status, 200, await res.text());
			}),
		);
		return await n8n.waitForExecutions(id, { count: events.length, after: before, timeoutMs: 180_000, idleMeansLost: true });
	});
	const requests = await control.requests({ provider: 'insider' });
	t.diagnostic(`${events.length} events, ${requests.length} Insider requests of ${requests.map((r) => r.body.messages.length).join(', ')} messages`);
	assert.ok(requests.length < events.length, 'executions shared requests');
	// Where each message went: its request, and its place there (Insider answers one key per message, in order).
	const sentAt = new Map();
	for (const request of requests) {
		request.body.messages.forEach((message, index) => {
			assert.ok(!sentAt.has(message.phoneNumber), `${message.phoneNumber} sent once`);
			sentAt.set(message.phoneNumber, { request, index });
		});
		const confirmation = (phone) => text(`Order ${events.find((e) => e.phone === phone).order} is confirmed.`);
		assertRequest(request, 'insider', {
			path: '/v1/conversational/send',
			body: { messages: request.body.messages.map(({ phoneNumber }) => ({ phoneNumber, message: confirmation(phoneNumber) })) },
		});
	}
	assert.deepEqual([...sentAt.keys()].sort(), events.map((e) => e.phone).sort());
	for (const execution of executions) {
		assert.equal(execution.status, 'success', errorText(execution));
		assertNoSecrets(execution, SECRETS);
		const { phone } = execution.data.resultData.runData['Order Webhook'][0].data.main[0][0].json.body;
		const { request, index } = sentAt.get(phone);
		assert.deepEqual(outputItems(execution, 'Insider Send Text'), [
			{ json: accepted('insider', 'sendText', phone, request, index), pairedItem: { item: 0 } },
		]);
	}
});

e2e('queue mode: two tenants burst at once on one credential whose key comes from the event: each message leaves with its own key', { timeout: 420_000 }, async (t) => {
	// Runs on the queue the tests above started. Both workflows use one credential whose Auth Key is
	// {{ $json.body.key }}: n8n resolves it per execution, so one credential id carries two accounts' keys.
	const tenants = [
		{ name: 'a', label: 'Tenant A', key: DEFAULT_CREDENTIALS.insider.authKey, workflow: 'send-insider-tenant-a' },
		{ name: 'b', label: 'Tenant B', key: DEFAULT_CREDENTIALS.insider.tenantAuthKeys[0], workflow: 'send-insider-tenant-b' },
	];
	const pathOf = (workflow) => loadWorkflow(workflow).nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
	for (const tenant of tenants) {
		await n8n.publish(ids[tenant.workflow]);
		await n8n.waitForWebhook(pathOf(tenant.workflow), { timeoutMs: 120_000 });
	}
	// Interleaved, all at once: at 0.5 requests a second most wait for a slot, where they could share a request.
	const events = Array.from({ length: 12 }, (_, i) => {
		const tenant = tenants[i % 2];
		return { tenant, body: { order: `T-${2000 + i}`, phone: `+4915223450${10 + i}`, key: tenant.key } };
	});
	const executions = await retryIfLostByN8n(t, async () => {
		await control.reset();
		const before = await Promise.all(tenants.map((tenant) => n8n.executionIds(ids[tenant.workflow])));
		await Promise.all(
			events.map(async ({ tenant, body }) => {
				const res = await fetch(n8n.webhookUrl(pathOf(tenant.workflow)), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				assert.equal(res.status, 200, await res.text());
			}),
		);
		const waits = tenants.map((tenant, i) => n8n.waitForExecutions(ids[tenant.workflow], { count: 6, after: before[i], timeoutMs: 180_000, idleMeansLost: true }));
		// Settled, so that no wait is left running (and failing) behind a retry.
		const settled = await Promise.allSettled(waits);
		const failure = settled.find((outcome) => outcome.status === 'rejected');
		if (failure) throw failure.reason;
		return settled.flatMap((outcome) => outcome.value);
	});
	const requests = await control.requests({ provider: 'insider' });
	t.diagnostic(`12 events of 2 tenants, ${requests.length} Insider requests of ${requests.map((r) => r.body.messages.length).join(', ')} messages`);
	const sentAt = new Map();
	for (const request of requests) {
		assert.equal(request.status, 200, `request ${request.seq} accepted`);
		request.body.messages.forEach((message, index) => {
			const { tenant, body } = events.find((e) => e.body.phone === message.phoneNumber);
			assert.equal(request.headers['x-ins-auth-key'], tenant.key, `${message.phoneNumber} left with tenant ${tenant.name}'s key`);
			assert.deepEqual(message.message, text(`${tenant.label}: order ${body.order} is confirmed.`));
			assert.ok(!sentAt.has(message.phoneNumber), `${message.phoneNumber} sent once`);
			sentAt.set(message.phoneNumber, { request, index });
		});
	}
	assert.deepEqual([...sentAt.keys()].sort(), events.map((e) => e.body.phone).sort());
	assert.ok(requests.length < events.length, 'executions of one tenant still shared requests');
	for (const execution of executions) {
		assert.equal(execution.status, 'success', errorText(execution));
		const { phone } = execution.data.resultData.runData['Order Webhook'][0].data.main[0][0].json.body;
		const { request, index } = sentAt.get(phone);
		const output = outputItems(execution, 'Insider Send Text');
		assertNoSecrets(output, tenants.map((tenant) => tenant.key));
		assert.deepEqual(output, [{ json: accepted('insider', 'sendText', phone, request, index), pairedItem: { item: 0 } }]);
	}
});

'use strict';
// The WhatsApp BSP Trigger in a real, pinned n8n, through n8n's production webhook URL:
// - each provider's real callback formats, posted by the provider sandbox, with authentication
//   on and off; the HTTP answers and the exact items n8n recorded in its executions;
// - what must start nothing: a wrong or missing secret (401), a body that is not JSON or not
//   the provider's (400), events that were not selected (200);
// - the flow a user builds: a button-reply callback starts the workflow, which answers with a
//   Send Text through the same provider;
// - Gupshup's Register Subscription: the subscription appears on activation, delivers the
//   statuses of the bot's reply, and goes on deactivation;
// - Download Media: an inbound image (Kaleyra, Gupshup v2) downloaded from the sandbox's media host
//   into the item's binary data; a file too large or gone leaves the item with its media and a note;
// - template status changes (Kaleyra, Gupshup) and inbound reactions as the sandbox posts them, and a template
//   event that was not selected starting nothing;
// - the trigger and the bot again with n8n in queue mode (executions run on a worker).
//
// n8n runs behind a recording reverse proxy (lib/callback-tap.js, WEBHOOK_URL points at it): the
// sandbox posts to the production URL n8n shows, and the proxy keeps n8n's answers to assert on.
//
// WA_BSP_N8N: v2 (default) or v1. WA_BSP_INSTALL: tarball (default) or link.
// Build first (npm run build). Every server listens on 127.0.0.1 and is stopped by the test.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const { setTimeout: sleep } = require('node:timers/promises');

const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');
const { wamidFor } = require('../sandbox/callbacks');
const { mediaFileBytes } = require('../sandbox/media-files');
const { N8n, nodeOutput, retryIfLostByN8n } = require('./lib/n8n');
const { CALLBACK_SECRETS, sandboxCredentials } = require('./lib/fixtures');
const { loadWorkflow, importWorkflows } = require('./lib/workflows');
const { createCallbackTap } = require('./lib/callback-tap');
const { sandboxControl } = require('./lib/sandbox-control');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const TRIGGER = 'WhatsApp BSP Trigger';
const SEND = 'Send Text';

const PEER = '+919876543210';
const BUSINESS = DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0];
const GUPSHUP = DEFAULT_CREDENTIALS.gupshup;

const AUTH = {
	bearer: `Bearer ${CALLBACK_SECRETS.token}`,
	basic: `Basic ${Buffer.from(`${CALLBACK_SECRETS.user}:${CALLBACK_SECRETS.password}`).toString('base64')}`,
};
const CHALLENGE = {
	bearer: 'Bearer realm="whatsapp-bsp-trigger"',
	basic: 'Basic realm="whatsapp-bsp-trigger"',
};
const UNAUTHORIZED = { received: false, error: 'Unauthorized' };

/** The trigger workflows of test 1 and 2: provider, authentication, and the header its callbacks carry. */
const TRIGGERS = [
	{ file: 'trigger-insider-bearer', provider: 'insider', auth: 'bearer' },
	{ file: 'trigger-kaleyra-basic', provider: 'kaleyra', auth: 'basic' },
	{ file: 'trigger-gupshup-bearer', provider: 'gupshup', auth: 'bearer' },
	{ file: 'trigger-insider-none', provider: 'insider', auth: 'none' },
	{ file: 'trigger-kaleyra-none', provider: 'kaleyra', auth: 'none' },
	{ file: 'trigger-gupshup-none', provider: 'gupshup', auth: 'none' },
];
const BOTS = [
	{ file: 'bot-insider', provider: 'insider', auth: 'bearer' },
	{ file: 'bot-kaleyra', provider: 'kaleyra', auth: 'basic' },
	{ file: 'bot-gupshup', provider: 'gupshup', auth: 'bearer' },
];
const SUBSCRIPTION = { file: 'trigger-gupshup-subscription', provider: 'gupshup', auth: 'bearer' };
/** Download Media on, Max Download Size 1 MB. */
const MEDIA = [
	{ file: 'trigger-media-kaleyra', provider: 'kaleyra', auth: 'basic' },
	{ file: 'trigger-media-gupshup', provider: 'gupshup', auth: 'bearer', gupshupVersion: 2 },
];

/** Events template and message: template status changes and reactions (issue 20). */
const CONVERSATIONS = [
	{ file: 'trigger-conversations-kaleyra', provider: 'kaleyra', auth: 'basic' },
	{ file: 'trigger-conversations-gupshup', provider: 'gupshup', auth: 'bearer' },
];

const authHeaders = (auth) => (auth === 'none' ? {} : { authorization: AUTH[auth] });

// ---------------------------------------------------------------------------------------------
// One n8n with the package, the sandbox, the tap in front of n8n, and the workflows published.

/**
 * @param {import('node:test').TestContext} t
 * @param {{queue: boolean, specs: Array<{file: string}>}} options
 */
async function setUp(t, { queue, specs }) {
	const started = Date.now();
	const sandbox = await createSandbox({ port: 0 });
	t.after(() => sandbox.close());
	// n8n behind a reverse proxy (the tap), as in production: WEBHOOK_URL is the proxy's URL, so the
	// production URL n8n shows and registers (Gupshup's subscription) is the tap's and outlives restarts.
	const tap = await createCallbackTap(undefined, { t });
	// Queue mode on PostgreSQL, as n8n deploys it; normal mode on n8n's default SQLite.
	const database = queue ? 'postgres' : 'sqlite';
	const n8n = await N8n.create({ version: VERSION, install: INSTALL, t, database, env: { WEBHOOK_URL: `${tap.url}/` } });
	await n8n.importCredentials(sandboxCredentials(sandbox.url));
	const workflows = specs.map((spec) => loadWorkflow(spec.file));
	await importWorkflows(n8n, workflows);
	const setupMs = Date.now() - started;
	if (queue) await n8n.startQueue();
	else await n8n.start();
	const startMs = Date.now() - started - setupMs;
	tap.retarget(n8n.baseUrl);

	// Published while n8n runs (the public API): activation is when Gupshup's subscription is made.
	const flows = {};
	for (const [i, spec] of specs.entries()) {
		const workflow = workflows[i];
		const webhookId = workflow.nodes.find((n) => n.name === TRIGGER).webhookId;
		await n8n.publish(workflow.id);
		const webhookPath = `${webhookId}/callback`;
		await n8n.waitForWebhook(webhookPath, { timeoutMs: 60_000 });
		flows[spec.file] = {
			...spec,
			id: workflow.id,
			webhookPath,
			// The production URL as n8n shows and registers it: the tap's (WEBHOOK_URL).
			tapPath: `/webhook/${webhookPath}`,
			tapUrl: `${tap.url}/webhook/${webhookPath}`,
		};
	}
	t.diagnostic(
		`n8n ${n8n.n8nVersion} (${INSTALL}${queue ? ', queue mode' : ''}): install + imports ${setupMs} ms, ` +
			`start ${startMs} ms, publishing ${specs.length} workflows ${Date.now() - started - setupMs - startMs} ms`,
	);
	return { n8n, sandbox, control: sandboxControl(sandbox.url), tap, flows };
}

/**
 * Has the sandbox post `events` as `flow.provider`'s callbacks to the flow's production URL
 * (through the tap); returns the bodies it posted with n8n's answers to them.
 */
async function postCallbacks(env, flow, events, { headers = authHeaders(flow.auth), batch = false, gupshupVersion = 3 } = {}) {
	const mark = env.tap.mark();
	const { sent } = await env.control.callbacks({ provider: flow.provider, url: flow.tapUrl, headers, events, batch, gupshupVersion });
	const answers = env.tap.since(mark, flow.tapPath);
	assert.equal(answers.length, sent.length, 'the tap saw every callback the sandbox posted');
	return sent.map((s, i) => ({ body: s.body, status: answers[i].status, json: answers[i].json, headers: answers[i].headers }));
}

/** A request of the test's own to the flow's production URL (for what no provider sends: a body that is not JSON). */
async function postRaw(flow, body, contentType, headers = authHeaders(flow.auth)) {
	const res = await fetch(flow.tapUrl, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text, headers: Object.fromEntries(res.headers.entries()) };
}

/** The executions of a workflow, as ids, so that new ones can be told apart. */
async function executionIds(n8n, workflowId) {
	return new Set((await n8n.executions(workflowId)).map((e) => e.id));
}

/** Waits for `count` executions beyond `before` (a Set of ids) and returns exactly the new ones. */
async function newExecutions(n8n, workflowId, before, count) {
	const ended = await n8n.waitForExecutions(workflowId, { count, after: before, timeoutMs: 90_000, idleMeansLost: true });
	return ended.filter((e) => !before.has(e.id));
}

/**
 * After callbacks that must start nothing were answered, posts `sentinel` (one that must start
 * exactly one execution) and checks that it is the only new execution. Executions are created
 * in the order the callbacks arrive, so one that the earlier callbacks started would be there
 * by then; a short grace period covers the rest.
 */
async function assertOnlySentinelRan(env, flow, before, sentinelEvent) {
	const [answer] = await postCallbacks(env, flow, [sentinelEvent]);
	assert.equal(answer.status, 200);
	assert.deepEqual(answer.json, { received: true, events: 1 });
	await newExecutions(env.n8n, flow.id, before, 1);
	await sleep(1500);
	const fresh = (await env.n8n.executions(flow.id)).filter((e) => !before.has(e.id));
	assert.equal(fresh.length, 1, `only the sentinel's execution is new (got ${fresh.map((e) => e.id).join(', ')})`);
	const items = nodeOutput(fresh[0], TRIGGER);
	assert.equal(items.length, 1);
	assert.equal(items[0].messageId, sentinelEvent.messageId);
	return fresh[0];
}

// ---------------------------------------------------------------------------------------------
// The callbacks of test 1 and the exact items they must give.

/** Six events: sent, delivered, read (one message), failed (another), an inbound text, a reply-button tap. */
function scenario(tag) {
	const m1 = `${tag}-m1-${crypto.randomUUID()}`;
	const m2 = `${tag}-m2-${crypto.randomUUID()}`;
	const ref = `order-${tag}`;
	return {
		m1,
		m2,
		ref,
		events: [
			{ kind: 'status', status: 'sent', messageId: m1, recipient: PEER, ref },
			{ kind: 'status', status: 'delivered', messageId: m1, recipient: PEER, ref },
			{ kind: 'status', status: 'read', messageId: m1, recipient: PEER, ref },
			{ kind: 'status', status: 'failed', messageId: m2, recipient: PEER, ref, error: { code: 131026, message: 'Message undeliverable' } },
			{ kind: 'message', from: PEER, text: 'Hello from the e2e test 👋 — ünïcödé', messageId: `wamid.in-${crypto.randomUUID()}` },
			{ kind: 'button_reply', from: PEER, id: 'opt-yes', title: 'Yes please', contextMessageId: m1, messageId: `wamid.tap-${crypto.randomUUID()}` },
		],
	};
}

const isoOf = (seconds) => new Date(Number(seconds) * 1000).toISOString();

/** What the trigger adds to a failed item's error for WhatsApp's codes it explains (the scenario's 131026). */
const ERROR_HINTS = {
	131026: { hint: 'The message could not be delivered: the number may not be on WhatsApp, may use an old app version, or has not accepted the latest terms' },
};

/** The item the trigger must emit for one sandbox event; `raw` is what the callback carried for it. */
function expectedItem(provider, ev, { timestamp, raw }) {
	const item = {
		provider,
		event: ev.kind === 'status' || ev.kind === 'template' ? ev.kind : 'message',
		messageId: null,
		status: null,
		recipient: null,
		from: null,
		timestamp,
		error: null,
		ref: null,
		text: null,
		buttonReply: null,
		listReply: null,
		media: null,
		template: null,
		reaction: null,
		raw,
		refs: null,
		wamid: null,
		messageType: null,
		replyTo: null,
		contactName: null,
	};
	if (ev.kind === 'status') {
		Object.assign(item, { messageId: ev.messageId, status: ev.status, recipient: ev.recipient });
		if (ev.error) item.error = { code: String(ev.error.code), message: ev.error.message, ...ERROR_HINTS[ev.error.code] };
		if (provider === 'insider') {
			// Insider reports an accepted message as Meta's send answer, which names Meta's id.
			item.wamid = ev.status === 'sent' ? wamidFor(ev.messageId) : null;
		} else {
			Object.assign(item, { from: BUSINESS, wamid: wamidFor(ev.messageId) });
		}
		if (provider === 'kaleyra') Object.assign(item, { ref: ev.ref, refs: { ref: ev.ref, ref1: null, ref2: null } });
		return item;
	}
	if (ev.kind === 'template') {
		item.template = { id: ev.templateId, name: ev.name, language: ev.language ?? 'en_US', status: ev.status, reason: ev.reason ?? null };
		return item;
	}
	Object.assign(item, { messageId: ev.messageId, wamid: ev.messageId, from: ev.from });
	if (provider !== 'insider') Object.assign(item, { recipient: BUSINESS, contactName: 'Sandbox User' });
	if (ev.kind === 'message') Object.assign(item, { text: ev.text, messageType: 'text' });
	else if (ev.kind === 'reaction') {
		Object.assign(item, { text: ev.emoji ?? null, messageType: 'reaction', reaction: { messageId: ev.reactedTo, emoji: ev.emoji ?? '' } });
	}
	else Object.assign(item, { text: ev.title, buttonReply: { id: ev.id, title: ev.title }, messageType: 'button_reply', replyTo: ev.contextMessageId });
	return item;
}

/**
 * Gupshup v2 (older apps): one event a callback, no business number, statuses timed by the
 * event's own `ts` (seconds) when given, else (failed, inbound) by the callback's milliseconds.
 */
function expectedGupshupV2Item(ev, body) {
	const item = expectedItem('gupshup', ev, { timestamp: new Date(body.timestamp).toISOString(), raw: body });
	if (ev.kind === 'status') {
		const seconds = body.payload.payload.ts;
		return { ...item, from: null, timestamp: seconds === undefined ? item.timestamp : isoOf(seconds) };
	}
	return { ...item, recipient: null };
}

/** What one callback body carried for event `ev`: the whole body, or (Gupshup's batches) its own entry. */
function rawOf(provider, body, ev, single) {
	if (single) return body;
	assert.equal(provider, 'gupshup', 'only Gupshup batches events');
	for (const change of body.entry[0].changes) {
		const list = ev.kind === 'status' ? change.value.statuses : change.value.messages;
		const found = list?.find((entry) =>
			ev.kind === 'status' ? entry.gs_id === ev.messageId && entry.status === ev.status : entry.id === ev.messageId,
		);
		if (found) return found;
	}
	throw new Error(`event ${JSON.stringify(ev)} is not in the batch`);
}

const itemKey = (item) => `${item.event}|${item.status}|${item.messageId}`;
const byKey = (a, b) => itemKey(a).localeCompare(itemKey(b));

/**
 * Test 1: the sandbox posts the scenario to `flow`; every answer is 200 { received: true, events },
 * and the executions n8n recorded hold exactly the expected items.
 */
async function checkScenario(t, env, flow, { batch = false, gupshupVersion } = {}) {
	const { events } = scenario(flow.file);
	const before = await executionIds(env.n8n, flow.id);
	const posted = await postCallbacks(env, flow, events, { batch, gupshupVersion });

	const perBody = flow.provider === 'gupshup' && batch ? [events] : events.map((ev) => [ev]);
	assert.equal(posted.length, perBody.length, 'callbacks posted');
	// The sandbox stamps every body of one call, and Meta's entries in it, with the same epoch seconds.
	const timestamp = gupshupVersion === 2 ? undefined : isoOf(sentSeconds(flow.provider, posted[0].body));
	const expected = [];
	posted.forEach(({ body, status, json }, i) => {
		assert.equal(status, 200, `callback ${i}: ${JSON.stringify(json)}`);
		assert.deepEqual(json, { received: true, events: perBody[i].length }, `callback ${i}`);
		for (const ev of perBody[i]) {
			if (gupshupVersion === 2) expected.push(expectedGupshupV2Item(ev, body));
			else expected.push(expectedItem(flow.provider, ev, { timestamp, raw: rawOf(flow.provider, body, ev, perBody[i].length === 1) }));
		}
	});

	const fresh = await newExecutions(env.n8n, flow.id, before, perBody.length);
	assert.equal(fresh.length, perBody.length, 'one execution per callback');
	const items = [];
	for (const execution of fresh) {
		assert.equal(execution.status, 'success', `execution ${execution.id}`);
		assert.equal(execution.mode, 'webhook');
		const out = nodeOutput(execution, TRIGGER);
		assert.ok(out.length >= 1);
		items.push(...out);
	}
	assert.deepEqual(items.sort(byKey), expected.sort(byKey));
	t.diagnostic(`${flow.file}: ${posted.length} callback(s), ${fresh.length} execution(s), ${items.length} items`);
	return items;
}

/**
 * Template status changes and reactions: the sandbox posts each in the flow's provider's format, one callback each
 * (Kaleyra's template status callback profile, Gupshup's template-event; Meta's reaction message); n8n records
 * exactly the expected items.
 */
async function checkConversations(t, env, flow) {
	const ours = wamidFor(`${flow.file}-${crypto.randomUUID()}`);
	const events = [
		{ kind: 'template', status: 'rejected', name: 'summer_teaser', reason: 'INVALID_FORMAT', templateId: '1000000000000008' },
		{ kind: 'template', status: 'paused', name: 'flash_deal', reason: 'Paused for 3 hours because it had issues', templateId: '1000000000000006' },
		{ kind: 'template', status: 'approved', name: 'order_update', language: 'es', templateId: '1000000000000001' },
		{ kind: 'reaction', from: PEER, reactedTo: ours, emoji: '👍', messageId: `wamid.react-${crypto.randomUUID()}` },
		{ kind: 'reaction', from: PEER, reactedTo: ours, messageId: `wamid.unreact-${crypto.randomUUID()}` },
	];
	const before = await executionIds(env.n8n, flow.id);
	const posted = await postCallbacks(env, flow, events);
	assert.equal(posted.length, events.length, 'one callback per event');
	const expected = posted.map(({ body, status, json }, i) => {
		assert.equal(status, 200, `callback ${i}: ${JSON.stringify(json)}`);
		assert.deepEqual(json, { received: true, events: 1 }, `callback ${i}`);
		const ev = events[i];
		// Kaleyra's template callback is timed in seconds, Gupshup's template-event in milliseconds.
		let timestamp;
		if (ev.kind === 'reaction') timestamp = isoOf(sentSeconds(flow.provider, body));
		else timestamp = flow.provider === 'kaleyra' ? isoOf(body.time) : new Date(body.timestamp).toISOString();
		return expectedItem(flow.provider, ev, { timestamp, raw: body });
	});
	const fresh = await newExecutions(env.n8n, flow.id, before, events.length);
	assert.equal(fresh.length, events.length, 'one execution per callback');
	const items = fresh.flatMap((execution) => {
		assert.equal(execution.status, 'success', `execution ${execution.id}`);
		return nodeOutput(execution, TRIGGER);
	});
	const key = (item) => `${item.event}|${item.template?.name ?? item.messageId}`;
	const order = (a, b) => key(a).localeCompare(key(b));
	assert.deepEqual(items.sort(order), expected.sort(order));
	t.diagnostic(`${flow.file}: ${items.length} items (3 template status changes, a reaction and its removal)`);
}

/** The epoch seconds the sandbox stamped a call's bodies with. */
function sentSeconds(provider, body) {
	if (provider === 'insider') return body.timestamp;
	if (provider === 'kaleyra') {
		const value = body.meta_object.value;
		return (value.statuses ?? value.messages)[0].timestamp;
	}
	const value = body.entry[0].changes[0].value;
	return (value.statuses ?? value.messages)[0].timestamp;
}

// ---------------------------------------------------------------------------------------------
// The bot: what its Send Text must have sent to the provider.

const REPLY_TEXT = 'You chose: Yes please';

function expectedSend(provider) {
	const text = { type: 'text', text: { preview_url: false, body: REPLY_TEXT } };
	switch (provider) {
		case 'insider':
			return { method: 'POST', path: '/v1/conversational/send', body: { messages: [{ phoneNumber: PEER, message: text }] } };
		case 'kaleyra':
			return {
				method: 'POST',
				path: `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${BUSINESS}/messages`,
				body: { messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to: PEER.slice(1), ...text } },
			};
		case 'gupshup':
			return {
				method: 'POST',
				path: `/partner/app/${GUPSHUP.appId}/v3/message`,
				body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: PEER.slice(1), ...text },
			};
	}
	throw new Error(provider);
}

/** The status each provider answers an accepted send with. */
const ACCEPTED_STATUS = { insider: 200, kaleyra: 202, gupshup: 200 };

/** The message id a provider's send answer names (the action node's `messageId`). */
function answeredId(provider, responseBody) {
	if (provider === 'insider') return responseBody.keys[0];
	if (provider === 'kaleyra') return responseBody.data.message_id;
	return responseBody.messages[0].id;
}

/**
 * Test 3: a status (not selected: the bot listens to messages only) and a plain text start
 * nothing that sends; a reply-button tap makes the bot send exactly one Send Text back.
 * @returns {Promise<{execution: object, output: object}>}
 */
async function checkBot(t, env, flow, { extraChecks = true } = {}) {
	const { provider } = flow;
	const tag = `${flow.file}-${crypto.randomUUID().slice(0, 8)}`;
	const since = await env.control.lastSeq();
	const before = await executionIds(env.n8n, flow.id);

	let textExecutions = 0;
	if (extraChecks) {
		const [status] = await postCallbacks(env, flow, [{ kind: 'status', status: 'delivered', messageId: `${tag}-earlier`, recipient: PEER }]);
		assert.equal(status.status, 200);
		assert.deepEqual(status.json, { received: true, events: 0 }, 'an event that is not selected is acknowledged');
		const [plain] = await postCallbacks(env, flow, [{ kind: 'message', from: PEER, text: 'just chatting', messageId: `wamid.${tag}-text` }]);
		assert.equal(plain.status, 200);
		assert.deepEqual(plain.json, { received: true, events: 1 });
		textExecutions = 1;
	}
	const tapId = `wamid.${tag}-tap`;
	const [tap] = await postCallbacks(env, flow, [
		{ kind: 'button_reply', from: PEER, id: 'opt-yes', title: 'Yes please', contextMessageId: `${tag}-question`, messageId: tapId },
	]);
	assert.equal(tap.status, 200);
	assert.deepEqual(tap.json, { received: true, events: 1 });

	// The reply reaches the sandbox...
	const want = expectedSend(provider);
	const sends = await env.control.waitForRequests({ provider, since, filter: (r) => r.method === 'POST' && decodeURIComponent(r.path) === want.path });
	// ...and the executions end: one for the text (the IF stops it), one for the tap.
	const fresh = await newExecutions(env.n8n, flow.id, before, textExecutions + 1);
	await sleep(1000);
	const all = (await env.n8n.executions(flow.id)).filter((e) => !before.has(e.id));
	assert.equal(all.length, textExecutions + 1, 'the status started no execution');
	for (const execution of fresh) assert.equal(execution.status, 'success', `execution ${execution.id}: ${JSON.stringify(execution.data.resultData.error)}`);

	const tapExecution = all.find((e) => nodeOutput(e, TRIGGER)[0].messageId === tapId);
	assert.ok(tapExecution, 'the tap started an execution');
	if (extraChecks) {
		const textExecution = all.find((e) => e !== tapExecution);
		assert.equal(nodeOutput(textExecution, TRIGGER)[0].text, 'just chatting');
		assert.equal(textExecution.data.resultData.runData[SEND], undefined, 'a plain text sends nothing');
	}

	// Exactly one message to the provider since the tap: the Send Text, as the provider documents it. (Gupshup's
	// subscription API may be read meanwhile: n8n 1.x checks the subscription while it activates a workflow.)
	const requests = (await env.control.requests({ provider, since })).filter((r) => !r.path.includes('/subscription'));
	assert.equal(requests.length, 1, `requests: ${JSON.stringify(requests.map((r) => `${r.method} ${r.path}`))}`);
	assert.equal(sends.length, 1);
	const [request] = requests;
	assert.equal(request.method, want.method);
	assert.equal(decodeURIComponent(request.path), want.path);
	assert.deepEqual(request.body, want.body);
	assert.equal(request.status, ACCEPTED_STATUS[provider], JSON.stringify(request.responseBody));

	const output = nodeOutput(tapExecution, SEND);
	assert.equal(output.length, 1);
	const sentTo = provider === 'insider' ? request.body.messages[0].phoneNumber : provider === 'kaleyra' ? request.body.messaging_object.to : request.body.to;
	assert.deepEqual(
		{ ...output[0], response: undefined },
		{ provider, operation: 'sendText', to: sentTo, messageId: answeredId(provider, request.responseBody), status: 'accepted', response: undefined },
	);
	assert.ok(output[0].response && typeof output[0].response === 'object');
	t.diagnostic(`${flow.file}: replied "${REPLY_TEXT}" as ${request.method} ${request.path}, message ${output[0].messageId}`);
	return { execution: tapExecution, output: output[0] };
}

// ---------------------------------------------------------------------------------------------
// Test 2: what must start nothing.

async function checkRefusals(t, env, flow) {
	const before = await executionIds(env.n8n, flow.id);
	const tag = `${flow.file}-refused`;
	const event = { kind: 'status', status: 'delivered', messageId: `${tag}-${crypto.randomUUID()}`, recipient: PEER };
	const scheme = flow.auth;
	const other = scheme === 'bearer' ? 'basic' : 'bearer';
	const attempts = {
		'a wrong secret':
			scheme === 'bearer'
				? { authorization: 'Bearer e2e-not-the-callback-token-000000' }
				: { authorization: `Basic ${Buffer.from(`${CALLBACK_SECRETS.user}:wrong-password`).toString('base64')}` },
		'no Authorization header': {},
		[`the other scheme (${other})`]: { authorization: AUTH[other] },
		'the secret without its scheme': { authorization: scheme === 'bearer' ? CALLBACK_SECRETS.token : AUTH.basic.slice('Basic '.length) },
	};
	for (const [what, headers] of Object.entries(attempts)) {
		const [answer] = await postCallbacks(env, flow, [event], { headers });
		assert.equal(answer.status, 401, `${what}: ${JSON.stringify(answer.json)}`);
		assert.deepEqual(answer.json, UNAUTHORIZED, what);
		assert.equal(answer.headers['www-authenticate'], CHALLENGE[scheme], what);
	}

	// Not JSON: 400 with the right secret, 401 without (the secret is checked first).
	const notJson = await postRaw(flow, 'status=delivered&id=1', 'text/plain');
	assert.equal(notJson.status, 400, notJson.text);
	assert.deepEqual(notJson.json, { received: false, error: 'The body is not JSON (text/plain)' });
	const notJsonNoAuth = await postRaw(flow, 'status=delivered&id=1', 'text/plain', {});
	assert.equal(notJsonNoAuth.status, 401, notJsonNoAuth.text);
	// Broken JSON declared as JSON: n8n's own body parser refuses it before the node runs.
	const broken = await postRaw(flow, '{"status": "delivered", ', 'application/json');
	assert.ok(broken.status >= 400 && broken.status < 500, `broken JSON: ${broken.status} ${broken.text}`);
	t.diagnostic(`broken JSON declared as application/json: n8n answered ${broken.status} ${broken.text.slice(0, 120)}`);
	// JSON, but no callback of this provider.
	const foreign = await postRaw(flow, JSON.stringify({ hello: 'world' }), 'application/json');
	assert.equal(foreign.status, 400, foreign.text);
	assert.equal(foreign.json.received, false);
	assert.equal(typeof foreign.json.error, 'string');

	if (flow.provider === 'gupshup') {
		// Gupshup checks a URL with an empty body, without the subscription's headers: acknowledged, nothing starts.
		const check = await postRaw(flow, '{}', 'application/json', {});
		assert.equal(check.status, 200, check.text);
		assert.deepEqual(check.json, { received: true, events: 0 });
		const checkV2 = await postRaw(flow, JSON.stringify({ app: 'SandboxApp', timestamp: Date.now(), version: 2, type: 'user-event', payload: { phone: 'callbackSetPhone', type: 'sandbox-start' } }), 'application/json', {});
		assert.equal(checkV2.status, 200, checkV2.text);
		assert.deepEqual(checkV2.json, { received: true, events: 0 });
	}

	await assertOnlySentinelRan(env, flow, before, { ...event, messageId: `${tag}-sentinel-${crypto.randomUUID()}` });
	t.diagnostic(`${flow.file}: ${Object.keys(attempts).length} refused secrets, not-JSON and foreign bodies started nothing`);
}

// ---------------------------------------------------------------------------------------------
// Test 4: Gupshup's Register Subscription.

async function subscriptionsFor(env, url) {
	const all = await env.control.gupshupSubscriptions(GUPSHUP.appId, GUPSHUP.appToken);
	return all.filter((s) => s.url === url);
}

// ---------------------------------------------------------------------------------------------
// Download Media.

/** The bytes of a binary n8n stored: inline (base64) or, in the filesystem and database modes, by its id. */
async function binaryBytes(n8n, binary) {
	if (!binary.id) return Buffer.from(binary.data, 'base64');
	const query = new URLSearchParams({ id: binary.id, action: 'download' });
	const res = await fetch(`${n8n.baseUrl}/rest/binary-data?${query}`, { headers: { cookie: await n8n.ownerLogin() } });
	assert.equal(res.status, 200, `binary data ${binary.id}`);
	return Buffer.from(await res.arrayBuffer());
}

/**
 * The sandbox posts four inbound callbacks, each its own execution: an image (downloaded into the item's binary
 * `data`), a document larger than the 1 MB limit, an image whose link is gone (both: the item with its media and a
 * mediaDownloadError, no binary) and a list-row choice (listReply). Every callback is answered 200 at once.
 */
async function checkMediaDownload(t, env, flow) {
	const tag = crypto.randomUUID();
	const link = (name) => `${env.sandbox.url}/__sandbox/media/${name}`;
	const events = [
		{ kind: 'media', from: PEER, mediaType: 'image', url: link('photo.png'), mimeType: 'image/png', caption: 'my receipt', mediaId: '1000000000000001', messageId: `wamid.img-${tag}` },
		{ kind: 'media', from: PEER, mediaType: 'document', url: link('bytes/2097152'), filename: 'scan.pdf', mediaId: '1000000000000002', messageId: `wamid.big-${tag}` },
		{ kind: 'media', from: PEER, mediaType: 'image', url: link('gone.png'), mimeType: 'image/jpeg', mediaId: '1000000000000003', messageId: `wamid.gone-${tag}` },
		{ kind: 'list_reply', from: PEER, id: 'row-2', title: 'Tomorrow', description: 'Between 9 and 12', messageId: `wamid.row-${tag}` },
	];
	const before = await executionIds(env.n8n, flow.id);
	const posted = await postCallbacks(env, flow, events, { gupshupVersion: flow.gupshupVersion ?? 3 });
	for (const [i, { status, json }] of posted.entries()) {
		assert.equal(status, 200, `callback ${i}: ${JSON.stringify(json)}`);
		assert.deepEqual(json, { received: true, events: 1 }, `callback ${i}`);
	}
	const fresh = await newExecutions(env.n8n, flow.id, before, events.length);
	const items = {};
	for (const execution of fresh) {
		assert.equal(execution.status, 'success', `execution ${execution.id}: ${JSON.stringify(execution.data.resultData.error)}`);
		const [item, ...more] = execution.data.resultData.runData[TRIGGER][0].data.main[0];
		assert.equal(more.length, 0);
		items[item.json.messageId] = item;
	}
	// Gupshup v2 names no media id; Kaleyra passes Meta's.
	const mediaId = (id) => (flow.provider === 'kaleyra' ? id : null);

	const image = items[`wamid.img-${tag}`];
	assert.deepEqual(image.json.media, { type: 'image', id: mediaId('1000000000000001'), url: link('photo.png'), mimeType: 'image/png', caption: 'my receipt', filename: null });
	assert.equal(image.json.text, 'my receipt');
	assert.equal(image.json.mediaDownloadError, undefined);
	assert.equal(image.binary.data.mimeType, 'image/png');
	assert.equal(image.binary.data.fileName, `image-${flow.provider === 'kaleyra' ? '1000000000000001' : `wamid.img-${tag}`}.png`);
	assert.ok((await binaryBytes(env.n8n, image.binary.data)).equals(mediaFileBytes('photo.png')), 'the binary is the sandbox\'s photo.png');

	const big = items[`wamid.big-${tag}`];
	assert.deepEqual(big.json.media, { type: 'document', id: mediaId('1000000000000002'), url: link('bytes/2097152'), mimeType: 'application/pdf', caption: null, filename: 'scan.pdf' });
	assert.equal(big.json.mediaDownloadError, 'The file is 2.0 MB, more than the Max Download Size of 1 MB');
	assert.equal(big.binary, undefined);

	const gone = items[`wamid.gone-${tag}`];
	assert.equal(gone.json.media.url, link('gone.png'));
	assert.equal(gone.json.mediaDownloadError, 'Downloading the file failed: HTTP 404');
	assert.equal(gone.binary, undefined);

	const row = items[`wamid.row-${tag}`];
	assert.deepEqual(row.json.listReply, { id: 'row-2', title: 'Tomorrow', description: 'Between 9 and 12' });
	assert.deepEqual([row.json.buttonReply, row.json.text, row.json.media, row.binary], [{ id: 'row-2', title: 'Tomorrow' }, 'Tomorrow', null, undefined]);
	t.diagnostic(`${flow.file}: photo.png downloaded (${image.binary.data.fileSize ?? 'size not reported'}), 2 MB and 404 files noted, list row read`);
}

// ---------------------------------------------------------------------------------------------

/**
 * Subtests of one top-level test. A failed one marks the parent failed at its end, so that
 * the harness prints the n8n logs (N8n.create's `t` disposes with `failed: !t.passed`).
 */
function stepper(t) {
	let failures = 0;
	return {
		step: (name, fn) =>
			t.test(name, async (st) => {
				try {
					await retryIfLostByN8n(st, () => fn(st));
				} catch (error) {
					failures++;
					throw error;
				}
			}),
		finish: () => {
			if (failures > 0) throw new Error(`${failures} step(s) failed`);
		},
	};
}

/** Polls `read()` until `done(value)`; returns that value. */
async function eventually(read, done, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	let value;
	while (Date.now() < deadline) {
		value = await read();
		if (done(value)) return value;
		await sleep(250);
	}
	throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
}

/** Polls the executions of `workflowId` until the trigger has emitted `count` items that `filter` keeps. */
async function waitForItems(n8n, workflowId, filter, { count, timeoutMs = 90_000 }) {
	const deadline = Date.now() + timeoutMs;
	let kept = [];
	while (Date.now() < deadline) {
		kept = (await n8n.executions(workflowId))
			.filter((e) => e.stoppedAt)
			.flatMap((e) => nodeOutput(e, TRIGGER))
			.filter(filter);
		if (kept.length >= count) return kept;
		await sleep(300);
	}
	throw new Error(`${kept.length} of ${count} items in executions of ${workflowId} within ${timeoutMs} ms`);
}

test(`trigger on n8n ${VERSION} (${INSTALL}): production webhook URL, auth, bot, Gupshup subscription`, { timeout: 10 * 60_000 }, async (t) => {
	const started = Date.now();
	const { step, finish } = stepper(t);
	const env = await setUp(t, { queue: false, specs: [...TRIGGERS, ...BOTS, SUBSCRIPTION, ...MEDIA, ...CONVERSATIONS] });
	const flow = (file) => env.flows[file];

	for (const spec of TRIGGERS) {
		const batch = spec.provider === 'gupshup' && spec.auth !== 'none';
		await step(`${spec.provider} callbacks, auth ${spec.auth}${batch ? ' (one batched callback)' : ''}: answers and recorded items`, (st) =>
			checkScenario(st, env, flow(spec.file), { batch }),
		);
	}

	await step('gupshup v2 callbacks (older apps), auth none: answers and recorded items', (st) =>
		checkScenario(st, env, flow('trigger-gupshup-none'), { gupshupVersion: 2 }),
	);

	for (const spec of TRIGGERS.filter((s) => s.auth !== 'none')) {
		await step(`${spec.provider} (${spec.auth}): refused and foreign callbacks answer 401/400 and start nothing`, (st) =>
			checkRefusals(st, env, flow(spec.file)),
		);
	}

	for (const spec of BOTS) {
		await step(`${spec.provider} bot: a button tap is answered with a Send Text through ${spec.provider}`, (st) =>
			checkBot(st, env, flow(spec.file)),
		);
	}

	for (const spec of MEDIA) {
		await step(`${spec.provider}${spec.gupshupVersion ? ` v${spec.gupshupVersion}` : ''} Download Media (${spec.auth}): an inbound image into binary data; too large and gone files noted`, (st) =>
			checkMediaDownload(st, env, flow(spec.file)),
		);
	}

	for (const spec of CONVERSATIONS) {
		await step(`${spec.provider} (${spec.auth}, events template and message): template status changes and reactions`, (st) =>
			checkConversations(st, env, flow(spec.file)),
		);
	}

	await step('kaleyra (basic, the default events): a template status change is answered and starts nothing', async () => {
		const kaleyraFlow = flow('trigger-kaleyra-basic');
		const before = await executionIds(env.n8n, kaleyraFlow.id);
		const [answer] = await postCallbacks(env, kaleyraFlow, [{ kind: 'template', status: 'paused', name: 'flash_deal' }]);
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json, { received: true, events: 0 });
		await assertOnlySentinelRan(env, kaleyraFlow, before, { kind: 'status', status: 'read', messageId: `sentinel-${crypto.randomUUID()}`, recipient: PEER });
	});

	await step('gupshup Register Subscription: made on activation, delivers the bot reply\'s statuses, kept over a restart, removed on deactivation', async (st) => {
		const sub = flow(SUBSCRIPTION.file);
		const expectSubscription = (subscription, url, modes = ['SENT', 'DELIVERED', 'READ', 'MESSAGE']) => {
			assert.ok(subscription, `a subscription for ${url}`);
			assert.equal(subscription.url, url);
			assert.deepEqual(subscription.modes, modes);
			assert.equal(subscription.version, 3);
			assert.equal(subscription.active, true);
			assert.match(subscription.tag, new RegExp(`^n8n-${sub.id}-[0-9a-f]{10}$`));
			assert.deepEqual(JSON.parse(subscription.meta), { headers: { Authorization: AUTH.bearer } });
		};
		const all = () => env.control.gupshupSubscriptions(GUPSHUP.appId, GUPSHUP.appToken);

		const registered = await all();
		assert.equal(registered.length, 1, `subscriptions: ${JSON.stringify(registered)}`);
		expectSubscription(registered[0], sub.tapUrl);

		// The loop a user gets: the bot replies through Gupshup, Gupshup reports the reply's
		// statuses to the subscription (with its header), and this trigger records them.
		const replyStatuses = async () => {
			const { output } = await checkBot(st, env, flow('bot-gupshup'), { extraChecks: false });
			const statuses = await waitForItems(env.n8n, sub.id, (item) => item.messageId === output.messageId, { count: 3 });
			assert.deepEqual(statuses.map((i) => i.status).sort(), ['delivered', 'read', 'sent']);
			for (const item of statuses) assert.deepEqual([item.provider, item.event, item.recipient, item.error], ['gupshup', 'status', PEER, null]);
		};
		await replyStatuses();

		// n8n keeps production webhooks (and the subscription) over a restart, and the loop goes on.
		await env.n8n.stop();
		assert.deepEqual(await all(), registered, 'a stop leaves the subscription as it was');
		await env.n8n.start();
		env.tap.retarget(env.n8n.baseUrl);
		await env.n8n.waitForWebhook(sub.webhookPath, { timeoutMs: 60_000 });
		await env.n8n.waitForWebhook(flow('bot-gupshup').webhookPath, { timeoutMs: 60_000 });
		assert.deepEqual(await all(), registered, 'a restart neither doubles nor changes the subscription');
		await replyStatuses();

		// The user changes the events of the live workflow: the subscription follows (one, new modes).
		const live = await env.n8n.publicApi('GET', `/workflows/${sub.id}`);
		const nodes = live.nodes.map((n) => (n.name === TRIGGER ? { ...n, parameters: { ...n.parameters, events: ['failed', 'message'] } } : n));
		await env.n8n.publicApi('PUT', `/workflows/${sub.id}`, { name: live.name, nodes, connections: live.connections, settings: { executionOrder: 'v1' } });
		await env.n8n.publish(sub.id);
		const changed = await eventually(all, (list) => list.length === 1 && list[0].modes.join() === 'FAILED,MESSAGE', 'the subscription takes the new events');
		assert.equal(changed[0].url, sub.tapUrl);
		assert.equal(changed[0].tag, registered[0].tag);
		assert.deepEqual(JSON.parse(changed[0].meta), { headers: { Authorization: AUTH.bearer } });

		// n8n 2.x applies (de)activations through its publication outbox, a moment after the API answers.
		await env.n8n.publicApi('POST', `/workflows/${sub.id}/deactivate`);
		await eventually(all, (list) => list.length === 0, 'deactivation removes the subscription');

		// Activated again: a new one. Removed in Gupshup behind n8n's back: deactivation still works.
		await env.n8n.publish(sub.id);
		const again = await eventually(all, (list) => list.length > 0, 'activation makes a subscription');
		assert.equal(again.length, 1);
		expectSubscription(again[0], sub.tapUrl, ['FAILED', 'MESSAGE']);
		assert.notEqual(again[0].id, registered[0].id);
		const gone = await fetch(`${env.sandbox.url}/partner/app/${GUPSHUP.appId}/subscription/${again[0].id}`, {
			method: 'DELETE',
			headers: { authorization: GUPSHUP.appToken },
		});
		assert.equal(gone.status, 200);
		const since = await env.control.lastSeq();
		await env.n8n.publicApi('POST', `/workflows/${sub.id}/deactivate`);
		// The trigger's DELETE is answered "Subscription not found", which it takes as done.
		const deletes = await env.control.waitForRequests({ provider: 'gupshup', since, filter: (r) => r.method === 'DELETE' });
		assert.equal(deletes[0].path, `/partner/app/${GUPSHUP.appId}/subscription/${again[0].id}`);
		assert.deepEqual(await all(), []);
		const workflow = await env.n8n.publicApi('GET', `/workflows/${sub.id}`);
		assert.equal(workflow.active, false);
		st.diagnostic(`subscription ${registered[0].id} (${registered[0].tag}) made, used over a restart and removed; ${again[0].id} made and removed`);
	});

	t.diagnostic(`normal mode: ${Date.now() - started} ms`);
	finish();
});

// n8n's queue mode (1.123.81 and 2.41.1 alike) now and then creates a webhook's execution and never enqueues it,
// whatever node the workflow starts with (a plain Webhook → No Operation too: test/bench/queue-stress.js). The steps
// run once more when that happens (retryIfLostByN8n in lib/n8n.js), so this runs on both tiers again.
test(`trigger on n8n ${VERSION} (${INSTALL}) in queue mode: the trigger and the bot run on the worker`, {
	timeout: 10 * 60_000,
}, async (t) => {
	const started = Date.now();
	const { step, finish } = stepper(t);
	const specs = [...TRIGGERS.filter((s) => s.auth !== 'none'), ...BOTS];
	const env = await setUp(t, { queue: true, specs });
	const workerLog = () => fs.readFileSync(path.join(env.n8n.userFolder, 'n8n-worker.log'), 'utf8');
	const ranOnWorker = (id) => new RegExp(`Worker (started|finished) execution ${id}\\b`).test(workerLog());

	for (const spec of specs.filter((s) => s.file.startsWith('trigger-'))) {
		await step(`${spec.provider} callbacks (${spec.auth}) recorded from the worker`, async (st) => {
			const before = await executionIds(env.n8n, env.flows[spec.file].id);
			await checkScenario(st, env, env.flows[spec.file], { batch: spec.provider === 'gupshup' });
			const fresh = (await env.n8n.executions(env.flows[spec.file].id)).filter((e) => !before.has(e.id));
			for (const e of fresh) assert.ok(ranOnWorker(e.id), `execution ${e.id} ran on the worker`);
		});
	}
	for (const spec of BOTS) {
		await step(`${spec.provider} bot replies from the worker`, async (st) => {
			const { execution } = await checkBot(st, env, env.flows[spec.file]);
			assert.ok(ranOnWorker(execution.id), `execution ${execution.id} ran on the worker`);
		});
	}
	t.diagnostic(`queue mode: ${Date.now() - started} ms`);
	finish();
});

'use strict';
// Send and Wait for Reply in a real, pinned n8n, for each provider, against the provider sandbox:
// - a workflow asks (Webhook → Send and Wait), its execution waits; the sandbox's simulated customer taps a button
//   of the message it received, posting the provider's own button-reply callback to the WhatsApp BSP Trigger, which
//   resumes that same execution: it ends with the choice, the sender and the message's ID;
// - a second tap on the same button, a forged ID, an altered choice and a tap from another number resume nothing
//   and come out of the trigger as ignored taps with their reason (Emit Ignored Send and Wait Taps on);
// - a trigger without Authentication resumes nothing;
// - a list question, answered by a row;
// - n8n restarted while executions wait: a tap after the restart resumes one; another, whose limit passed
//   meanwhile, ends with { data: { timedOut: true } };
// - queue mode on PostgreSQL (2.x tier): the main process resumes, a worker finishes.
//
// WA_BSP_N8N: v2 (default) or v1. Build first (npm run build). Every server listens on 127.0.0.1.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const test = require('node:test');
const { setTimeout: sleep } = require('node:timers/promises');

const { createSandbox } = require('../sandbox/server');
const { N8n, freePort, nodeOutput } = require('./lib/n8n');
const { CALLBACK_SECRETS, NODE_TYPES, credentialRef, sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows, webhookNode } = require('./lib/workflows');
const { sandboxControl } = require('./lib/sandbox-control');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const PEER = '+919876543210';
const OTHER = '+919812345678';
const ASK = 'Ask';
const TRIGGER = 'WhatsApp BSP Trigger';

const AUTH = {
	bearer: { authentication: 'bearerToken', credential: 'bearer', header: `Bearer ${CALLBACK_SECRETS.token}` },
	basic: {
		authentication: 'basicAuth',
		credential: 'basic',
		header: `Basic ${Buffer.from(`${CALLBACK_SECRETS.user}:${CALLBACK_SECRETS.password}`).toString('base64')}`,
	},
};
const PROVIDERS = [
	{ provider: 'insider', auth: 'bearer' },
	{ provider: 'kaleyra', auth: 'basic' },
	{ provider: 'gupshup', auth: 'bearer' },
];

const tag = () => crypto.randomBytes(4).toString('hex');

/** The trigger of `provider`, reporting every tap, ignored ones included. */
function triggerWorkflow(provider, auth, { none = false } = {}) {
	const id = `waSwTrg${provider.slice(0, 3)}${none ? 'N' : 'A'}${tag()}`.slice(0, 16);
	const webhookId = crypto.randomUUID();
	const parameters = { provider, events: ['message'], authentication: none ? 'none' : AUTH[auth].authentication, emitIgnoredTaps: true };
	return {
		id,
		name: `e2e: send and wait trigger ${provider}${none ? ' (no auth)' : ''}`,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: TRIGGER,
				type: NODE_TYPES.trigger,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				...(none ? {} : { credentials: credentialRef(AUTH[auth].credential) }),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		webhookPath: `${webhookId}/callback`,
	};
}

/** Webhook → Send and Wait (`ask` parameters) → NoOp. */
function askWorkflow(provider, ask, limitMinutes) {
	const id = `waSwAsk${provider.slice(0, 3)}${tag()}`.slice(0, 16);
	const path = `ask-${id}`;
	const hook = webhookNode('Webhook', path);
	const options = limitMinutes === undefined ? {} : { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: limitMinutes, resumeUnit: 'minutes' } } };
	return {
		id,
		name: `e2e: send and wait ${provider}`,
		nodes: [
			hook,
			{
				id: crypto.randomUUID(),
				name: ASK,
				type: NODE_TYPES[provider],
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'message', operation: 'sendAndWait', to: '={{ $json.body.to }}', ...ask, options },
				credentials: credentialRef(provider),
			},
			{ id: crypto.randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 0], parameters: {} },
		],
		connections: {
			Webhook: { main: [[{ node: ASK, type: 'main', index: 0 }]] },
			[ASK]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		path,
	};
}

const APPROVAL = {
	message: '=Approve the refund of €{{ $json.body.amount }} for order {{ $json.body.order }}?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double', approveLabel: 'Approve', disapproveLabel: 'Decline' } },
	headerText: 'Refund request',
};
const LIST = {
	message: 'Which slot suits you?',
	responseType: 'list',
	listButtonText: 'Pick a slot',
	rows: { row: [{ id: 'mon-10', title: 'Monday 10:00' }, { id: 'tue-14', title: 'Tuesday 14:00', description: 'Room 2' }] },
};

async function setUp(t, { queue = false, flows, port }) {
	const sandbox = await createSandbox({ port: 0 });
	t.after(() => sandbox.close());
	const n8n = await N8n.create({ version: VERSION, install: INSTALL, t, database: queue ? 'postgres' : 'sqlite', port });
	await n8n.importCredentials(sandboxCredentials(sandbox.url));
	await importWorkflows(n8n, flows.map(({ webhookPath, path, ...workflow }) => workflow));
	if (queue) await n8n.startQueue();
	else await n8n.start();
	for (const flow of flows) {
		await n8n.publish(flow.id);
		await n8n.waitForWebhook(flow.webhookPath ?? flow.path, { timeoutMs: 60_000 });
	}
	return { n8n, sandbox, control: sandboxControl(sandbox.url) };
}

/** Starts the ask workflow for `to`; resolves the waiting execution's id and the message the sandbox got. */
async function ask(env, flow, to, body = {}) {
	const since = await env.control.lastSeq();
	const res = await fetch(env.n8n.webhookUrl(flow.path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to, amount: 120, order: 'A-1001', ...body }),
	});
	assert.equal(res.status, 200);
	const [request] = await env.control.waitForRequests({ provider: flow.provider, since });
	// The execution's id, from the reference in the first choice's ID (n8n 1.x lists no waiting execution of a
	// process that still holds it, so it cannot be found by listing).
	const interactive = interactiveOf(flow.provider, request);
	const firstId = interactive.type === 'list' ? interactive.action.sections[0].rows[0].id : interactive.action.buttons[0].reply.id;
	const executionId = firstId.split('.')[1];
	await waitFor(env.n8n, executionId, 'waiting');
	return { executionId, request };
}

/** One execution with its data (n8n's public API). */
const executionOf = (n8n, id) => n8n.publicApi('GET', `/executions/${id}?includeData=true`);

/** Polls an execution until it has `status`; resolves it. */
async function waitFor(n8n, executionId, status, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	let execution;
	while (Date.now() < deadline) {
		execution = await executionOf(n8n, executionId).catch(() => undefined);
		if (execution?.status === status) return execution;
		await sleep(250);
	}
	throw new Error(`execution ${executionId} is ${execution?.status ?? 'not found'}, not ${status}, after ${timeoutMs} ms`);
}


/** The trigger executions started after `before` (a Set of ids), waiting for `count`. */
async function triggerItems(n8n, trigger, before, count) {
	const ended = await n8n.waitForExecutions(trigger.id, { count: before.size + count, timeoutMs: 60_000 });
	return ended.filter((e) => !before.has(e.id)).flatMap((e) => nodeOutput(e, TRIGGER));
}
const idsOf = async (n8n, workflowId) => new Set((await n8n.executions(workflowId)).map((e) => e.id));
/** Whether the execution still waits. */
const stillWaits = async (n8n, executionId) => (await executionOf(n8n, executionId)).status === 'waiting';

function tapHeaders(flow) {
	return { authorization: AUTH[flow.auth].header };
}

/** The interactive message as the provider received it (Insider batches, Kaleyra wraps, Gupshup is Meta's). */
function interactiveOf(provider, request) {
	if (provider === 'insider') return request.body.messages[0].message.interactive;
	if (provider === 'kaleyra') return request.body.messaging_object.interactive;
	return request.body.interactive;
}

test(`send and wait, each provider (n8n ${VERSION}, regular mode)`, async (t) => {
	const pairs = PROVIDERS.map(({ provider, auth }) => ({
		trigger: { ...triggerWorkflow(provider, auth), provider, auth },
		asker: { ...askWorkflow(provider, APPROVAL), provider, auth },
	}));
	const noAuth = { ...triggerWorkflow('insider', 'bearer', { none: true }), provider: 'insider', auth: 'bearer' };
	const lister = { ...askWorkflow('gupshup', LIST), provider: 'gupshup', auth: 'bearer' };
	const env = await setUp(t, { flows: [...pairs.flatMap((p) => [p.trigger, p.asker]), lister] });

	for (const { trigger, asker } of pairs) {
		const { provider } = asker;
		await t.test(provider, async () => {
			const tapUrl = env.n8n.webhookUrl(trigger.webhookPath);
			const { executionId, request } = await ask(env, asker, PEER);
			// The question as sent: Meta's interactive message, each ID a signed reference of at most 256 characters.
			const interactive = interactiveOf(provider, request);
			assert.deepEqual(
				{ ...interactive, action: undefined },
				{ type: 'button', header: { type: 'text', text: 'Refund request' }, body: { text: 'Approve the refund of €120 for order A-1001?' }, action: undefined },
			);
			const ids = interactive.action.buttons.map((b) => b.reply.id);
			assert.deepEqual(interactive.action.buttons.map((b) => b.reply.title), ['Approve', 'Decline']);
			for (const id of ids) assert.match(id, new RegExp(`^n8nw1\\.${executionId}\\.[0-9a-f-]{36}\\.[01]\\.[\\w-]{8}\\.[\\w-]{43}$`));

			// The customer taps Decline: the same execution ends with that choice.
			let before = await idsOf(env.n8n, trigger.id);
			const { tapped } = await env.control.tap({ provider, url: tapUrl, headers: tapHeaders(asker), to: PEER, choice: 'Decline', afterMs: 200 });
			const done = await waitFor(env.n8n, executionId, 'success');
			const [out] = nodeOutput(done, 'Done');
			assert.equal(typeof out.data.respondedAt, 'string');
			assert.deepEqual(out, {
				data: { approved: false, choice: { id: 'disapprove', title: 'Decline' }, from: PEER, respondedAt: out.data.respondedAt, messageId: tapped.messageId },
			});
			let [item] = await triggerItems(env.n8n, trigger, before, 1);
			assert.deepEqual(item.sendAndWait, { resumed: true, executionId, reason: null });
			assert.equal(item.buttonReply.id, ids[1]);

			// A second tap, now on Approve: the execution has ended; nothing changes.
			before = await idsOf(env.n8n, trigger.id);
			await env.control.tap({ provider, url: tapUrl, headers: tapHeaders(asker), to: PEER, choice: 'Approve' });
			[item] = await triggerItems(env.n8n, trigger, before, 1);
			assert.equal(item.sendAndWait.resumed, false);
			assert.match(item.sendAndWait.reason, /no longer waits|finished|running/);
			assert.deepEqual(nodeOutput(await executionOf(env.n8n, executionId), 'Done'), [out]);

			// A waiting execution: a forged signature, an altered choice and a tap from another number resume nothing.
			const second = await ask(env, asker, PEER);
			const [approveId] = interactiveOf(provider, second.request).action.buttons.map((b) => b.reply.id);
			const parts = approveId.split('.');
			const forged = [...parts.slice(0, 5), crypto.randomBytes(32).toString('base64url')].join('.');
			const altered = [...parts.slice(0, 3), '1', ...parts.slice(4)].join('.');
			before = await idsOf(env.n8n, trigger.id);
			const event = (id, from = PEER) => ({ kind: 'button_reply', from, id, title: 'Approve', contextMessageId: 'x' });
			await env.control.callbacks({ provider, url: tapUrl, headers: tapHeaders(asker), events: [event(forged), event(altered), event(approveId, OTHER)] });
			const ignored = await triggerItems(env.n8n, trigger, before, 3);
			assert.deepEqual(
				ignored.map((i) => i.sendAndWait),
				[0, 1, 2].map(() => ({ resumed: false, executionId: second.executionId, reason: "n8n refused the reference's signature: it was forged or altered, or the tap came from another number than the one asked" })),
			);
			assert.equal(await stillWaits(env.n8n, second.executionId), true);

			// The right tap still works: Approve.
			await env.control.tap({ provider, url: tapUrl, headers: tapHeaders(asker), to: PEER, choice: 0 });
			const approved = await waitFor(env.n8n, second.executionId, 'success');
			assert.deepEqual(nodeOutput(approved, 'Done')[0].data.choice, { id: 'approve', title: 'Approve' });
			assert.equal(nodeOutput(approved, 'Done')[0].data.approved, true);
		});
	}

	await t.test('a list answered by a row (Gupshup)', async () => {
		const trigger = pairs[2].trigger;
		const { executionId, request } = await ask(env, lister, PEER);
		const rows = request.body.interactive.action.sections[0].rows;
		assert.deepEqual(rows.map((r) => [r.title, r.description]), [['Monday 10:00', undefined], ['Tuesday 14:00', 'Room 2']]);
		for (const row of rows) assert.ok(row.id.length <= 200);
		await env.control.tap({ provider: 'gupshup', url: env.n8n.webhookUrl(trigger.webhookPath), headers: tapHeaders(lister), to: PEER, choice: 1 });
		const done = await waitFor(env.n8n, executionId, 'success');
		const [out] = nodeOutput(done, 'Done');
		assert.deepEqual(out.data.choice, { id: 'tue-14', title: 'Tuesday 14:00' });
		assert.equal('approved' in out.data, false);
	});

	await t.test('a trigger without Authentication resumes nothing', async () => {
		// Published only now, so that the trigger above with authentication served Insider's taps until here.
		await importWorkflows(env.n8n, [(({ webhookPath, ...w }) => w)(noAuth)]);
		await env.n8n.publish(noAuth.id);
		await env.n8n.waitForWebhook(noAuth.webhookPath, { timeoutMs: 60_000 });
		const asker = pairs[0].asker;
		const { executionId } = await ask(env, asker, PEER);
		const before = await idsOf(env.n8n, noAuth.id);
		await env.control.tap({ provider: 'insider', url: env.n8n.webhookUrl(noAuth.webhookPath), to: PEER, choice: 0 });
		const [item] = await triggerItems(env.n8n, noAuth, before, 1);
		assert.equal(item.sendAndWait.resumed, false);
		assert.match(item.sendAndWait.reason, /no Authentication/);
		await sleep(1000);
		assert.equal(await stillWaits(env.n8n, executionId), true);
	});
});

test(`send and wait across a restart of n8n, and the wait limit (n8n ${VERSION})`, async (t) => {
	const trigger = { ...triggerWorkflow('kaleyra', 'basic'), provider: 'kaleyra', auth: 'basic' };
	const asker = { ...askWorkflow('kaleyra', APPROVAL), provider: 'kaleyra', auth: 'basic' };
	// 0.1 minutes: the limit passes while n8n is down.
	const limited = { ...askWorkflow('kaleyra', APPROVAL, 0.1), provider: 'kaleyra', auth: 'basic' };
	// The same port after the restart, as a real instance keeps its URL: n8n 1.x signs the URL's host and port too.
	const env = await setUp(t, { flows: [trigger, asker, limited], port: await freePort() });
	const waitingTap = await ask(env, asker, PEER);
	const waitingLimit = await ask(env, limited, OTHER);
	const askedAt = Date.now();

	await env.n8n.stop();
	await sleep(Math.max(0, 7_000 - (Date.now() - askedAt)));
	await env.n8n.start();
	// Every workflow active again: n8n 1.x serves the trigger's URL before it has finished starting.
	for (const flow of [trigger, asker, limited]) await env.n8n.waitForWebhook(flow.webhookPath ?? flow.path, { timeoutMs: 60_000 });

	// Nothing was kept in memory: the tap after the restart resumes the execution n8n saved.
	const beforeTap = await idsOf(env.n8n, trigger.id);
	await env.control.tap({ provider: 'kaleyra', url: env.n8n.webhookUrl(trigger.webhookPath), headers: tapHeaders(asker), to: PEER, choice: 'Approve' });
	const done = await waitFor(env.n8n, waitingTap.executionId, 'success');
	assert.deepEqual(nodeOutput(done, 'Done')[0].data.choice, { id: 'approve', title: 'Approve' });
	// The trigger emits the resumed tap too: its execution must have ended before the next tap's is looked for.
	const [resumedTap] = await triggerItems(env.n8n, trigger, beforeTap, 1);
	assert.equal(resumedTap.sendAndWait.resumed, true);

	// The limit passed while n8n was down: n8n resumes the execution at start, with timedOut.
	const timedOut = await waitFor(env.n8n, waitingLimit.executionId, 'success');
	assert.deepEqual(nodeOutput(timedOut, 'Done'), [{ data: { timedOut: true } }]);
	// A tap after the limit resumes nothing.
	const before = await idsOf(env.n8n, trigger.id);
	await env.control.tap({ provider: 'kaleyra', url: env.n8n.webhookUrl(trigger.webhookPath), headers: tapHeaders(limited), to: OTHER, choice: 'Approve' });
	const [item] = await triggerItems(env.n8n, trigger, before, 1);
	assert.equal(item.sendAndWait.resumed, false);
	assert.deepEqual(nodeOutput(await executionOf(env.n8n, waitingLimit.executionId), 'Done'), [{ data: { timedOut: true } }]);
});

test('send and wait in queue mode on PostgreSQL: the main process resumes, a worker finishes', { skip: VERSION !== 'v2' && 'queue mode runs on the 2.x tier' }, async (t) => {
	const trigger = { ...triggerWorkflow('insider', 'bearer'), provider: 'insider', auth: 'bearer' };
	const asker = { ...askWorkflow('insider', APPROVAL), provider: 'insider', auth: 'bearer' };
	const env = await setUp(t, { queue: true, flows: [trigger, asker] });
	const tapUrl = env.n8n.webhookUrl(trigger.webhookPath);
	const { executionId } = await ask(env, asker, PEER);
	const before = await idsOf(env.n8n, trigger.id);
	await env.control.tap({ provider: 'insider', url: tapUrl, headers: tapHeaders(asker), to: PEER, choice: 'Decline' });
	const done = await waitFor(env.n8n, executionId, 'success');
	assert.deepEqual(nodeOutput(done, 'Done')[0].data.choice, { id: 'disapprove', title: 'Decline' });
	assert.equal(env.n8n.workerOf(executionId), 1, 'a worker ran the resumed execution');
	// The tap also came out of the trigger (on a worker too), and a second tap resumes nothing.
	const [first] = await triggerItems(env.n8n, trigger, before, 1);
	assert.deepEqual(first.sendAndWait, { resumed: true, executionId, reason: null });
	await env.control.tap({ provider: 'insider', url: tapUrl, headers: tapHeaders(asker), to: PEER, choice: 'Approve' });
	const items = await triggerItems(env.n8n, trigger, before, 2);
	assert.equal(items[1].sendAndWait.resumed, false);
	assert.deepEqual(nodeOutput(await executionOf(env.n8n, executionId), 'Done')[0].data.choice, { id: 'disapprove', title: 'Decline' });
});

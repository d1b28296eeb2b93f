'use strict';
// Send and Wait for Reply in the real n8n (2.x, one process, SQLite) against the sandbox:
// - latency: 50 questions one after another; for each, the time from the tap reaching the WhatsApp BSP Trigger
//   (the sandbox posting the provider's button-reply callback) to the end of the resumed execution (its stoppedAt);
// - burst: 200 executions waiting at once, all their taps posted at once (10 at a time, as a provider's sender;
//   a callback that got no 2xx is posted again); every execution must end with its own recipient's choice, once;
//   the same 200 taps again must resume nothing.
//
//   node test/bench/send-and-wait.js [--latency 50] [--burst 200] [--tap-concurrency 10] [--provider kaleyra]
//
// Writes test/bench/results-send-and-wait.json. Build first (npm run build).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { createSandbox } = require('../sandbox/server');
const { N8n, nodeOutput } = require('../e2e/lib/n8n');
const { CALLBACK_SECRETS, NODE_TYPES, credentialRef, sandboxCredentials } = require('../e2e/lib/fixtures');
const { importWorkflows, webhookNode } = require('../e2e/lib/workflows');
const { sandboxControl } = require('../e2e/lib/sandbox-control');

function argument(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? process.argv[at + 1] : fallback;
}
const LATENCY = Number(argument('latency', 50));
const BURST = Number(argument('burst', 200));
const TAP_CONCURRENCY = Number(argument('tap-concurrency', 10));
const PROVIDER = argument('provider', 'kaleyra');
const AUTH = `Bearer ${CALLBACK_SECRETS.token}`;
const recipientOf = (i) => `+4916${String(20_000_000 + i)}`;

function workflows() {
	const webhookId = crypto.randomUUID();
	const trigger = {
		id: 'waBspBenchSwTrg1',
		name: 'bench: send and wait trigger',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Taps',
				type: NODE_TYPES.trigger,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				// Every tap, resumed or ignored, is an execution of its own: the count of resumes comes from them.
				parameters: { provider: PROVIDER, events: ['message'], authentication: 'bearerToken', emitIgnoredTaps: true },
				credentials: credentialRef('bearer'),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const asker = {
		id: 'waBspBenchSwAsk1',
		name: 'bench: send and wait',
		nodes: [
			webhookNode('Ask request', 'bench/ask'),
			{
				id: crypto.randomUUID(),
				name: 'Ask',
				type: NODE_TYPES[PROVIDER],
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'message',
					operation: 'sendAndWait',
					to: '={{ $json.body.to }}',
					message: 'Approve?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double' } },
					options: { requestsPerSecond: 1000 },
				},
				credentials: credentialRef(PROVIDER),
			},
			{ id: crypto.randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 0], parameters: {} },
		],
		connections: {
			'Ask request': { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	return { trigger, asker, tapPath: `${webhookId}/callback` };
}

async function listExecutions(n8n, workflowId, status, { includeData = true } = {}) {
	const all = [];
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId, status, includeData: String(includeData), limit: '250' });
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.publicApi('GET', `/executions?${query}`);
		all.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

async function until(what, check, timeoutMs = 300_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

const ask = (n8n, to) =>
	fetch(n8n.webhookUrl('bench/ask'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) }).then((r) => r.arrayBuffer());

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
	const sandbox = await createSandbox({ port: 0 });
	const control = sandboxControl(sandbox.url);
	const n8n = await N8n.create({ version: 'v2', install: 'tarball', database: 'sqlite' });
	const results = { provider: PROVIDER, n8n: null, latency: null, burst: null, measuredAt: new Date().toISOString() };
	try {
		const { trigger, asker, tapPath } = workflows();
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		await importWorkflows(n8n, [trigger, asker]);
		await n8n.start();
		results.n8n = n8n.n8nVersion;
		await n8n.publish(trigger.id);
		await n8n.publish(asker.id);
		await n8n.waitForWebhook(tapPath);
		await n8n.waitForWebhook('bench/ask');
		const tapUrl = n8n.webhookUrl(tapPath);
		// As a provider does, a callback that got no 2xx (n8n too busy to read it) is posted again; counted.
		let reposted = 0;
		const unanswered = {};
		const tap = async (to, choice = 'Approve') => {
			for (let attempt = 0; attempt < 30; attempt++) {
				const { sent } = await control.tap({ provider: PROVIDER, url: tapUrl, headers: { authorization: AUTH }, to, choice });
				if (sent[0].status >= 200 && sent[0].status < 300) return;
				const why = sent[0].error ?? String(sent[0].status);
				unanswered[why] = (unanswered[why] ?? 0) + 1;
				reposted++;
				await sleep(2000);
			}
			throw new Error(`the tap of ${to} was never answered 2xx: ${JSON.stringify(unanswered)}`);
		};
		/** Runs `task` for each value, at most `limit` at once (a provider's callback sender is bounded too). */
		const pool = async (values, limit, task) => {
			const queue = [...values];
			await Promise.all(Array.from({ length: limit }, async () => {
				while (queue.length) await task(queue.shift());
			}));
		};

		// Latency: one question at a time.
		const latencies = [];
		for (let i = 0; i < LATENCY; i++) {
			const to = recipientOf(i);
			const light = { includeData: false };
			const seen = new Set((await listExecutions(n8n, asker.id, 'success', light)).map((e) => e.id));
			await ask(n8n, to);
			const waiting = await until('a waiting execution', async () => (await listExecutions(n8n, asker.id, 'waiting', light))[0]);
			const tappedAt = Date.now();
			await tap(to);
			const done = await until('the resumed execution', async () => (await listExecutions(n8n, asker.id, 'success', light)).find((e) => !seen.has(e.id)));
			if (done.id !== waiting.id) throw new Error(`execution ${done.id} ended, ${waiting.id} waited`);
			latencies.push(Date.parse(done.stoppedAt) - tappedAt);
		}
		const sorted = [...latencies].sort((a, b) => a - b);
		results.latency = { count: latencies.length, medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90), worstMs: sorted[sorted.length - 1] };
		console.log(`latency, tap → end of the execution (${LATENCY}): median ${results.latency.medianMs} ms, p90 ${results.latency.p90Ms} ms, worst ${results.latency.worstMs} ms`);

		// Burst: BURST executions waiting at once, all answered at once.
		const before = new Set((await listExecutions(n8n, asker.id, 'success')).map((e) => e.id));
		const triggerBefore = new Set((await listExecutions(n8n, trigger.id, 'success', { includeData: false })).map((e) => e.id));
		const recipients = Array.from({ length: BURST }, (_, i) => recipientOf(1000 + i));
		for (let i = 0; i < recipients.length; i += 20) await Promise.all(recipients.slice(i, i + 20).map((to) => ask(n8n, to)));
		await until(`${BURST} waiting executions`, async () => (await listExecutions(n8n, asker.id, 'waiting', { includeData: false })).length >= BURST);
		const started = Date.now();
		await pool(recipients, TAP_CONCURRENCY, (to) => tap(to));
		const posted = Date.now() - started;
		await until(`${BURST} resumed executions`, async () => {
			const fresh = (await listExecutions(n8n, asker.id, 'success', { includeData: false })).filter((e) => !before.has(e.id));
			return fresh.length >= BURST;
		});
		const ended = (await listExecutions(n8n, asker.id, 'success')).filter((e) => !before.has(e.id));
		const lastEnd = Math.max(...ended.map((e) => Date.parse(e.stoppedAt)));
		// Each execution ended once, with its own recipient's tap.
		const byRecipient = new Map();
		for (const execution of ended) {
			const runs = execution.data.resultData.runData.Done;
			const [out] = nodeOutput(execution, 'Done');
			if (runs.length !== 1) throw new Error(`execution ${execution.id} ran Done ${runs.length} times`);
			byRecipient.set(out.data.from, (byRecipient.get(out.data.from) ?? 0) + 1);
		}
		const allOnce = recipients.every((to) => byRecipient.get(to) === 1);
		// The same taps again: nothing resumes.
		await pool(recipients, TAP_CONCURRENCY, (to) => tap(to, 'Decline'));
		await until('every tap through the trigger', async () => (await listExecutions(n8n, trigger.id, 'success', { includeData: false })).length - triggerBefore.size >= 2 * BURST);
		// The burst's taps only (the public API lists the newest first), oldest first: the first round, then the second.
		const outcomes = (await listExecutions(n8n, trigger.id, 'success')).filter((e) => !triggerBefore.has(e.id)).sort((a, b) => Number(a.id) - Number(b.id));
		const taps = outcomes.flatMap((e) => nodeOutput(e, 'Taps'));
		const resumed = taps.filter((item) => item.sendAndWait?.resumed).length;
		const secondRoundResumed = taps.filter((item) => item.sendAndWait?.resumed && item.buttonReply?.title === 'Decline').length;
		// Why taps resumed nothing, by the trigger's reason (the second round's, and any of the first).
		const reasons = {};
		for (const item of taps) {
			if (item.sendAndWait?.resumed) continue;
			const reason = item.sendAndWait?.reason.replace(/"\d+"/g, '"<id>"') ?? 'no outcome';
			reasons[reason] = (reasons[reason] ?? 0) + 1;
		}
		const stillEnded = (await listExecutions(n8n, asker.id, 'success', { includeData: false })).filter((e) => !before.has(e.id)).length;
		results.burst = {
			waiting: BURST,
			tapsPostedInMs: posted,
			firstTapToLastEndMs: lastEnd - started,
			endedOnceWithOwnChoice: allOnce,
			reportedResumed: resumed,
			secondRoundReportedResumed: secondRoundResumed,
			executionsAfterSecondTaps: stillEnded,
			ignoredReasons: reasons,
			tapConcurrency: TAP_CONCURRENCY,
			callbacksPostedAgain: reposted,
			callbacksUnanswered: unanswered,
		};
		console.log(
			`burst: ${BURST} waiting; ${BURST} taps posted in ${posted} ms; last execution ended ${lastEnd - started} ms after the first tap; ` +
				`trigger reported ${resumed} of ${taps.length} taps as resuming (of the second round: ${secondRoundResumed}); each execution ended once with its own choice: ${allOnce}; ` +
				`callbacks posted again: ${reposted}; ignored: ${JSON.stringify(reasons)}`,
		);
	} finally {
		await n8n.dispose();
		await sandbox.close();
	}
	fs.writeFileSync(path.join(__dirname, 'results-send-and-wait.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

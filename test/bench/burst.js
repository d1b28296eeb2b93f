'use strict';
// CRM bursts: hundreds of small webhook-triggered executions sending through one account at once, inside the real
// n8n, against the sandbox enforcing the provider's limit. Each event is one execution: Webhook (answers at once,
// as a CRM's webhook expects) → our node's Send Text to that event's customer.
//
//   node test/bench/burst.js [--only insider,insider-alone,gupshup,insider-queue,n8n-alone] [--events 300] [--clients 30]
//
// Prints, per row: delivered, lost (no accepted message for an event), doubled (a message accepted twice), the
// share of requests answered 429, and the time from the first event posted to the last message accepted against the
// bound (events ÷ rate, or the posting time if longer). Before the burst, WARM_UP events run through the same
// workflow and are left out of the figures: long-running n8n processes (and queue-mode workers) have loaded the
// workflow's nodes before a CRM's burst comes, and a cold worker's first seconds would measure n8n's start, not
// the burst. Writes test/bench/results-burst.json and, after a run of
// every row with the default counts, its table in BENCHMARKS.md.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { N8n, REPO } = require('../e2e/lib/n8n');
const { sandboxCall } = require('../e2e/lib/sandbox-control');
const { NODE_TYPES, credentialRef, sandboxCredentials } = require('../e2e/lib/fixtures');
const { importWorkflows, webhookNode } = require('../e2e/lib/workflows');
const { startSandboxProcess } = require('./lib/sandbox-process');

const RATE = 10;
const ROWS = {
	insider: { provider: 'insider', label: 'Insider Send Text, one n8n process', queue: false },
	// As before requests were shared: Batch Size 1 keeps every message in a request of its own.
	'insider-alone': { provider: 'insider', label: 'Insider Send Text, one n8n process, Batch Size 1 (no shared requests)', queue: false, options: { batchSize: 1 } },
	gupshup: { provider: 'gupshup', label: 'Gupshup Send Text, one n8n process', queue: false },
	'insider-queue': { provider: 'insider', label: 'Insider Send Text, queue mode: two workers on PostgreSQL', queue: true },
	// What n8n itself manages here without our node: the pace its executions can go at on this machine.
	'n8n-alone': { provider: null, label: 'n8n alone: Webhook → No Operation, one n8n process', queue: false },
};

function argument(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? process.argv[at + 1] : fallback;
}

const EVENTS = Number(argument('events', 300));
const CLIENTS = Number(argument('clients', 30));
const WARM_UP = 20;
const ONLY = argument('only', Object.keys(ROWS).join(',')).split(',');

/** Recipient of event i: E.164, unique per event, so the sandbox can tell a lost or doubled message. */
const recipientOf = (i) => `+4916${String(10_000_000 + i)}`;

function burstWorkflow(provider, webhookPath, options = {}) {
	return {
		id: `waBspBurst${(provider ?? 'n8n')[0].toUpperCase()}${crypto.randomBytes(4).toString('hex')}`.slice(0, 16),
		name: `bench: CRM burst through ${provider ?? 'no provider'}`,
		active: false,
		nodes: [
			webhookNode('CRM event', webhookPath),
			provider
				? {
						id: crypto.randomUUID(),
						name: 'Send',
						type: NODE_TYPES[provider],
						typeVersion: 1,
						position: [260, 0],
						parameters: { resource: 'message', operation: 'sendText', to: '={{ $json.body.phone }}', text: '={{ $json.body.text }}', options },
						credentials: credentialRef(provider),
					}
				: { id: crypto.randomUUID(), name: 'Send', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
		],
		connections: { 'CRM event': { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
		settings: { saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
	};
}

/** Posts events `first` to `first + count - 1` to the webhook from `CLIENTS` concurrent clients; resolves with when each was answered. */
async function postEvents(webhookUrl, first, count) {
	let next = first;
	const answers = [];
	const client = async () => {
		while (next < first + count) {
			const i = next++;
			const res = await fetch(webhookUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ phone: recipientOf(i), text: `Flash sale order ${i} confirmed` }),
			});
			await res.arrayBuffer();
			answers.push({ i, status: res.status, at: Date.now() });
		}
	};
	await Promise.all(Array.from({ length: CLIENTS }, client));
	return answers;
}

async function runRow(key, row) {
	const sandbox = await startSandboxProcess();
	const rateLimit = row.provider === 'insider' ? { insider: { conversational: RATE } } : row.provider ? { [row.provider]: RATE } : {};
	await sandboxCall(sandbox.url, 'PUT', '/config', { rateLimit, latencyMs: 50 });
	const n8n = await N8n.create({ version: 'v2', install: 'link', packageDir: REPO, database: row.queue ? 'postgres' : 'sqlite' });
	try {
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		const webhookPath = `burst-${key}-${crypto.randomUUID().slice(0, 8)}`;
		const workflow = burstWorkflow(row.provider, webhookPath, row.options);
		await importWorkflows(n8n, [workflow]);
		await n8n.publish(workflow.id);
		if (row.queue) await n8n.startQueue({ workers: 2, concurrency: 50 });
		else await n8n.start();
		await n8n.waitForWebhook(webhookPath, { timeoutMs: 60_000 });
		await postEvents(n8n.webhookUrl(webhookPath), EVENTS, WARM_UP);
		await n8n.waitForExecutions(workflow.id, { count: WARM_UP, timeoutMs: 5 * 60_000 });
		await sandboxCall(sandbox.url, 'POST', '/reset');
		await sandboxCall(sandbox.url, 'PUT', '/config', { rateLimit, latencyMs: 50 });

		const startedAt = Date.now();
		const answers = await postEvents(n8n.webhookUrl(webhookPath), 0, EVENTS);
		const postedMs = Math.max(...answers.map((a) => a.at)) - startedAt;
		const refused = answers.filter((a) => a.status !== 200).length;

		// Done when every execution has ended (each event is one); the sandbox then has all it will ever get.
		const executions = await n8n.waitForExecutions(workflow.id, { count: WARM_UP + EVENTS - refused, timeoutMs: 15 * 60_000 });
		const failed = executions.filter((e) => e.status !== 'success');
		const burst = executions.filter((e) => Date.parse(e.startedAt) >= startedAt);
		const lastExecutionEndMs = Math.max(...burst.map((e) => Date.parse(e.stoppedAt))) - startedAt;
		const boundMs = Math.max((EVENTS / RATE) * 1000, postedMs);
		const common = {
			row: key,
			label: row.label,
			events: EVENTS,
			clients: CLIENTS,
			rate: RATE,
			refusedByN8n: refused,
			postedSeconds: postedMs / 1000,
			lastExecutionEndSeconds: lastExecutionEndMs / 1000,
			executionsFailed: failed.length,
			firstFailure: failed[0]?.data?.resultData?.error?.message ?? null,
			boundSeconds: boundMs / 1000,
		};
		if (!row.provider) return common;
		const stats = (await sandboxCall(sandbox.url, 'GET', '/stats'))[row.provider];
		const requests = await sandboxCall(sandbox.url, 'GET', `/requests?provider=${row.provider}`);
		const accepted = requests.filter((r) => r.status >= 200 && r.status < 300);
		const lastDeliveryMs = Math.max(...accepted.map((r) => Date.parse(r.receivedAt))) - startedAt;
		const throttled = stats.statusCodes['429'] ?? 0;
		// Per second from the first event: messages accepted and requests answered 429, to see where time goes.
		const perSecond = [];
		for (const r of requests) {
			const second = Math.floor((Date.parse(r.receivedAt) - startedAt) / 1000);
			perSecond[second] ??= { accepted: 0, throttled: 0 };
			if (r.status === 429) perSecond[second].throttled++;
			else if (r.status >= 200 && r.status < 300) perSecond[second].accepted += r.body?.messages?.length ?? 1;
		}
		return {
			...common,
			delivered: stats.uniqueMessages,
			lost: EVENTS - stats.uniqueMessages,
			doubled: stats.duplicateMessages,
			requests: stats.requests,
			throttled,
			throttledShare: stats.requests ? throttled / stats.requests : 0,
			lastDeliverySeconds: lastDeliveryMs / 1000,
			timesBound: lastDeliveryMs / boundMs,
			perSecond: Array.from(perSecond, (s) => s ?? { accepted: 0, throttled: 0 }),
		};
	} finally {
		await n8n.dispose({ failed: false });
		await sandbox.close();
	}
}

/** The table of a run, as Markdown. */
function table(results) {
	const pct = (x) => `${(x * 100).toFixed(1)}%`;
	return [
		`${EVENTS} events (after ${WARM_UP} that warm n8n up) from ${CLIENTS} concurrent clients, provider limit ${RATE} requests/s, 50 ms latency, ${new Date().toISOString()}`,
		'',
		'| Row | Delivered | Lost | Doubled | Requests | 429s | Posting | Last delivery | × bound | Last execution ends |',
		'|---|---|---|---|---|---|---|---|---|---|',
		...results.map((r) =>
			r.delivered === undefined
				? `| ${r.label} | – | – | – | – | – | ${r.postedSeconds.toFixed(1)} s | – | – | ${r.lastExecutionEndSeconds.toFixed(1)} s |`
				: `| ${r.label} | ${r.delivered} | ${r.lost} | ${r.doubled} | ${r.requests} | ${r.throttled} (${pct(r.throttledShare)}) | ` +
					`${r.postedSeconds.toFixed(1)} s | ${r.lastDeliverySeconds.toFixed(1)} s | ${r.timesBound.toFixed(2)} | ${r.lastExecutionEndSeconds.toFixed(1)} s |`,
		),
		...results.filter((x) => x.firstFailure).map((r) => `\n${r.row}: ${r.executionsFailed} executions failed, first: ${r.firstFailure}`),
	].join('\n');
}

// The measured table in BENCHMARKS.md, between these markers (written only after a run of every row).
const START = '<!-- burst.js: start -->';
const END = '<!-- burst.js: end -->';

function writeSection(text) {
	const file = path.join(REPO, 'BENCHMARKS.md');
	const old = fs.readFileSync(file, 'utf8');
	const from = old.indexOf(START);
	const to = old.indexOf(END);
	if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${START} … ${END} section`);
	fs.writeFileSync(file, `${old.slice(0, from + START.length)}\n${text}\n${old.slice(to)}`);
}

async function main() {
	const results = [];
	for (const key of ONLY) {
		if (!ROWS[key]) throw new Error(`unknown row ${key}: one of ${Object.keys(ROWS).join(', ')}`);
		console.log(`▸ ${ROWS[key].label}…`);
		results.push(await runRow(key, ROWS[key]));
	}
	const text = table(results);
	console.log(`\nCRM burst: ${text}`);
	fs.writeFileSync(path.join(__dirname, 'results-burst.json'), `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
	if (ONLY.length === Object.keys(ROWS).length && EVENTS === 300) writeSection(text);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

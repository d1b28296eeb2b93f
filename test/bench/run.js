#!/usr/bin/env node
'use strict';
// The campaign-scale benchmark (`npm run bench`): each row is one `n8n execute`, inside the real n8n of the
// end-to-end tier, of Manual Trigger → Code (N messages) → the sending node, against the provider sandbox with
// injected latency and a rate limit the sandbox enforces (and, in the fault rows, 10% of requests failing with
// 429 or 503). Our nodes run against n8n's HTTP Request node set up as a careful user would. Prints a markdown
// table and writes it, with the machine it ran on, to BENCHMARKS.md.
//
//   node test/bench/run.js [--quick] [--only=ROW,...] [--merge] [--http-insider=500] [--wait-idle=SECONDS]
//                          [--package-dir=DIR] [--node-options=JSON] [--no-write] [--json=FILE] [--render=FILE]
//
// --quick          small counts, for trying the runner out (does not write BENCHMARKS.md)
// --only           rows whose id contains one of the given words, e.g. --only=kaleyra, --only=insider-clean-template
//                  (the Send Template campaign) or --only=insider-clean-node (the text campaign and its legacy row);
//                  --list prints the row ids. Without --merge, --only writes nothing.
// --merge          with --only: put the rows just run (and the micro-benchmark) into test/bench/results.json in
//                  place of the same rows of the last run, and write BENCHMARKS.md from that (it says which rows
//                  were run when)
// --cpu-only       run only the micro-benchmark (test/bench/node-cpu.js); with --merge, put its table into
//                  test/bench/results.json and BENCHMARKS.md in place of the last one
// --http-insider   messages for the HTTP Request rows on Insider (10,000 take over 1,000 s; default 500, projected)
// --wait-idle      wait up to SECONDS, before each row, while other n8n processes run on this machine
// --package-dir    bench another build of the package (default: this repository, after npm run build); writes
//                  nothing unless with --merge. A file .bench-source in it says what it is a build of.
// --node-options   JSON merged into our nodes' Options, e.g. '{"batchSize":1000}' (experiments; writes nothing)
// --json=FILE      also write the results as JSON;  --render=FILE  write BENCHMARKS.md from such a JSON, no run
//
// For finding where time goes: BENCH_CPU_PROF=<dir> (a V8 profile of every n8n run), BENCH_DUMP_REQUESTS=<dir>
// (arrival time of every request, per row), BENCH_LAG_LOG=<file> (stalls of the sandbox's event loop).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { N8n, REPO } = require('../e2e/lib/n8n');
const { sandboxCall } = require('../e2e/lib/sandbox-control');
const { sandboxCredentials } = require('../e2e/lib/fixtures');
const { executeWatched } = require('./lib/n8n-run');
const { startSandboxProcess } = require('./lib/sandbox-process');
const { cpuBetween, otherN8nProcesses } = require('./lib/procs');
const { splitProfile } = require('./lib/profile');
const { MEASURED, BENCH_TEMPLATE, workflow, ourNode, ourTemplateNode, ourFormTemplateNode, httpRequestNode, headerCredentials } = require('./lib/workflows');
const { renderReport, renderTable, renderTargets, renderProfiles } = require('./lib/report');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readOptions() {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			only: { type: 'string' },
			list: { type: 'boolean', default: false },
			'cpu-only': { type: 'boolean', default: false },
			merge: { type: 'boolean', default: false },
			'http-insider': { type: 'string' },
			'wait-idle': { type: 'string', default: '0' },
			'package-dir': { type: 'string' },
			'node-options': { type: 'string' },
			'no-write': { type: 'boolean', default: false },
			write: { type: 'boolean', default: false },
			json: { type: 'string' },
			render: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		const lines = fs.readFileSync(__filename, 'utf8').split('\n').slice(8);
		console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
		process.exit(0);
	}
	const quick = values.quick;
	return {
		quick,
		only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
		list: values.list,
		cpuOnly: values['cpu-only'],
		merge: values.merge,
		counts: {
			insider: quick ? 1_000 : 10_000,
			httpInsider: Number(values['http-insider'] ?? (quick ? 50 : 500)),
			perMessage: quick ? 200 : 1_000,
			streak: quick ? 100 : 300,
		},
		waitIdleMs: Number(values['wait-idle']) * 1000,
		packageDir: values['package-dir'] ? path.resolve(values['package-dir']) : REPO,
		nodeOptions: values['node-options'] ? JSON.parse(values['node-options']) : undefined,
		write:
			values.write ||
			(!quick && ((!values.only && !values['cpu-only']) || values.merge) && !values['no-write'] && (!values['package-dir'] || values.merge) && !values['node-options']),
		json: values.json,
		render: values.render,
	};
}

// The set-ups. Insider's limit is its documented 10 requests/s on the conversational endpoint. Kaleyra and
// Gupshup publish no figure we can rely on; the sandbox enforces 50/s so that a row of 1,000 messages takes
// about 20 s, long enough that start-up effects and the 100 ms latency are small against it, short enough to run
// every row a few times. Our nodes there: Requests per Second = the limit, Concurrency 10 (the latency alone
// would then allow 100 requests/s, twice the limit, so the limit is the bound).
const LIMIT_PER_MESSAGE = 50;
const OUR_PER_MESSAGE_OPTIONS = { requestsPerSecond: LIMIT_PER_MESSAGE, concurrency: 10 };
const INSIDER_LIMIT = 10;
// Insider's documented limit on the transactional endpoint (POST /v1/send), where Send Template goes by default.
const INSIDER_TRANSACTIONAL_LIMIT = 1000;
const FAULTS = { rate: 0.1, kinds: ['429', '503'], seed: 20_261_121 };
// Our Insider node sends 10,000 messages in about ten requests, where a seeded 10% often means none: on Insider
// every tenth request fails instead (429, then 503), for both senders.
const INSIDER_FAULTS = { every: 10, kinds: ['429', '503'] };
// A careful user keeps 10% under the limit: one request every 1.1/limit seconds (n8n's batching sleeps between
// batches; the requests of one batch leave together).
const careful = (limit) => ({ batchSize: 1, batchInterval: Math.ceil((1000 / limit) * 1.1) });

/** Our nodes' defaults, read from the build that is benched, so that the table says what ran. */
function nodeDefaults(packageDir) {
	const dist = path.join(packageDir, 'dist/nodes');
	const { insider } = require(path.join(dist, 'providers/insider/adapter.js'));
	const { gupshup } = require(path.join(dist, 'providers/gupshup/adapter.js'));
	const { DEFAULT_SETTINGS } = require(path.join(dist, 'shared/options.js'));
	return {
		insiderBatchSize: insider.defaultBatchSize,
		insiderRequestsPerSecond: insider.defaultRequestsPerSecond('conversational'),
		insiderTransactionalRequestsPerSecond: insider.defaultRequestsPerSecond('transactional'),
		// Gupshup's partner API limit, for messages.
		gupshupRequestsPerSecond: gupshup.defaultRequestsPerSecond('message'),
		...DEFAULT_SETTINGS,
	};
}

function scenarios({ counts, defaults }) {
	const list = [];
	for (const faulty of [false, true]) {
		const tag = faulty ? 'faults' : 'clean';
		const sandbox = (provider, latencyMs, limit) => ({
			latencyMs,
			rateLimit: provider === 'insider' ? { insider: { conversational: limit } } : { [provider]: limit },
			faults: faulty ? (provider === 'insider' ? INSIDER_FAULTS : FAULTS) : null,
		});
		const httpVariants = faulty
			? [
					{ id: 'http-retry', label: 'HTTP Request, Retry On Fail (3 tries, 1 s apart)', onFailure: 'retry' },
					{ id: 'http-continue', label: 'HTTP Request, On Error: Continue', onFailure: 'continue' },
				]
			: [{ id: 'http', label: 'HTTP Request (default: stop on error)', onFailure: 'stop' }];

		const insider = {
			provider: 'insider',
			latencyMs: 50,
			limit: INSIDER_LIMIT,
			sandbox: sandbox('insider', 50, INSIDER_LIMIT),
			faulty,
		};
		list.push({
			...insider,
			id: `insider-${tag}-node`,
			subject: 'node',
			label:
				`Insider WhatsApp node (defaults: Batch Size ${defaults.insiderBatchSize}, Requests per Second 0 = ` +
				`${defaults.insiderRequestsPerSecond}/s, Concurrency ${defaults.concurrency}, Max Retries ${defaults.maxRetries})`,
			count: counts.insider,
			messagesPerRequest: defaults.insiderBatchSize,
			concurrency: defaults.concurrency,
			sendNode: ourNode('insider', {}),
		});
		if (!faulty) {
			// Diagnostic, not a target: the same run with n8n's older expression engine, which resolves the
			// items' {{ $json.to }} and {{ $json.text }} in-process instead of in an isolate. It shows how much of
			// the time above is n8n resolving parameters before the first request can leave.
			list.push({
				...list[list.length - 1],
				id: `insider-${tag}-node-legacy`,
				subject: 'node-legacy',
				label: 'Insider WhatsApp node, defaults; n8n with N8N_EXPRESSION_ENGINE=legacy (diagnostic)',
				env: { N8N_EXPRESSION_ENGINE: 'legacy' },
			});
		}
		for (const v of httpVariants) {
			const batching = careful(INSIDER_LIMIT);
			list.push({
				...insider,
				id: `insider-${tag}-${v.id}`,
				subject: v.id,
				label: `${v.label}; batching ${batching.batchSize} item / ${batching.batchInterval} ms`,
				count: counts.httpInsider,
				projectTo: counts.insider,
				messagesPerRequest: 1,
				concurrency: Infinity,
				sendNodeFor: (url) => httpRequestNode('insider', url, { ...batching, onFailure: v.onFailure }),
			});
		}
		if (!faulty) {
			// The template campaign: Send Template with its defaults, so on the transactional endpoint, where the
			// sandbox enforces Insider's documented 1000 requests/s (and 10/s on conversational, where nothing should
			// go). Every item has its own recipient and its own values of the template's three body variables; the
			// node reads the provider's template list once (GET /api/v1/templates) and checks every item against the
			// template's definition before it sends anything.
			list.push({
				provider: 'insider',
				latencyMs: 50,
				limit: INSIDER_TRANSACTIONAL_LIMIT,
				route: 'transactional',
				operation: 'sendTemplate',
				sandbox: {
					latencyMs: 50,
					rateLimit: { insider: { conversational: INSIDER_LIMIT, transactional: INSIDER_TRANSACTIONAL_LIMIT } },
					faults: null,
				},
				faulty,
				id: `insider-${tag}-template`,
				subject: 'node',
				label:
					`Insider WhatsApp node, Send Template (${BENCH_TEMPLATE.name} ${BENCH_TEMPLATE.language}, ${BENCH_TEMPLATE.bodyFields.length} body variables ` +
					`per item; defaults: Endpoint Transactional, Batch Size ${defaults.insiderBatchSize}, Requests per Second 0 = ` +
					`${defaults.insiderTransactionalRequestsPerSecond}/s, Concurrency ${defaults.concurrency}, Max Retries ${defaults.maxRetries})`,
				count: counts.insider,
				messagesPerRequest: defaults.insiderBatchSize,
				concurrency: defaults.concurrency,
				listReads: 1,
				itemKind: 'template',
				sendNode: ourTemplateNode('insider', {}),
			});
			// The campaign as a form (node 1.1, templateFields): the template's fields mapped automatically from
			// columns named after them, recipient {{ $json.phone }}; at 10,000 and 100,000 recipients. Beside them the
			// same form with an expression per field (Map Each Field), as the positional row above has.
			const templateRow = list[list.length - 1];
			for (const [id, count, mappingMode, form] of [
				['insider-clean-mapped-10k', counts.insider, 'autoMapInputData', 'fields mapped automatically'],
				['insider-clean-mapped-100k', counts.insider * 10, 'autoMapInputData', 'fields mapped automatically'],
				['insider-clean-fields-expressions', counts.insider, 'defineBelow', 'an expression per field'],
			]) {
				list.push({
					...templateRow,
					id,
					label: `Insider WhatsApp node 1.1, Send Template with the template's fields (${BENCH_TEMPLATE.name} ${BENCH_TEMPLATE.language}, ${form}; to = {{ $json.phone }}; defaults as above)`,
					form,
					count,
					itemKind: 'mapped',
					sendNode: ourFormTemplateNode('insider', mappingMode, {}),
				});
			}
		}
		if (faulty) {
			// A streak (issue 21): 300 messages at Gupshup's documented 10 requests/s with the node's defaults, after 12
			// × 503 and then 12 × 429 with Retry-After: 1. The bound counts the 324 requests the streak makes needed;
			// before the pacer remembered 429s in time rather than in answers, the rate stayed near 1/s for 40 s after it.
			const streak = [...new Array(12).fill('503'), ...new Array(12).fill('429-retry-after')];
			list.push({
				provider: 'gupshup',
				latencyMs: 100,
				limit: defaults.gupshupRequestsPerSecond,
				sandbox: {
					latencyMs: 100,
					rateLimit: { gupshup: defaults.gupshupRequestsPerSecond },
					faults: { provider: 'gupshup', count: streak.length, kinds: streak, retryAfterSeconds: 1 },
				},
				faulty,
				id: 'gupshup-streak-node',
				subject: 'node',
				label: `Gupshup WhatsApp node (defaults: Requests per Second 0 = ${defaults.gupshupRequestsPerSecond}/s, Concurrency ${defaults.concurrency}) after 12 × 503, then 12 × 429 with Retry-After: 1`,
				count: counts.streak,
				messagesPerRequest: 1,
				extraRequests: streak.length,
				faults: '12 × 503, then 12 × 429 with Retry-After: 1',
				// Issue 21's target for this run.
				boundFactor: 1.3,
				concurrency: defaults.concurrency,
				sendNode: ourNode('gupshup', {}),
			});
		}
		for (const provider of ['kaleyra', 'gupshup']) {
			const base = { provider, latencyMs: 100, limit: LIMIT_PER_MESSAGE, sandbox: sandbox(provider, 100, LIMIT_PER_MESSAGE), faulty };
			const name = provider === 'kaleyra' ? 'Kaleyra' : 'Gupshup';
			list.push({
				...base,
				id: `${provider}-${tag}-node`,
				subject: 'node',
				label: `${name} WhatsApp node (Requests per Second ${OUR_PER_MESSAGE_OPTIONS.requestsPerSecond}, Concurrency ${OUR_PER_MESSAGE_OPTIONS.concurrency})`,
				count: counts.perMessage,
				messagesPerRequest: 1,
				concurrency: OUR_PER_MESSAGE_OPTIONS.concurrency,
				sendNode: ourNode(provider, OUR_PER_MESSAGE_OPTIONS),
			});
			for (const v of httpVariants) {
				const batching = careful(LIMIT_PER_MESSAGE);
				list.push({
					...base,
					id: `${provider}-${tag}-${v.id}`,
					subject: v.id,
					label: `${v.label}; batching ${batching.batchSize} item / ${batching.batchInterval} ms`,
					count: counts.perMessage,
					messagesPerRequest: 1,
					concurrency: Infinity,
					sendNodeFor: (url) => httpRequestNode(provider, url, { ...batching, onFailure: v.onFailure }),
				});
			}
		}
	}
	return list;
}

/**
 * The least time the sandbox allows: its rate limit over the requests needed, or latency over concurrency; plus one
 * round trip for each template-list read, which comes before any send.
 */
function boundSeconds(row) {
	const requests = Math.ceil(row.count / row.messagesPerRequest) + (row.extraRequests ?? 0);
	const byLimit = requests / row.limit;
	const byLatency = Number.isFinite(row.concurrency) ? (requests * row.latencyMs) / 1000 / row.concurrency : 0;
	return Math.max(byLimit, byLatency) + ((row.listReads ?? 0) * row.latencyMs) / 1000;
}

async function waitUntilAlone(budget) {
	let others = otherN8nProcesses();
	if (others.length > 0 && budget.remainingMs > 0) {
		console.error(`[bench] ${others.length} other n8n process(es) running; waiting up to ${Math.round(budget.remainingMs / 1000)} s`);
		while (others.length > 0 && budget.remainingMs > 0) {
			const step = Math.min(30_000, budget.remainingMs);
			await sleep(step);
			budget.remainingMs -= step;
			others = otherN8nProcesses();
		}
	}
	if (others.length > 0) {
		console.error(`[bench] other n8n processes: ${others.map((p) => `${p.pid} ${p.command.replace(/^.*\/(n8n|task-runner)\//, '$1 ').slice(0, 60)}`).join('; ')}`);
	}
	return others.length;
}

/** What the measured node put out: counts of accepted items and error items, and the node's own error. */
function readOutput(run) {
	const runs = run.data?.resultData?.runData?.[MEASURED] ?? [];
	const last = runs[runs.length - 1];
	const items = (last?.data?.main ?? []).flat().filter(Boolean);
	let ok = 0;
	let errors = 0;
	for (const item of items) {
		// An error item carries `error` (our nodes, and On Error: Continue); Kaleyra's own success answer has an
		// empty `error: {}`.
		const error = item.json?.error;
		const isError = error !== undefined && error !== null && !(typeof error === 'object' && Object.keys(error).length === 0);
		if (isError) errors++;
		else ok++;
	}
	return {
		taskStartedAt: runs[0]?.startTime,
		executionTimeMs: runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0),
		outputItems: items.length,
		okItems: ok,
		errorItems: errors,
		nodeError: last?.error?.message,
		status: run.status ?? (run.data?.resultData?.error ? 'error' : 'success'),
	};
}

async function runRow(row, { n8n, sandboxUrl, budget }) {
	const othersAtStart = await waitUntilAlone(budget);
	const loadAtStart = os.loadavg()[0];
	const measuredAt = new Date().toISOString();
	console.error(`[bench] ${row.id}: running (load ${loadAtStart.toFixed(2)}, other n8n processes ${othersAtStart}) at ${measuredAt}`);
	await sandboxCall(sandboxUrl, 'PUT', '/config', row.sandbox);
	await sandboxCall(sandboxUrl, 'DELETE', '/requests');
	const expectedS = boundSeconds(row) * (row.subject === 'http-retry' ? 3 : 1);
	const { run, elapsedMs, watch } = await executeWatched(n8n, row.workflowId, {
		timeoutMs: Math.max(600_000, expectedS * 4_000),
		env: row.env ?? {},
	});
	const stats = (await sandboxCall(sandboxUrl, 'GET', '/stats'))[row.provider];
	const records = await sandboxCall(sandboxUrl, 'GET', `/requests?provider=${row.provider}`);
	// Sends are POSTs; the template-list reads of Send Template's check are GETs (Insider: GET /api/v1/templates).
	const sends = records.filter((r) => r.method !== 'GET');
	const listReads = records.filter((r) => r.method === 'GET');
	const routes = {};
	for (const r of sends) {
		const p = r.path.split('?')[0];
		routes[p] = (routes[p] ?? 0) + 1;
	}
	const output = readOutput(run);
	if (process.env.BENCH_DUMP_REQUESTS) {
		// For finding where time goes: what arrived when (first recipient of each request), one file per row.
		const key = (b) => b?.messages?.[0]?.phoneNumber ?? b?.messaging_object?.to ?? b?.to;
		const lines = records.map((r) => JSON.stringify({ key: key(r.body), receivedAt: Date.parse(r.receivedAt), status: r.status, fault: r.fault }));
		fs.writeFileSync(path.join(process.env.BENCH_DUMP_REQUESTS, `${row.id}.jsonl`), `${lines.join('\n')}\n`);
	}
	const wallS = output.executionTimeMs / 1000;
	const cpuS = output.taskStartedAt ? cpuBetween(watch.cpuSamples, output.taskStartedAt, output.taskStartedAt + output.executionTimeMs) : NaN;
	const runner = watch.peaks.filter((p) => p.command.includes('task-runner')).reduce((max, p) => Math.max(max, p.hwmKiB), 0);
	const byStatus = stats.statusCodes;
	const limit429 = records.filter((r) => r.status === 429 && !r.fault).length;
	const injected = records.filter((r) => r.fault).length;
	// How close together the sends arrived: the shortest span of `limit + 1` consecutive arrivals (the sandbox
	// answers 429 when that span, measured on arrival, is under a second).
	const arrivals = sends.map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
	const listArrivals = listReads.map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
	let tightestSpanMs = Infinity;
	for (let i = 0; i + row.limit < arrivals.length; i++) tightestSpanMs = Math.min(tightestSpanMs, arrivals[i + row.limit] - arrivals[i]);
	const result = {
		id: row.id,
		provider: row.provider,
		subject: row.subject,
		label: row.label,
		faulty: row.faulty,
		operation: row.operation ?? 'sendText',
		form: row.form,
		route: row.provider === 'insider' ? (row.route ?? 'conversational') : undefined,
		measuredAt,
		messages: row.count,
		latencyMs: row.latencyMs,
		limit: row.limit,
		requests: stats.requests,
		sendRequests: sends.length,
		listReads: listReads.length,
		listStatuses: listReads.map((r) => r.status),
		routes,
		wallS,
		executeS: elapsedMs / 1000,
		messagesPerS: row.count / wallS,
		boundS: boundSeconds(row),
		faults: row.faults,
		boundFactor: row.boundFactor,
		projectedS: row.projectTo && row.projectTo !== row.count ? (wallS * row.projectTo) / row.count : undefined,
		projectTo: row.projectTo,
		status429: byStatus['429'] ?? 0,
		limit429,
		injected,
		tightestSpanMs,
		// Time the node spent before its first request arrived (reading and checking every item's parameters),
		// and from the first request's arrival to the last one's.
		firstRequestS: arrivals.length && output.taskStartedAt ? (arrivals[0] - output.taskStartedAt) / 1000 : NaN,
		// When the (first) template-list read arrived, counted the same way.
		listAtS: listArrivals.length && output.taskStartedAt ? (listArrivals[0] - output.taskStartedAt) / 1000 : undefined,
		sendingS: arrivals.length ? (arrivals[arrivals.length - 1] - arrivals[0]) / 1000 : NaN,
		status503: byStatus['503'] ?? 0,
		dropped: stats.dropped,
		accepted: stats.acceptedMessages,
		unique: stats.uniqueMessages,
		lost: row.count - stats.uniqueMessages,
		doubled: stats.duplicateMessages,
		// Accepted, then turned down by the sandbox's check against its template catalogue (Meta's 132000, 132012,
		// … in a `failed` callback): a template send that does not fit the approved template.
		failedMessages: stats.failedMessages,
		peakRssMiB: watch.rootPeakKiB / 1024,
		runnerPeakRssMiB: runner / 1024,
		cpuUsPerMessage: (cpuS * 1e6) / row.count,
		output,
		loadAtStart,
		loadAtEnd: os.loadavg()[0],
		othersAtStart,
		othersAtEnd: otherN8nProcesses().length,
	};
	return result;
}

/**
 * `attempt()` again when n8n printed no execution: n8n's output (several MB for 10,000 items) now and then ends early
 * on this machine, the workflow itself having run. Every attempt starts from a cleared sandbox; the result says how
 * many were needed.
 */
async function withRetry(label, attempt, tries = 2) {
	for (let n = 1; ; n++) {
		try {
			const result = await attempt();
			return n > 1 ? { ...result, attempts: n } : result;
		} catch (error) {
			if (n >= tries || !error.retryable) throw error;
			console.error(`[bench] ${label}: attempt ${n} failed, trying again: ${String(error.message).split('\n')[0].slice(0, 300)}`);
		}
	}
}

/**
 * Runs `row` once more under V8's CPU profiler (not timed: the profiler slows n8n down) and splits the CPU of the
 * n8n process into our package's own code and the n8n code it calls.
 */
async function profileRow(row, { n8n, sandboxUrl, packageDir }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-bench-prof-'));
	try {
		await sandboxCall(sandboxUrl, 'PUT', '/config', row.sandbox);
		await sandboxCall(sandboxUrl, 'DELETE', '/requests');
		const { run } = await executeWatched(n8n, row.workflowId, { timeoutMs: 600_000, profileDir: dir });
		const output = readOutput(run);
		if (output.okItems !== row.count) {
			throw new Error(`${row.id} under the profiler: ${output.okItems} of ${row.count} ok${output.nodeError ? `, node error: ${output.nodeError}` : ''}`);
		}
		const [file] = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
		if (!file) throw new Error(`no CPU profile for ${row.id}`);
		if (process.env.BENCH_CPU_PROF) fs.copyFileSync(path.join(dir, file), path.join(process.env.BENCH_CPU_PROF, `${row.id}.cpuprofile`));
		const dist = [path.join(fs.realpathSync(packageDir), 'dist'), '/n8n-nodes-whatsapp-bsp/dist/'];
		const split = splitProfile(path.join(dir, file), (url) => dist.some((d) => url.includes(d)));
		const perMessage = (ms) => (ms * 1000) / row.count;
		return {
			id: row.id,
			provider: row.provider,
			messages: row.count,
			ownUsPerMessage: perMessage(split.ownMs),
			parameterUsPerMessage: perMessage(split.parameterMs),
			requestUsPerMessage: perMessage(split.requestMs),
			underOursUsPerMessage: perMessage(split.underOursMs),
			totalCpuMs: split.totalMs,
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function nodeCpuTable(packageDir) {
	const script = path.join(__dirname, 'node-cpu.js');
	const out = execFileSync(process.execPath, [script, '100000', packageDir], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
	const rows = out
		.split('\n')
		.filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| node'))
		.map((l) => l.split('|').map((c) => c.trim()))
		.map((c) => ({ label: c[1], items: Number(c[2]), cpuMs: Number(c[3]), perItemUs: Number(c[4]), wallMs: Number(c[5]), rounds: c[6] }));
	return { text: out.trim(), rows };
}

const RESULTS = path.join(__dirname, 'results.json');

// BENCHMARKS.md from here on is written by the other benchmark scripts (burst.js, media.js): kept as it is.
const OTHER_BENCHMARKS = '<!-- other benchmarks: kept by run.js -->';

function writeBenchmarks(text) {
	const file = path.join(REPO, 'BENCHMARKS.md');
	const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const at = old.indexOf(OTHER_BENCHMARKS);
	fs.writeFileSync(file, at >= 0 ? `${text.trimEnd()}\n\n${old.slice(at)}` : text);
}

/**
 * The last full run (`base`, from test/bench/results.json) with the rows of `fresh` (a run with --only) in place of
 * its rows of the same id, in the order of `order` (the scenario ids); the micro-benchmark's table is fresh's. Which
 * rows were re-run, when and on what load is kept in `reruns`, for BENCHMARKS.md to say.
 */
function mergeReport(base, fresh, order) {
	const ids = new Set(fresh.results.map((r) => r.id));
	const rank = (r) => (order.includes(r.id) ? order.indexOf(r.id) : order.length);
	const byOrder = (a, b) => rank(a) - rank(b);
	const { machine } = fresh;
	return {
		...base,
		defaults: fresh.defaults,
		results: [...base.results.filter((r) => !ids.has(r.id)), ...fresh.results].sort(byOrder),
		profiles: [...(base.profiles ?? []).filter((p) => !ids.has(p.id)), ...fresh.profiles].sort(byOrder),
		cpu: fresh.cpu,
		reruns: [
			...(base.reruns ?? []).map((rerun) => ({ ...rerun, rows: rerun.rows.filter((id) => !ids.has(id)), cpu: false })),
			{ ...machine, rows: fresh.results.map((r) => r.id), cpu: true },
		].filter((rerun) => rerun.rows.length > 0 || rerun.cpu),
	};
}

/** What was benched: this repository's commit (and whether its tree had changes), or another build's own note. */
function packageSource(packageDir) {
	const note = path.join(packageDir, '.bench-source');
	if (fs.existsSync(note)) return fs.readFileSync(note, 'utf8').trim();
	try {
		const commit = execFileSync('git', ['-C', packageDir, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
		return `this repository at ${commit}`;
	} catch {
		return packageDir;
	}
}

/** --cpu-only: the micro-benchmark alone (after waiting while other n8n processes run), merged with --merge. */
async function cpuOnly(options, defaults) {
	const budget = { remainingMs: options.waitIdleMs };
	const othersAtStart = await waitUntilAlone(budget);
	const loadAtStart = os.loadavg()[0];
	console.error('[bench] node CPU micro-benchmark (test/bench/node-cpu.js) …');
	const cpu = { ...nodeCpuTable(options.packageDir), loadAtStart, othersAtStart, othersAtEnd: otherN8nProcesses().length };
	console.log(cpu.text);
	if (!options.merge) return;
	const machine = { ...machineInfo(), package: packageSource(options.packageDir), loadAtEnd: os.loadavg(), waitedForOthersS: (options.waitIdleMs - budget.remainingMs) / 1000 };
	const report = mergeReport(JSON.parse(fs.readFileSync(RESULTS, 'utf8')), { machine, defaults, results: [], cpu, profiles: [] }, []);
	if (options.write) {
		writeBenchmarks(renderReport(report));
		fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
		console.error('[bench] wrote BENCHMARKS.md and test/bench/results.json');
	}
}

function machineInfo(n8n) {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		cores: cpus.length,
		cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
		memoryGiB: os.totalmem() / 2 ** 30,
		kernel: `${os.type()} ${os.release()}`,
		benchNode: process.version,
		n8nNode: n8n ? execFileSync(n8n.install.node, ['--version'], { encoding: 'utf8' }).trim() : undefined,
		n8nVersion: n8n?.n8nVersion,
		loadAtStart: os.loadavg(),
	};
}

async function main() {
	const options = readOptions();
	if (options.render) {
		// Writes BENCHMARKS.md again from the JSON of a run (--json), e.g. after a change to its wording.
		const report = JSON.parse(fs.readFileSync(options.render, 'utf8'));
		writeBenchmarks(renderReport(report));
		console.log(renderTable(report.results));
		return;
	}
	const defaults = nodeDefaults(options.packageDir);
	const allRows = scenarios({ ...options, defaults });
	if (options.list) {
		for (const row of allRows) console.log(`${row.id}\t${row.label}`);
		return;
	}
	if (options.cpuOnly) return cpuOnly(options, defaults);
	let rows = allRows;
	if (options.only) rows = rows.filter((r) => options.only.some((word) => r.id.includes(word)));
	if (rows.length === 0) throw new Error(`no row matches --only=${options.only}`);
	if (options.merge && !options.only) throw new Error('--merge goes with --only (a full run replaces every row anyway)');
	if (options.merge && options.quick) throw new Error('--merge does not take --quick (its counts are not the table\'s)');

	const sandbox = await startSandboxProcess();
	const n8n = await N8n.create({ version: 'v2', packageDir: options.packageDir });
	const budget = { remainingMs: options.waitIdleMs };
	try {
		const machine = { ...machineInfo(n8n), package: packageSource(options.packageDir) };
		console.error(`[bench] n8n ${n8n.n8nVersion}, ${machine.cores} cores, load ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
		await n8n.importCredentials([...sandboxCredentials(sandbox.url), ...headerCredentials()]);
		for (const row of rows) {
			if (options.nodeOptions && row.subject === 'node') {
				row.sendNode.parameters.options = { ...row.sendNode.parameters.options, ...options.nodeOptions };
				row.label += ` + ${JSON.stringify(options.nodeOptions)}`;
				if (options.nodeOptions.batchSize && row.provider === 'insider') row.messagesPerRequest = options.nodeOptions.batchSize;
			}
			row.workflowId = await n8n.importWorkflow(
				workflow(`bench: ${row.id}`, row.count, row.sendNode ?? row.sendNodeFor(sandbox.url), row.itemKind ?? 'text'),
			);
		}

		const results = [];
		for (const row of rows) {
			console.error(`[bench] ${row.id}: ${row.count} messages …`);
			const result = await withRetry(row.id, () => runRow(row, { n8n, sandboxUrl: sandbox.url, budget }));
			results.push(result);
			// So that a later failure does not lose the rows already measured.
			if (options.json) fs.writeFileSync(`${options.json}.partial`, JSON.stringify({ machine, results }, null, 2));
			console.error(
				`[bench] ${row.id}: ${result.wallS.toFixed(1)} s (1st request at ${result.firstRequestS.toFixed(1)} s), ${result.sendRequests} requests ` +
					`${JSON.stringify(result.routes)}, ${result.listReads} list reads${result.listAtS !== undefined ? ` (1st at ${result.listAtS.toFixed(2)} s: ${result.listStatuses.join(' ')})` : ''}, ` +
					`${result.failedMessages} failed at the sandbox's template check, ` +
					`429 ${result.limit429}+${result.injected ? result.status429 - result.limit429 : 0}, lost ${result.lost}, doubled ${result.doubled}, ` +
					`${result.output.okItems}/${result.output.outputItems} ok items${result.output.nodeError ? `, node error: ${result.output.nodeError}` : ''} ` +
					`(load ${result.loadAtStart.toFixed(2)}, other n8n ${result.othersAtStart}; tightest ${row.limit + 1} arrivals ${result.tightestSpanMs} ms)`,
			);
		}
		const profiles = [];
		for (const row of rows.filter((r) => r.subject === 'node' && !r.faulty && r.provider !== 'gupshup')) {
			console.error(`[bench] ${row.id}: once more under the V8 profiler …`);
			profiles.push(await withRetry(`${row.id} (profiled)`, () => profileRow(row, { n8n, sandboxUrl: sandbox.url, packageDir: options.packageDir })));
		}
		const cpuOthers = await waitUntilAlone(budget);
		const cpuLoad = os.loadavg()[0];
		console.error('[bench] node CPU micro-benchmark (test/bench/node-cpu.js) …');
		const cpu = { ...nodeCpuTable(options.packageDir), loadAtStart: cpuLoad, othersAtStart: cpuOthers, othersAtEnd: otherN8nProcesses().length };
		machine.loadAtEnd = os.loadavg();
		machine.waitedForOthersS = (options.waitIdleMs - budget.remainingMs) / 1000;

		let report = { machine, defaults, options: { ...options, packageDir: path.relative(REPO, options.packageDir) || '.' }, results, cpu, profiles };
		// Kept first, so that a run is never lost to a fault in rendering it.
		if (options.json) fs.writeFileSync(options.json, JSON.stringify(report, null, 2));
		if (options.merge) report = mergeReport(JSON.parse(fs.readFileSync(RESULTS, 'utf8')), report, allRows.map((r) => r.id));
		console.log(renderTable(report.results));
		console.log();
		console.log(renderTargets(report));
		console.log();
		console.log(renderProfiles(report.profiles));
		console.log();
		console.log(cpu.text);
		if (options.write) {
			writeBenchmarks(renderReport(report));
			fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
			console.error('[bench] wrote BENCHMARKS.md and test/bench/results.json');
		}
	} finally {
		await n8n.dispose();
		await sandbox.close();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { mergeReport, scenarios, boundSeconds };

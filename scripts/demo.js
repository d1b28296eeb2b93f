#!/usr/bin/env node
'use strict';
// npm run demo: a local n8n with this package, a provider sandbox and the example workflows, no provider account.
//
//   npm run demo [-- --reset]
//
// On a fresh clone it installs what it needs (npm ci when node_modules is missing, the pinned n8n and the Node 24 it
// runs on, cached outside the repo), builds the package, then starts on 127.0.0.1:
//   - the provider sandbox (port 4010 if free), which answers like Insider One, Kaleyra and Gupshup and posts
//     sent → delivered → read statuses for every message it accepts;
//   - a status router, which hands each status to the delivery-status logger's trigger of its provider;
//   - n8n (port 5678 if free) with the package loaded as a community package, the sandbox credentials and the
//     examples of examples/ imported, the trigger examples published, and an owner to log in with.
// Then it sends a few messages through the examples, so that statuses arrive at once, and prints what happens.
// Data and logs stay in .demo/ (kept across runs; --reset starts over). Ctrl-C stops everything it started.
//
// WA_BSP_N8N=v1 runs the 1.x n8n instead of 2.x.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { N8n, OWNER, freePort, nodeOutput, releaseSignals } = require('../test/e2e/lib/n8n');
const { createSandbox } = require('../test/sandbox/server');
const { CALLBACK_SECRETS } = require('../test/e2e/lib/fixtures');
const {
	EXAMPLES,
	SAMPLE_CRM_EVENT,
	SAMPLE_CUSTOMER,
	SAMPLE_REFUND,
	NODES,
	autoCallbacksVia,
	cartBurst,
	cartReminderRequests,
	createStatusRouter,
	examplePaths,
	importExamples,
	loadExample,
	loggerTargetOf,
	postCartBurst,
	postCrmEvent,
	postToBot,
	postToAiBot,
	publishExamples,
	runRefundApproval,
} = require('../test/e2e/lib/examples');

const REPO = path.resolve(__dirname, '..');
const DEMO_DIR = path.join(REPO, '.demo');
const PID_FILE = path.join(DEMO_DIR, 'demo.pid');
const IMPORTED_MARKER = path.join(DEMO_DIR, 'examples-imported.json');
const VERSION = process.env.WA_BSP_N8N || 'v2';
const N8N_PORT = 5678;
const SANDBOX_PORT = 4010;
const STATUS_INTERVAL_MS = 1000;
const BURST = 30; // events the demo posts at once to the CRM burst example

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const say = (line = '') => console.log(line);
const step = (line) => say(bold(`\n▸ ${line}`));
const since = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// ---- what is running, so that Ctrl-C can stop it ----

const running = { child: null, sandbox: null, router: null, n8n: null, feed: null, pidFile: false };
let stopping = false;

async function stopAll(reason, code) {
	if (stopping) {
		// A second Ctrl-C: no more waiting. The harness's exit handler kills what is left of n8n.
		say('\nStopping at once.');
		process.exit(130);
	}
	stopping = true;
	say(`\n${reason}: stopping everything the demo started…`);
	if (running.feed) clearInterval(running.feed);
	if (running.child) running.child.kill('SIGTERM');
	// The sandbox first: no status callback may reach an n8n that is shutting down.
	if (running.sandbox) await running.sandbox.close();
	if (running.router) await running.router.close();
	if (running.sandbox || running.router) say('  sandbox and status router stopped');
	if (running.n8n) {
		await running.n8n.stop().catch((e) => say(`  n8n: ${e.message}`));
		say('  n8n stopped');
	}
	if (running.pidFile) fs.rmSync(PID_FILE, { force: true });
	say(`Done. Your workflows and executions stay in ${path.relative(process.cwd(), DEMO_DIR) || DEMO_DIR}/ for the next npm run demo.`);
	process.exit(code);
}

releaseSignals();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(signal === 'SIGINT' ? 'Ctrl-C' : signal, 0));

// ---- set-up steps ----

/** Runs a command with the terminal as its output; rejects unless it exits 0. */
function run(command, args, { env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
		running.child = child;
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			running.child = null;
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function pickPort(preferred) {
	return (await portIsFree(preferred)) ? preferred : await freePort();
}

/** One demo per .demo/ folder: two n8n processes on one SQLite file would trip over each other. */
function checkNoOtherDemo() {
	try {
		const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
		if (pid && pid !== process.pid) {
			process.kill(pid, 0);
			throw new Error(`another demo (pid ${pid}) is running on ${DEMO_DIR}: stop it first (Ctrl-C in its terminal)`);
		}
	} catch (error) {
		if (error.code !== 'ENOENT' && error.code !== 'ESRCH') throw error;
	}
}

function claimDemoFolder() {
	fs.mkdirSync(DEMO_DIR, { recursive: true });
	fs.writeFileSync(PID_FILE, String(process.pid));
	running.pidFile = true;
}

function usage() {
	say('usage: npm run demo [-- --reset]');
	say('  --reset   delete .demo/ (workflows, executions, credentials, owner) and start over');
	say('  WA_BSP_N8N=v1 npm run demo   runs n8n 1.x instead of 2.x');
}

// ---- the live feed: what the sandbox accepted, and each status the logger got ----

function recipientsOf(record) {
	const body = record.body ?? {};
	if (record.provider === 'insider') return (body.messages ?? []).map((m) => m.phoneNumber);
	if (record.provider === 'kaleyra') return [body.messaging_object?.to ?? body.to];
	return [body.to];
}

function startFeed(sandbox) {
	let last = 0;
	return setInterval(() => {
		for (const record of sandbox.state.recorder.list({ since: last })) {
			last = record.seq;
			if (record.status === null) {
				// still being answered: look again next time
				last = record.seq - 1;
				break;
			}
			const ok = record.status >= 200 && record.status < 300;
			const to = recipientsOf(record).filter(Boolean);
			say(
				`  ${ok ? '→ message' : '✗ refused'} ${record.provider ?? '?'}  ${record.method} ${record.path.split('?')[0]} → ${record.status}` +
					(ok && to.length ? ` accepted, to ${to.join(', ')}` : ''),
			);
		}
	}, 500);
}

function printStatus({ provider, body, status }) {
	const ok = status >= 200 && status < 300;
	const parsed = describeStatus(provider, body);
	say(`  ${ok ? '← status ' : '✗ status '} ${provider ?? '?'}  ${parsed}  → logger ${ok ? 'ok' : `answered ${status}`}`);
}

function describeStatus(provider, body) {
	try {
		if (provider === 'insider') return `${body.status} ${body.phoneNumber} (${body.key})`;
		const statuses = provider === 'kaleyra' ? body.meta_object.value.statuses : body.entry[0].changes[0].value.statuses;
		return statuses.map((s) => `${s.status} +${s.recipient_id}`).join(', ');
	} catch {
		return '';
	}
}

// ---- main ----

async function main() {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) return usage();
	if (args.some((a) => a !== '--reset')) {
		usage();
		process.exit(2);
	}
	const t0 = Date.now();
	say(bold('n8n-nodes-whatsapp-bsp demo'));
	checkNoOtherDemo();
	if (args.includes('--reset')) {
		say(`--reset: deleting ${DEMO_DIR}`);
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
	}
	claimDemoFolder();

	if (!fs.existsSync(path.join(REPO, 'node_modules'))) {
		step('npm ci (node_modules is missing)');
		await run('npm', ['ci', '--no-audit', '--no-fund']);
	}
	step('npm run build');
	await run('npm', ['run', 'build', '--silent']);
	step(`n8n ${VERSION} (installed once into a cache outside the repo: about 5 minutes the first time)`);
	await run('bash', [path.join(REPO, 'scripts/n8n-install.sh'), VERSION]);

	step('Starting the provider sandbox and n8n');
	const port = await pickPort(N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	// The router first: the sandbox posts every status to it from the start (even after a sandbox reset).
	running.router = await createStatusRouter({ targetOf: loggerTargetOf(baseUrl), onForward: printStatus });
	running.sandbox = await createSandbox({
		port: await pickPort(SANDBOX_PORT),
		autoCallbacks: autoCallbacksVia(running.router.url, { intervalMs: STATUS_INTERVAL_MS }),
		// WhatsApp's 24-hour window, as in production: a free-form message to someone who has not written fails.
		serviceWindow: true,
	});
	const sandbox = running.sandbox;
	say(`  sandbox on ${sandbox.url}`);

	const n8n = await N8n.create({ version: VERSION, install: 'link', userFolder: DEMO_DIR, port });
	running.n8n = n8n;
	// Every run: the sandbox may be on another port than last time. Each example only once (a later version of the
	// demo may bring new ones), so that changes made to them in the editor stay.
	const imported = fs.existsSync(IMPORTED_MARKER) ? JSON.parse(fs.readFileSync(IMPORTED_MARKER, 'utf8')) : [];
	const missing = Object.keys(EXAMPLES).filter((key) => !imported.includes(EXAMPLES[key].id));
	let t = Date.now();
	await importExamples(n8n, sandbox.url, { workflows: missing });
	fs.writeFileSync(IMPORTED_MARKER, JSON.stringify(Object.values(EXAMPLES).map((e) => e.id)));
	const examples = missing.length > 0 ? ` and ${missing.length} example workflow(s)` : ' (examples: imported on an earlier run)';
	say(`  imported the sandbox credentials${examples} (${since(t)})`);
	t = Date.now();
	say(`  starting n8n ${n8n.n8nVersion} on ${baseUrl} (logs: ${path.relative(REPO, DEMO_DIR)}/n8n-main.log)…`);
	await n8n.start();
	for (const child of n8n.procs.filter((c) => c.kind === 'n8n')) {
		child.exited.then(({ code, signal }) => {
			if (!stopping) {
				say(`\nn8n exited unexpectedly (${signal ?? `exit ${code}`}); the end of ${DEMO_DIR}/n8n-main.log:\n${n8n.logTail(30)}`);
				stopAll('n8n stopped', 1);
			}
		});
	}
	say(`  n8n is ready (${since(t)})`);
	let owner = true;
	try {
		await n8n.ownerLogin();
		await publishExamples(n8n);
		say('  published the CRM webhook, CRM burst, bot, status logger and refund approval workflows');
	} catch (error) {
		owner = false;
		say(`  ! could not log in as ${OWNER.email} or publish the examples (${error.message.split('\n')[0]}).`);
		say('    If you changed the owner, publish the example workflows yourself, or run npm run demo -- --reset.');
	}

	const paths = examplePaths();
	const crmCurl = `curl -X POST ${n8n.webhookUrl(paths.crm)} -H 'content-type: application/json' -d '${JSON.stringify(SAMPLE_CRM_EVENT)}'`;
	const burstCurl = `curl -X POST ${n8n.webhookUrl(paths.burst)} -H 'content-type: application/json' -d '${JSON.stringify(cartBurst(1)[0])}'`;
	const botCurl =
		`curl -X POST ${sandbox.url}/__sandbox/callbacks -H 'content-type: application/json' -d '` +
		JSON.stringify({
			provider: 'gupshup',
			url: n8n.webhookUrl(paths.bot),
			headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
			events: [{ kind: 'message', from: SAMPLE_CUSTOMER, text: 'Hi' }],
		}) +
		"'";
	const templateCurl =
		`curl -X POST ${sandbox.url}/__sandbox/callbacks -H 'content-type: application/json' -d '` +
		JSON.stringify({
			provider: 'gupshup',
			url: n8n.webhookUrl(paths.logger.gupshup),
			headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
			events: [{ kind: 'template', status: 'paused', name: 'flash_deal' }],
		}) +
		"'";
	say('');
	say(bold(`The demo is running (ready in ${since(t0)}).`));
	say('');
	say(`  Editor    ${bold(`${baseUrl}/`)}`);
	say(`  Login     ${bold(OWNER.email)}  password ${bold(OWNER.password)}${owner ? '' : dim('  (if unchanged)')}`);
	say(`  Sandbox   ${sandbox.url}   what it received: ${sandbox.url}/__sandbox/requests   counts: ${sandbox.url}/__sandbox/stats`);
	say(`  Data      ${DEMO_DIR}  (kept; npm run demo -- --reset starts over)`);
	say('');
	say('  Example workflows (Overview in the editor; credentials "… (sandbox)" point at the sandbox):');
	say(`  - ${loadExample('campaign').name}: open it and click "Execute workflow". Its send node shows the`);
	say("      template's own fields, mapped from the list's columns; Options → Dry Run checks the list, sending nothing.");
	say(`  - ${loadExample('crm').name}:`);
	say(`      ${dim(crmCurl)}`);
	say(`  - ${loadExample('burst').name}: the demo posts ${BURST} events at once; one more:`);
	say(`      ${dim(burstCurl)}`);
	say(`  - ${loadExample('bot').name}: a customer writing "Hi" (the sandbox posts it as Gupshup would):`);
	say(`      ${dim(botCurl)}`);
	say(`  - ${loadExample('logger').name}: each status of each message is one execution (its Executions tab);`);
	say('      a template paused by WhatsApp (as Gupshup reports it) goes to "Template changed" with the reason:');
	say(`      ${dim(templateCurl)}`);
	say(`  - ${loadExample('ai').name}: marks the customer's message read, then an AI Agent answers through the`);
	say('      Kaleyra node as a tool, quoting the message. Its model here is a stand-in in the sandbox (Ollama\'s API, no AI):');
	say('      point the "Chat model stand-in (sandbox)" credential at your Ollama, or swap the Chat model node for your own.');
	say(`  - ${loadExample('refund').name}: asks the manager with two buttons and waits; the demo's simulated manager taps.`);
	say(`      ${dim(`curl -X POST ${n8n.webhookUrl(paths.refund)} -H 'content-type: application/json' -d '${JSON.stringify(SAMPLE_REFUND)}'`)}`);
	say(`      ${dim('then the tap (the sandbox posts Kaleyra\'s button-reply callback to the trigger):')}`);
	say(
		`      ${dim(
			`curl -X POST ${sandbox.url}/__sandbox/taps -H 'content-type: application/json' -d '` +
				JSON.stringify({
					provider: 'kaleyra',
					url: n8n.webhookUrl(paths.refundTaps),
					headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
					to: SAMPLE_REFUND.managerPhone,
					choice: 'Approve refund',
				}) +
				"'",
		)}`,
	);
	say('');
	say("  The sandbox keeps WhatsApp's 24-hour window: switch the campaign's node to Send Text and execute it, and");
	say('  the logger records each message as failed with error 131047 and what to do; Send Template goes through.');
	say('  Approved templates of the sandbox: order_update, spring_sale, welcome_back, appointment_named, payment_due,');
	say('  holiday_carousel (a carousel), weekend_offer (a limited-time offer), login_code (authentication), store_visit.');
	say('');
	say('  Ctrl-C stops everything the demo started.');
	say('');

	running.feed = startFeed(sandbox);
	if (!owner) return;
	say(bold('Sending a few messages through the examples; their statuses follow:'));
	try {
		const crm = await postCrmEvent(n8n);
		say(`  CRM event "order ${SAMPLE_CRM_EVENT.orderId} shipped" → CRM workflow answered ${crm.status}: message ${crm.json?.messageId ?? JSON.stringify(crm.json)}`);
		say(`  ${await sendCartBurst(n8n, sandbox.url)}`);
		if (stopping) return;
		say(`  ${SAMPLE_CUSTOMER} writes "Hi" to the bot → answered ${await postToBot(n8n, sandbox.url, { text: 'Hi' })}`);
		await sleep(4000);
		if (stopping) return;
		say(`  ${SAMPLE_CUSTOMER} taps "Track my order" → answered ${await postToBot(n8n, sandbox.url, { id: 'track', title: 'Track my order' })}`);
		await sleep(2000);
		if (stopping) return;
		say(
			`  ${SAMPLE_CUSTOMER} taps "Send my invoice" → answered ${await postToBot(n8n, sandbox.url, { id: 'invoice', title: 'Send my invoice' })}` +
				' (the bot makes a PDF, uploads it to Gupshup once and sends it as a document)',
		);
		await sleep(2000);
		if (stopping) return;
		const question = { text: 'Where is my order?', messageId: `wamid.demo-${Date.now()}` };
		say(`  ${SAMPLE_CUSTOMER} asks the AI support bot "${question.text}" → answered ${await postToAiBot(n8n, sandbox.url, question)} (marked read, then a quoted reply)`);
		say(`  ${await showRefundApproval(n8n, sandbox.url)}`);
	} catch (error) {
		if (!stopping) say(`  ! ${error.message}`);
	}
}

/** The refund example end to end: asked, waiting, tapped by the simulated manager, resumed; says what it ended with. */
async function showRefundApproval(n8n, sandboxUrl) {
	const { id } = EXAMPLES.refund;
	const before = new Set((await n8n.executions(id)).map((e) => e.id));
	const started = Date.now();
	say(`  Refund request ${SAMPLE_REFUND.orderId} (€${SAMPLE_REFUND.amount}) → "${NODES.refundAsk}" sends the question with two buttons and waits;`);
	say(`    the manager (${SAMPLE_REFUND.managerPhone}) taps "Approve refund" 3 s later…`);
	const { tapped } = await runRefundApproval(n8n, sandboxUrl);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline && !stopping) {
		const done = (await n8n.executions(id)).find((e) => !before.has(e.id) && e.status === 'success');
		if (done) {
			const [result] = nodeOutput(done, done.data.resultData.lastNodeExecuted);
			return `Refund approval: the same execution (#${done.id}) went on after the tap on "${tapped.title}" and ended with ${JSON.stringify(result)} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
		}
		await sleep(500);
	}
	return 'Refund approval: the execution did not end within a minute (see its Executions tab)';
}

/** Posts the burst example's events at once; says how many requests carried their messages, once all are in. */
async function sendCartBurst(n8n, sandboxUrl) {
	const events = cartBurst(BURST);
	const statuses = await postCartBurst(n8n, events);
	const deadline = Date.now() + 60_000;
	let requests = [];
	while (Date.now() < deadline && !stopping) {
		requests = await cartReminderRequests(sandboxUrl);
		if (requests.reduce((sum, r) => sum + r.body.messages.length, 0) >= events.length) break;
		await sleep(500);
	}
	const messages = requests.reduce((sum, r) => sum + r.body.messages.length, 0);
	return (
		`CRM burst: ${events.length} "cart abandoned" events at once (n8n answered ${statuses.filter((s) => s === 200).length} with 200) → ` +
		`${messages} Insider messages in ${requests.length} requests (messages that queue for the account's rate share a request)`
	);
}

main().catch((error) => {
	if (stopping) return;
	console.error(`\ndemo: ${error.message}`);
	stopAll('error', 1);
});

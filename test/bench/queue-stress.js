'use strict';
// Does n8n's queue mode leave a webhook execution unended, and is it ours? One queue-mode n8n (PostgreSQL, Redis,
// one worker) runs side by side, under the same load, the WhatsApp BSP Trigger (Kaleyra, Basic Auth, the sandbox
// posting its callbacks) and a plain Webhook → No Operation workflow that n8n alone runs, round after round; a CPU
// hog per core loads the machine meanwhile. It prints, per workflow, how many executions each round started and how
// many ended, and for an execution that never ended what n8n's logs say of it.
//
//   node test/bench/queue-stress.js [--version v2|v1] [--rounds 20] [--per-round 6] [--hogs 2] [--wait-ms 90000] [--pool N]
//
// Build first (npm run build); bash scripts/n8n-install.sh <version> and scripts/system-deps.sh --postgresql.

const { fork } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { createSandbox } = require('../sandbox/server');
const { N8n } = require('../e2e/lib/n8n');
const { CALLBACK_SECRETS, sandboxCredentials } = require('../e2e/lib/fixtures');
const { importWorkflows, loadWorkflow, webhookNode } = require('../e2e/lib/workflows');
const { sandboxControl } = require('../e2e/lib/sandbox-control');

function option(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const VERSION = option('version', 'v2');
const ROUNDS = Number(option('rounds', 20));
const PER_ROUND = Number(option('per-round', 6));
const HOGS = Number(option('hogs', 2));
const WAIT_MS = Number(option('wait-ms', 90_000));
// n8n's PostgreSQL pool (its default is 2), to try whether a larger one changes anything.
const POOL = option('pool', undefined);

const PEER = '+919876543210';
const BASIC = `Basic ${Buffer.from(`${CALLBACK_SECRETS.user}:${CALLBACK_SECRETS.password}`).toString('base64')}`;

/** A child process that keeps one core busy until it is killed. */
function hog() {
	return fork(__filename, ['--hog'], { stdio: 'ignore' });
}

function plainWorkflow() {
	const hook = webhookNode('Plain Webhook', 'wa-bsp-queue-stress-plain');
	return {
		id: 'waBspQueueStressPlain',
		name: 'queue stress: Webhook → No Operation (n8n alone)',
		nodes: [hook, { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} }],
		connections: { 'Plain Webhook': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The executions of `workflowId` in n8n's database, whatever their state (n8n's API lists only those that ended). */
async function executionRows(n8n, workflowId) {
	const out = await n8n.postgres.query(
		`select id, status, ("stoppedAt" is not null) from execution_entity where "workflowId" = '${workflowId}' order by id`,
	);
	return out === '' ? [] : out.split('\n').map((line) => {
		const [id, status, stopped] = line.split('|');
		return { id, status, stoppedAt: stopped === 't' };
	});
}

/** Waits until `count` executions of `workflowId` beyond `before` have ended, or `WAIT_MS` passed; returns the new ones. */
async function settle(n8n, workflowId, before, count) {
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		const fresh = (await executionRows(n8n, workflowId)).filter((e) => !before.has(e.id));
		const ended = fresh.filter((e) => e.stoppedAt);
		if (ended.length >= count || Date.now() > deadline) return { fresh, ended };
		await sleep(500);
	}
}

/** What the main process's and the worker's logs say of an execution. */
function logLines(n8n, executionId) {
	const said = [];
	for (const file of fs.readdirSync(n8n.userFolder).filter((f) => f.endsWith('.log'))) {
		for (const line of fs.readFileSync(path.join(n8n.userFolder, file), 'utf8').split('\n')) {
			if (new RegExp(`execution ${executionId}\\b|executionId":"?${executionId}\\b`).test(line)) said.push(`${file}: ${line.slice(0, 240)}`);
		}
	}
	return said;
}

async function main() {
	const hogs = Array.from({ length: HOGS }, hog);
	const sandbox = await createSandbox();
	const control = sandboxControl(sandbox.url);
	const n8n = await N8n.create({ version: VERSION, database: 'postgres', env: POOL ? { DB_POSTGRESDB_POOL_SIZE: POOL } : {} });
	const totals = { trigger: { started: 0, ended: 0, posted: 0 }, plain: { started: 0, ended: 0, posted: 0 } };
	const stuck = [];
	try {
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		const trigger = loadWorkflow('trigger-kaleyra-basic');
		const plain = plainWorkflow();
		await importWorkflows(n8n, [trigger, plain]);
		await n8n.publish(trigger.id);
		await n8n.publish(plain.id);
		await n8n.startQueue();
		// The trigger's production URL: n8n names it by the node's webhook id.
		const triggerPath = `${trigger.nodes[0].webhookId}/callback`;
		const triggerUrl = n8n.webhookUrl(triggerPath);
		await n8n.waitForWebhook(triggerPath, { timeoutMs: 120_000 });
		await n8n.waitForWebhook('wa-bsp-queue-stress-plain', { timeoutMs: 120_000 });
		for (let round = 1; round <= ROUNDS; round++) {
			const before = {
				trigger: new Set((await executionRows(n8n, trigger.id)).map((e) => e.id)),
				plain: new Set((await executionRows(n8n, plain.id)).map((e) => e.id)),
			};
			// The mix of the trigger's e2e test: statuses, a failure, a text and a button tap, one callback each.
			const id = `stress-${round}-${crypto.randomUUID()}`;
			const mix = [
				{ kind: 'status', status: 'sent', messageId: id, recipient: PEER },
				{ kind: 'status', status: 'delivered', messageId: id, recipient: PEER },
				{ kind: 'status', status: 'read', messageId: id, recipient: PEER },
				{ kind: 'status', status: 'failed', messageId: id, recipient: PEER, error: { code: 131026, message: 'Message undeliverable' } },
				{ kind: 'message', from: PEER, text: 'Hello', messageId: `wamid.in-${id}` },
				{ kind: 'button_reply', from: PEER, id: 'opt-yes', title: 'Yes please', contextMessageId: id, messageId: `wamid.tap-${id}` },
			];
			const events = Array.from({ length: PER_ROUND }, (_, i) => mix[i % mix.length]);
			const [posted, plainStatuses] = await Promise.all([
				control.callbacks({ provider: 'kaleyra', url: triggerUrl, headers: { authorization: BASIC }, events }),
				Promise.all(
					events.map(async (event, i) => {
						const res = await fetch(n8n.webhookUrl('wa-bsp-queue-stress-plain'), {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ round, i, event }),
						});
						await res.text();
						return res.status;
					}),
				),
			]);
			const [t, p] = await Promise.all([settle(n8n, trigger.id, before.trigger, PER_ROUND), settle(n8n, plain.id, before.plain, PER_ROUND)]);
			totals.trigger.posted += posted.sent.length;
			totals.plain.posted += PER_ROUND;
			totals.trigger.started += t.fresh.length;
			totals.trigger.ended += t.ended.length;
			totals.plain.started += p.fresh.length;
			totals.plain.ended += p.ended.length;
			for (const [name, outcome] of [['trigger', t], ['plain', p]]) {
				for (const e of outcome.fresh.filter((x) => !x.stoppedAt)) stuck.push({ round, workflow: name, id: e.id, status: e.status, log: logLines(n8n, e.id) });
			}
			const answered = (statuses) => statuses.map(String).join(',');
			console.log(
				`round ${round}: trigger ${t.ended.length}/${t.fresh.length} ended of ${posted.sent.length} callbacks (answered ${answered(posted.sent.map((x) => x.status))}); ` +
					`plain webhook ${p.ended.length}/${p.fresh.length} ended of ${PER_ROUND} posts (answered ${answered(plainStatuses)})`,
			);
		}
	} finally {
		// SIGKILL: a hog's event loop never runs, so it would never handle SIGTERM.
		for (const h of hogs) h.kill('SIGKILL');
		// An unended execution's logs and database are kept for a look.
		n8n.keep = stuck.length > 0;
		await n8n.dispose();
		await sandbox.close();
	}
	console.log(`\nn8n ${VERSION}, queue mode on PostgreSQL (pool ${POOL ?? 'n8n\'s default'}), one worker, ${HOGS} CPU hogs, ${ROUNDS} rounds of ${PER_ROUND}:`);
	for (const [name, total] of Object.entries(totals)) {
		console.log(`  ${name === 'trigger' ? 'WhatsApp BSP Trigger' : 'Webhook → No Operation'}: ${total.posted} posted, ${total.started} executions, ${total.ended} ended`);
	}
	for (const s of stuck) console.log(`  unended: round ${s.round}, ${s.workflow}, execution ${s.id} (${s.status})\n    ${s.log.join('\n    ') || '(no log line names it)'}`);
	if (stuck.length > 0) console.log(`  user folder kept: ${n8n.userFolder}`);
}

if (process.argv.includes('--hog')) {
	for (;;) Math.sqrt(Math.random());
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

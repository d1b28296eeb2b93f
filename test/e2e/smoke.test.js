'use strict';
// Proves the harness (test/e2e/lib/n8n.js) against n8n's own nodes, so that it
// is known to work before our package's nodes exist.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const { N8n, nodeOutput, retryIfLostByN8n } = require('./lib/n8n');
const { webhookNode } = require('./lib/workflows');

const VERSION = process.env.WA_BSP_N8N || 'v2';

/** A loopback HTTP server that records what it gets and answers JSON. */
async function recorder(t) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: true, received: JSON.parse(body || 'null') }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.after(() => new Promise((resolve) => server.close(resolve)));
	return { url: `http://127.0.0.1:${server.address().port}`, requests };
}

function webhookWorkflow(webhookPath) {
	return {
		name: 'smoke: webhook',
		nodes: [
			webhookNode('Webhook', webhookPath),
		],
		connections: {},
		settings: {},
	};
}

/**
 * A one-node community package under our package's name, written to a temp
 * folder: it proves both ways of loading a package without our build.
 */
function stubPackage(t) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-stub-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-whatsapp-bsp',
			version: '0.0.0-smoke',
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/SmokeStub.node.js'], credentials: [] },
			// A tarball install must not fetch this (n8n drops peer dependencies).
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	fs.writeFileSync(
		path.join(dir, 'dist', 'SmokeStub.node.js'),
		`class SmokeStub {
	constructor() {
		this.description = {
			displayName: 'Smoke Stub', name: 'smokeStub', group: ['transform'], version: 1,
			description: 'Marks items', defaults: { name: 'Smoke Stub' },
			inputs: ['main'], outputs: ['main'], properties: [],
		};
	}
	async execute() {
		return [this.getInputData().map((item, i) => ({ json: { stub: true, index: i }, pairedItem: { item: i } }))];
	}
}
module.exports = { SmokeStub };
`,
	);
	return dir;
}

// Hang protection only (2 cores shared with other n8n instances), never an assertion.
const WAIT = { timeoutMs: 180_000 };

async function postAndCheckRecorded(n8n, workflowId, webhookPath) {
	await n8n.waitForWebhook(webhookPath, WAIT);
	const before = await n8n.executionIds(workflowId);
	const payload = { event: 'smoke', n: 1 };
	const res = await fetch(n8n.webhookUrl(webhookPath), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
	});
	assert.equal(res.status, 200, await res.text());
	const [execution] = await n8n.waitForExecutions(workflowId, { count: 1, after: before, idleMeansLost: true, ...WAIT });
	assert.equal(execution.status, 'success');
	assert.equal(execution.mode, 'webhook');
	const [item] = nodeOutput(execution, 'Webhook');
	assert.deepEqual(item.body, payload);
	return execution;
}

test(`n8n ${VERSION}: execute a Manual Trigger + HTTP Request workflow`, async (t) => {
	const server = await recorder(t);
	const n8n = await N8n.create({ version: VERSION, t });
	const id = await n8n.importWorkflow({
		name: 'smoke: http request',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: crypto.randomUUID(),
				name: 'Post',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: `${server.url}/hook`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '{"hello": "world"}',
					options: {},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Post', type: 'main', index: 0 }]] } },
		settings: {},
	});

	const started = Date.now();
	const run = await n8n.execute(id);
	t.diagnostic(`n8n execute took ${Date.now() - started} ms`);

	assert.equal(run.data.resultData.error, undefined);
	assert.equal(server.requests.length, 1);
	assert.equal(server.requests[0].method, 'POST');
	assert.equal(server.requests[0].url, '/hook');
	assert.deepEqual(JSON.parse(server.requests[0].body), { hello: 'world' });
	assert.deepEqual(nodeOutput(run, 'Post'), [{ ok: true, received: { hello: 'world' } }]);
});

test(`n8n ${VERSION}: a published Webhook workflow runs from its production URL`, async (t) => {
	const n8n = await N8n.create({ version: VERSION, t });
	const webhookPath = `smoke-${crypto.randomUUID()}`;
	const id = await n8n.importWorkflow(webhookWorkflow(webhookPath));
	await n8n.publish(id);

	const started = Date.now();
	await n8n.start();
	t.diagnostic(`n8n start until ready took ${Date.now() - started} ms`);

	await postAndCheckRecorded(n8n, id, webhookPath);
});

test(`n8n ${VERSION}: the same webhook flow in queue mode, on PostgreSQL, runs on two workers`, async (t) => {
	const n8n = await N8n.create({ version: VERSION, t, database: 'postgres' });
	const webhookPath = `smoke-queue-${crypto.randomUUID()}`;
	const id = await n8n.importWorkflow(webhookWorkflow(webhookPath));
	await n8n.publish(id);

	const started = Date.now();
	const { workers } = await n8n.startQueue({ workers: 2 });
	t.diagnostic(`postgres (already up) + redis + n8n start + 2 × n8n worker until ready took ${Date.now() - started} ms`);
	assert.equal(workers.length, 2);
	assert.notEqual(workers[0].healthPort, workers[1].healthPort);
	assert.notEqual(workers[0].brokerPort, workers[1].brokerPort);

	const first = await retryIfLostByN8n(t, () => postAndCheckRecorded(n8n, id, webhookPath));
	assert.ok(n8n.workerOf(first.id), `a worker ran execution ${first.id}`);

	// A burst: every execution runs on one of the two workers (which one is Redis's choice).
	const burst = await retryIfLostByN8n(t, async () => {
		const before = await n8n.executionIds(id);
		const answers = await Promise.all(
			[2, 3, 4, 5].map((n) =>
				fetch(n8n.webhookUrl(webhookPath), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ event: 'smoke', n }),
				}),
			),
		);
		for (const res of answers) assert.equal(res.status, 200, await res.text());
		return await n8n.waitForExecutions(id, { count: 4, after: before, idleMeansLost: true, ...WAIT });
	});
	const executions = [first, ...burst];
	assert.equal(executions.length, 5);
	const perWorker = { 1: 0, 2: 0 };
	for (const execution of executions) {
		assert.equal(execution.status, 'success');
		const worker = n8n.workerOf(execution.id);
		assert.ok(worker, `a worker ran execution ${execution.id}`);
		perWorker[worker] += 1;
	}
	t.diagnostic(`executions per worker: ${JSON.stringify(perWorker)}`);

	// Recorded in PostgreSQL; n8n made no SQLite database.
	assert.equal(
		await n8n.postgres.query(`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${id}' AND status = 'success'`),
		'5',
	);
	assert.equal(fs.existsSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite')), false);
});

for (const install of ['link', 'tarball']) {
	test(`n8n ${VERSION}: a community package loaded by ${install} runs as n8n-nodes-whatsapp-bsp.*`, async (t) => {
		const n8n = await N8n.create({ version: VERSION, packageDir: stubPackage(t), install, t });
		const target = path.join(n8n.userFolder, '.n8n/nodes/node_modules/n8n-nodes-whatsapp-bsp');
		assert.equal(fs.lstatSync(target).isSymbolicLink(), install === 'link');
		const id = await n8n.importWorkflow({
			name: `smoke: stub by ${install}`,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: crypto.randomUUID(),
					name: 'Stub',
					type: 'n8n-nodes-whatsapp-bsp.smokeStub',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { Start: { main: [[{ node: 'Stub', type: 'main', index: 0 }]] } },
			settings: {},
		});
		const run = await n8n.execute(id);
		assert.deepEqual(nodeOutput(run, 'Stub'), [{ stub: true, index: 0 }]);
	});
}

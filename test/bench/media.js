#!/usr/bin/env node
'use strict';
// The media benchmark: files from n8n's binary data, inside the real n8n of the end-to-end tier, against the provider
// sandbox (in a process of its own). Prints its figures; writes nothing.
//
// 1. A 10,000-recipient Insider campaign with one image from binary data (Send Image, Binary File), against the same
//    campaign as text (Send Text): uploads counted, time of the sending node and of the whole `n8n execute`. The
//    sandbox as in `npm run bench`: 50 ms latency, Insider's documented 10 requests/s on the conversational endpoint.
// 2. Peak memory of a 100-recipient Gupshup send of a 50 MB document from binary data (read from disk by n8n's
//    Read/Write Files node, so stored by n8n's binary data service), against the same send by URL: the difference is
//    what the upload costs.
//
//   node test/bench/media.js [--count=10000] [--recipients=100] [--document-mb=50] [--version=v2] [--only=campaign|document]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { parseArgs } = require('node:util');

const { N8n } = require('../e2e/lib/n8n');
const { sandboxCall } = require('../e2e/lib/sandbox-control');
const { sandboxCredentials, NODE_TYPES, credentialRef } = require('../e2e/lib/fixtures');
const { executeWatched } = require('./lib/n8n-run');
const { startSandboxProcess } = require('./lib/sandbox-process');
const { workflow, ourNode, MEASURED } = require('./lib/workflows');

const { values: args } = parseArgs({
	options: {
		count: { type: 'string', default: '10000' },
		recipients: { type: 'string', default: '100' },
		'document-mb': { type: 'string', default: '50' },
		version: { type: 'string', default: 'v2' },
		only: { type: 'string' },
	},
});
const COUNT = Number(args.count);
const RECIPIENTS = Number(args.recipients);
const DOCUMENT_BYTES = Number(args['document-mb']) * 1024 * 1024;
const IMAGE_BYTES = 200 * 1024;

const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra });
const code = (name, position, jsCode) => node(name, 'n8n-nodes-base.code', 2, position, { jsCode });
const chain = (...names) => Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
const id = () => crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);

/** Start → one image made in the workflow (Convert to File) → `count` recipients sharing it → Insider Send Image. */
function imageCampaign(count) {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
		code('Make image', [200, 0], `const bytes = new Uint8Array(${IMAGE_BYTES}).map((_, i) => (i * 31 + 7) & 255);\nreturn [{ json: { image: Buffer.from(bytes).toString('base64') } }];`),
		node('Image to file', 'n8n-nodes-base.convertToFile', 1.1, [400, 0], {
			operation: 'toBinary',
			sourceProperty: 'image',
			binaryPropertyName: 'data',
			options: { fileName: 'offer.jpg', mimeType: 'image/jpeg' },
		}),
		code(
			'Make messages',
			[600, 0],
			[
				"const image = $('Image to file').first().binary;",
				`const items = new Array(${count});`,
				`for (let i = 0; i < ${count}; i++) items[i] = { json: { to: '+4915' + String(10000000 + i) }, binary: image };`,
				'return items;',
			].join('\n'),
		),
		node(MEASURED, NODE_TYPES.insider, 1, [800, 0], {
			resource: 'message',
			operation: 'sendImage',
			to: '={{ $json.to }}',
			imageSource: 'binary',
			binaryPropertyName: 'data',
			caption: 'Spring sale: 20% off',
			options: {},
		}, { credentials: credentialRef('insider') }),
	];
	return { id: id(), name: 'bench: insider image campaign from binary data', nodes, connections: chain('Start', 'Make image', 'Image to file', 'Make messages', MEASURED), settings: { executionOrder: 'v1' } };
}

/** Start → a document read from disk → `recipients` recipients sharing it → Gupshup Send Document (binary, or by URL). */
function documentSend(file, recipients, source) {
	const send = source === 'binary'
		? { mediaSource: 'binary', binaryPropertyName: 'data' }
		: { mediaSource: 'url', mediaUrl: 'https://cdn.example.com/catalogue.pdf' };
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
		node('Read document', 'n8n-nodes-base.readWriteFile', 1, [200, 0], { operation: 'read', fileSelector: file, options: {} }),
		code(
			'Make recipients',
			[400, 0],
			[
				"const document = $('Read document').first().binary;",
				`return Array.from({ length: ${recipients} }, (_, i) => ({ json: { to: '+9178587' + String(10000 + i) }, binary: document }));`,
			].join('\n'),
		),
		node(MEASURED, NODE_TYPES.gupshup, 1, [600, 0], { resource: 'message', operation: 'sendDocument', to: '={{ $json.to }}', ...send, caption: 'Our catalogue', options: {} }, {
			credentials: credentialRef('gupshup'),
		}),
	];
	return { id: id(), name: `bench: gupshup ${source} document`, nodes, connections: chain('Start', 'Read document', 'Make recipients', MEASURED), settings: { executionOrder: 'v1' } };
}

/** Runs a workflow once; what the sandbox saw and what n8n said. */
async function measure(n8n, sandboxUrl, workflowId, { provider, sandbox, env = {} }) {
	await sandboxCall(sandboxUrl, 'POST', '/reset');
	await sandboxCall(sandboxUrl, 'PUT', '/config', sandbox);
	let watched;
	for (let attempt = 1; !watched; attempt++) {
		try {
			watched = await executeWatched(n8n, workflowId, { timeoutMs: 900_000, env });
		} catch (error) {
			// On a busy machine `n8n execute` now and then prints a cut execution JSON (10,000 items are ~8 MB of it).
			// (N8n.execute's error then holds only the end of that output.)
			if (attempt >= 3) throw error;
			console.log(`   (n8n execute printed no complete execution; running it again)`);
			await sandboxCall(sandboxUrl, 'POST', '/reset');
			await sandboxCall(sandboxUrl, 'PUT', '/config', sandbox);
		}
	}
	const { run, elapsedMs, watch } = watched;
	const error = run.data.resultData.error;
	if (error) throw new Error(`the execution failed: ${error.message} (${error.description})`);
	const sendRun = run.data.resultData.runData[MEASURED][0];
	const items = sendRun.data.main[0];
	const stats = (await sandboxCall(sandboxUrl, 'GET', '/stats'))[provider];
	const uploads = await sandboxCall(sandboxUrl, 'GET', `/uploads?provider=${provider}`);
	return {
		executeS: elapsedMs / 1000,
		nodeS: sendRun.executionTime / 1000,
		accepted: items.filter((item) => item.json.status === 'accepted').length,
		items: items.length,
		requests: stats.requests,
		uniqueMessages: stats.uniqueMessages,
		duplicateMessages: stats.duplicateMessages,
		uploads: uploads.length,
		uploadedBytes: uploads.reduce((sum, u) => sum + u.file.size, 0),
		rootPeakMiB: watch.rootPeakKiB / 1024,
	};
}

const line = (label, r) =>
	`${label.padEnd(46)} node ${r.nodeS.toFixed(1).padStart(6)} s   execute ${r.executeS.toFixed(1).padStart(6)} s   ` +
	`${String(r.accepted).padStart(6)}/${r.items} accepted   ${String(r.requests).padStart(4)} requests   ${r.uploads} upload(s) ` +
	`(${(r.uploadedBytes / 1024 / 1024).toFixed(1)} MB)   n8n peak ${r.rootPeakMiB.toFixed(0)} MiB`;

async function main() {
	const sandbox = await startSandboxProcess();
	// A packed copy: a build elsewhere in the repository while this runs cannot take the package away.
	const n8n = await N8n.create({ version: args.version, install: 'tarball' });
	const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-bench-media-'));
	try {
		console.log(`n8n ${n8n.n8nVersion}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
		await n8n.importCredentials(sandboxCredentials(sandbox.url));

		if (!args.only || args.only === 'campaign') {
			const insiderSandbox = { latencyMs: 50, rateLimit: { insider: { conversational: 10 } }, faults: null };
			const text = await n8n.importWorkflow(workflow('bench: insider text campaign', COUNT, ourNode('insider', {})));
			const image = await n8n.importWorkflow(imageCampaign(COUNT));
			console.log(`\n1. Insider campaign, ${COUNT.toLocaleString('en-US')} recipients (sandbox: 50 ms latency, 10 requests/s conversational)`);
			const textRun = await measure(n8n, sandbox.url, text, { provider: 'insider', sandbox: insiderSandbox });
			console.log(line('Send Text', textRun));
			const imageRun = await measure(n8n, sandbox.url, image, { provider: 'insider', sandbox: insiderSandbox });
			console.log(line(`Send Image, one ${IMAGE_BYTES / 1024} KB image from binary data`, imageRun));
			// The text campaign resolves two expressions per item ({{ $json.to }}, {{ $json.text }}), the image one only the recipient.
			const difference = imageRun.nodeS - textRun.nodeS;
			console.log(`   sending node: image campaign ${imageRun.nodeS.toFixed(1)} s, text campaign ${textRun.nodeS.toFixed(1)} s (${difference >= 0 ? '+' : ''}${difference.toFixed(1)} s); uploads: ${imageRun.uploads}`);
		}

		if (!args.only || args.only === 'document') {
			const file = path.join(files, 'catalogue.pdf');
			const stream = fs.createWriteStream(file);
			const chunk = Buffer.alloc(1024 * 1024);
			for (let written = 0; written < DOCUMENT_BYTES; written += chunk.length) {
				chunk.fill((written / chunk.length) & 255);
				if (written === 0) chunk.write('%PDF-1.4\n');
				if (!stream.write(chunk.subarray(0, Math.min(chunk.length, DOCUMENT_BYTES - written)))) await new Promise((r) => stream.once('drain', r));
			}
			await new Promise((resolve) => stream.end(resolve));
			const env = { N8N_RESTRICT_FILE_ACCESS_TO: files };
			const gupshupSandbox = { latencyMs: 50, rateLimit: { gupshup: null }, faults: null };
			const byUrl = await n8n.importWorkflow(documentSend(file, RECIPIENTS, 'url'));
			const byBinary = await n8n.importWorkflow(documentSend(file, RECIPIENTS, 'binary'));
			console.log(`\n2. Gupshup Send Document, ${RECIPIENTS} recipients, a ${DOCUMENT_BYTES / 1024 / 1024} MB document (n8n's filesystem binary mode)`);
			const urlRun = await measure(n8n, sandbox.url, byUrl, { provider: 'gupshup', sandbox: gupshupSandbox, env });
			console.log(line('by URL (the same workflow without upload)', urlRun));
			const binaryRun = await measure(n8n, sandbox.url, byBinary, { provider: 'gupshup', sandbox: gupshupSandbox, env });
			console.log(line('from binary data (read from disk)', binaryRun));
			console.log(`   peak memory of the n8n process: ${(binaryRun.rootPeakMiB - urlRun.rootPeakMiB).toFixed(0)} MiB more with the upload than by URL`);
		}
	} finally {
		await n8n.dispose();
		await sandbox.close();
		fs.rmSync(files, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

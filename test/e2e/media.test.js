'use strict';
// Send Document, Send Video, Send Audio, Send Location and Send List, and files from n8n's binary data, end to end in
// a real, pinned n8n against the provider sandbox:
// 1. every new operation through each of the three nodes (`n8n execute`): the exact request the sandbox received
//    (each provider's wrapper around Meta's message object) and the exact item n8n put out;
// 2. an image and an invoice PDF made in the workflow (Code → Convert to File) and sent from the items' binary data,
//    in two of n8n's binary data modes per n8n line: each distinct file uploaded once per provider, whatever the number
//    of items (each item holds its own copy), its bytes and multipart fields as each provider documents them, and
//    every send carrying the media ID the upload answered; a 503 on an upload is retried.
//
// Environment:
//   WA_BSP_N8N          v2 (default, n8n 2.41.1) or v1 (n8n 1.123.81)
//   WA_BSP_INSTALL      tarball (default: `npm pack`ed into ~/.n8n/nodes, as n8n installs community packages) or link

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { after, before, beforeEach } = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows, loadWorkflow } = require('./lib/workflows');
const { loadExample } = require('./lib/examples');
const { nodeRun, outputItems, assertSucceeded } = require('./lib/runs');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
if (!['v1', 'v2'].includes(VERSION)) throw new Error(`WA_BSP_N8N must be v1 or v2, not ${VERSION}`);
if (!['tarball', 'link'].includes(INSTALL)) throw new Error(`WA_BSP_INSTALL must be tarball or link, not ${INSTALL}`);

const { USER_AGENT } = require(path.join(REPO, 'dist/nodes/shared/transport.js'));
const AUTH_HEADERS = {
	insider: ['x-ins-auth-key', DEFAULT_CREDENTIALS.insider.authKey],
	kaleyra: ['api-key', DEFAULT_CREDENTIALS.kaleyra.apiKey],
	gupshup: ['authorization', DEFAULT_CREDENTIALS.gupshup.appToken],
};
const SECRETS = Object.values(AUTH_HEADERS).map(([, value]) => value);
const BUSINESS = DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0];
const SEND_PATH = {
	insider: (operation) => (operation === 'sendList' ? '/v1/send' : '/v1/conversational/send'),
	kaleyra: () => `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${BUSINESS}/messages`,
	gupshup: () => `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`,
};
const UPLOAD_PATH = {
	insider: '/v1/media/upload',
	kaleyra: `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${BUSINESS}/media`,
	gupshup: `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/media`,
};
// n8n 1.x keeps binary data in memory by default, 2.x on the filesystem; the other mode of each line is tested too.
const BINARY_MODES = VERSION === 'v1' ? ['default', 'filesystem'] : ['filesystem', 'database'];

const WORKFLOWS = ['send-media-providers', 'send-media-binary'];
const ids = {};

// The invoice branch of the bot example (examples/button-reply-bot.json), its nodes as they are, run by `n8n execute`:
// a Code node named like the example's trigger stands in for a customer's tap on "Send my invoice".
const EXAMPLE_CUSTOMER = '447700900123';
function invoiceBranchOfExample() {
	const example = loadExample('bot');
	const branch = ['Invoice?', 'Make the invoice', 'Invoice to file', 'Send the invoice'].map((name) => example.nodes.find((n) => n.name === name));
	const tap = { from: EXAMPLE_CUSTOMER, event: 'message', buttonReply: { id: 'invoice', title: 'Send my invoice' } };
	return {
		id: 'waBspMediaExInvce',
		name: 'e2e: the bot example\'s invoice branch',
		nodes: [
			{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: 'Inbound WhatsApp messages',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return [{ json: ${JSON.stringify(tap)} }];` },
			},
			...branch,
		],
		connections: {
			Start: { main: [[{ node: 'Inbound WhatsApp messages', type: 'main', index: 0 }]] },
			'Inbound WhatsApp messages': { main: [[{ node: 'Invoice?', type: 'main', index: 0 }]] },
			'Invoice?': { main: [[{ node: 'Make the invoice', type: 'main', index: 0 }], []] },
			'Make the invoice': example.connections['Make the invoice'],
			'Invoice to file': example.connections['Invoice to file'],
		},
		settings: { executionOrder: 'v1' },
	};
}
const EXECUTE_TIMEOUT = { timeout: 240_000 };

let sandbox;
let n8n;

const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);

before(
	async () => {
		sandbox = await createSandbox();
		n8n = await N8n.create({ version: VERSION, install: INSTALL });
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		const workflows = [...WORKFLOWS.map(loadWorkflow), invoiceBranchOfExample()];
		await importWorkflows(n8n, workflows);
		WORKFLOWS.forEach((name, i) => (ids[name] = workflows[i].id));
		ids['example-invoice'] = workflows[WORKFLOWS.length].id;
	},
	{ timeout: 600_000 },
);

after(async () => {
	await n8n?.dispose({ failed: failed() });
	await sandbox?.close();
});

beforeEach(() => control.reset());

async function execute(t, workflow, env = {}) {
	const started = Date.now();
	const run = await n8n.execute(ids[workflow], { timeoutMs: 180_000, env });
	t.diagnostic(`n8n execute ${workflow} ${JSON.stringify(env)}: ${Date.now() - started} ms`);
	const text = JSON.stringify(run);
	for (const secret of SECRETS) assert.ok(!text.includes(secret), 'a credential value appears in the execution data');
	return run;
}

/** The message and its recipient inside a provider's wrapper. */
const UNWRAP = {
	insider: (body) => ({ to: body.messages[0].phoneNumber, message: body.messages[0].message }),
	kaleyra: (body) => {
		const { messaging_product: product, recipient_type: type, to, ...message } = body.messaging_object;
		return { to, message, envelope: [product, type] };
	},
	gupshup: (body) => {
		const { messaging_product: product, recipient_type: type, to, ...message } = body;
		return { to, message, envelope: [product, type] };
	},
};

const ANSWER = {
	insider: (responseBody, index = 0) => ({ messageId: responseBody.keys[index], response: { key: responseBody.keys[index] } }),
	kaleyra: (responseBody) => ({ messageId: responseBody.data.message_id, response: responseBody }),
	gupshup: (responseBody) => ({ messageId: responseBody.messages[0].id, response: responseBody }),
};

function assertProviderRequest(request, provider, expectedPath) {
	const [authHeader, authValue] = AUTH_HEADERS[provider];
	assert.equal(request.provider, provider);
	assert.equal(request.method, 'POST');
	assert.equal(request.path, expectedPath);
	assert.equal(request.headers[authHeader], authValue, `${authHeader} header`);
	assert.equal(request.headers['user-agent'], USER_AGENT);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Every new operation through each node

const list = (header, body, button, sections, footer) => ({
	type: 'interactive',
	interactive: { type: 'list', ...(header ? { header: { type: 'text', text: header } } : {}), body: { text: body }, ...(footer ? { footer: { text: footer } } : {}), action: { button, sections } },
});

const CASES = {
	insider: {
		sendDocument: ['+14155550101', { type: 'document', document: { link: 'https://cdn.example.com/invoice-42.pdf', caption: 'Invoice 42', filename: 'invoice-42.pdf' } }],
		sendVideo: ['+14155550102', { type: 'video', video: { id: '1166000000000001', caption: 'How to assemble' } }],
		sendAudio: ['+14155550103', { type: 'audio', audio: { link: 'https://cdn.example.com/welcome.mp3' } }],
		sendLocation: ['+905321234567', { type: 'location', location: { latitude: 41.0082, longitude: 28.9784, name: 'Our store', address: 'Istiklal Cd. 1, Istanbul' } }],
		sendList: [
			'+905321234568',
			list('Delivery', 'Pick a delivery slot', 'Slots', [
				{ title: 'Tomorrow', rows: [{ id: 'tm-am', title: 'Morning', description: '9–12' }, { id: 'tm-pm', title: 'Afternoon' }] },
				{ title: 'Friday', rows: [{ id: 'fr-am', title: 'Morning' }] },
			], 'Free delivery'),
		],
	},
	kaleyra: {
		sendDocument: ['919876543210', { type: 'document', document: { id: '5551000000000001', filename: 'statement.pdf' } }],
		sendVideo: ['919876543211', { type: 'video', video: { link: 'https://cdn.example.com/demo.mp4' } }],
		sendAudio: ['919876543212', { type: 'audio', audio: { id: '5552000000000001' } }],
		sendLocation: ['919876543213', { type: 'location', location: { latitude: 12.9716, longitude: 77.5946 } }],
		sendList: ['919876543214', list(null, 'What do you need?', 'Options', [{ rows: [{ id: 'bal', title: 'Balance' }, { id: 'stmt', title: 'Statement', description: 'Last 30 days' }] }])],
	},
	gupshup: {
		sendDocument: ['917858761234', { type: 'document', document: { link: 'https://cdn.example.com/menu.pdf', caption: 'Our menu' } }],
		sendVideo: ['917858761235', { type: 'video', video: { id: '7771000000000001' } }],
		sendAudio: ['917858761236', { type: 'audio', audio: { link: 'https://cdn.example.com/jingle.ogg' } }],
		sendLocation: ['917858761237', { type: 'location', location: { latitude: 19.075983, longitude: 72.877655, name: 'Gupshup', address: 'Goregaon, Mumbai' } }],
		sendList: [
			'917858761238',
			list(null, 'Choose a plan', 'Plans', [
				{ title: 'Monthly', rows: [{ id: 'm1', title: 'Basic' }] },
				{ title: 'Yearly', rows: [{ id: 'y1', title: 'Basic (save 20%)' }] },
			]),
		],
	},
};
const NODE_NAME = { sendDocument: 'Send Document', sendVideo: 'Send Video', sendAudio: 'Send Audio', sendLocation: 'Send Location', sendList: 'Send List' };

e2e('Send Document, Video, Audio, Location and List through all three nodes send exactly the documented requests', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'send-media-providers');
	assertSucceeded(run);
	const requests = await control.requests();
	assert.equal(requests.length, 15, 'one request per node');
	for (const [provider, cases] of Object.entries(CASES)) {
		for (const [operation, [to, message]] of Object.entries(cases)) {
			const node = `${provider[0].toUpperCase()}${provider.slice(1)} ${NODE_NAME[operation]}`;
			const found = requests.filter((r) => r.provider === provider && UNWRAP[provider](r.body).to === to);
			assert.equal(found.length, 1, `one ${provider} request to ${to}`);
			const [request] = found;
			assertProviderRequest(request, provider, SEND_PATH[provider](operation));
			assert.match(request.headers['content-type'], /^application\/json\b/);
			const sent = UNWRAP[provider](request.body);
			assert.deepEqual(sent.message, message, `${node}: the message object`);
			if (provider === 'insider') assert.equal(request.body.messages.length, 1);
			else assert.deepEqual(sent.envelope, ['whatsapp', 'individual']);
			if (provider === 'kaleyra') {
				assert.deepEqual(request.body.extra_info, operation === 'sendDocument' ? { ref: 'stmt-7' } : undefined);
			}
			assert.ok(request.status >= 200 && request.status < 300, `${node}: the sandbox answered ${request.status} ${JSON.stringify(request.responseBody)}`);
			assert.deepEqual(outputItems(run, node), [
				{ json: { provider, operation, to, status: 'accepted', ...ANSWER[provider](request.responseBody) }, pairedItem: { item: 0 } },
			]);
		}
	}
	const stats = await control.stats();
	for (const provider of Object.keys(CASES)) assert.equal(stats[provider].acceptedMessages, 5);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Files made in the workflow, from the items' binary data

// The files the workflow's Code node makes (test/e2e/workflows/send-media-binary.json), as bytes: its code, run here.
function workflowFiles() {
	const code = loadWorkflow('send-media-binary').nodes.find((n) => n.name === 'Customers and files').parameters.jsCode;
	const [first] = new Function('Buffer', code)(Buffer);
	return { png: Buffer.from(first.json.png, 'base64'), pdf: Buffer.from(first.json.pdf, 'base64') };
}
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const RECIPIENTS = ['+905321000001', '+905321000002', '+905321000003'];
const DIGITS = RECIPIENTS.map((to) => to.slice(1));

for (const [index, mode] of BINARY_MODES.entries()) {
	// The second run also has the first Gupshup upload answered 503: it is retried, whole, and counted once.
	const withFault = index === 1;
	e2e(`binary mode "${mode}": an image and a PDF made in the workflow are uploaded once per provider for three items, then sent by media ID${withFault ? ' (an upload answered 503 is retried)' : ''}`, EXECUTE_TIMEOUT, async (t) => {
		if (withFault) await control.configure({ faults: { provider: 'gupshup', count: 1, kinds: ['503'] } });
		const run = await execute(t, 'send-media-binary', { N8N_DEFAULT_BINARY_DATA_MODE: mode });
		assertSucceeded(run);
		// The files really are in that mode: by reference (an id naming the mode), or in the item (default mode).
		const made = nodeRun(run, 'QR code to file').data.main[0].map((item) => item.binary.data);
		assert.equal(made.length, 3);
		for (const binary of made) {
			if (mode === 'default') assert.equal(binary.id, undefined);
			else assert.match(binary.id, new RegExp(`^${mode}(-v2)?:`));
		}
		if (mode !== 'default') assert.equal(new Set(made.map((binary) => binary.id)).size, 3, 'each item holds its own copy');
		const { png, pdf } = workflowFiles();
		const image = { filename: 'qr.png', contentType: 'image/png', size: png.length, sha256: sha256(png) };
		const invoice = { filename: 'INV-0042.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) };

		// What the sandbox took in: one upload per distinct file and provider, as each documents it.
		const uploads = await control.uploads();
		const byProvider = (provider) => uploads.filter((u) => u.provider === provider);
		assert.deepEqual(byProvider('insider').map((u) => [u.path, u.fields, u.file]), [
			[UPLOAD_PATH.insider, { type: 'image/png', messaging_product: 'whatsapp' }, { field: 'file', ...image }],
		]);
		assert.deepEqual(byProvider('kaleyra').map((u) => [u.path, u.fields, u.file]), [[UPLOAD_PATH.kaleyra, { type: 'image/png' }, { field: 'file', ...image }]]);
		assert.deepEqual(
			byProvider('gupshup').map((u) => [u.path, u.fields, u.file]).sort((a, b) => a[2].filename.localeCompare(b[2].filename)),
			[
				[UPLOAD_PATH.gupshup, { file_type: 'application/pdf' }, { field: 'file', ...invoice }],
				[UPLOAD_PATH.gupshup, { file_type: 'image/png' }, { field: 'file', ...image }],
			],
		);
		const requests = await control.requests();
		for (const provider of ['insider', 'kaleyra', 'gupshup']) {
			for (const request of requests.filter((r) => r.provider === provider && r.path === UPLOAD_PATH[provider])) {
				assertProviderRequest(request, provider, UPLOAD_PATH[provider]);
				assert.match(request.headers['content-type'], /^multipart\/form-data; boundary=/);
				assert.equal(Number(request.headers['content-length']), request.body.bytes, 'Content-Length is the body as sent');
			}
		}
		const gupshupUploads = requests.filter((r) => r.provider === 'gupshup' && r.path === UPLOAD_PATH.gupshup);
		assert.deepEqual(gupshupUploads.map((r) => r.status).sort(), withFault ? [200, 200, 503] : [200, 200]);
		if (withFault) {
			// The retry carried the same file again, whole.
			const faulted = gupshupUploads.find((r) => r.status === 503);
			assert.ok(gupshupUploads.some((r) => r.status === 200 && r.body.files[0].sha256 === faulted.body.files[0].sha256));
		}

		// Every send carries the media ID of its file's upload, after the upload.
		const mediaId = (provider, file) => byProvider(provider).find((u) => u.file.sha256 === file.sha256).mediaId;
		const sends = (provider) => requests.filter((r) => r.provider === provider && r.path !== UPLOAD_PATH[provider]);
		const insiderSends = sends('insider');
		assert.equal(insiderSends.length, 1, 'Insider: the three messages in one request');
		assertProviderRequest(insiderSends[0], 'insider', '/v1/conversational/send');
		assert.deepEqual(insiderSends[0].body, {
			messages: RECIPIENTS.map((phoneNumber) => ({ phoneNumber, message: { type: 'image', image: { id: mediaId('insider', image), caption: 'Your QR code' } } })),
		});
		assert.deepEqual(
			sends('kaleyra').map((r) => r.body).sort((a, b) => a.messaging_object.to.localeCompare(b.messaging_object.to)),
			DIGITS.map((to) => ({ messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'image', image: { id: mediaId('kaleyra', image) } } })),
		);
		const gupshupSends = sends('gupshup').map((r) => r.body);
		const ofType = (type) => gupshupSends.filter((b) => b.type === type).sort((a, b) => a.to.localeCompare(b.to));
		assert.deepEqual(ofType('image'), DIGITS.map((to) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'image', image: { id: mediaId('gupshup', image), caption: 'Your QR code' } })));
		assert.deepEqual(
			ofType('document'),
			DIGITS.map((to) => ({
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to,
				type: 'document',
				// The file's own name: the node's Filename was left empty.
				document: { id: mediaId('gupshup', invoice), caption: 'Your invoice', filename: 'INV-0042.pdf' },
			})),
		);
		for (const request of requests) {
			const isUpload = request.path === UPLOAD_PATH[request.provider];
			if (isUpload) continue;
			const firstUse = requests.find((r) => r.provider === request.provider && r.path === UPLOAD_PATH[request.provider] && r.status === 200);
			assert.ok(firstUse.seq < request.seq, 'the upload came before the sends');
		}

		// n8n's output: one accepted item per input item, paired, in each node.
		for (const [node, provider, operation] of [
			['Insider Send Image', 'insider', 'sendImage'],
			['Kaleyra Send Image', 'kaleyra', 'sendImage'],
			['Gupshup Send Image', 'gupshup', 'sendImage'],
			['Gupshup Send Document', 'gupshup', 'sendDocument'],
		]) {
			const output = outputItems(run, node);
			assert.deepEqual(
				output.map((o) => [o.json.provider, o.json.operation, o.json.to, o.json.status, o.pairedItem]),
				RECIPIENTS.map((to, item) => [provider, operation, provider === 'insider' ? to : to.slice(1), 'accepted', { item }]),
			);
		}
	});
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The example of the demo

e2e('the bot example\'s "Send my invoice": a PDF made in the workflow goes to Gupshup as a document', EXECUTE_TIMEOUT, async (t) => {
	const run = await execute(t, 'example-invoice');
	assertSucceeded(run);
	const [upload] = await control.uploads({ provider: 'gupshup' });
	assert.deepEqual([upload.path, upload.fields, upload.file.filename, upload.file.contentType], [UPLOAD_PATH.gupshup, { file_type: 'application/pdf' }, 'INV-0123.pdf', 'application/pdf']);
	const made = Buffer.from(nodeRun(run, 'Make the invoice').data.main[0][0].json.pdf, 'base64');
	assert.equal(upload.file.sha256, sha256(made));
	assert.match(made.toString('latin1'), /^%PDF-1\.4\n[\s\S]*\(Invoice INV-0123\)[\s\S]*%%EOF\n$/);
	const sends = (await control.requests({ provider: 'gupshup' })).filter((r) => r.path !== UPLOAD_PATH.gupshup);
	assert.deepEqual(sends.map((r) => r.body), [
		{
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: EXAMPLE_CUSTOMER,
			type: 'document',
			document: { id: upload.mediaId, caption: 'Your invoice INV-0123', filename: 'INV-0123.pdf' },
		},
	]);
	assert.deepEqual(outputItems(run, 'Send the invoice').map((o) => [o.json.operation, o.json.to, o.json.status]), [['sendDocument', EXAMPLE_CUSTOMER, 'accepted']]);
});

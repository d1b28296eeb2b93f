'use strict';
// The example workflows in examples/ and what it takes to run them against the provider sandbox: one place that
// the demo (scripts/demo.js) and their end-to-end test (test/e2e/examples.test.js) share, so that the test proves
// what the demo does.
//
// Status callbacks: the sandbox posts every accepted message's statuses (sent → delivered → read) to ONE URL
// (its `autoCallbacks`), in the format of the provider that accepted it. The delivery-status logger has one trigger
// per provider, as a real set-up has (each provider's console gets its own trigger's URL), so a small router on
// 127.0.0.1 takes the sandbox's callbacks and forwards each to the logger trigger of its provider, headers and body
// unchanged.

const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const path = require('node:path');

const { REPO } = require('./n8n');
const { CALLBACK_SECRETS, CREDENTIALS, NODE_TYPES, sandboxCredentials } = require('./fixtures');
const { sandboxCall } = require('./sandbox-control');

const EXAMPLES_DIR = path.join(REPO, 'examples');

/** The examples, by a short key. `trigger`: the workflow must be published to run. */
const EXAMPLES = {
	campaign: { file: 'campaign-send-from-list.json', id: 'waBspExCampaign1', trigger: false },
	crm: { file: 'crm-webhook-send.json', id: 'waBspExCrmSend01', trigger: true },
	burst: { file: 'crm-cart-reminder-burst.json', id: 'waBspExCartBurst', trigger: true },
	bot: { file: 'button-reply-bot.json', id: 'waBspExButtonBot', trigger: true },
	logger: { file: 'delivery-status-logger.json', id: 'waBspExStatusLog', trigger: true },
	ai: { file: 'ai-support-bot.json', id: 'waBspExAiSupport', trigger: true },
	refund: { file: 'refund-approval.json', id: 'waBspExRefundAsk', trigger: true },
};

/** Node names the demo and the test rely on. */
const NODES = {
	campaignSend: 'Send campaign message',
	crmWebhook: 'CRM: order shipped',
	crmSend: 'Send shipping update',
	burstWebhook: 'CRM: cart abandoned',
	burstSend: 'Send cart reminder',
	botTrigger: 'Inbound WhatsApp messages',
	botAnswer: 'Answer the choice',
	botMenu: 'Send the menu',
	loggerTriggers: { insider: 'Insider statuses', kaleyra: 'Kaleyra statuses', gupshup: 'Gupshup statuses' },
	statusLog: 'Status log',
	aiTrigger: 'Inbound WhatsApp messages',
	templateChanged: 'Template changed: tell the campaign team',
	refundWebhook: 'Refund requested',
	refundAsk: 'Ask the manager',
	refundTaps: "Manager's taps (Kaleyra)",
};

/** A CRM's "order shipped" event, as the demo posts it to the CRM example. */
const SAMPLE_CRM_EVENT = { event: 'order.shipped', name: 'Asha', phone: '+91 98765 43210', orderId: '1234' };
/** A CRM's burst of "cart abandoned" events, one per customer, as the demo posts them to the burst example. */
const cartBurst = (count) => Array.from({ length: count }, (_, i) => ({ event: 'cart.abandoned', phone: `+90 532 000 ${1001 + i}` }));
/** A refund request, as a shop's back office would post it to the refund example; the manager wrote earlier today. */
const SAMPLE_REFUND = { orderId: 'A-1001', customer: 'Asha', amount: 120, reason: 'Parcel arrived damaged', managerPhone: '+91 98450 00001' };
/** A customer writing to the bot: first a text, then a tap on one of the menu's buttons. */
const SAMPLE_CUSTOMER = '+44 7700 900123';

const KNOWN_CREDENTIALS = new Map(Object.values(CREDENTIALS).map((c) => [c.id, c]));
// Our nodes, and the action nodes as AI tools (n8n's synthetic `<type>Tool`).
const OUR_TYPES = new Set([...Object.values(NODE_TYPES), ...['insider', 'kaleyra', 'gupshup'].map((p) => `${NODE_TYPES[p]}Tool`)]);
// n8n's own nodes an example may use: its core nodes, and the AI agent and models.
const N8N_PREFIXES = ['n8n-nodes-base.', '@n8n/n8n-nodes-langchain.'];

/**
 * An example workflow (by key) as a fresh object. Checks what the files promise: a fixed id, our node types by their
 * community-package names, and credentials referenced by the fixture ids, names and types.
 */
function loadExample(key) {
	const { file, id } = EXAMPLES[key];
	const where = path.join(EXAMPLES_DIR, file);
	const workflow = JSON.parse(fs.readFileSync(where, 'utf8'));
	if (workflow.id !== id) throw new Error(`${where}: id ${workflow.id}, expected ${id}`);
	for (const node of workflow.nodes) {
		if (!N8N_PREFIXES.some((prefix) => node.type.startsWith(prefix)) && !OUR_TYPES.has(node.type)) {
			throw new Error(`${where}: node "${node.name}" has an unknown type ${node.type}`);
		}
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const known = KNOWN_CREDENTIALS.get(ref.id);
			if (!known || known.type !== type || known.name !== ref.name) {
				throw new Error(`${where}: node "${node.name}" uses ${type} credential ${JSON.stringify(ref)}, which the fixtures do not define`);
			}
		}
	}
	return workflow;
}

function nodeOf(workflow, name) {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`example ${workflow.id} has no node "${name}"`);
	return node;
}

/** The production webhook path of a trigger node of ours (`<webhookId>/callback`) or of a Webhook node (its path). */
function webhookPathOf(workflow, nodeName) {
	const node = nodeOf(workflow, nodeName);
	return node.type === 'n8n-nodes-base.webhook' ? node.parameters.path : `${node.webhookId}/callback`;
}

/** The production webhook paths of the examples, by what they are. */
function examplePaths() {
	const logger = loadExample('logger');
	return {
		crm: webhookPathOf(loadExample('crm'), NODES.crmWebhook),
		burst: webhookPathOf(loadExample('burst'), NODES.burstWebhook),
		bot: webhookPathOf(loadExample('bot'), NODES.botTrigger),
		ai: webhookPathOf(loadExample('ai'), NODES.aiTrigger),
		logger: Object.fromEntries(Object.entries(NODES.loggerTriggers).map(([p, name]) => [p, webhookPathOf(logger, name)])),
		refund: webhookPathOf(loadExample('refund'), NODES.refundWebhook),
		refundTaps: webhookPathOf(loadExample('refund'), NODES.refundTaps),
	};
}

/**
 * Imports the sandbox credentials (pointing at `sandboxUrl`) and the examples named in `workflows` (by key; all by
 * default) with one `n8n import:workflow` (each CLI call starts n8n once: seconds on a busy machine).
 * @param {import('./n8n').N8n} n8n
 */
async function importExamples(n8n, sandboxUrl, { workflows = Object.keys(EXAMPLES) } = {}) {
	// Written here rather than with n8n.importCredentials so that the plain-text file goes away at once: the demo's
	// user folder is kept.
	await importFile(n8n, 'import:credentials', sandboxCredentials(sandboxUrl));
	if (workflows.length > 0) await importFile(n8n, 'import:workflow', workflows.map((key) => ({ active: false, ...loadExample(key) })));
}

async function importFile(n8n, command, data) {
	const file = path.join(n8n.userFolder, `import-${crypto.randomUUID()}.json`);
	await fsp.writeFile(file, JSON.stringify(data, null, 2), { mode: 0o600 });
	try {
		await n8n.cli([command, `--input=${file}`]);
	} finally {
		await fsp.rm(file, { force: true });
	}
}

/** Publishes (activates) the trigger examples on a running n8n and waits until their webhooks answer. */
async function publishExamples(n8n, { timeoutMs = 120_000 } = {}) {
	for (const { id, trigger } of Object.values(EXAMPLES)) if (trigger) await n8n.publish(id);
	const paths = examplePaths();
	for (const p of [paths.crm, paths.burst, paths.bot, paths.ai, ...Object.values(paths.logger), paths.refund, paths.refundTaps]) {
		await n8n.waitForWebhook(p, { timeoutMs });
	}
}

/** Which provider's format a status callback body has (the sandbox's formats, which follow the providers' docs). */
function callbackProvider(body) {
	if (body === null || typeof body !== 'object') return null;
	if ('meta_object' in body) return 'kaleyra';
	if ('gs_app_id' in body || body.object === 'whatsapp_business_account' || (body.app && body.version)) return 'gupshup';
	if ('key' in body || 'phoneNumber' in body || 'event' in body) return 'insider';
	return null;
}

/**
 * A router on 127.0.0.1 for status callbacks: each POST goes to `targetOf(provider)` with the same Authorization
 * header and body, and the answer goes back to the poster. `forwarded` lists what it did.
 * @param {{targetOf: (provider: string) => string, onForward?: (entry: object) => void}} options
 * @returns {Promise<{url: string, forwarded: Array<{provider: string|null, body: any, status: number, answer: string}>, close(): Promise<void>}>}
 */
async function createStatusRouter({ targetOf, onForward = () => {} }) {
	const forwarded = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			let body = null;
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				// not JSON: no provider
			}
			const provider = callbackProvider(body);
			let status = 400;
			let answer = '{"error":"not a status callback of Insider, Kaleyra or Gupshup"}';
			if (provider) {
				try {
					const upstream = await fetch(targetOf(provider), {
						method: 'POST',
						headers: {
							'content-type': req.headers['content-type'] ?? 'application/json',
							...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
						},
						body: raw,
						signal: AbortSignal.timeout(60_000),
					});
					status = upstream.status;
					answer = await upstream.text();
				} catch (error) {
					status = 502;
					answer = JSON.stringify({ error: `status router: ${error.message}` });
				}
			}
			const entry = { provider, body, status, answer };
			forwarded.push(entry);
			try {
				onForward(entry);
			} catch {
				// a logger's problem is not the poster's
			}
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(answer);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}/`,
		forwarded,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Where the router sends each provider's statuses: the logger example's trigger of that provider, on n8n at `baseUrl`. */
function loggerTargetOf(baseUrl) {
	const paths = examplePaths().logger;
	return (provider) => `${baseUrl}/webhook/${paths[provider]}`;
}

/** The sandbox's `autoCallbacks` setting that sends every status to `routerUrl` with the logger's bearer token. */
function autoCallbacksVia(routerUrl, { intervalMs = 200 } = {}) {
	return { url: routerUrl, headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` }, intervalMs };
}

/**
 * Points the sandbox's status callbacks at the logger example of a running n8n, through a status router, with the
 * bearer token of the logger's credential.
 * @returns {Promise<Awaited<ReturnType<typeof createStatusRouter>>>} the router (close it when done)
 */
async function routeStatusesToLogger(n8n, sandboxUrl, { onForward, intervalMs } = {}) {
	const router = await createStatusRouter({ targetOf: loggerTargetOf(n8n.baseUrl), onForward });
	await sandboxCall(sandboxUrl, 'PUT', '/config', { autoCallbacks: autoCallbacksVia(router.url, { intervalMs }) });
	return router;
}

/** Posts the sample CRM event to the CRM example. @returns {Promise<{status: number, json: any}>} */
async function postCrmEvent(n8n, event = SAMPLE_CRM_EVENT) {
	const res = await fetch(n8n.webhookUrl(examplePaths().crm), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(event),
		signal: AbortSignal.timeout(120_000),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, json };
}

/** Posts `events` to the burst example all at once. @returns {Promise<number[]>} n8n's answer statuses */
async function postCartBurst(n8n, events) {
	const url = n8n.webhookUrl(examplePaths().burst);
	return await Promise.all(
		events.map(async (event) => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(event),
				signal: AbortSignal.timeout(120_000),
			});
			await res.arrayBuffer();
			return res.status;
		}),
	);
}

/** The Insider sends of the burst example the sandbox received: requests whose messages are its template. */
async function cartReminderRequests(sandboxUrl) {
	const requests = await sandboxCall(sandboxUrl, 'GET', '/requests?provider=insider');
	const template = loadExample('burst').nodes.find((n) => n.name === NODES.burstSend).parameters.templateName;
	return requests.filter((r) => r.method === 'POST' && r.body?.messages?.[0]?.message?.template?.name === template);
}

/**
 * Has the sandbox post a Gupshup inbound message (`{ text }`) or button tap (`{ id, title }`) of `from` to the bot
 * example, with the bearer token. @returns {Promise<number>} n8n's answer status
 */
async function postToBot(n8n, sandboxUrl, input, from = SAMPLE_CUSTOMER) {
	const event = 'text' in input ? { kind: 'message', from, text: input.text } : { kind: 'button_reply', from, id: input.id, title: input.title };
	const { sent } = await sandboxCall(sandboxUrl, 'POST', '/callbacks', {
		provider: 'gupshup',
		url: n8n.webhookUrl(examplePaths().bot),
		headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
		events: [event],
	});
	return sent[0].status;
}

/**
 * Has the sandbox post a customer's Kaleyra message (`text`, with its `messageId`) of `from` to the AI support bot example, with the
 * bearer token. @returns {Promise<number>} n8n's answer status
 */
async function postToAiBot(n8n, sandboxUrl, { text, messageId }, from = SAMPLE_CUSTOMER) {
	const { sent } = await sandboxCall(sandboxUrl, 'POST', '/callbacks', {
		provider: 'kaleyra',
		url: n8n.webhookUrl(examplePaths().ai),
		headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
		events: [{ kind: 'message', from, text, messageId }],
	});
	return sent[0].status;
}

/**
 * The refund example end to end: the manager has written (the 24-hour window is open), the back office posts the
 * request, and after `afterMs` the sandbox's simulated manager taps `choice` on the question, posting Kaleyra's own
 * button-reply callback to the example's trigger. Resolves the execution's id and the tap once posted.
 */
async function runRefundApproval(n8n, sandboxUrl, { choice = 'Approve refund', afterMs = 3000, request = SAMPLE_REFUND } = {}) {
	await sandboxCall(sandboxUrl, 'POST', '/inbound', { provider: 'kaleyra', from: request.managerPhone });
	const res = await fetch(n8n.webhookUrl(examplePaths().refund), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(request),
		signal: AbortSignal.timeout(60_000),
	});
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`the refund example answered ${res.status}`);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		try {
			return await sandboxCall(sandboxUrl, 'POST', '/taps', {
				provider: 'kaleyra',
				url: n8n.webhookUrl(examplePaths().refundTaps),
				headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
				to: request.managerPhone,
				choice,
				afterMs,
			});
		} catch (error) {
			// The question is not sent yet: ask again shortly.
			if (!/ 404 /.test(error.message)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
	throw new Error('the refund question never reached the sandbox');
}

module.exports = {
	EXAMPLES_DIR,
	EXAMPLES,
	NODES,
	SAMPLE_CRM_EVENT,
	SAMPLE_CUSTOMER,
	SAMPLE_REFUND,
	loadExample,
	examplePaths,
	importExamples,
	publishExamples,
	callbackProvider,
	createStatusRouter,
	loggerTargetOf,
	autoCallbacksVia,
	routeStatusesToLogger,
	postCrmEvent,
	cartBurst,
	postCartBurst,
	cartReminderRequests,
	postToBot,
	postToAiBot,
	runRefundApproval,
};

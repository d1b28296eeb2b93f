'use strict';
// Workflows kept as JSON in test/e2e/workflows (importable as they are: fixed ids, credentials referenced by the
// fixture ids), the extra credentials some of them use, and a way to import many workflows in one CLI call
// (each `n8n import:workflow` starts n8n once, several seconds on a busy machine).

const crypto = require('node:crypto');
const fsp = require('node:fs/promises');
const fs = require('node:fs');
const path = require('node:path');

const { CREDENTIALS, NODE_TYPES, sandboxCredentials } = require('./fixtures');

const WORKFLOWS_DIR = path.resolve(__dirname, '../workflows');

/** Credentials that only some workflows use, with fixed ids like the fixtures'. */
const EXTRA_CREDENTIALS = {
	kaleyraWrongKey: { id: 'waBspKalWrongKey', name: 'Kaleyra (sandbox, wrong API key)', type: 'kaleyraApi' },
	// One credential for several accounts: n8n resolves the key per execution, from the event that started it.
	insiderKeyFromEvent: { id: 'waBspInsKeyExpr', name: 'Insider One (sandbox, key from the event)', type: 'insiderApi' },
};
const WRONG_KALEYRA_API_KEY = 'Awrong-kaleyra-api-key';

/** EXTRA_CREDENTIALS for `n8n import:credentials`, pointing at the sandbox at `sandboxUrl`. */
function extraCredentials(sandboxUrl) {
	const kaleyra = sandboxCredentials(sandboxUrl).find((c) => c.id === CREDENTIALS.kaleyra.id);
	return [
		{ ...EXTRA_CREDENTIALS.kaleyraWrongKey, data: { ...kaleyra.data, apiKey: WRONG_KALEYRA_API_KEY } },
		{ ...EXTRA_CREDENTIALS.insiderKeyFromEvent, data: { authKey: '={{ $json.body.key }}', baseUrl: sandboxUrl } },
	];
}

const KNOWN_CREDENTIAL_IDS = new Set([...Object.values(CREDENTIALS), ...Object.values(EXTRA_CREDENTIALS)].map((c) => c.id));
const OUR_TYPES = new Set(Object.values(NODE_TYPES));

/**
 * A workflow from test/e2e/workflows (`name` without `.json`), as a fresh object that the caller may change.
 * Checks what the file promises: an id, our node types by their community-package names, and credentials
 * that the fixtures define.
 */
function loadWorkflow(name) {
	const file = path.join(WORKFLOWS_DIR, `${name}.json`);
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (typeof workflow.id !== 'string' || workflow.id === '') throw new Error(`${file}: no fixed id`);
	for (const node of workflow.nodes) {
		if (!node.type.startsWith('n8n-nodes-base.') && !OUR_TYPES.has(node.type)) {
			throw new Error(`${file}: node "${node.name}" has an unknown type ${node.type}`);
		}
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			if (!KNOWN_CREDENTIAL_IDS.has(ref.id)) throw new Error(`${file}: node "${node.name}" uses an unknown ${type} credential ${ref.id}`);
		}
	}
	return workflow;
}

/** The workflow's node called `nodeName` (throws if there is none), e.g. to change its parameters. */
function nodeOf(workflow, nodeName) {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`workflow ${workflow.id} has no node "${nodeName}"`);
	return node;
}

/**
 * Imports several workflows with one `n8n import:workflow` (it takes an array).
 * @param {import('./n8n').N8n} n8n
 * @param {object[]} workflows each with an `id`
 * @returns {Promise<string[]>} their ids
 */
async function importWorkflows(n8n, workflows) {
	const file = path.join(n8n.userFolder, `workflows-${crypto.randomUUID()}.json`);
	await fsp.writeFile(file, JSON.stringify(workflows.map((w) => ({ active: false, ...w })), null, 2));
	await n8n.cli(['import:workflow', `--input=${file}`]);
	return workflows.map((w) => w.id);
}

/** n8n's Webhook node (v2) on POST `webhookPath`, answering at once, as a CRM's webhook expects. */
function webhookNode(name, webhookPath) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	};
}

module.exports = {
	WORKFLOWS_DIR,
	EXTRA_CREDENTIALS,
	WRONG_KALEYRA_API_KEY,
	extraCredentials,
	loadWorkflow,
	nodeOf,
	importWorkflows,
	webhookNode,
};

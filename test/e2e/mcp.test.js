'use strict';
// Our action nodes as AI tools in a real n8n (2.x tier): a published workflow whose MCP Server Trigger
// (@n8n/n8n-nodes-langchain.mcpTrigger v2, Streamable HTTP at /mcp/<path>) offers two Kaleyra WhatsApp nodes as
// tools, their parameters filled by the model with $fromAI(...). A real MCP client (the @modelcontextprotocol/sdk
// that the pinned n8n ships) connects over HTTP, lists the tools and calls "send a text" and "mark as read"; the
// provider sandbox must receive exactly what the calls asked for.
//
// n8n 1.123.81 has the MCP Server Trigger too, but this test runs on the 2.x tier only (the brief's scope).

const assert = require('node:assert/strict');
const path = require('node:path');
const { after, before } = require('node:test');

const { N8n } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { NODE_TYPES, credentialRef, sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows } = require('./lib/workflows');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const MCP_PATH = 'wa-bsp-tools';
const WAMID = 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggQjA0QTlFQzY2MzE5NTNBMTc4RDMxQ0RBMkQ4OEIyODEA';
const KALEYRA_PATH = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]}/messages`;

/** One of our nodes as a tool (n8n's synthetic `<type>Tool`), connected to the MCP trigger. */
function toolNode(name, description, parameters, x) {
	return {
		id: `tool-${x}`,
		name,
		type: `${NODE_TYPES.kaleyra}Tool`,
		typeVersion: 1,
		position: [x, 300],
		parameters: { descriptionType: 'manual', toolDescription: description, resource: 'message', options: {}, ...parameters },
		credentials: credentialRef('kaleyra'),
	};
}

const WORKFLOW = {
	id: 'waBspMcpTools',
	name: 'e2e: WhatsApp tools over MCP',
	nodes: [
		{ id: 'mcp-trigger', name: 'MCP Server Trigger', type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2, position: [200, 0], webhookId: 'b1f3c9d2-6a4e-4f7b-9c1d-2e8a5b7c3d10', parameters: { path: MCP_PATH } },
		toolNode(
			'Send a text',
			'Send a WhatsApp text message to a customer',
			{
				operation: 'sendText',
				to: "={{ $fromAI('to', 'The customer\\'s WhatsApp number with its country code', 'string') }}",
				text: "={{ $fromAI('text', 'The message text', 'string') }}",
			},
			0,
		),
		toolNode('Mark as read', 'Mark a customer\'s WhatsApp message as read (blue ticks)', { operation: 'markAsRead', messageId: "={{ $fromAI('messageId', 'The ID of the customer\\'s message', 'string') }}" }, 400),
	],
	connections: {
		'Send a text': { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
		'Mark as read': { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

let sandbox;
let n8n;
const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);
const skip = VERSION !== 'v2' && 'the MCP test runs on the 2.x tier';

before(
	async () => {
		if (skip) return;
		sandbox = await createSandbox();
		// n8n's documentation names this variable for community nodes as tools; the pinned versions offer them without it.
		n8n = await N8n.create({ version: VERSION, install: INSTALL, env: { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' } });
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		await importWorkflows(n8n, [WORKFLOW]);
		await n8n.publish(WORKFLOW.id);
		await n8n.start();
	},
	{ timeout: 600_000 },
);

after(async () => {
	await n8n?.dispose({ failed: failed() });
	await sandbox?.close();
});

/** The MCP client of the SDK that the pinned n8n ships in its node_modules. */
function mcpSdk() {
	const sdk = path.join(n8n.install.n8nDir, 'node_modules/@modelcontextprotocol/sdk/dist/cjs/client');
	return { Client: require(`${sdk}/index.js`).Client, StreamableHTTPClientTransport: require(`${sdk}/streamableHttp.js`).StreamableHTTPClientTransport };
}

/**
 * A connected MCP client. n8n registers a published workflow's webhooks a little after it is ready, answering 404
 * (and starting nothing) until then, so the connection is tried again for up to 30 s.
 */
async function connect() {
	const { Client, StreamableHTTPClientTransport } = mcpSdk();
	const deadline = Date.now() + 30_000;
	for (;;) {
		const client = new Client({ name: 'wa-bsp-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${MCP_PATH}`)));
			return client;
		} catch (error) {
			if (Date.now() > deadline || error?.code !== 404) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

e2e('an MCP client lists our nodes as tools and its calls reach the provider exactly as asked', { skip, timeout: 300_000 }, async () => {
	const client = await connect();
	try {
		const { tools } = await client.listTools();
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		assert.deepEqual(Object.keys(byName).sort(), ['Mark_as_read', 'Send_a_text']);
		assert.equal(byName.Send_a_text.description, 'Send a WhatsApp text message to a customer');
		assert.deepEqual(Object.keys(byName.Send_a_text.inputSchema.properties).sort(), ['text', 'to']);
		assert.deepEqual(Object.keys(byName.Mark_as_read.inputSchema.properties), ['messageId']);

		const sent = await client.callTool({ name: 'Send_a_text', arguments: { to: '+91 98765 43210', text: 'Your order ships today' } });
		assert.ok(!sent.isError, JSON.stringify(sent));
		const read = await client.callTool({ name: 'Mark_as_read', arguments: { messageId: WAMID } });
		assert.ok(!read.isError, JSON.stringify(read));
		const answers = [sent, read].map((result) => result.content.map((part) => part.text).join(''));
		assert.match(answers[0], /"operation":"sendText"/);
		assert.match(answers[1], new RegExp(`"messageId":"${WAMID.replace(/[.]/g, '\\.')}"`));

		const received = await control.requests({ provider: 'kaleyra' });
		assert.deepEqual(
			received.map(({ method, path: p, body, status }) => ({ method, path: p, body, status })),
			[
				{
					method: 'POST',
					path: KALEYRA_PATH,
					body: { messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210', type: 'text', text: { preview_url: false, body: 'Your order ships today' } } },
					status: 202,
				},
				{ method: 'POST', path: KALEYRA_PATH, body: { messaging_object: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID } }, status: 200 },
			],
		);
	} finally {
		await client.close();
	}
});

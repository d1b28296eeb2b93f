'use strict';
// The conversation operations end to end in a real, pinned n8n: Mark as Read (with the typing indicator where the
// provider has one), Send Reaction, Send CTA URL and a quoted reply through each provider that documents them, in
// one `n8n execute` of one workflow (test/e2e/workflows/conversations.json), asserting the exact requests the
// provider sandbox received and the items n8n put out, and an item refused before sending under Continue On Fail.
//
// Environment: WA_BSP_N8N v2 (default) or v1; WA_BSP_INSTALL tarball (default) or link.

const assert = require('node:assert/strict');
const { after, before, beforeEach } = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { e2eSuite, sandboxControl } = require('./lib/sandbox-control');
const { sandboxCredentials } = require('./lib/fixtures');
const { importWorkflows, loadWorkflow } = require('./lib/workflows');
const { outputItems, assertSucceeded, assertNoSecrets } = require('./lib/runs');
const { createSandbox, DEFAULT_CREDENTIALS } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const { USER_AGENT } = require(`${REPO}/dist/nodes/shared/transport.js`);

const WAMID = 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggQjA0QTlFQzY2MzE5NTNBMTc4RDMxQ0RBMkQ4OEIyODEA';
const AUTH = {
	insider: ['x-ins-auth-key', DEFAULT_CREDENTIALS.insider.authKey],
	kaleyra: ['api-key', DEFAULT_CREDENTIALS.kaleyra.apiKey],
	gupshup: ['authorization', DEFAULT_CREDENTIALS.gupshup.appToken],
};
const PATHS = {
	insiderTyping: `/v1/${DEFAULT_CREDENTIALS.insider.phoneNumberId}/messages`,
	kaleyra: `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0]}/messages`,
	gupshupEvent: `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v1/event`,
	gupshupMessage: `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`,
};
const CTA = {
	type: 'cta_url',
	header: { type: 'text', text: 'Order #1234' },
	body: { text: 'Your order #1234 has shipped' },
	footer: { text: 'Shop Example' },
	action: { name: 'cta_url', parameters: { display_text: 'Track order', url: 'https://shop.example/track/1234' } },
};
const RECIPIENT = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210' };

let sandbox;
let n8n;
const control = sandboxControl(() => sandbox.url);
const { e2e, failed } = e2eSuite(`n8n ${VERSION} (${INSTALL})`, control);

before(
	async () => {
		sandbox = await createSandbox();
		n8n = await N8n.create({ version: VERSION, install: INSTALL });
		await n8n.importCredentials(sandboxCredentials(sandbox.url));
		await importWorkflows(n8n, [loadWorkflow('conversations')]);
	},
	{ timeout: 600_000 },
);

after(async () => {
	await n8n?.dispose({ failed: failed() });
	await sandbox?.close();
});

beforeEach(() => control.reset());

e2e('Mark as Read, reactions, CTA URL messages and quoted replies reach each provider as its pages document them', { timeout: 300_000 }, async () => {
	const run = await n8n.execute('waBspConversations', { timeoutMs: 240_000 });
	assertSucceeded(run);
	assertNoSecrets(run, Object.values(AUTH).map(([, secret]) => secret));

	const received = await control.requests();
	for (const request of received) {
		const [header, secret] = AUTH[request.provider];
		assert.equal(request.method, 'POST');
		assert.equal(request.headers[header], secret, `${header} of ${request.path}`);
		assert.equal(request.headers['user-agent'], USER_AGENT);
		assert.match(request.headers['content-type'] ?? '', /^application\/json\b/);
		assert.equal(request.status >= 200 && request.status < 300, true, `${request.path} answered ${request.status}`);
	}
	const sorted = (list) => list.map((entry) => JSON.stringify(entry)).sort();
	// The Insider item without the typing indicator was refused before sending: four requests per Kaleyra, three for
	// Gupshup, one for Insider.
	assert.deepEqual(
		sorted(received.map(({ provider, path, body }) => ({ provider, path, body }))),
		sorted([
			{ provider: 'insider', path: PATHS.insiderTyping, body: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } } },
			{ provider: 'kaleyra', path: PATHS.kaleyra, body: { messaging_object: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID }, extra_info: { ref: 'ticket-7' } } },
			{ provider: 'kaleyra', path: PATHS.kaleyra, body: { messaging_object: { ...RECIPIENT, type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' } } } },
			{ provider: 'kaleyra', path: PATHS.kaleyra, body: { messaging_object: { ...RECIPIENT, type: 'interactive', interactive: CTA } } },
			{
				provider: 'kaleyra',
				path: PATHS.kaleyra,
				body: { messaging_object: { ...RECIPIENT, type: 'text', text: { preview_url: false, body: 'It ships today' }, context: { message_id: WAMID } } },
			},
			{
				provider: 'gupshup',
				path: PATHS.gupshupEvent,
				body: { type: 'message-event', message: { messaging_product: 'whatsapp', status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } } },
			},
			{ provider: 'gupshup', path: PATHS.gupshupMessage, body: { ...RECIPIENT, type: 'reaction', reaction: { message_id: WAMID, emoji: '' } } },
			{ provider: 'gupshup', path: PATHS.gupshupMessage, body: { ...RECIPIENT, type: 'interactive', interactive: CTA } },
		]),
	);

	const only = (node) => {
		const items = outputItems(run, node);
		assert.equal(items.length, 1, node);
		assert.deepEqual(items[0].pairedItem, { item: 0 });
		return items[0].json;
	};
	assert.deepEqual(only('Insider Mark as Read'), { provider: 'insider', operation: 'markAsRead', to: null, messageId: WAMID, status: 'accepted', response: { success: true } });
	assert.deepEqual(only('Kaleyra Mark as Read'), {
		provider: 'kaleyra',
		operation: 'markAsRead',
		to: null,
		messageId: WAMID,
		status: 'accepted',
		response: { code: 'WA200', message: 'Request Processed Successfully', data: {}, error: {} },
	});
	assert.deepEqual(only('Gupshup Mark as Read'), { provider: 'gupshup', operation: 'markAsRead', to: null, messageId: WAMID, status: 'accepted', response: { status: 'success' } });
	for (const node of ['Kaleyra Send Reaction', 'Kaleyra Send CTA URL', 'Kaleyra Quoted Reply', 'Gupshup Send Reaction', 'Gupshup Send CTA URL']) {
		const json = only(node);
		assert.equal(json.status, 'accepted', node);
		assert.equal(json.to, '919876543210', node);
		assert.match(json.messageId, /\S/, node);
	}
	const refused = only('Insider Mark as Read without typing');
	assert.equal(
		refused.error.message,
		'Item 1: typing indicator is off; Insider marks a message as read only together with the typing indicator ("Send Typing Indicator for Conversational WhatsApp API"): turn Typing Indicator on',
	);
});

'use strict';
// The example workflows in examples/ are imported, as they are, into a real n8n with the package and the sandbox
// credentials, then run the way the demo (npm run demo) runs them: the campaign is executed, the CRM webhook and
// the bot get posted to, the burst example gets a burst, and every message's statuses reach the delivery-status logger through the sandbox's
// status callbacks.
//
//   WA_BSP_N8N=v2|v1 (default v2)   WA_BSP_INSTALL=tarball|link (default tarball)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const test = require('node:test');

const { N8n, nodeOutput } = require('./lib/n8n');
const { createSandbox } = require('../sandbox/server');
const {
	EXAMPLES,
	EXAMPLES_DIR,
	NODES,
	SAMPLE_CRM_EVENT,
	SAMPLE_CUSTOMER,
	SAMPLE_REFUND,
	callbackProvider,
	cartBurst,
	cartReminderRequests,
	importExamples,
	loadExample,
	postCrmEvent,
	postCartBurst,
	postToBot,
	postToAiBot,
	publishExamples,
	routeStatusesToLogger,
	runRefundApproval,
	examplePaths,
} = require('./lib/examples');
const { CALLBACK_SECRETS } = require('./lib/fixtures');
const { sandboxCall } = require('./lib/sandbox-control');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';

test('every file in examples/ is a workflow the demo and this test know, with the fixture credentials', () => {
	const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
	assert.deepEqual(files, Object.values(EXAMPLES).map((e) => e.file).sort());
	for (const key of Object.keys(EXAMPLES)) {
		const workflow = loadExample(key); // throws on unknown node types or credentials
		assert.equal(typeof workflow.name, 'string');
		assert.ok(workflow.nodes.length > 1);
		for (const [from, byType] of Object.entries(workflow.connections)) {
			assert.ok(workflow.nodes.some((n) => n.name === from), `${key}: connection from unknown node ${from}`);
			for (const to of Object.values(byType).flat(2)) assert.ok(workflow.nodes.some((n) => n.name === to.node), `${key}: connection to unknown node ${to.node}`);
		}
	}
	// Each trigger of ours has its own fixed webhook id, so that two examples never share a URL.
	const paths = examplePaths();
	const all = [paths.crm, paths.burst, paths.bot, paths.ai, ...Object.values(paths.logger), paths.refund, paths.refundTaps];
	assert.equal(new Set(all).size, all.length);
});

test('the status router tells the three providers\' callback formats apart', () => {
	const { buildCallbackBodies } = require('../sandbox/callbacks');
	const event = { kind: 'status', status: 'delivered', messageId: 'm1', recipient: '+14155550100' };
	for (const provider of ['insider', 'kaleyra', 'gupshup']) {
		for (const body of buildCallbackBodies(provider, [event])) assert.equal(callbackProvider(body), provider);
	}
	for (const body of buildCallbackBodies('gupshup', [event], { gupshupVersion: 2 })) assert.equal(callbackProvider(body), 'gupshup');
	assert.equal(callbackProvider({ hello: 'world' }), null);
});

test(`n8n ${VERSION} (${INSTALL}): the examples run against the sandbox, and every status reaches the logger`, { timeout: 420_000 }, async (t) => {
	const sandbox = await createSandbox({ port: 0 });
	t.after(() => sandbox.close());
	const n8n = await N8n.create({ version: VERSION, install: INSTALL, t });

	let started = Date.now();
	await importExamples(n8n, sandbox.url);
	t.diagnostic(`import credentials + 5 workflows: ${Date.now() - started} ms`);
	started = Date.now();
	await n8n.start();
	await publishExamples(n8n);
	t.diagnostic(`start + publish 4 trigger workflows: ${Date.now() - started} ms`);
	const router = await routeStatusesToLogger(n8n, sandbox.url);
	t.after(() => router.close());

	/** Messages the examples sent: provider and messageId. */
	const sent = [];

	await t.test('CRM webhook → Kaleyra Send Text, answered with the message id', async () => {
		const { status, json } = await postCrmEvent(n8n);
		assert.equal(status, 200, JSON.stringify(json));
		assert.equal(json.provider, 'kaleyra');
		assert.equal(json.status, 'accepted');
		assert.equal(json.to, '919876543210');
		// Besides the send, the node read the template list once, to check the send against the approved template.
		const [request] = (await sandboxCall(sandbox.url, 'GET', '/requests?provider=kaleyra')).filter((r) => r.method === 'POST');
		assert.equal(request.status, 202);
		assert.deepEqual(request.body.messaging_object.template, {
			name: 'order_update',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'text', text: `#${SAMPLE_CRM_EVENT.orderId}` }] },
				{ type: 'body', parameters: [{ type: 'text', text: SAMPLE_CRM_EVENT.name }, { type: 'text', text: 'shipped' }] },
				{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: SAMPLE_CRM_EVENT.orderId }] },
			],
		});
		assert.equal(json.messageId, request.responseBody.data.message_id);
		sent.push({ provider: 'kaleyra', messageId: json.messageId, ref: SAMPLE_CRM_EVENT.orderId });
	});

	await t.test('button-reply bot: a text gets the menu, a tap gets its answer (Gupshup)', async () => {
		const botId = EXAMPLES.bot.id;
		assert.equal(await postToBot(n8n, sandbox.url, { text: 'Hi' }), 200);
		const [first] = await n8n.waitForExecutions(botId, { count: 1, timeoutMs: 120_000 });
		assert.equal(first.status, 'success', JSON.stringify(first.data.resultData.error ?? null));
		const [menu] = nodeOutput(first, NODES.botMenu);
		assert.equal(menu.status, 'accepted');
		assert.equal(menu.to, SAMPLE_CUSTOMER.replace(/\D/g, ''));
		assert.equal(first.data.resultData.runData[NODES.botAnswer], undefined);

		assert.equal(await postToBot(n8n, sandbox.url, { id: 'track', title: 'Track my order' }), 200);
		const second = (await n8n.waitForExecutions(botId, { count: 2, timeoutMs: 120_000 }))[1];
		assert.equal(second.status, 'success', JSON.stringify(second.data.resultData.error ?? null));
		const [answer] = nodeOutput(second, NODES.botAnswer);
		assert.equal(answer.status, 'accepted');

		const requests = await sandboxCall(sandbox.url, 'GET', '/requests?provider=gupshup');
		assert.equal(requests.length, 2);
		assert.match(JSON.stringify(requests[0].body), /"type":"interactive".*Track my order.*Talk to a person/);
		assert.match(JSON.stringify(requests[1].body), /Your order is on its way/);
		sent.push({ provider: 'gupshup', messageId: menu.messageId }, { provider: 'gupshup', messageId: answer.messageId });
	});

	await t.test('AI support bot: the message is marked read and the agent answers through our node as a tool, quoting it (Kaleyra; the model is the sandbox\'s stand-in)', async () => {
		const messageId = 'wamid.ai-support-demo-1';
		const before = (await sandboxCall(sandbox.url, 'GET', '/requests?provider=kaleyra')).length;
		assert.equal(await postToAiBot(n8n, sandbox.url, { text: 'Where is my order?', messageId }), 200);
		const [execution] = await n8n.waitForExecutions(EXAMPLES.ai.id, { count: 1, timeoutMs: 120_000 });
		assert.equal(execution.status, 'success', JSON.stringify(execution.data.resultData.error ?? null));
		const requests = (await sandboxCall(sandbox.url, 'GET', '/requests?provider=kaleyra')).slice(before);
		assert.deepEqual(requests.map((r) => [r.method, r.status]), [['POST', 200], ['POST', 202]]);
		assert.deepEqual(requests[0].body, { messaging_object: { messaging_product: 'whatsapp', status: 'read', message_id: messageId } });
		const { messaging_object: reply } = requests[1].body;
		assert.deepEqual({ ...reply, text: undefined }, {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: SAMPLE_CUSTOMER.replace(/\D/g, ''),
			type: 'text',
			text: undefined,
			context: { message_id: messageId },
		});
		assert.match(reply.text.body, /^Thanks for your message \("Where is my order\?"\)\./);
		sent.push({ provider: 'kaleyra', messageId: requests[1].responseBody.data.message_id });
	});

	await t.test('refund approval: the manager is asked, taps, and the same execution goes on (Kaleyra, Send and Wait)', async () => {
		const { tapped } = await runRefundApproval(n8n, sandbox.url, { afterMs: 200 });
		assert.equal(tapped.title, 'Approve refund');
		const deadline = Date.now() + 60_000;
		let done;
		while (!done && Date.now() < deadline) {
			done = (await n8n.executions(EXAMPLES.refund.id)).find((e) => e.status === 'success');
			if (!done) await new Promise((resolve) => setTimeout(resolve, 300));
		}
		assert.ok(done, 'the refund execution ended');
		const [answer] = nodeOutput(done, NODES.refundAsk);
		assert.deepEqual(answer.data.choice, { id: 'approve', title: 'Approve refund' });
		assert.equal(answer.data.messageId, tapped.messageId);
		const [issued] = nodeOutput(done, 'Issue the refund');
		assert.deepEqual(issued, { result: 'refund issued', orderId: SAMPLE_REFUND.orderId, approvedBy: '+919845000001', at: issued.at });
		sent.push({ provider: 'kaleyra', messageId: tapped.messageId });
	});

	await t.test('campaign: every recipient of the list gets one Insider message', async () => {
		const run = await n8n.execute(EXAMPLES.campaign.id, { timeoutMs: 180_000 });
		assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error ?? null));
		const items = nodeOutput(run, NODES.campaignSend);
		assert.deepEqual(
			items.map((i) => [i.provider, i.to, i.status]),
			[
				['insider', '+905321234567', 'accepted'],
				['insider', '+4915123456789', 'accepted'],
				['insider', '+919876543210', 'accepted'],
			],
		);
		const requests = (await sandboxCall(sandbox.url, 'GET', '/requests?provider=insider')).filter((r) => r.method === 'POST');
		assert.equal(requests.length, 1, 'one batched request');
		assert.deepEqual(requests[0].body.messages[0].message.template, {
			name: 'spring_sale',
			language: { code: 'en_US', policy: 'deterministic' },
			components: [
				{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/spring-sale.png' } }] },
				{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }] },
				{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'optout-+90 532 123 45 67' }] },
				{ type: 'button', sub_type: 'copy_code', index: 1, parameters: [{ type: 'coupon_code', coupon_code: 'SPRING20' }] },
			],
		});
		for (const item of items) sent.push({ provider: 'insider', messageId: item.messageId });
	});

	await t.test('CRM burst → Insider Send Template: 20 executions at once, every message sent once, each key back to its execution', async () => {
		const events = cartBurst(20);
		assert.deepEqual(await postCartBurst(n8n, events), events.map(() => 200));
		const executions = await n8n.waitForExecutions(EXAMPLES.burst.id, { count: events.length, timeoutMs: 180_000 });
		const requests = await cartReminderRequests(sandbox.url);
		t.diagnostic(`${events.length} events, ${requests.length} Insider requests of ${requests.map((r) => r.body.messages.length).join(', ')} messages`);
		// Where each message went: its request and its place there (Insider answers one key per message, in order).
		const sentAt = new Map();
		for (const request of requests) {
			assert.equal(request.status, 200);
			request.body.messages.forEach(({ phoneNumber, message }, index) => {
				assert.ok(!sentAt.has(phoneNumber), `${phoneNumber} sent once`);
				sentAt.set(phoneNumber, request.responseBody.keys[index]);
				assert.deepEqual(message, { type: 'template', template: { name: 'welcome_back', language: { code: 'en_US', policy: 'deterministic' } } });
			});
		}
		assert.deepEqual([...sentAt.keys()].sort(), events.map((e) => e.phone.replace(/ /g, '')).sort());
		for (const execution of executions) {
			assert.equal(execution.status, 'success', JSON.stringify(execution.data.resultData.error ?? null));
			const [item] = nodeOutput(execution, NODES.burstSend);
			assert.equal(item.to, execution.data.resultData.runData[NODES.burstWebhook][0].data.main[0][0].json.body.phone.replace(/ /g, ''));
			assert.equal(item.status, 'accepted');
			assert.equal(item.messageId, sentAt.get(item.to), `${item.to}: its own key`);
			sent.push({ provider: 'insider', messageId: item.messageId });
		}
	});

	await t.test('delivery-status logger: sent, delivered and read of every message, through each provider\'s trigger', async () => {
		const expected = sent.flatMap((m) => ['sent', 'delivered', 'read'].map((status) => `${m.provider} ${m.messageId} ${status}`)).sort();
		const executions = await n8n.waitForExecutions(EXAMPLES.logger.id, { count: expected.length, timeoutMs: 180_000 });
		const logged = [];
		for (const execution of executions) {
			assert.equal(execution.status, 'success', JSON.stringify(execution.data.resultData.error ?? null));
			for (const line of nodeOutput(execution, NODES.statusLog)) {
				const trigger = NODES.loggerTriggers[line.provider];
				assert.ok(execution.data.resultData.runData[trigger], `${line.provider}'s status came through "${trigger}"`);
				assert.equal(line.error, '');
				assert.ok(!Number.isNaN(Date.parse(line.at)), `timestamp ${line.at}`);
				logged.push(`${line.provider} ${line.messageId} ${line.status}`);
			}
			assert.equal(execution.data.resultData.runData['Failed: alert someone'], undefined);
		}
		assert.deepEqual(logged.sort(), expected);
		const kaleyra = sent.find((m) => m.provider === 'kaleyra');
		const kaleyraLines = executions.flatMap((e) => nodeOutput(e, NODES.statusLog)).filter((l) => l.messageId === kaleyra.messageId);
		assert.ok(kaleyraLines.every((l) => l.ref === kaleyra.ref), 'Kaleyra\'s ref (the order id) comes back with its statuses');
		assert.ok(router.forwarded.every((f) => f.status === 200), JSON.stringify(router.forwarded.filter((f) => f.status !== 200)));
		const stats = await sandboxCall(sandbox.url, 'GET', '/stats');
		for (const provider of ['insider', 'kaleyra', 'gupshup']) assert.equal(stats[provider].callbacks.failed, 0, provider);
	});

	await t.test('delivery-status logger: a failed status takes the "Failed?" branch with its error', async () => {
		const before = (await n8n.executions(EXAMPLES.logger.id)).length;
		const { sent: posted } = await sandboxCall(sandbox.url, 'POST', '/callbacks', {
			provider: 'kaleyra',
			url: n8n.webhookUrl(examplePaths().logger.kaleyra),
			headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
			events: [{ kind: 'status', status: 'failed', messageId: 'demo-failed-1', recipient: '+14155550100', error: { code: 131026, message: 'Message undeliverable' } }],
		});
		assert.equal(posted[0].status, 200);
		const execution = (await n8n.waitForExecutions(EXAMPLES.logger.id, { count: before + 1, timeoutMs: 120_000 }))[before];
		const [alert] = nodeOutput(execution, 'Failed: alert someone');
		assert.equal(alert.status, 'failed');
		assert.equal(alert.error, '131026: Message undeliverable');
	});

	// Gupshup's template-event (https://partner-docs.gupshup.io/docs/system-events), as the sandbox posts it.
	await t.test('delivery-status logger: a paused template takes the "Template status?" branch with the reason', async () => {
		const before = (await n8n.executions(EXAMPLES.logger.id)).length;
		const reason = 'Your WhatsApp message template has been paused for 3 hours because it had issues.';
		const { sent: posted } = await sandboxCall(sandbox.url, 'POST', '/callbacks', {
			provider: 'gupshup',
			url: n8n.webhookUrl(examplePaths().logger.gupshup),
			headers: { authorization: `Bearer ${CALLBACK_SECRETS.token}` },
			events: [{ kind: 'template', status: 'paused', name: 'flash_deal', reason }],
		});
		assert.equal(posted[0].status, 200);
		const execution = (await n8n.waitForExecutions(EXAMPLES.logger.id, { count: before + 1, timeoutMs: 120_000 }))[before];
		assert.equal(execution.status, 'success');
		assert.deepEqual(nodeOutput(execution, NODES.templateChanged), [
			{ at: new Date(posted[0].body.timestamp).toISOString(), provider: 'gupshup', template: 'flash_deal (en_US)', status: 'paused', reason },
		]);
		assert.equal(execution.data.resultData.runData[NODES.statusLog], undefined);
	});
});

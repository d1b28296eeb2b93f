'use strict';
// Drives n8n's editor in headless Chromium (Debian's package, through playwright-core): the three action nodes and
// the trigger are listed in the node panel with their icons, and each node's parameters render. Saves screenshots:
// into docs/screenshots/ (shown by the README) on n8n 2.x, into test/e2e/.artifacts/screenshots-<v>/ otherwise.
//
//   WA_BSP_N8N=v2|v1 (default v2)   WA_BSP_INSTALL=tarball|link (default tarball)
//   Needs /usr/bin/chromium (apt-get install -y chromium; scripts/system-deps.sh (called by npm test) installs it). Never `npx playwright install`.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { NODE_TYPES, credentialRef, sandboxCredentials } = require('./lib/fixtures');
const { EXAMPLES, NODES, loadExample } = require('./lib/examples');
const { createSandbox } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const CHROMIUM = process.env.WA_BSP_CHROMIUM || '/usr/bin/chromium';
const SHOTS = VERSION === 'v2' ? path.join(REPO, 'docs/screenshots') : path.join(REPO, `test/e2e/.artifacts/screenshots-${VERSION}`);
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
// Generous: the machine is shared with other n8n instances and benchmarks.
const UI_TIMEOUT_MS = 90_000;
const PUBLIC_URL = 'https://n8n.example.com/';

/** Our four nodes as the node panel lists them. n8n drops " Trigger" from a trigger's name there. */
const PANEL = [
	{ type: NODE_TYPES.trigger, name: /^WhatsApp BSP( Trigger)?$/, icon: 'trigger.svg' },
	{ type: NODE_TYPES.insider, name: /^Insider WhatsApp$/, icon: 'insider.svg' },
	{ type: NODE_TYPES.kaleyra, name: /^Kaleyra WhatsApp$/, icon: 'kaleyra.svg' },
	{ type: NODE_TYPES.gupshup, name: /^Gupshup WhatsApp$/, icon: 'gupshup.svg' },
];

/** One workflow with each node, filled in the way the README's examples are. Fixed ids: the screenshots stay the same. */
const TOUR = {
	id: 'waBspEditorTour1',
	name: 'Editor tour',
	nodes: [
		{
			id: '3f0c2a51-6d1e-4c43-9b0a-7a1f00000001',
			name: 'WhatsApp BSP Trigger',
			type: NODE_TYPES.trigger,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '3f0c2a51-6d1e-4c43-9b0a-7a1f0000000a',
			parameters: { provider: 'kaleyra', events: ['sent', 'delivered', 'read', 'failed', 'message'], authentication: 'basicAuth' },
			credentials: credentialRef('basic'),
		},
		{
			id: '3f0c2a51-6d1e-4c43-9b0a-7a1f00000002',
			name: 'Insider WhatsApp',
			type: NODE_TYPES.insider,
			typeVersion: 1,
			position: [300, -200],
			parameters: { resource: 'message', operation: 'sendText', to: '+90 532 123 45 67', text: 'Your order #1234 has shipped', options: {} },
			credentials: credentialRef('insider'),
		},
		{
			id: '3f0c2a51-6d1e-4c43-9b0a-7a1f00000003',
			name: 'Kaleyra WhatsApp',
			type: NODE_TYPES.kaleyra,
			typeVersion: 1,
			position: [300, 0],
			parameters: {
				resource: 'message',
				operation: 'sendButtons',
				to: '+91 98765 43210',
				bodyText: 'Is Tuesday 10:00 fine?',
				buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
				headerType: 'text',
				headerText: 'Your appointment',
				footerText: 'Tap a button to answer',
				options: {},
			},
			credentials: credentialRef('kaleyra'),
		},
		{
			id: '3f0c2a51-6d1e-4c43-9b0a-7a1f00000004',
			name: 'Gupshup WhatsApp',
			type: NODE_TYPES.gupshup,
			typeVersion: 1,
			position: [300, 200],
			parameters: {
				resource: 'message',
				operation: 'sendImage',
				to: '+44 7700 900123',
				imageSource: 'url',
				imageUrl: 'https://cdn.example.com/offer.png',
				caption: '20% off today',
				options: {},
			},
			credentials: credentialRef('gupshup'),
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/**
 * What each node's parameters must show: parameter names (data-test-id parameter-input-<name>; the first is waited
 * for), field values, and texts.
 */
const NDV_CHECKS = [
	{ node: 'Kaleyra WhatsApp', shot: 'kaleyra-whatsapp.png', params: ['to', 'bodyText', 'id', 'title', 'headerType', 'headerText', 'footerText'], values: { to: '+91 98765 43210', headerText: 'Your appointment' }, text: ['Send Buttons', 'Buttons', 'Kaleyra (sandbox)'] },
	{ node: 'Insider WhatsApp', shot: 'insider-whatsapp.png', params: ['to', 'text'], values: { to: '+90 532 123 45 67' }, text: ['Send Text', 'Insider One (sandbox)'] },
	{ node: 'Gupshup WhatsApp', shot: 'gupshup-whatsapp.png', params: ['to', 'imageSource', 'imageUrl', 'caption'], values: { imageUrl: 'https://cdn.example.com/offer.png' }, text: ['Send Image', 'Gupshup (sandbox)'] },
	{ node: 'WhatsApp BSP Trigger', shot: 'whatsapp-bsp-trigger.png', params: ['events', 'authentication', 'provider'], values: {}, text: ['Kaleyra', 'Basic Auth', 'callback profile'] },
];

function launchOptions() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/system-deps.sh does this)`);
	return { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS };
}

test(`n8n ${VERSION} (${INSTALL}) editor: node panel, icons, parameters; screenshots`, { timeout: 420_000 }, async (t) => {
	const { chromium, selectors } = require('playwright-core');
	selectors.setTestIdAttribute('data-test-id');
	fs.mkdirSync(SHOTS, { recursive: true });

	// The campaign example runs from the editor against it.
	const sandbox = await createSandbox({ port: 0 });
	t.after(() => sandbox.close());
	// The trigger shows its Production URL as a public instance would (nothing calls it here).
	const n8n = await N8n.create({ version: VERSION, install: INSTALL, t, env: { WEBHOOK_URL: PUBLIC_URL } });
	let started = Date.now();
	await n8n.importCredentials(sandboxCredentials(sandbox.url));
	const workflows = path.join(n8n.userFolder, `editor-${crypto.randomUUID()}.json`);
	fs.writeFileSync(workflows, JSON.stringify([TOUR, loadExample('bot'), loadExample('campaign')].map((w) => ({ active: false, ...w }))));
	await n8n.cli(['import:workflow', `--input=${workflows}`]);
	await n8n.start();
	const cookie = await n8n.ownerLogin();
	t.diagnostic(`n8n set-up and start: ${Date.now() - started} ms`);

	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-chromium-'));
	let context;
	t.after(async () => {
		// The browser first: it writes into its folder until it is closed.
		if (context) await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	});
	context = await chromium.launchPersistentContext(userDataDir, { ...launchOptions(), viewport: { width: 1440, height: 900 } });
	const [name, value] = cookie.split(/=(.*)/s);
	await context.addCookies([{ name, value, url: n8n.baseUrl }]);
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(UI_TIMEOUT_MS);
	const pageErrors = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	t.after(() => {
		if (pageErrors.length) t.diagnostic(`errors in the page: ${pageErrors.slice(0, 10).join(' | ')}`);
	});

	await t.test('the node panel lists the three nodes and the trigger, with their icons', async () => {
		started = Date.now();
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await page.getByTestId('node-creator-plus-button').first().click();
		const search = page.getByTestId('node-creator-search-bar');
		await search.waitFor();
		await search.pressSequentially('WhatsApp', { delay: 50 });
		const names = page.getByTestId('node-creator-item-name');
		await page.waitForFunction(
			(wanted) => {
				const shown = [...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].map((e) => e.textContent.trim());
				return wanted.every((w) => shown.some((s) => new RegExp(w).test(s)));
			},
			PANEL.map((p) => p.name.source),
			{ timeout: UI_TIMEOUT_MS },
		);
		// Each item's icon: the <img> next to its name, loaded (a decoded image has a natural size).
		const items = await names.evaluateAll((spans) =>
			spans.map((span) => {
				const item = span.closest('[data-test-id^="node-creator-"][data-test-id$="-item"]') ?? span.parentElement.parentElement.parentElement;
				const img = item.querySelector('img');
				return {
					name: span.textContent.trim(),
					icon: img ? { src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth, height: img.naturalHeight } : null,
				};
			}),
		);
		for (const expected of PANEL) {
			const item = items.find((i) => expected.name.test(i.name));
			assert.ok(item, `${expected.name} is listed: ${items.map((i) => i.name).join(', ')}`);
			assert.ok(item.icon, `${item.name} has an <img> icon`);
			assert.ok(item.icon.src.endsWith(`/${expected.icon}`), `${item.name}'s icon is ${expected.icon}: ${item.icon.src}`);
			await page.waitForFunction((src) => [...document.images].some((img) => img.getAttribute('src') === src && img.complete && img.naturalWidth > 0), item.icon.src, {
				timeout: UI_TIMEOUT_MS,
			});
			const res = await fetch(new URL(item.icon.src, n8n.baseUrl), { headers: { cookie } });
			assert.equal(res.status, 200, `${item.icon.src} answers 200`);
			assert.match(res.headers.get('content-type') ?? '', /svg/);
			assert.match(await res.text(), /<svg/);
		}
		await page.mouse.move(0, 0);
		await page.screenshot({ path: path.join(SHOTS, 'node-panel.png') });
		t.diagnostic(`node panel checked in ${Date.now() - started} ms`);
	});

	await t.test('each node\'s parameters render', async () => {
		await page.setViewportSize({ width: 1440, height: 1700 });
		await page.goto(`${n8n.baseUrl}/workflow/${TOUR.id}`);
		for (const check of NDV_CHECKS) {
			started = Date.now();
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${check.node}"]`);
			await node.dblclick();
			const ndv = page.getByTestId('ndv');
			const parameters = ndv.getByTestId('node-parameters');
			await parameters.waitFor();
			// The list renders in one pass: once its first parameter is there, every other one that renders is too.
			await parameters.getByTestId(`parameter-input-${check.params[0]}`).first().waitFor({ state: 'visible' });
			for (const param of check.params.slice(1)) {
				assert.ok(await parameters.getByTestId(`parameter-input-${param}`).first().isVisible(), `${check.node}: parameter "${param}" is shown`);
			}
			for (const [param, wanted] of Object.entries(check.values)) {
				const input = parameters.getByTestId(`parameter-input-${param}`).first().locator('input, textarea').first();
				assert.equal(await input.inputValue(), wanted, `${check.node}: ${param}`);
			}
			// What the dialog shows: its text and the values in its fields (a select shows its choice in an <input>).
			const shown = await ndv.evaluate((el) =>
				[el.innerText, ...[...el.querySelectorAll('input, textarea')].map((i) => i.value)].join('\n').toLowerCase(),
			);
			for (const text of check.text) assert.ok(shown.includes(text.toLowerCase()), `${check.node} shows "${text}"`);
			if (check.node === 'WhatsApp BSP Trigger') {
				// The URL that goes into the provider's console.
				await ndv.getByText('Webhook URLs', { exact: true }).click();
				await ndv.getByText('Production URL', { exact: true }).click();
				const url = `${PUBLIC_URL}webhook/${TOUR.nodes[0].webhookId}/callback`;
				await page.waitForFunction((u) => document.querySelector('[data-test-id="ndv"]').innerText.includes(u), url, { timeout: UI_TIMEOUT_MS });
			}
			await page.mouse.move(0, 0);
			// The parameters column (the node's own part of the dialog: its input and output panels are empty here),
			// down to its last parameter.
			const clip = await parameters.evaluate((el) => {
				const column = el.parentElement.getBoundingClientRect();
				const leaves = [...el.querySelectorAll('*')].filter(
					(e) => e.children.length === 0 && e.getBoundingClientRect().height > 0 && !e.closest('[data-test-id="node-feature-request"]'),
				);
				const bottom = Math.max(...leaves.map((e) => e.getBoundingClientRect().bottom));
				return { x: column.x, y: column.y, width: column.width, height: Math.min(column.height, bottom - column.y + 20) };
			});
			await page.waitForTimeout(500); // lets hover styles fade out: a picture matter, nothing is asserted after it
			await page.screenshot({ path: path.join(SHOTS, check.shot), clip });
			// An open popover (n8n 1.x: the webhook URLs) takes the first Escape; the dialog closes on the next.
			for (let tries = 0; tries < 3 && (await ndv.isVisible()); tries++) {
				await page.keyboard.press('Escape');
				await ndv.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
			}
			// n8n 1.x keeps the trigger's dialog open on Escape: its "Back to canvas" button closes it.
			const back = page.getByTestId('back-to-canvas');
			if ((await ndv.isVisible()) && (await back.isVisible())) await back.click();
			await ndv.waitFor({ state: 'hidden' });
			t.diagnostic(`${check.node}: parameters checked in ${Date.now() - started} ms`);
		}
	});

	await t.test('an example workflow on the canvas', async () => {
		await page.setViewportSize({ width: 1440, height: 760 });
		await page.goto(`${n8n.baseUrl}/workflow/${EXAMPLES.bot.id}`);
		const nodes = page.locator('[data-test-id="canvas-node"]:not([data-node-type="n8n-nodes-base.stickyNote"])');
		await nodes.first().waitFor();
		assert.equal(await nodes.count(), loadExample('bot').nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length);
		// Every node of ours has its icon on the canvas.
		await page.waitForFunction(
			() => {
				const ours = [...document.querySelectorAll('[data-test-id="canvas-node"][data-node-type^="n8n-nodes-whatsapp-bsp."]')];
				return ours.length > 0 && ours.every((n) => [...n.querySelectorAll('img')].some((img) => img.complete && img.naturalWidth > 0));
			},
			null,
			{ timeout: UI_TIMEOUT_MS },
		);
		await page.mouse.move(0, 0);
		await page.screenshot({ path: path.join(SHOTS, 'example-button-reply-bot.png') });
	});

	await t.test('the campaign example runs from the editor ("Execute workflow")', async () => {
		await page.goto(`${n8n.baseUrl}/workflow/${EXAMPLES.campaign.id}`);
		await page.getByTestId('execute-workflow-button').click();
		// The sandbox gets one Insider request for the three recipients …
		const deadline = Date.now() + UI_TIMEOUT_MS;
		let request;
		// The send, not the template list the node reads first to check the template.
		while (!(request = sandbox.state.recorder.list({ provider: 'insider' }).find((r) => r.method === 'POST' && r.status !== null))) {
			if (Date.now() > deadline) throw new Error(`no Insider request reached the sandbox within ${UI_TIMEOUT_MS} ms`);
			await page.waitForTimeout(250);
		}
		assert.equal(request.status, 200);
		assert.equal(request.body.messages.length, 3);
		// … and the canvas shows three items going into the send node and three coming out of it.
		await page.waitForFunction(() => document.querySelector('[data-test-id="canvas-wrapper"]').innerText.split('3 items').length > 2, null, {
			timeout: UI_TIMEOUT_MS,
		});
		await page.mouse.move(0, 0);
		await page.screenshot({ path: path.join(SHOTS, 'example-campaign-run.png') });
	});
});

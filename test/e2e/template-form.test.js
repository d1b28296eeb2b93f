'use strict';
// The template's own form in n8n's editor (headless Chromium through playwright-core, as editor.test.js): for a
// template with positional variables, one with named variables and a carousel, the Send Template node (version 1.1)
// loads the picked template's fields from the provider's list through n8n's resource-mapper endpoint and shows each
// by its id, what it is and the template's example. Saves the README's screenshots of the named and the carousel
// form (docs/screenshots/ on n8n 2.x, test/e2e/.artifacts/screenshots-<v>/ otherwise).
//
//   WA_BSP_N8N=v2|v1 (default v2)   WA_BSP_INSTALL=tarball|link (default tarball)   needs /usr/bin/chromium

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const { N8n, REPO } = require('./lib/n8n');
const { NODE_TYPES, credentialRef, sandboxCredentials } = require('./lib/fixtures');
const { createSandbox } = require('../sandbox/server');

const VERSION = process.env.WA_BSP_N8N || 'v2';
const INSTALL = process.env.WA_BSP_INSTALL || 'tarball';
const CHROMIUM = process.env.WA_BSP_CHROMIUM || '/usr/bin/chromium';
const SHOTS = VERSION === 'v2' ? path.join(REPO, 'docs/screenshots') : path.join(REPO, `test/e2e/.artifacts/screenshots-${VERSION}`);
const UI_TIMEOUT_MS = 90_000;

/** A Send Template node of version 1.1 for `template`, its form not loaded yet (as right after picking the template). */
function formNode(index, name, template, value = null) {
	return {
		id: `5b1d7c20-0c4e-4a7e-8f00-00000000000${index}`,
		name,
		type: NODE_TYPES.insider,
		typeVersion: 1.1,
		position: [300 * index, 0],
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			to: '={{ $json.phone }}',
			templateName: template,
			templateLanguage: 'en_US',
			templateValues: 'fields',
			templateFields: { mappingMode: 'defineBelow', value },
			options: {},
		},
		credentials: credentialRef('insider'),
	};
}

const WORKFLOW = {
	id: 'waBspTemplateForm',
	name: 'Campaigns as a form',
	nodes: [
		formNode(1, 'Order Update', 'order_update'),
		formNode(2, 'Appointment Reminder', 'appointment_named', { customer_name: '={{ $json.name }}', date: '={{ $json.slot }}' }),
		formNode(3, 'Holiday Carousel', 'holiday_carousel'),
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/** The fields each form shows, in order (the labels of templateFields' schema: id, what it is, the example). */
const FORMS = [
	{
		node: 'Order Update',
		labels: ['header: header variable (e.g. #1234)', '1 (e.g. Ana)', '2 (e.g. shipped)', 'button_0: URL suffix (e.g. 1234)'],
	},
	{
		node: 'Appointment Reminder',
		labels: ['customer_name (e.g. Ana)', 'date (e.g. 3 May, 10:00)'],
		shot: 'template-form-named.png',
	},
	{
		node: 'Holiday Carousel',
		labels: [
			'1 (e.g. Ana)',
			'card_0_header: image link (e.g. https://cdn.example.com/rome.png)',
			'card_0_1 (e.g. Rome)',
			'card_0_2 (e.g. €299)',
			'card_0_button_0: quick-reply payload',
			'card_0_button_1: URL suffix (e.g. rome)',
			'card_1_header: image link (e.g. https://cdn.example.com/lisbon.png)',
			'card_1_1 (e.g. Lisbon)',
			'card_1_2 (e.g. €299)',
			'card_1_button_0: quick-reply payload',
			'card_1_button_1: URL suffix (e.g. lisbon)',
		],
		shot: 'template-form-carousel.png',
	},
];

test(`n8n ${VERSION} (${INSTALL}) editor: the template's own fields load for a positional, a named and a carousel template`, { timeout: 420_000 }, async (t) => {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/system-deps.sh does this)`);
	const { chromium, selectors } = require('playwright-core');
	selectors.setTestIdAttribute('data-test-id');
	fs.mkdirSync(SHOTS, { recursive: true });

	const sandbox = await createSandbox({ port: 0 });
	t.after(() => sandbox.close());
	const n8n = await N8n.create({ version: VERSION, install: INSTALL, t });
	await n8n.importCredentials(sandboxCredentials(sandbox.url));
	const file = path.join(n8n.userFolder, `template-form-${crypto.randomUUID()}.json`);
	fs.writeFileSync(file, JSON.stringify([{ active: false, ...WORKFLOW }]));
	await n8n.cli(['import:workflow', `--input=${file}`]);
	await n8n.start();
	const cookie = await n8n.ownerLogin();

	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-chromium-'));
	let context;
	t.after(async () => {
		if (context) await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	});
	context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1440, height: 2000 },
	});
	const [name, value] = cookie.split(/=(.*)/s);
	await context.addCookies([{ name, value, url: n8n.baseUrl }]);
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(UI_TIMEOUT_MS);

	await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW.id}`);
	for (const form of FORMS) {
		const started = Date.now();
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${form.node}"]`).dblclick();
		const ndv = page.getByTestId('ndv');
		const fields = ndv.getByTestId('mapping-fields-container');
		await fields.waitFor();
		// The fields arrive from the node's getTemplateFields (Insider's template list, read through n8n).
		await page.waitForFunction(
			(last) => document.querySelector('[data-test-id="mapping-fields-container"]')?.innerText.includes(last),
			form.labels[form.labels.length - 1],
			{ timeout: UI_TIMEOUT_MS },
		);
		const shown = await fields.innerText();
		const positions = form.labels.map((label) => shown.indexOf(label));
		assert.ok(positions.every((at) => at >= 0), `${form.node}: every field is shown: ${JSON.stringify(shown)}`);
		assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${form.node}: in the template's order`);
		const requests = sandbox.state.recorder.list({ provider: 'insider' }).filter((r) => r.method === 'GET');
		assert.ok(requests.some((r) => r.path === '/api/v1/templates' || r.path.startsWith('/api/v1/templates?')), 'the form came from Insider\'s template list');
		if (form.shot) {
			await page.mouse.move(0, 0);
			const parameters = ndv.getByTestId('node-parameters');
			const clip = await parameters.evaluate((el) => {
				const column = el.parentElement.getBoundingClientRect();
				const leaves = [...el.querySelectorAll('*')].filter((e) => e.children.length === 0 && e.getBoundingClientRect().height > 0 && !e.closest('[data-test-id="node-feature-request"]'));
				const bottom = Math.max(...leaves.map((e) => e.getBoundingClientRect().bottom));
				return { x: column.x, y: column.y, width: column.width, height: Math.min(column.height, bottom - column.y + 20) };
			});
			await page.waitForTimeout(500); // lets hover styles fade: a picture matter, nothing is asserted after it
			await page.screenshot({ path: path.join(SHOTS, form.shot), clip });
		}
		for (let tries = 0; tries < 3 && (await ndv.isVisible()); tries++) {
			await page.keyboard.press('Escape');
			await ndv.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
		}
		t.diagnostic(`${form.node}: form loaded and checked in ${Date.now() - started} ms`);
	}
});

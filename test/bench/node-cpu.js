'use strict';
// Measures the CPU our node code spends per item, apart from n8n and the network: the built node's execute()
// runs with a context whose parameters are plain values and whose HTTP helper answers at once, as the provider
// would. Usage: node test/bench/node-cpu.js [items] [package dir]   (after npm run build; the package dir is this
// repository unless given, as run.js --package-dir gives it)
//
// Send Template (Insider, payment_due en_US, three body values of its own per item) runs three ways: with its
// check (the helper answers the template list, GET /api/v1/templates, as the sandbox does), with the list
// answering 429 (the check is then skipped), and the check alone (reading the list once and checking every
// prepared message against the template's definition, nothing else). The Insider rows, a second or two each, run
// in ROUNDS interleaved rounds and the table gives each one's median round, so that the check's cost, a difference
// of two rows, is not one round's noise; Kaleyra and Gupshup (one request a message, about 12 s each) run once.

const path = require('node:path');

const dist = path.resolve(process.argv[3] ?? path.join(__dirname, '../..'), 'dist/nodes');
const { InsiderWhatsApp } = require(`${dist}/InsiderWhatsApp/InsiderWhatsApp.node.js`);
const { KaleyraWhatsApp } = require(`${dist}/KaleyraWhatsApp/KaleyraWhatsApp.node.js`);
const { GupshupWhatsApp } = require(`${dist}/GupshupWhatsApp/GupshupWhatsApp.node.js`);
const { insider } = require(`${dist}/providers/insider/adapter.js`);
const { buildMessage, verifyMessages } = require(`${dist}/shared/operations/index.js`);
const { executionRecords } = require(`${dist}/shared/catalogue.js`);

// The sandbox's own template list: its catalogue (test/sandbox/templates.js) as Insider's list endpoint renders it.
const { createInsider } = require('../sandbox/providers/insider');
const { createCatalogue } = require('../sandbox/templates');

const ITEMS = Number(process.argv[2] ?? 100_000);
const ROUNDS = 5;

const credentials = {
	insider: { authKey: 'INS.bench', baseUrl: 'http://127.0.0.1:9' },
	kaleyra: { sid: 'HXBENCH', apiKey: 'bench', region: 'custom', baseUrl: 'http://127.0.0.1:9', businessNumber: '+919000000001' },
	gupshup: { appId: 'bench-app', appToken: 'bench', baseUrl: 'http://127.0.0.1:9' },
};

const insiderSandbox = createInsider({ credentials: credentials.insider, newId: () => 'x', catalogue: createCatalogue() });

/** GET /api/v1/templates as the sandbox answers it; `listStatus` 429: as a provider limiting its list answers. */
function insiderList(request, listStatus) {
	if (listStatus === 429) return { statusCode: 429, headers: {}, body: { message: 'rate limited' } };
	const query = new URLSearchParams(Object.entries(request.qs ?? {}).map(([k, v]) => [k, String(v)]));
	const answer = insiderSandbox.handle({
		route: 'templates',
		headers: { 'user-agent': 'bench', 'x-ins-auth-key': credentials.insider.authKey },
		query,
	});
	return { statusCode: answer.status, headers: {}, body: answer.body };
}

const answers = {
	insider: (request) => ({ keys: request.body.messages.map((_, index) => `whatsapp-${index}`) }),
	kaleyra: () => ({ code: 'WA202', message: 'Request Accepted', data: { message_id: 'kal-1' }, error: {} }),
	gupshup: (request) => ({ messages: [{ id: 'gs-1' }], messaging_product: 'whatsapp', contacts: [{ input: request.body.to, wa_id: request.body.to }] }),
};

/** payment_due's three body variables, {{1}} name, {{2}} amount, {{3}} due date: different for every item. */
const templateValues = (itemIndex) => [
	{ text: `Customer ${itemIndex}` },
	{ text: `€${10 + (itemIndex % 990)}.${String(itemIndex % 100).padStart(2, '0')}` },
	{ text: `${1 + (itemIndex % 28)} June 2027` },
];

function context(provider, operation, { listStatus = 200 } = {}) {
	const items = Array.from({ length: ITEMS }, (_, index) => ({ json: { index } }));
	const parameters = {
		operation,
		to: '',
		text: '',
		bodyText: 'Pick one',
		buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
		headerType: 'none',
		footerText: '',
		templateName: 'payment_due',
		templateLanguage: 'en_US',
		'buttonParameters.parameter': [],
		options: { requestsPerSecond: 10_000, concurrency: 50, batchSize: 1000 },
	};
	const calls = { list: 0, send: 0 };
	const ctx = {
		calls,
		getInputData: () => items,
		getNode: () => ({ name: 'bench', type: 'bench', typeVersion: 1, position: [0, 0], parameters: {} }),
		continueOnFail: () => false,
		getCredentials: async () => credentials[provider],
		getExecutionCancelSignal: () => undefined,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		getNodeParameter(name, itemIndex, fallback) {
			if (name === 'to') return `+1 415 555 ${String(itemIndex % 10000).padStart(4, '0')}`;
			if (name === 'text') return `Campaign message ${itemIndex}`;
			if (name === 'buttons.button') return parameters.buttons.button;
			if (name === 'bodyParameters.parameter') return templateValues(itemIndex);
			return parameters[name] ?? fallback;
		},
		helpers: {
			httpRequestWithAuthentication: async (_type, request) => {
				if (request.method === 'GET') {
					calls.list++;
					return insiderList(request, listStatus);
				}
				calls.send++;
				return { statusCode: 200, headers: {}, body: answers[provider](request) };
			},
		},
	};
	return ctx;
}

const cpuMicros = (cpu) => cpu.user + cpu.system;

function row(label, cpu, wallMs) {
	return { label, items: ITEMS, cpuUs: cpuMicros(cpu), wallMs };
}

/** The round with the median CPU time of the same row's rounds, and the least and most of them. */
function median(runs) {
	const sorted = [...runs].sort((a, b) => a.cpuUs - b.cpuUs);
	return { ...sorted[Math.floor((sorted.length - 1) / 2)], rounds: runs.length, minUs: sorted[0].cpuUs, maxUs: sorted[sorted.length - 1].cpuUs };
}

async function measure(label, node, provider, operation, { listStatus, listReads = 0 } = {}) {
	const ctx = context(provider, operation, { listStatus });
	const start = process.cpuUsage();
	const wallStart = process.hrtime.bigint();
	const [output] = await node.execute.call(ctx);
	const cpu = process.cpuUsage(start);
	const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
	if (output.length !== ITEMS || output.some((item) => item.json.status !== 'accepted')) throw new Error(`${label}: wrong output`);
	if (ctx.calls.list !== listReads) throw new Error(`${label}: ${ctx.calls.list} template-list reads, expected ${listReads}`);
	return row(label, cpu, wallMs);
}

/**
 * Send Template's check by itself: the messages are prepared first (not measured), then verifyMessages reads the
 * list once through executionRecords and checks every message against payment_due's definition.
 */
async function measureCheck(label) {
	const ctx = context('insider', 'sendTemplate');
	const prepared = [];
	for (let itemIndex = 0; itemIndex < ITEMS; itemIndex++) {
		const built = buildMessage('sendTemplate', {
			text: (name) => String(ctx.getNodeParameter(name, itemIndex, '') ?? ''),
			value: (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
		});
		if (!built.message) throw new Error(`${label}: item ${itemIndex}: ${JSON.stringify(built.problems)}`);
		prepared.push({ itemIndex, ...built.message, route: 'transactional', settings: {} });
	}
	const start = process.cpuUsage();
	const wallStart = process.hrtime.bigint();
	const problems = await verifyMessages(prepared, executionRecords(ctx, insider, credentials.insider, {}));
	const cpu = process.cpuUsage(start);
	const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
	if (problems.size !== 0) throw new Error(`${label}: ${problems.size} items refused, e.g. ${JSON.stringify([...problems][0])}`);
	if (ctx.calls.list !== 1) throw new Error(`${label}: ${ctx.calls.list} template-list reads, expected 1`);
	return row(label, cpu, wallMs);
}

(async () => {
	const insiderRows = [
		['Insider sendText', () => measure('Insider sendText', new InsiderWhatsApp(), 'insider', 'sendText')],
		['Insider sendButtons', () => measure('Insider sendButtons', new InsiderWhatsApp(), 'insider', 'sendButtons')],
		[
			'Insider sendTemplate, template check',
			() => measure('Insider sendTemplate, template check', new InsiderWhatsApp(), 'insider', 'sendTemplate', { listReads: 1 }),
		],
		[
			'Insider sendTemplate, list 429: no check',
			() =>
				measure('Insider sendTemplate, list 429: no check', new InsiderWhatsApp(), 'insider', 'sendTemplate', {
					listStatus: 429,
					listReads: 1,
				}),
		],
		['Insider template check alone', () => measureCheck('Insider template check alone')],
	];
	const runs = new Map(insiderRows.map(([label]) => [label, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const [label, run] of insiderRows) runs.get(label).push(await run());
	}
	const rows = insiderRows.map(([label]) => median(runs.get(label)));
	rows.push(await measure('Kaleyra sendText', new KaleyraWhatsApp(), 'kaleyra', 'sendText'));
	rows.push(await measure('Gupshup sendText', new GupshupWhatsApp(), 'gupshup', 'sendText'));
	console.log(`Node CPU per item (our code only; n8n parameter resolution and HTTP excluded; Insider rows: the median of ${ROUNDS} rounds)`);
	console.log('| node / operation | items | CPU ms | CPU µs per item | wall ms | rounds: CPU µs per item, least to most |');
	console.log('|---|---|---|---|---|---|');
	for (const r of rows) {
		const spread = r.rounds ? `${(r.minUs / r.items).toFixed(1)} to ${(r.maxUs / r.items).toFixed(1)} (${r.rounds})` : '1 round';
		console.log(`| ${r.label} | ${r.items} | ${Math.round(r.cpuUs / 1000)} | ${(r.cpuUs / r.items).toFixed(1)} | ${Math.round(r.wallMs)} | ${spread} |`);
	}
	const us = (label) => {
		const found = rows.find((r) => r.label === label);
		return found.cpuUs / found.items;
	};
	const spread = (label) => {
		const found = rows.find((r) => r.label === label);
		return `${(found.minUs / found.items).toFixed(1)} to ${(found.maxUs / found.items).toFixed(1)}`;
	};
	const [text, checked, unchecked, alone] = [
		'Insider sendText',
		'Insider sendTemplate, template check',
		'Insider sendTemplate, list 429: no check',
		'Insider template check alone',
	].map(us);
	console.log();
	console.log(
		`Send Template (payment_due en_US, 3 body values per item): ${checked.toFixed(1)} µs per item with the template check, ` +
			`${unchecked.toFixed(1)} µs with the list answering 429 (check skipped), Send Text ${text.toFixed(1)} µs. ` +
			`The check: ${alone.toFixed(1)} µs per item measured alone (one list read, then every message looked up and compared ` +
			`with the definition; rounds ${spread('Insider template check alone')}); the difference of the two Send Template rows, ` +
			`${(checked - unchecked).toFixed(1)} µs, is the comparison without the walk over the messages, a difference of two ` +
			`noisier rows (rounds ${spread('Insider sendTemplate, template check')} and ${spread('Insider sendTemplate, list 429: no check')}).`,
	);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

'use strict';
// Measures the CPU our node code spends per item, apart from n8n and the network: the built node's execute()
// runs with a context whose parameters are plain values and whose HTTP helper answers at once, as the provider
// would. Usage: node test/bench/node-cpu.js [items]   (after npm run build)

const path = require('node:path');

const dist = path.resolve(__dirname, '../../dist/nodes');
const { InsiderWhatsApp } = require(`${dist}/InsiderWhatsApp/InsiderWhatsApp.node.js`);
const { KaleyraWhatsApp } = require(`${dist}/KaleyraWhatsApp/KaleyraWhatsApp.node.js`);
const { GupshupWhatsApp } = require(`${dist}/GupshupWhatsApp/GupshupWhatsApp.node.js`);

const ITEMS = Number(process.argv[2] ?? 100_000);

const answers = {
	insider: (request) => ({ keys: request.body.messages.map((_, index) => `whatsapp-${index}`) }),
	kaleyra: () => ({ code: 'WA202', message: 'Request Accepted', data: { message_id: 'kal-1' }, error: {} }),
	gupshup: (request) => ({ messages: [{ id: 'gs-1' }], messaging_product: 'whatsapp', contacts: [{ input: request.body.to, wa_id: request.body.to }] }),
};

const credentials = {
	insider: { authKey: 'INS.bench', baseUrl: 'http://127.0.0.1:9' },
	kaleyra: { sid: 'HXBENCH', apiKey: 'bench', region: 'custom', baseUrl: 'http://127.0.0.1:9', businessNumber: '+919000000001' },
	gupshup: { appId: 'bench-app', appToken: 'bench', baseUrl: 'http://127.0.0.1:9' },
};

function context(provider, operation) {
	const items = Array.from({ length: ITEMS }, (_, index) => ({ json: { index } }));
	const parameters = {
		operation,
		to: '',
		text: '',
		bodyText: 'Pick one',
		buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
		headerType: 'none',
		footerText: '',
		options: { requestsPerSecond: 10_000, concurrency: 50, batchSize: 1000 },
	};
	return {
		getInputData: () => items,
		getNode: () => ({ name: 'bench', type: 'bench', typeVersion: 1, position: [0, 0], parameters: {} }),
		continueOnFail: () => false,
		getCredentials: async () => credentials[provider],
		getExecutionCancelSignal: () => undefined,
		getNodeParameter(name, itemIndex, fallback) {
			if (name === 'to') return `+1 415 555 ${String(itemIndex % 10000).padStart(4, '0')}`;
			if (name === 'text') return `Campaign message ${itemIndex}`;
			if (name === 'buttons.button') return parameters.buttons.button;
			return parameters[name] ?? fallback;
		},
		helpers: {
			httpRequestWithAuthentication: async (_type, request) => ({ statusCode: 200, headers: {}, body: answers[provider](request) }),
		},
	};
}

async function measure(label, node, provider, operation) {
	const ctx = context(provider, operation);
	const start = process.cpuUsage();
	const wallStart = process.hrtime.bigint();
	const [output] = await node.execute.call(ctx);
	const cpu = process.cpuUsage(start);
	const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
	if (output.length !== ITEMS || output.some((item) => item.json.status !== 'accepted')) throw new Error(`${label}: wrong output`);
	const perItemUs = (cpu.user + cpu.system) / ITEMS;
	return { label, items: ITEMS, cpuMs: Math.round((cpu.user + cpu.system) / 1000), perItemUs: perItemUs.toFixed(1), wallMs: Math.round(wallMs) };
}

(async () => {
	const rows = [];
	for (const [label, node, provider, operation] of [
		['Insider sendText', new InsiderWhatsApp(), 'insider', 'sendText'],
		['Insider sendButtons', new InsiderWhatsApp(), 'insider', 'sendButtons'],
		['Kaleyra sendText', new KaleyraWhatsApp(), 'kaleyra', 'sendText'],
		['Gupshup sendText', new GupshupWhatsApp(), 'gupshup', 'sendText'],
	]) {
		rows.push(await measure(label, node, provider, operation));
	}
	console.log('Node CPU per item (our code only; n8n parameter resolution and HTTP excluded)');
	console.log('| node / operation | items | CPU ms | CPU µs per item | wall ms |');
	console.log('|---|---|---|---|---|');
	for (const row of rows) console.log(`| ${row.label} | ${row.items} | ${row.cpuMs} | ${row.perItemUs} | ${row.wallMs} |`);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

#!/usr/bin/env node
'use strict';
// Runs the sandbox standalone:
//   node test/sandbox/cli.js [--port 4010] [--callback-url URL] [--callback-bearer TOKEN] [--service-window]

const { parseArgs } = require('node:util');
const { createSandbox, DEFAULT_CREDENTIALS } = require('./server');

function readOptions() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '4010' },
			'callback-url': { type: 'string' },
			'callback-bearer': { type: 'string' },
			'service-window': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log('usage: node test/sandbox/cli.js [--port 4010] [--callback-url URL] [--callback-bearer TOKEN] [--service-window]');
		console.log('  --service-window  free-form messages to a customer who has not written in 24 hours fail (131047)');
		process.exit(0);
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
	if (values['callback-bearer'] && !values['callback-url']) throw new Error('--callback-bearer needs --callback-url');
	const autoCallbacks = values['callback-url']
		? { url: values['callback-url'], headers: values['callback-bearer'] ? { authorization: `Bearer ${values['callback-bearer']}` } : {} }
		: null;
	return { port, autoCallbacks, serviceWindow: values['service-window'] ? { hours: 24 } : null };
}

function describe(sb, autoCallbacks, serviceWindow) {
	const c = DEFAULT_CREDENTIALS;
	return [
		`WhatsApp BSP sandbox listening on ${sb.url}`,
		'',
		'Demo credentials (set each credential\'s Base URL to the address above):',
		`  Insider One  authKey=${c.insider.authKey}`,
		`  Kaleyra      sid=${c.kaleyra.sid} apiKey=${c.kaleyra.apiKey} region=custom businessNumber=${c.kaleyra.businessNumbers[0]} wabaId=${c.kaleyra.wabaId}`,
		`  Gupshup      appId=${c.gupshup.appId} appToken=${c.gupshup.appToken}`,
		'',
		autoCallbacks ? `Status callbacks (sent, delivered, read) go to ${autoCallbacks.url}` : 'No status callbacks (use --callback-url to enable them).',
		serviceWindow
			? `24-hour window on: a non-template message fails (131047) unless the customer wrote in the last 24 hours (POST ${sb.url}/__sandbox/inbound {"from":"+14155550100"}).`
			: 'Customer-service window off (use --service-window to turn it on).',
		`Templates: ${sb.url}/__sandbox/templates`,
		`Inspect: ${sb.url}/__sandbox/requests  ${sb.url}/__sandbox/stats  ${sb.url}/__sandbox/config`,
		'Stop with Ctrl+C.',
	].join('\n');
}

async function main() {
	const { port, autoCallbacks, serviceWindow } = readOptions();
	const sb = await createSandbox({ port, autoCallbacks, serviceWindow });
	console.log(describe(sb, autoCallbacks, serviceWindow));
	const stop = async (signal) => {
		console.log(`\n${signal}: stopping the sandbox`);
		await sb.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	console.error(`sandbox: ${err.message}`);
	process.exit(1);
});

'use strict';
// The control API under /__sandbox/: inspect what arrived, tune behaviour, post callbacks,
// edit the template catalogue, and mark customers as having written (the customer-service window).
// No auth: the sandbox only ever listens on 127.0.0.1.

const { readBody, parseBody, sendJson } = require('./http');
const { buildCallbackBodies, INBOUND_KINDS } = require('./callbacks');
const { PROVIDER_NAMES } = require('./providers');

/** `at` as epoch milliseconds: a number, an ISO date string, or now when left out. Null when invalid. */
function readTime(at) {
	if (at === undefined) return Date.now();
	const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN;
	return Number.isFinite(ms) ? ms : null;
}

function createControl({ recorder, stats, config, poster, bodyOptions, reset, catalogue, serviceWindow, uploads, person }) {
	async function readJson(req) {
		const { raw, tooLarge } = await readBody(req);
		if (tooLarge) return { problem: 'body too large' };
		const { body, kind } = parseBody(raw, 'application/json');
		return kind === 'json' ? { body } : { problem: 'body must be JSON' };
	}

	async function postCallbacks(input) {
		if (typeof input !== 'object' || input === null) return { status: 400, body: { error: 'body must be a JSON object' } };
		const { provider, url, headers = {}, events, batch = false, gupshupVersion = 3 } = input;
		if (!PROVIDER_NAMES.includes(provider)) return { status: 400, body: { error: `provider must be one of ${PROVIDER_NAMES.join(', ')}` } };
		if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { status: 400, body: { error: 'url must be an http or https URL' } };
		let bodies;
		try {
			bodies = buildCallbackBodies(provider, events, { ...bodyOptions, batch, gupshupVersion });
		} catch (err) {
			return { status: 400, body: { error: err.message } };
		}
		// A customer's message (or button tap) opens their customer-service window with this provider.
		for (const ev of events) if (INBOUND_KINDS.includes(ev.kind)) serviceWindow.record(provider, ev.from);
		const sent = [];
		// One after another, so the receiver sees them in the order given.
		for (const body of bodies) {
			const { status, error } = await poster.post(url, headers, body);
			stats.callback(provider, status !== null && status >= 200 && status < 300);
			sent.push(error ? { status, body, error } : { status, body });
		}
		return { status: 200, body: { sent } };
	}

	const routes = {
		'GET /__sandbox/health': () => ({ status: 200, body: { ok: true } }),
		'GET /__sandbox/requests': (query) => {
			const since = query.has('since') ? Number(query.get('since')) : undefined;
			if (since !== undefined && !Number.isInteger(since)) return { status: 400, body: { error: 'since must be an integer' } };
			return { status: 200, body: recorder.list({ provider: query.get('provider') ?? undefined, since }) };
		},
		'DELETE /__sandbox/requests': () => {
			const cleared = recorder.clear();
			stats.reset();
			return { status: 200, body: { cleared } };
		},
		'GET /__sandbox/stats': () => ({ status: 200, body: stats }),
		// Media uploads (uploads.js): what each carried (fields, file name, type, size, SHA-256), by provider.
		'GET /__sandbox/uploads': (query) => ({ status: 200, body: uploads.list(query.get('provider') ?? undefined) }),
		'GET /__sandbox/config': () => ({ status: 200, body: config }),
		'PUT /__sandbox/config': async (query, req) => {
			const { body, problem } = await readJson(req);
			const invalid = problem ?? config.update(body);
			return invalid ? { status: 400, body: { error: invalid } } : { status: 200, body: config };
		},
		'POST /__sandbox/callbacks': async (query, req) => {
			const { body, problem } = await readJson(req);
			return problem ? { status: 400, body: { error: problem } } : postCallbacks(body);
		},
		// A simulated customer taps a button or row of the latest interactive message (person.js).
		'POST /__sandbox/taps': async (query, req) => {
			const { body, problem } = await readJson(req);
			if (problem || typeof body !== 'object' || body === null) return { status: 400, body: { error: problem ?? 'body must be a JSON object' } };
			if (!PROVIDER_NAMES.includes(body.provider)) return { status: 400, body: { error: `provider must be one of ${PROVIDER_NAMES.join(', ')}` } };
			return person.tap(body);
		},
		'GET /__sandbox/templates': () => ({ status: 200, body: catalogue }),
		'PUT /__sandbox/templates': async (query, req) => {
			const { body, problem } = await readJson(req);
			const invalid = problem ?? catalogue.replace(body);
			return invalid ? { status: 400, body: { error: invalid } } : { status: 200, body: catalogue };
		},
		'POST /__sandbox/templates': async (query, req) => {
			const { body, problem } = await readJson(req);
			const invalid = problem ?? catalogue.upsert(body);
			return invalid ? { status: 400, body: { error: invalid } } : { status: 200, body: catalogue };
		},
		'DELETE /__sandbox/templates': () => {
			catalogue.reset();
			return { status: 200, body: catalogue };
		},
		// Marks a customer as having written (opens the customer-service window) without posting anything.
		'POST /__sandbox/inbound': async (query, req) => {
			const { body, problem } = await readJson(req);
			if (problem || typeof body !== 'object' || body === null) return { status: 400, body: { error: problem ?? 'body must be a JSON object' } };
			const { provider = null, from, at } = body;
			if (provider !== null && !PROVIDER_NAMES.includes(provider)) return { status: 400, body: { error: `provider must be one of ${PROVIDER_NAMES.join(', ')} (or left out for all)` } };
			if (typeof from !== 'string' || !/^\+?[1-9]\d{7,14}$/.test(from.replace(/[\s()-]/g, ''))) return { status: 400, body: { error: 'from must be a phone number with country code' } };
			const ms = readTime(at);
			if (ms === null) return { status: 400, body: { error: 'at must be epoch milliseconds or an ISO date' } };
			serviceWindow.record(provider, from, ms);
			return { status: 200, body: serviceWindow };
		},
		'GET /__sandbox/inbound': () => ({ status: 200, body: serviceWindow }),
		'DELETE /__sandbox/inbound': () => ({ status: 200, body: { cleared: serviceWindow.clear() } }),
		'POST /__sandbox/reset': () => {
			reset();
			return { status: 200, body: { ok: true } };
		},
	};

	return async function handle(req, res, path, query) {
		const route = routes[`${req.method} ${path}`];
		if (!route) {
			req.resume();
			return sendJson(res, 404, { error: `no control endpoint ${req.method} ${path}` });
		}
		const { status, body } = await route(query, req);
		sendJson(res, status, body);
	};
}

module.exports = { createControl };

'use strict';
// The provider sandbox: one HTTP server on 127.0.0.1 that answers like Insider One,
// Kaleyra and Gupshup, plus a control API under /__sandbox/ (see README.md).

const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { readBody, parseBody, sendJson } = require('./http');
const { serveModel } = require('./model');
const { createProviders, PROVIDER_NAMES, SANDBOX_WABA_ID } = require('./providers');
const { createRecorder } = require('./recorder');
const { createStats } = require('./stats');
const { createConfig } = require('./config');
const { createTimers } = require('./timers');
const { createPoster } = require('./callbacks');
const { createAutoCallbacks } = require('./auto-callbacks');
const { createControl } = require('./control');
const { createPerson } = require('./person');
const { createCatalogue } = require('./templates');
const { createServiceWindow } = require('./service-window');
const { metaError, RE_ENGAGEMENT_DETAILS } = require('./meta-errors');
const { createUploads } = require('./uploads');
const { readMultipart } = require('./multipart');
const { createMediaFiles } = require('./media-files');

const DEFAULT_CREDENTIALS = Object.freeze({
	// A second account's key too: tests of one credential whose key differs per execution (an expression) send with both.
	insider: Object.freeze({ authKey: 'INS.sandbox-auth-key', phoneNumberId: '106540352242922', tenantAuthKeys: Object.freeze(['INS.sandbox-tenant-b-key']) }),
	kaleyra: Object.freeze({ sid: 'HXSANDBOX0001IN', apiKey: 'Asandbox-kaleyra-api-key', businessNumbers: Object.freeze(['+919000000001']), wabaId: SANDBOX_WABA_ID }),
	gupshup: Object.freeze({ appId: 'sandbox-app-0001', appToken: 'sk_sandbox_gupshup_app_token' }),
});

/** Unique ids, cheap enough for benchmarks: a random per-sandbox prefix plus a counter (20 hex digits). */
function createIdSource() {
	const instance = randomBytes(4).toString('hex');
	let counter = 0;
	return () => instance + (counter++).toString(16).padStart(12, '0');
}

const isOk = (status) => status >= 200 && status < 300;

async function createSandbox(options = {}) {
	const credentials = Object.fromEntries(
		PROVIDER_NAMES.map((p) => [p, { ...DEFAULT_CREDENTIALS[p], ...options.credentials?.[p] }]),
	);
	const initial = {
		latencyMs: options.latencyMs ?? 0,
		rateLimit: { insider: null, kaleyra: null, gupshup: null, ...options.rateLimit },
		faults: options.faults ?? null,
		autoCallbacks: options.autoCallbacks ?? null,
		serviceWindow: options.serviceWindow ?? null,
		templateListLimit: { gupshup: 10, ...options.templateListLimit },
	};
	const catalogue = createCatalogue(options.templates);
	const serviceWindow = createServiceWindow();
	const providers = createProviders(credentials, createIdSource(), catalogue);
	const subscriptions = providers.byName.gupshup.subscriptions;
	const recorder = createRecorder();
	const stats = createStats();
	const config = createConfig(initial);
	// Two groups, so a reset can stop pending callbacks without stalling requests in flight.
	const requestTimers = createTimers();
	const callbackTimers = createTimers();
	const poster = createPoster();
	const bodyOptions = { appId: credentials.gupshup.appId, businessNumber: credentials.kaleyra.businessNumbers[0] };
	const autoCallbacks = createAutoCallbacks({ poster, stats, timers: callbackTimers, bodyOptions });
	const person = createPerson({ recorder, poster, stats, bodyOptions, timers: callbackTimers, serviceWindow });

	const uploads = createUploads();
	const reset = () => {
		uploads.clear();
		recorder.clear();
		stats.reset();
		subscriptions.clear();
		callbackTimers.cancel();
		config.update(initial);
		catalogue.reset();
		serviceWindow.clear();
	};
	const control = createControl({ recorder, stats, config, poster, bodyOptions, reset, catalogue, serviceWindow, uploads, person });

	function callbackTargets(result) {
		const auto = config.settings.autoCallbacks;
		const intervalMs = auto?.intervalMs ?? 200;
		const targets = (result.callbackTargets ?? []).map((t) => ({ ...t, intervalMs }));
		if (auto) targets.push({ url: auto.url, headers: auto.headers, intervalMs, version: auto.gupshupVersion });
		return targets;
	}

	/**
	 * Meta turns down a free-form message to a customer who has not written in the window, after the provider
	 * accepted it; the failure is reported in a `failed` callback (service-window.js). Off unless configured.
	 */
	function applyServiceWindow(provider, accepted) {
		const window = config.settings.serviceWindow;
		if (!window) return;
		const now = Date.now();
		for (const message of accepted) {
			if (message.failure || message.template || serviceWindow.isOpen(provider, message.to, window.hours, now)) continue;
			message.failure = metaError(131047, RE_ENGAGEMENT_DETAILS);
		}
	}

	async function serveProvider(req, res, path, query) {
		const upload = providers.route(req.method, path);
		if (upload?.match.route === 'upload') return serveUpload(req, res, upload);
		const { raw, tooLarge, aborted } = await readBody(req);
		if (aborted) return;
		const found = providers.route(req.method, path);
		const { body, kind } = tooLarge ? { body: null, kind: 'empty' } : parseBody(raw, req.headers['content-type']);
		const record = recorder.add({ provider: found ? found.provider.name : null, method: req.method, path: req.url, headers: req.headers, body });
		if (!found) {
			recorder.finish(record, 404, { message: 'not found' });
			return sendJson(res, 404, { message: 'not found' });
		}
		const { provider, match } = found;
		const answer = (status, responseBody, headers = {}, fault = null) => {
			recorder.finish(record, status, responseBody, fault);
			stats.request(provider.name, status);
			sendJson(res, status, responseBody, headers);
		};

		if (tooLarge) return answer(413, { message: 'request entity too large' });
		// Like a provider's gateway, count the request against the limit when it arrives; the latency is the
		// time until it answers. (Counting after the latency timer would add this server's own timer jitter.)
		const fault = config.faultPlan?.next(provider.name);
		// `accept-drop` is the one fault that reaches the provider: the request is processed, then its answer is lost.
		const losesAnswer = fault === 'accept-drop';
		const admitted = fault && !losesAnswer ? true : config.limits.take(provider.name, match.endpoint);
		if (config.settings.latencyMs > 0) await requestTimers.delay(config.settings.latencyMs);

		if (fault && !losesAnswer) return injectFault(fault, req, record, provider, answer);
		if (!admitted) return answer(429, provider.infraError(429));

		const takeListLimit = (key) => config.listLimits.take(provider.name, key);
		const result = provider.handle({ ...match, method: req.method, headers: req.headers, body, bodyKind: kind, query, takeListLimit });
		if (isOk(result.status)) applyServiceWindow(provider.name, result.accepted);
		const failures = result.accepted.filter((m) => m.failure);
		// What Meta will report later, visible at once in GET /__sandbox/requests.
		if (isOk(result.status) && failures.length) {
			record.failures = failures.map((m) => ({ messageId: m.messageId, to: m.to, code: m.failure.code, title: m.failure.title, details: m.failure.details }));
		}
		if (losesAnswer) {
			recorder.finish(record, null, result.body, fault);
			stats.request(provider.name, null);
			req.socket.destroy();
		} else {
			answer(result.status, result.body);
		}
		if (!isOk(result.status)) return;
		for (const message of result.accepted) stats.accepted(provider.name, message.dedupKey);
		for (let i = 0; i < failures.length; i++) stats.failed(provider.name);
		const targets = callbackTargets(result);
		if (targets.length && result.accepted.length) autoCallbacks.schedule(provider.name, result.accepted, targets);
	}

	/**
	 * A media upload: the multipart body is read as a stream (multipart.js), its file hashed and counted but not kept,
	 * so uploads of any size cost no memory. Faults, rate limits and latency apply as to sends; the upload route has
	 * its own rate window (endpoint `media`), as Gupshup documents for /media.
	 */
	async function serveUpload(req, res, { provider, match }) {
		const record = recorder.add({ provider: provider.name, method: req.method, path: req.url, headers: req.headers, body: null });
		const fault = config.faultPlan?.next(provider.name);
		const admitted = fault ? true : config.limits.take(provider.name, match.endpoint);
		const body = await readMultipart(req);
		record.body = body;
		const answer = (status, responseBody, headers = {}, faultKind = null) => {
			recorder.finish(record, status, responseBody, faultKind);
			stats.request(provider.name, status);
			sendJson(res, status, responseBody, headers);
		};
		if (config.settings.latencyMs > 0) await requestTimers.delay(config.settings.latencyMs);
		if (fault) return injectFault(fault, req, record, provider, answer);
		if (!admitted) return answer(429, provider.infraError(429));
		const registerUpload = ({ fields, file }) => uploads.add({ provider: provider.name, path: req.url, fields, file });
		const result = provider.handle({ ...match, method: req.method, headers: req.headers, body, bodyKind: body.error ? 'invalid' : 'multipart', query: new URLSearchParams(), takeListLimit: () => true, registerUpload });
		answer(result.status, result.body);
	}

	// A faulted request never reaches the provider, so it accepts no message.
	async function injectFault(kind, req, record, provider, answer) {
		const { retryAfterSeconds, slowMs } = config.settings.faults;
		switch (kind) {
			case '429':
				return answer(429, provider.infraError(429), {}, kind);
			case '429-retry-after':
				return answer(429, provider.infraError(429), { 'retry-after': String(retryAfterSeconds) }, kind);
			case '500':
			case '503':
				return answer(Number(kind), provider.infraError(Number(kind)), {}, kind);
			case 'drop':
				recorder.finish(record, null, null, kind);
				stats.request(provider.name, null);
				return req.socket.destroy();
			case 'slow':
				// Like a gateway that gave up waiting on the origin.
				await requestTimers.delay(slowMs);
				return answer(504, provider.infraError(504), {}, kind);
		}
	}

	const mediaFiles = createMediaFiles();
	const server = http.createServer((req, res) => {
		const q = req.url.indexOf('?');
		const path = q === -1 ? req.url : req.url.slice(0, q);
		const query = new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1));
		// The files that inbound media callbacks link to (media-files.js).
		const media = mediaFiles.matches(path) ? mediaFiles.serve(req, res, path, query) : null;
		// The chat-model stand-in of the demo's AI support bot (model.js): no provider's, so not recorded.
		const model = req.method === 'POST' && path === '/api/chat' ? serveModel(req, res) : null;
		const handling = media ?? model ?? (path.startsWith('/__sandbox/') ? control(req, res, path, query) : serveProvider(req, res, path, query));
		// Last line of defence: bad input must never take the sandbox down.
		handling.catch((err) => sendJson(res, 500, { message: `sandbox error: ${err.message}` }));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		state: { credentials, recorder, stats, config, subscriptions, templates: catalogue, serviceWindow, uploads },
		close() {
			requestTimers.close();
			callbackTimers.close();
			poster.close();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { createSandbox, DEFAULT_CREDENTIALS };

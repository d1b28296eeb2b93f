'use strict';
// The provider sandbox's control API (test/sandbox/README.md), as the end-to-end tests, the benchmarks and the demo
// use it, and the end-to-end files' test wrapper that prints what the sandbox recorded when a test fails.

const { setTimeout: sleep } = require('node:timers/promises');

/** One call of the control API (`route` from the slash after /__sandbox); throws with the sandbox's answer unless 2xx. */
async function sandboxCall(sandboxUrl, method, route, body) {
	const res = await fetch(`${sandboxUrl}/__sandbox${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

/**
 * A client of the control API of the sandbox at `sandboxUrl`: its URL, or a function that gives it (for a test
 * file whose sandbox starts in `before`).
 */
function sandboxControl(sandboxUrl) {
	const base = () => (typeof sandboxUrl === 'function' ? sandboxUrl() : sandboxUrl);
	const call = (method, route, body) => sandboxCall(base(), method, route, body);
	const query = (params) => {
		const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined).map(([k, v]) => [k, String(v)]));
		const text = search.toString();
		return text ? `?${text}` : '';
	};
	const control = {
		call,
		/** GET /__sandbox/requests: the provider requests recorded (of one provider, after the seq `since`). */
		requests: ({ provider, since } = {}) => call('GET', `/requests${query({ provider, since })}`),
		/** GET /__sandbox/uploads: the media uploads received. */
		uploads: ({ provider } = {}) => call('GET', `/uploads${query({ provider })}`),
		stats: () => call('GET', '/stats'),
		configure: (settings) => call('PUT', '/config', settings),
		reset: () => call('POST', '/reset'),
		/** POST /__sandbox/callbacks: the sandbox builds the provider's callback bodies and posts them; `{ sent: [{ status, body }] }`. */
		callbacks: (input) => call('POST', '/callbacks', input),
		/** POST /__sandbox/taps: a simulated customer taps a choice of the latest interactive message; `{ tapped, sent }`. */
		tap: (input) => call('POST', '/taps', input),
		/** The seq of the last provider request recorded so far. */
		lastSeq: async () => {
			const all = await control.requests();
			return all.length ? all[all.length - 1].seq : 0;
		},
		/**
		 * Polls requests({ provider, since }) until `filter` keeps at least `count` of them.
		 * @returns {Promise<Array>} the kept requests
		 */
		waitForRequests: async ({ provider, since, filter = () => true, count = 1, timeoutMs = 60_000 }) => {
			const deadline = Date.now() + timeoutMs;
			let kept = [];
			while (Date.now() < deadline) {
				kept = (await control.requests({ provider, since })).filter(filter);
				if (kept.length >= count) return kept;
				await sleep(250);
			}
			throw new Error(`the sandbox got ${kept.length} of ${count} ${provider ?? ''} requests within ${timeoutMs} ms`);
		},
		/** The Gupshup app's callback subscriptions, as the Partner API lists them. */
		gupshupSubscriptions: async (appId, appToken) => {
			const res = await fetch(`${base()}/partner/app/${encodeURIComponent(appId)}/subscription`, {
				headers: { authorization: appToken, accept: 'application/json' },
			});
			const json = await res.json();
			if (res.status !== 200) throw new Error(`sandbox GET subscription: ${res.status} ${JSON.stringify(json)}`);
			return json.subscriptions;
		},
	};
	return control;
}

/**
 * `e2e(name, options, fn)`: a test named after the n8n under test (`label`) whose failure also prints what the
 * sandbox recorded; `failed()` says whether any failed, so that the file's `after` prints n8n's log tails.
 */
function e2eSuite(label, control) {
	// Here rather than at the top: the benchmarks use this file too, outside node's test runner.
	const { test } = require('node:test');
	let anyFailed = false;
	const e2e = (name, options, fn) =>
		test(`${label}: ${name}`, options, async (t) => {
			try {
				await fn(t);
			} catch (error) {
				anyFailed = true;
				const recorded = await control.requests().catch(() => []);
				const line = (r) =>
					`  #${r.seq} ${r.method} ${r.path} → ${r.status}${r.fault ? ` (${r.fault})` : ''}${r.failures ? ` failures ${JSON.stringify(r.failures)}` : ''}`;
				console.error(`sandbox requests of the failed test "${name}":\n${recorded.map(line).join('\n')}`);
				throw error;
			}
		});
	return { e2e, failed: () => anyFailed };
}

module.exports = { e2eSuite, sandboxCall, sandboxControl };

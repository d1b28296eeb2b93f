'use strict';
// Helpers of the trigger's end-to-end tests (test/e2e/trigger.test.js).
//
// - A callback tap: a loopback reverse proxy in front of n8n, what WEBHOOK_URL points at when n8n runs behind
//   one. It forwards each request unchanged to n8n and records what n8n answered (status, headers, body),
//   which the sandbox's control API does not report (it answers only the status of each callback it posted).
//   Its URL stays the same when n8n restarts on another port (retarget()).
// - A client of the sandbox's control API (/__sandbox/...).

const http = require('node:http');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Hop-by-hop headers, and those fetch() sets itself.
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'expect']);

function parseJson(text) {
	try {
		return text === '' ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * Starts a tap on 127.0.0.1 in front of `targetBase` (n8n's base URL; may be set later with
 * retarget()). A request to `<tap.url>/webhook/...` goes to `<targetBase>/webhook/...`; 503
 * while there is no target. Closed after the test `t` (or by close()).
 * @returns {Promise<{url: string, answers: Array<{seq: number, path: string, requestHeaders: object, status: number, headers: object, text: string, json: any}>, retarget(base: string): void, mark(): number, since(seq: number, path?: string): Array, close(): Promise<void>}>}
 */
async function createCallbackTap(targetBase, { t } = {}) {
	let target = targetBase;
	const answers = [];
	let nextSeq = 1;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const seq = nextSeq++;
			const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
			const body = Buffer.concat(chunks);
			if (!target) {
				answers.push({ seq, path: req.url, requestHeaders: req.headers, status: 503, headers: {}, text: 'no target', json: undefined });
				res.writeHead(503, { 'content-type': 'text/plain' });
				return res.end('callback tap: no target');
			}
			try {
				const upstream = await fetch(`${target}${req.url}`, {
					method: req.method,
					headers,
					body: ['GET', 'HEAD'].includes(req.method) ? undefined : body,
					signal: AbortSignal.timeout(60_000),
				});
				const text = await upstream.text();
				const answerHeaders = Object.fromEntries(upstream.headers.entries());
				answers.push({ seq, path: req.url, requestHeaders: req.headers, status: upstream.status, headers: answerHeaders, text, json: parseJson(text) });
				res.writeHead(upstream.status, { 'content-type': answerHeaders['content-type'] ?? 'text/plain' });
				res.end(text);
			} catch (error) {
				answers.push({ seq, path: req.url, requestHeaders: req.headers, status: 502, headers: {}, text: String(error), json: undefined });
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`callback tap: ${error.message}`);
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	let closed = false;
	const close = () => {
		if (closed) return Promise.resolve();
		closed = true;
		return new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	};
	if (t) t.after(close);
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		answers,
		/** Forwards to `base` from now on (n8n restarted on another port). */
		retarget: (base) => {
			target = base;
		},
		/** The seq of the last answer recorded so far. */
		mark: () => nextSeq - 1,
		/** Answers after `seq`, in arrival order, optionally only those to `path`. */
		since: (seq, path) => answers.filter((a) => a.seq > seq && (path === undefined || a.path === path)),
		close,
	};
}

/** A client of the sandbox's control API at `sandboxUrl`. */
function sandboxControl(sandboxUrl) {
	async function call(method, path, body) {
		const res = await fetch(`${sandboxUrl}/__sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await res.json();
		if (res.status !== 200) throw new Error(`sandbox ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	}
	const control = {
		/** POST /__sandbox/callbacks: the sandbox builds the provider's callback bodies and posts them; `{ sent: [{ status, body }] }`. */
		callbacks: (input) => call('POST', '/callbacks', input),
		/** GET /__sandbox/requests: provider requests recorded after `since` (a seq). */
		requests: ({ provider, since } = {}) => {
			const query = new URLSearchParams();
			if (provider) query.set('provider', provider);
			if (since !== undefined) query.set('since', String(since));
			return call('GET', `/requests?${query}`);
		},
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
			const res = await fetch(`${sandboxUrl}/partner/app/${encodeURIComponent(appId)}/subscription`, {
				headers: { authorization: appToken, accept: 'application/json' },
			});
			const json = await res.json();
			if (res.status !== 200) throw new Error(`sandbox GET subscription: ${res.status} ${JSON.stringify(json)}`);
			return json.subscriptions;
		},
	};
	return control;
}

module.exports = { createCallbackTap, sandboxControl, sleep };

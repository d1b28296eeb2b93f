'use strict';
// Helpers of the trigger's end-to-end tests (test/e2e/trigger.test.js).
//
// - A callback tap: a loopback reverse proxy in front of n8n, what WEBHOOK_URL points at when n8n runs behind
//   one. It forwards each request unchanged to n8n and records what n8n answered (status, headers, body),
//   which the sandbox's control API does not report (it answers only the status of each callback it posted).
//   Its URL stays the same when n8n restarts on another port (retarget()).

const http = require('node:http');

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

module.exports = { createCallbackTap };

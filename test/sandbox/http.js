'use strict';
// Low-level HTTP helpers shared by the provider routes and the control API.

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads the whole request body. An oversized body is drained rather than cut off,
 * so the client still gets a clean 413 instead of a reset connection.
 */
function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				tooLarge = true;
				chunks.length = 0;
			} else if (!tooLarge) {
				chunks.push(chunk);
			}
		});
		req.on('end', () => resolve({ tooLarge, raw: tooLarge ? '' : Buffer.concat(chunks).toString('utf8') }));
		// Whichever comes first wins; 'close' after 'end' is then a no-op.
		const abort = () => resolve({ tooLarge: false, raw: '', aborted: true });
		req.on('error', abort);
		req.on('close', abort);
	});
}

/**
 * Parses a body by its content type. Returns `{ body, kind }` where kind is
 * 'empty', 'json', 'form' or 'invalid' (unparseable JSON, kept as the raw string).
 */
function parseBody(raw, contentType = '') {
	if (raw === '') return { body: null, kind: 'empty' };
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return { body: Object.fromEntries(new URLSearchParams(raw)), kind: 'form' };
	}
	try {
		return { body: JSON.parse(raw), kind: 'json' };
	} catch {
		return { body: raw, kind: 'invalid' };
	}
}

function sendJson(res, status, body, headers = {}) {
	if (res.destroyed || res.headersSent) return;
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
		...headers,
	});
	res.end(payload);
}

module.exports = { readBody, parseBody, sendJson };

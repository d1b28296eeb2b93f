'use strict';
// A streaming multipart/form-data reader (RFC 7578) for the upload routes: text fields are kept, file parts are
// hashed (SHA-256) and counted as they arrive, never held, so a 100 MB upload costs the sandbox no memory.

const { createHash } = require('node:crypto');

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

function boundaryOf(contentType = '') {
	const match = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? match[1] ?? match[2] : null;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'] ?? '';
	const param = (name) => {
		const m = new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(disposition);
		return m ? m[1] : undefined;
	};
	return { name: param('name'), filename: param('filename'), contentType: headers['content-type'] };
}

/**
 * Reads a multipart request to its end. Resolves to
 * `{ fields: { name: value }, files: [{ field, filename, contentType, size, sha256 }], order: [names], bytes }`,
 * or `{ error }` for a body that is not well-formed multipart (the request is still read to its end).
 */
async function readMultipart(req) {
	const boundary = boundaryOf(req.headers['content-type']);
	if (!boundary) {
		for await (const _ of req); // drain
		return { error: 'Content-Type must be multipart/form-data with a boundary' };
	}
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	// A line break before the first delimiter makes every delimiter look alike.
	let pending = Buffer.from('\r\n');
	let state = 'preamble';
	let part = null;
	let error = null;
	let bytes = 0;
	const result = { fields: {}, files: [], order: [] };

	const feed = (data) => {
		if (!part || data.length === 0) return;
		if (part.hash) {
			part.hash.update(data);
			part.size += data.length;
		} else {
			part.size += data.length;
			if (part.size > MAX_FIELD_BYTES) error ??= `field "${part.name}" is longer than ${MAX_FIELD_BYTES} bytes`;
			else part.chunks.push(data);
		}
	};
	const finish = () => {
		if (!part) return;
		result.order.push(part.name);
		if (part.hash) {
			result.files.push({ field: part.name, filename: part.filename, contentType: part.contentType ?? null, size: part.size, sha256: part.hash.digest('hex') });
		} else {
			result.fields[part.name] = Buffer.concat(part.chunks).toString('utf8');
		}
		part = null;
	};

	for await (const chunk of req) {
		bytes += chunk.length;
		if (error || state === 'done') continue;
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = pending.indexOf(delimiter);
				if (at < 0) {
					// Keep what could be the start of a delimiter; the rest is the part's content.
					const keep = Math.min(pending.length, delimiter.length - 1);
					if (state === 'body') feed(pending.subarray(0, pending.length - keep));
					pending = Buffer.from(pending.subarray(pending.length - keep));
					break;
				}
				if (state === 'body') {
					feed(pending.subarray(0, at));
					finish();
				}
				pending = pending.subarray(at + delimiter.length);
				state = 'delimiter';
			}
			if (state === 'delimiter') {
				if (pending.length < 2) break;
				if (pending[0] === 0x2d && pending[1] === 0x2d) {
					state = 'done';
					break;
				}
				if (pending[0] !== 0x0d || pending[1] !== 0x0a) {
					error = 'a boundary is not followed by a line break';
					break;
				}
				pending = pending.subarray(2);
				state = 'headers';
			}
			if (state === 'headers') {
				const end = pending.indexOf('\r\n\r\n');
				if (end < 0) {
					if (pending.length > MAX_HEADER_BYTES) error = 'a part has headers longer than 16 KB';
					break;
				}
				const { name, filename, contentType } = parseHeaders(pending.subarray(0, end).toString('utf8'));
				if (!name) {
					error = 'a part has no Content-Disposition name';
					break;
				}
				part = filename === undefined
					? { name, size: 0, chunks: [] }
					: { name, filename, contentType, size: 0, hash: createHash('sha256') };
				pending = pending.subarray(end + 4);
				state = 'body';
				continue;
			}
			break;
		}
	}
	if (error) return { error, bytes };
	if (state !== 'done') return { error: 'the body ends before the closing boundary', bytes };
	return { ...result, bytes };
}

module.exports = { readMultipart, boundaryOf };

'use strict';
// Gupshup callback subscriptions (/partner/app/:appId/subscription), kept in memory.

const KNOWN_MODES = new Set([
	'ALL', 'ENQUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'DELETED', 'MESSAGE', 'OTHERS',
	'TEMPLATE', 'ACCOUNT', 'BILLING', 'PAYMENTS', 'FLOWS_MESSAGE',
]);

// Gupshup documents only the fields; these error messages are invented in its { status, message } style.
const error = (message) => ({ status: 400, body: { status: 'error', message } });

function parseModes(value) {
	const modes = String(value ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
	if (modes.length === 0) return { problem: 'modes is required' };
	const unknown = modes.find((m) => !KNOWN_MODES.has(m));
	return unknown ? { problem: `Invalid mode: ${unknown}` } : { modes };
}

function parseMeta(value) {
	if (value === undefined || value === '') return { meta: null, headers: {} };
	try {
		const parsed = JSON.parse(value);
		const headers = parsed?.headers ?? {};
		if (typeof headers !== 'object' || Array.isArray(headers)) return { problem: 'meta.headers must be an object' };
		return { meta: value, headers };
	} catch {
		return { problem: 'meta must be a JSON string' };
	}
}

/** Checks form fields; `partial` (PUT) allows any of them to be left out. */
function readFields(form, partial) {
	const out = {};
	if (!partial || form.modes !== undefined) {
		const { modes, problem } = parseModes(form.modes);
		if (problem) return { problem };
		out.modes = modes;
	}
	if (!partial || form.tag !== undefined) {
		if (!form.tag) return { problem: 'tag is required' };
		out.tag = form.tag;
	}
	if (!partial || form.url !== undefined) {
		if (!/^https?:\/\/\S+$/i.test(form.url ?? '')) return { problem: 'url must be an http or https URL' };
		out.url = form.url;
	}
	if (!partial || form.version !== undefined) {
		const version = Number(form.version ?? 2);
		if (version !== 2 && version !== 3) return { problem: 'version must be 2 or 3' };
		out.version = version;
	}
	if (!partial || form.meta !== undefined) {
		const { meta, headers, problem } = parseMeta(form.meta);
		if (problem) return { problem };
		out.meta = meta;
		out.headers = headers;
	}
	return { fields: out };
}

function createSubscriptions() {
	const byId = new Map();
	let lastId = 1000;

	const publicView = ({ headers, ...sub }) => sub;
	const tagTaken = (tag, exceptId) => [...byId.values()].some((s) => s.tag === tag && s.id !== exceptId);

	return {
		/** The active subscriptions as callback targets. */
		targets() {
			return [...byId.values()]
				.filter((s) => s.active)
				.map((s) => ({ url: s.url, headers: s.headers, version: s.version, modes: s.modes }));
		},

		clear() {
			byId.clear();
		},

		handle(method, id, form, bodyKind) {
			if (method === 'GET' && id === undefined) {
				return { status: 200, body: { status: 'success', subscriptions: [...byId.values()].map(publicView) } };
			}
			if (method === 'DELETE' && id !== undefined) {
				if (!byId.delete(id)) return error('Subscription not found');
				return { status: 200, body: { status: 'success' } };
			}
			if (bodyKind !== 'form') return error('Request body must be application/x-www-form-urlencoded');
			const { fields, problem } = readFields(form, method === 'PUT');
			if (problem) return error(problem);
			const now = Date.now();
			if (method === 'POST') {
				if (tagTaken(fields.tag)) return error('Subscription with this tag already exists');
				const sub = { id: String(++lastId), ...fields, active: true, createdOn: now, modifiedOn: now };
				byId.set(sub.id, sub);
				return { status: 200, body: { status: 'success', subscription: publicView(sub) } };
			}
			const sub = byId.get(id);
			if (!sub) return error('Subscription not found');
			if (fields.tag !== undefined && tagTaken(fields.tag, id)) return error('Subscription with this tag already exists');
			Object.assign(sub, fields, { modifiedOn: now });
			return { status: 200, body: { status: 'success', subscription: publicView(sub) } };
		},
	};
}

module.exports = { createSubscriptions };

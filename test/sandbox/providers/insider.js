'use strict';
// Insider One: POST /v1/conversational/send and /v1/send, many messages a request, and the template list of its
// WhatsApp Template Management API, GET /api/v1/templates.

const { isObject, isPhone, checkContent, checkReadStatus, contentKey, checkUpload } = require('./meta-message');
const { checkTemplateSend, createdAt } = require('../templates');

const ENDPOINTS = { '/v1/conversational/send': 'conversational', '/v1/send': 'transactional' };
const TEMPLATES_PATH = '/api/v1/templates';
// "Transactional WhatsApp Message File Processes" (https://academy.insiderone.com/docs/transactional-whatsapp-message-file-processes):
// multipart file, type (MIME) and messaging_product=whatsapp, header X-INS-AUTH-KEY; answer { "id": "<FILE_ID>" }.
// Failures are not on the page; they follow Insider's { message } style.
const UPLOAD_PATH = '/v1/media/upload';

// "Send Typing Indicator for Conversational WhatsApp API"
// (https://academy.insiderone.com/docs/send-typing-indicator-for-conversational-whatsapp-api): POST
// /v1/{PHONE_NUMBER_ID}/messages, X-INS-AUTH-KEY, Meta's { messaging_product, status: "read", message_id,
// typing_indicator: { type: "text" } }, every field required; it marks the message read too. The page shows no
// answer: the sandbox answers Meta's { success: true }, and 400 { message } (Insider's style) otherwise.
const TYPING_PATH = /^\/v1\/([^/]+)\/messages$/;

const IP_RESTRICTED = { message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } };

// Only 401, 403 and 429 bodies are documented; the 5xx bodies follow their `{ message }` style.
const INFRA_ERRORS = {
	429: { message: 'rate limited' },
	500: { message: 'internal server error' },
	503: { message: 'service unavailable' },
	504: { message: 'gateway timeout' },
};

const badRequest = (message) => ({ status: 400, body: { message }, accepted: [] });

function checkMessages(body) {
	if (!isObject(body) || !Array.isArray(body.messages) || body.messages.length === 0) {
		return 'messages must be a non-empty array';
	}
	for (let i = 0; i < body.messages.length; i++) {
		const item = body.messages[i];
		const at = `messages[${i}]`;
		if (!isObject(item)) return `${at} must be an object`;
		if (!isPhone(item.phoneNumber, false)) return `${at}.phoneNumber must be an E.164 number starting with +`;
		if (!isObject(item.message)) return `${at}.message is required`;
		const problem = checkContent(item.message, `${at}.message`);
		if (problem) return problem;
	}
	return null;
}

// ---- GET /api/v1/templates (https://academy.insiderone.com/docs/list-whatsapp-templates) ----
// Same host as the send API (whatsapp.useinsider.com) and the same X-INS-AUTH-KEY. Query: page (a positive
// integer), per_page (1 to 100), name, statuses[], languages[], qualities[], sort ("column|direction", e.g.
// createdAt|desc). Items as Insider's template detail (https://academy.insiderone.com/docs/get-whatsapp-template-details-with-oauth-2-0):
//   { id, whatsAppTemplateId, name, language, category, quality, status, components, createdAt, updatedAt }
// The documented sample answer is { data: [ ... ] } but our copy of the page is cut off after the first item, so the
// paging object is *unconfirmed*: the sandbox answers meta { current_page, last_page, per_page, total }. A client
// should read data[] and ask for the next page while a page comes back full. Failures answer { message } (the page:
// "Most template endpoint failures return a JSON body with a message field").
const SORTABLE = ['id', 'name', 'language', 'category', 'status', 'quality', 'createdAt', 'updatedAt'];

function insiderTemplate(t, index) {
	const at = new Date(createdAt(index)).toISOString();
	return {
		id: index + 1,
		whatsAppTemplateId: Number(t.id),
		name: t.name,
		language: t.language,
		category: t.category,
		quality: t.status === 'APPROVED' ? 'GREEN' : 'UNKNOWN',
		status: t.status,
		components: t.components,
		createdAt: at,
		updatedAt: at,
	};
}

function listTemplates(catalogue, query) {
	const page = query.has('page') ? Number(query.get('page')) : 1;
	const perPage = query.has('per_page') ? Number(query.get('per_page')) : 10;
	if (!Number.isInteger(page) || page < 1) return badRequest('page must be a positive integer');
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return badRequest('per_page must be between 1 and 100');
	const sort = query.get('sort');
	const sortMatch = sort === null ? null : /^(\w+)\|(asc|desc)$/.exec(sort);
	if (sort !== null && (!sortMatch || !SORTABLE.includes(sortMatch[1]))) return badRequest(`sort must be column|direction with a column of ${SORTABLE.join(', ')}`);
	const all = (key) => [...query.getAll(key), ...query.getAll(`${key}[]`)];
	const [statuses, languages, qualities] = [all('statuses'), all('languages'), all('qualities')];
	const name = query.get('name');
	let items = catalogue
		.list()
		.map(insiderTemplate)
		.filter((t) => (!name || t.name.includes(name)) && (!statuses.length || statuses.includes(t.status)) &&
			(!languages.length || languages.includes(t.language)) && (!qualities.length || qualities.includes(t.quality)));
	if (sortMatch) {
		const [, column, direction] = sortMatch;
		const sign = direction === 'asc' ? 1 : -1;
		items = items.sort((a, b) => (a[column] < b[column] ? -sign : a[column] > b[column] ? sign : (a.id - b.id) * sign));
	}
	const total = items.length;
	return {
		status: 200,
		body: {
			data: items.slice((page - 1) * perPage, page * perPage),
			meta: { current_page: page, last_page: Math.max(1, Math.ceil(total / perPage)), per_page: perPage, total },
		},
		accepted: [],
	};
}

function createInsider({ credentials, newId, catalogue }) {
	return {
		name: 'insider',
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			if (method === 'GET' && path === TEMPLATES_PATH) return { route: 'templates', endpoint: 'templates', params: {} };
			if (method === 'POST' && path === UPLOAD_PATH) return { route: 'upload', endpoint: 'media', params: {} };
			const typing = method === 'POST' && TYPING_PATH.exec(path);
			if (typing) return { route: 'typing', endpoint: 'typing', params: { phoneNumberId: decodeURIComponent(typing[1]) } };
			const endpoint = ENDPOINTS[path];
			return method === 'POST' && endpoint ? { route: 'send', endpoint, params: {} } : null;
		},

		handle({ route, params, headers, body, bodyKind, query, registerUpload }) {
			// Cloudflare sits in front of Insider and turns away empty and Java default User-Agents.
			const agent = headers['user-agent'];
			if (!agent || agent.startsWith('Java/')) return { status: 403, body: IP_RESTRICTED, accepted: [] };
			if (headers['x-ins-auth-key'] !== credentials.authKey && !(credentials.tenantAuthKeys ?? []).includes(headers['x-ins-auth-key'])) {
				return { status: 401, body: { message: 'unauthorized' }, accepted: [] };
			}
			if (route === 'templates') return listTemplates(catalogue, query);
			if (route === 'typing') {
				if (params.phoneNumberId !== credentials.phoneNumberId) return badRequest(`unknown phone number id ${params.phoneNumberId}`);
				const problem = bodyKind === 'json' ? checkReadStatus(body, 'body', 'required') : 'request body must be valid JSON';
				return problem ? badRequest(problem) : { status: 200, body: { success: true }, accepted: [] };
			}
			if (route === 'upload') {
				const problem = body.fields?.messaging_product === 'whatsapp' ? checkUpload(body, body.fields.type) : 'messaging_product must be "whatsapp"';
				if (problem) return badRequest(problem);
				const id = registerUpload({ fields: body.fields, file: body.files.find((f) => f.field === 'file') });
				return { status: 200, body: { id }, accepted: [] };
			}
			if (bodyKind !== 'json') return badRequest('request body must be valid JSON');
			// All or nothing: one bad message rejects the request, so keys always map 1:1 to messages.
			const problem = checkMessages(body);
			if (problem) return badRequest(problem);
			// A template that does not fit the catalogue does not fail the batch: Insider answers with a key for every
			// message (they reach Meta later, one by one) and reports Meta's error in that message's `failed` callback,
			// { key, event: "failed", error: { message, type, code, fbtrace_id } } (/work/shared/provider-docs/NOTES.md).
			const accepted = body.messages.map((m) => ({
				messageId: `whatsapp-${newId()}`,
				to: m.phoneNumber,
				dedupKey: `${m.phoneNumber}\n${contentKey(m.message)}`,
				template: m.message.type === 'template',
				failure: m.message.type === 'template' ? checkTemplateSend(catalogue, m.message.template) ?? undefined : undefined,
			}));
			return { status: 200, body: { keys: accepted.map((a) => a.messageId) }, accepted };
		},
	};
}

module.exports = { createInsider };

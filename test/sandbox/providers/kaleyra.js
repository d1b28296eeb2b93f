'use strict';
// Kaleyra WhatsApp API v2: POST /v2/:sid/whatsapp/:phoneNumber/messages, one message a request, and
// GET /v2/:sid/whatsapp/:wabaId/message_templates.

const { isObject, isPhone, checkContent, checkReadStatus, contentKey, checkUpload } = require('./meta-message');
const { checkTemplateSend } = require('../templates');

const PATH = /^\/v2\/([^/]+)\/whatsapp\/([^/]+)\/messages$/;
const TEMPLATES_PATH = /^\/v2\/([^/]+)\/whatsapp\/([^/]+)\/message_templates$/;
// "Upload Media Files" (https://developers.kaleyra.io/docs/whatsapp-api-v2-upload-media-files): multipart file and
// type, header api-key, the business number in the path. The page does not show the answer; the sandbox answers
// in Kaleyra's envelope { code: "WA200", message, data: { id }, error: {} } (invented, like its 429 body).
const UPLOAD_PATH = /^\/v2\/([^/]+)\/whatsapp\/([^/]+)\/media$/;

// The documented error bodies, verbatim.
const BAD_CREDENTIALS = {
	code: 'RBC001',
	message: 'Incorrect SID or API key.',
	data: [],
	error: { error: 'Incorrect SID or API key.' },
};
const UNKNOWN_NUMBER = {
	code: 'WA401',
	message: 'Phone number is not present or does not belong to the account.',
	data: {},
	error: { phone_number: 'Phone number is not present or does not belong to the account.' },
};
const BAD_PAYLOAD = {
	code: 'WA400',
	message: 'Refer to correct payload format',
	data: {},
	error: { payload: 'Incorrect payload format' },
};

// WA500 is documented; Kaleyra documents no 429, 503 or 504 body, so those are
// invented in the same { code, message, data, error } style.
const INFRA_ERRORS = {
	429: { code: 'WA429', message: 'Too many requests, please slow down', data: {}, error: { error: 'Rate limit exceeded' } },
	500: { code: 'WA500', message: 'Please try again later', data: {}, error: { error: 'Internal server error' } },
	503: { code: 'WA503', message: 'Please try again later', data: {}, error: { error: 'Service unavailable' } },
	504: { code: 'WA504', message: 'Please try again later', data: {}, error: { error: 'Gateway timeout' } },
};

// Kaleyra documents WA401 "Unauthorized access" for its template APIs
// (https://developers.kaleyra.io/docs/whatsapp-api-v2-error-codes-for-template) but no body for a WABA ID outside
// the account; this one follows WA401's documented body for a number outside the account.
const UNKNOWN_WABA = {
	code: 'WA401',
	message: 'WABA ID is not present or does not belong to the account.',
	data: {},
	error: { waba_id: 'WABA ID is not present or does not belong to the account.' },
};

// GET /v2/<sid>/whatsapp/<waba-id>/message_templates (https://developers.kaleyra.io/docs/whatsapp-message-api-v2-get-templates).
// Answer (https://developers.kaleyra.io/docs/whatsapp-api-v2-error-codes-for-template, "Get Template"):
//   { code: "WA200", message: "Request Processed Successfully", data: [ { category, company_id, components, ... } ], error: {} }
// Each item is Meta's template object (name, language, status, category, id, parameter_format, components in
// Meta's HEADER/BODY/FOOTER/BUTTONS form) plus Kaleyra's company_id. The page's query parameters are not in our
// copy; Meta's own filters name, status, language and category are honoured, anything else is ignored, and every
// template comes on one page (no paging object).
const COMPANY_ID = 'ZsandboxCo01a';
const FILTERS = ['name', 'status', 'language', 'category'];

function kaleyraTemplates(catalogue, query) {
	const wanted = FILTERS.filter((f) => query.has(f)).map((f) => [f, query.get(f)]);
	return catalogue
		.list()
		.filter((t) => wanted.every(([f, v]) => (f === 'name' ? t.name.includes(v) : String(t[f]).toLowerCase() === v.toLowerCase())))
		.map((t) => ({
			category: t.category,
			company_id: COMPANY_ID,
			components: t.components,
			id: t.id,
			language: t.language,
			name: t.name,
			parameter_format: t.parameter_format,
			...(t.rejected_reason ? { rejected_reason: t.rejected_reason } : {}),
			status: t.status,
		}));
}

function decodeNumber(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

function isValidPayload(body) {
	if (!isObject(body) || !isObject(body.messaging_object)) return false;
	if (body.extra_info !== undefined && !isObject(body.extra_info)) return false;
	const mo = body.messaging_object;
	if (mo.messaging_product !== 'whatsapp') return false;
	if (mo.recipient_type !== undefined && mo.recipient_type !== 'individual') return false;
	if (!isPhone(mo.to, true)) return false;
	// The page says type defaults to text when omitted.
	return checkContent({ ...mo, type: mo.type ?? 'text' }, 'messaging_object') === null;
}

// "Send Read Receipt Messages" (https://developers.kaleyra.io/docs/whatsapp_message_api_v2_send-read-receipt-messages):
// messaging_object { messaging_product, status: "read", message_id } and extra_info, on the messages endpoint; no
// typing indicator. The page shows no answer: the sandbox answers 200 in Kaleyra's envelope, as for its other
// processed requests ({ code: "WA200", message: "Request Processed Successfully", data: {}, error: {} }).
const isReadReceipt = (body) => isObject(body) && isObject(body.messaging_object) && body.messaging_object.status !== undefined;

function createKaleyra({ credentials, newId, catalogue }) {
	const businessNumbers = new Set(credentials.businessNumbers);
	return {
		name: 'kaleyra',
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			const m = method === 'POST' && PATH.exec(path);
			if (m) return { route: 'send', params: { sid: m[1], phoneNumber: decodeNumber(m[2]) } };
			const u = method === 'POST' && UPLOAD_PATH.exec(path);
			if (u) return { route: 'upload', endpoint: 'media', params: { sid: u[1], phoneNumber: decodeNumber(u[2]) } };
			const t = method === 'GET' && TEMPLATES_PATH.exec(path);
			return t ? { route: 'templates', params: { sid: t[1], wabaId: decodeNumber(t[2]) } } : null;
		},

		handle({ route, params, headers, body, bodyKind, query, registerUpload }) {
			if (params.sid !== credentials.sid || headers['api-key'] !== credentials.apiKey) {
				return { status: 401, body: BAD_CREDENTIALS, accepted: [] };
			}
			if (route === 'templates') {
				if (params.wabaId !== credentials.wabaId) return { status: 401, body: UNKNOWN_WABA, accepted: [] };
				const data = kaleyraTemplates(catalogue, query);
				return { status: 200, body: { code: 'WA200', message: 'Request Processed Successfully', data, error: {} }, accepted: [] };
			}
			if (!businessNumbers.has(params.phoneNumber)) return { status: 401, body: UNKNOWN_NUMBER, accepted: [] };
			if (route === 'upload') {
				if (checkUpload(body, body.fields?.type)) return { status: 400, body: BAD_PAYLOAD, accepted: [] };
				const id = registerUpload({ fields: body.fields, file: body.files.find((f) => f.field === 'file') });
				return { status: 200, body: { code: 'WA200', message: 'Media uploaded successfully.', data: { id }, error: {} }, accepted: [] };
			}
			if (bodyKind === 'json' && isReadReceipt(body)) {
				const invalid = checkReadStatus(body.messaging_object, 'messaging_object', 'none') || (body.extra_info !== undefined && !isObject(body.extra_info));
				if (invalid) return { status: 400, body: BAD_PAYLOAD, accepted: [] };
				return { status: 200, body: { code: 'WA200', message: 'Request Processed Successfully', data: {}, error: {} }, accepted: [] };
			}
			if (bodyKind !== 'json' || !isValidPayload(body)) return { status: 400, body: BAD_PAYLOAD, accepted: [] };
			const mo = { ...body.messaging_object, type: body.messaging_object.type ?? 'text' };
			const messageId = `A${newId().toUpperCase()}`;
			const message = { messageId, to: mo.to, dedupKey: `${mo.to}\n${contentKey(mo)}`, ref: body.extra_info?.ref, template: mo.type === 'template' };
			// Kaleyra answers 202 "Request Accepted" before the message reaches Meta; Meta's template errors come back
			// in the failed status callback ("Error Responses that are being Sent as Part of Callbacks",
			// https://developers.kaleyra.io/docs/whatsapp-api-v2-error-codes-for-send-message). So does the sandbox.
			if (message.template) message.failure = checkTemplateSend(catalogue, mo.template) ?? undefined;
			return {
				status: 202,
				body: { code: 'WA202', message: 'Request Accepted', data: { message_id: messageId }, error: {} },
				accepted: [message],
			};
		},
	};
}

module.exports = { createKaleyra };

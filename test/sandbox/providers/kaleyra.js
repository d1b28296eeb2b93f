'use strict';
// Kaleyra WhatsApp API v2: POST /v2/:sid/whatsapp/:phoneNumber/messages, one message a request.

const { isObject, isPhone, checkContent, contentKey } = require('./meta-message');

const PATH = /^\/v2\/([^/]+)\/whatsapp\/([^/]+)\/messages$/;

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

function createKaleyra({ credentials, newId }) {
	const businessNumbers = new Set(credentials.businessNumbers);
	return {
		name: 'kaleyra',
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			const m = method === 'POST' && PATH.exec(path);
			return m ? { route: 'send', params: { sid: m[1], phoneNumber: decodeNumber(m[2]) } } : null;
		},

		handle({ params, headers, body, bodyKind }) {
			if (params.sid !== credentials.sid || headers['api-key'] !== credentials.apiKey) {
				return { status: 401, body: BAD_CREDENTIALS, accepted: [] };
			}
			if (!businessNumbers.has(params.phoneNumber)) return { status: 401, body: UNKNOWN_NUMBER, accepted: [] };
			if (bodyKind !== 'json' || !isValidPayload(body)) return { status: 400, body: BAD_PAYLOAD, accepted: [] };
			const mo = { ...body.messaging_object, type: body.messaging_object.type ?? 'text' };
			const messageId = `A${newId().toUpperCase()}`;
			return {
				status: 202,
				body: { code: 'WA202', message: 'Request Accepted', data: { message_id: messageId }, error: {} },
				accepted: [{ messageId, to: mo.to, dedupKey: `${mo.to}\n${contentKey(mo)}`, ref: body.extra_info?.ref }],
			};
		},
	};
}

module.exports = { createKaleyra };

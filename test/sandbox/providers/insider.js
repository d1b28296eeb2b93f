'use strict';
// Insider One: POST /v1/conversational/send and /v1/send, many messages a request.

const { isObject, isPhone, checkContent, contentKey } = require('./meta-message');

const ENDPOINTS = { '/v1/conversational/send': 'conversational', '/v1/send': 'transactional' };

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

function createInsider({ credentials, newId }) {
	return {
		name: 'insider',
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			const endpoint = ENDPOINTS[path];
			return method === 'POST' && endpoint ? { route: 'send', endpoint, params: {} } : null;
		},

		handle({ headers, body, bodyKind }) {
			// Cloudflare sits in front of Insider and turns away empty and Java default User-Agents.
			const agent = headers['user-agent'];
			if (!agent || agent.startsWith('Java/')) return { status: 403, body: IP_RESTRICTED, accepted: [] };
			if (headers['x-ins-auth-key'] !== credentials.authKey) {
				return { status: 401, body: { message: 'unauthorized' }, accepted: [] };
			}
			if (bodyKind !== 'json') return badRequest('request body must be valid JSON');
			// All or nothing: one bad message rejects the request, so keys always map 1:1 to messages.
			const problem = checkMessages(body);
			if (problem) return badRequest(problem);
			const accepted = body.messages.map((m) => ({
				messageId: `whatsapp-${newId()}`,
				to: m.phoneNumber,
				dedupKey: `${m.phoneNumber}\n${contentKey(m.message)}`,
			}));
			return { status: 200, body: { keys: accepted.map((a) => a.messageId) }, accepted };
		},
	};
}

module.exports = { createInsider };

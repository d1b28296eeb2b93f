'use strict';
// Gupshup Partner API v3: POST /partner/app/:appId/v3/message (Meta format) and the
// subscription endpoints that register callback URLs.

const { isObject, isPhone, checkContent, contentKey } = require('./meta-message');
const { createSubscriptions } = require('./gupshup-subscriptions');

const SEND_PATH = /^\/partner\/app\/([^/]+)\/v3\/message$/;
const SUBSCRIPTION_PATH = /^\/partner\/app\/([^/]+)\/subscription(?:\/([^/]+))?$/;

const AUTH_FAILED = { status: 'error', message: 'Authentication Failed' };
const INVALID_APP = { message: 'Invalid App Details', status: 'error' };

// Gupshup documents no 429 or 5xx body; these follow its { status, message } style.
const INFRA_ERRORS = {
	429: { status: 'error', message: 'Too Many Requests' },
	500: { status: 'error', message: 'Internal Server Error' },
	503: { status: 'error', message: 'Service Unavailable' },
	504: { status: 'error', message: 'Gateway Timeout' },
};

function checkPayload(body) {
	if (!isObject(body)) return 'The request body must be a JSON object';
	if (body.messaging_product !== 'whatsapp') return 'The parameter messaging_product is required and must be "whatsapp"';
	if (body.recipient_type !== 'individual') return 'The parameter recipient_type is required and must be "individual"';
	if (!isPhone(body.to, true)) return 'The parameter to must be a valid phone number';
	return checkContent(body, 'message');
}

function createGupshup({ credentials, newId }) {
	const subscriptions = createSubscriptions();

	// Gupshup relays Meta's own validation errors inside its envelope.
	const metaError = (detail) => ({
		status: 400,
		body: {
			error: { code: 100, message: `(#100) ${detail}`, type: 'OAuthException', fbtrace_id: `A${newId()}` },
			status: 'error',
		},
		accepted: [],
	});

	function send({ body, bodyKind }) {
		if (bodyKind !== 'json') return metaError('Invalid JSON in the request body');
		const problem = checkPayload(body);
		if (problem) return metaError(problem);
		const id = newId();
		const messageId = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(12, 15)}-8${id.slice(15, 18)}-${id.slice(18).padStart(12, '0')}`;
		return {
			status: 200,
			body: {
				messages: [{ id: messageId }],
				messaging_product: 'whatsapp',
				contacts: [{ input: body.to, wa_id: body.to.replace(/^\+/, '') }],
			},
			accepted: [{ messageId, to: body.to, dedupKey: `${body.to}\n${contentKey(body)}` }],
			callbackTargets: subscriptions.targets(),
		};
	}

	return {
		name: 'gupshup',
		subscriptions,
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			const send = method === 'POST' && SEND_PATH.exec(path);
			if (send) return { route: 'send', params: { appId: send[1] } };
			const sub = SUBSCRIPTION_PATH.exec(path);
			if (!sub) return null;
			const withId = sub[2] !== undefined;
			const allowed = withId ? method === 'PUT' || method === 'DELETE' : method === 'GET' || method === 'POST';
			return allowed ? { route: 'subscription', params: { appId: sub[1], id: sub[2] } } : null;
		},

		handle(ctx) {
			if (ctx.params.appId !== credentials.appId) return { status: 400, body: INVALID_APP, accepted: [] };
			if (ctx.headers.authorization !== credentials.appToken) return { status: 401, body: AUTH_FAILED, accepted: [] };
			if (ctx.route === 'send') return send(ctx);
			const result = subscriptions.handle(ctx.method, ctx.params.id, ctx.body, ctx.bodyKind);
			return { ...result, accepted: [] };
		},
	};
}

module.exports = { createGupshup };

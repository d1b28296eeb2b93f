'use strict';
// Gupshup Partner API v3: POST /partner/app/:appId/v3/message (Meta format), the
// subscription endpoints that register callback URLs, and GET /partner/app/:appId/templates.

const { createHash } = require('node:crypto');
const { isObject, isPhone, checkContent, checkReadStatus, contentKey, checkUpload } = require('./meta-message');
const { createSubscriptions } = require('./gupshup-subscriptions');
const { checkTemplateSend, component, sampleOf, createdAt } = require('../templates');
const { graphError } = require('../meta-errors');
const { SANDBOX_WABA_ID } = require('./names');

const SEND_PATH = /^\/partner\/app\/([^/]+)\/v3\/message$/;
const SUBSCRIPTION_PATH = /^\/partner\/app\/([^/]+)\/subscription(?:\/([^/]+))?$/;
const TEMPLATES_PATH = /^\/partner\/app\/([^/]+)\/templates$/;
// "Generate Media ID Using File Upload" (https://partner-docs.gupshup.io/reference/post_partner-app-appid-media):
// multipart file_type and file, header Authorization; answer { mediaId, status: "success" }; over 100 MB: 413
// { message: "File size exceeds the maximum limit!", status: "error" }. 10 requests a second per app.
const UPLOAD_PATH = /^\/partner\/app\/([^/]+)\/media$/;
const UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

// "Mark message as Read/Typing indicator" (https://partner-docs.gupshup.io/reference/voicecallaction-1): POST
// /partner/app/{appId}/v1/event, { type: "message-event", message: { messaging_product, status: "read", message_id,
// typing_indicator? } }, answered { status: "success" }; its refusals, verbatim: 400 "Outbound event not supported"
// (an invalid status or payload), 400 "Invalid JSON payload" (malformed JSON).
const EVENT_PATH = /^\/partner\/app\/([^/]+)\/v1\/event$/;

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

// ---- GET /partner/app/{appId}/templates ----
// Answer format: https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates (sample response)
//   { status: "success", templates: [ { appId, buttonSupported, category, containerMeta: "<JSON string>", createdOn,
//     data, elementName, externalId, id, languageCode, languagePolicy, meta: "<JSON string>", modifiedOn, namespace,
//     priority, quality, retry, stage, status, templateType, vertical, wabaId } ] }
// `data` is Gupshup's one-line rendering: header, body and footer on lines, then " | [button text,url]" per button
// (as in the samples of https://partner-docs.gupshup.io/reference/createtemplatefromlibrary). containerMeta holds
// the parts (data = body, header, footer, buttons, sampleText, sampleHeader, ...). Only QR, URL, PN and OTP appear
// as buttonSupported codes in Gupshup's samples; COPY_CODE for a marketing copy-code button is unconfirmed.
// containerMeta keeps what a template was created with: a carousel's `cards` ({ headerType, mediaUrl, body,
// sampleText, buttons }, https://docs.gupshup.io/reference/post_partner-app-appid-templates-2) and a limited-time
// offer's isLTO, hasExpiration, limitedOfferText (https://partner-docs.gupshup.io/reference/post_partner-app-appid-templates-lto).
// Rate limit: 10 requests a minute per app (https://partner-docs.gupshup.io/docs/partner-rate-limits), answered
// with 429 { status: "error", message: "Too Many Requests" } as Gupshup's template pages show.

const BUTTON_CODES = { QUICK_REPLY: 'QR', URL: 'URL', PHONE_NUMBER: 'PN', COPY_CODE: 'COPY_CODE', FLOW: 'FLOW' };

/** Gupshup's own template id: a UUID derived from the Meta id, so it is the same on every run. */
function gupshupId(metaId) {
	const h = createHash('sha256').update(`gupshup/${metaId}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function containerButton(b) {
	if (b.type === 'URL') return { type: 'URL', text: b.text, url: b.url, ...(b.example ? { example: b.example } : {}) };
	if (b.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', text: b.text, phone_number: b.phone_number };
	if (b.type === 'COPY_CODE') return { type: 'COPY_CODE', text: b.text, example: b.example?.[0] };
	if (b.type === 'FLOW') return { type: 'FLOW', text: b.text, flow_id: b.flow_id, flow_action: b.flow_action, navigate_screen: b.navigate_screen };
	return { type: 'QUICK_REPLY', text: b.text };
}

/** A carousel card as Gupshup's containerMeta holds it. */
function containerCard(card) {
	const of = (type) => card.components.find((c) => c.type === type);
	const header = of('HEADER');
	const body = of('BODY');
	return {
		headerType: header.format,
		mediaUrl: header.example?.header_handle?.[0] ?? null,
		mediaId: null,
		body: body?.text ?? '',
		sampleText: sampleOf(body),
		buttons: (of('BUTTONS')?.buttons ?? []).map(containerButton),
	};
}

function gupshupTemplate(t, index, appId) {
	const header = component(t, 'HEADER');
	const carousel = component(t, 'CAROUSEL');
	const offer = component(t, 'LIMITED_TIME_OFFER');
	const body = component(t, 'BODY');
	const footer = component(t, 'FOOTER');
	const buttons = component(t, 'BUTTONS')?.buttons ?? [];
	const headerText = header?.format === 'TEXT' ? header.text : undefined;
	const sampleText = sampleOf(body);
	const containerMeta = {
		appId,
		data: body.text,
		...(buttons.length ? { buttons: buttons.map(containerButton) } : {}),
		...(headerText ? { header: headerText } : {}),
		...(footer ? { footer: footer.text } : {}),
		sampleText,
		...(headerText ? { sampleHeader: sampleOf(header) } : {}),
		...(carousel ? { cards: carousel.cards.map(containerCard) } : {}),
		...(offer ? { isLTO: true, hasExpiration: offer.limited_time_offer.has_expiration === true, limitedOfferText: offer.limited_time_offer.text } : {}),
		enableSample: true,
		editTemplate: false,
		allowTemplateCategoryChange: false,
		addSecurityRecommendation: false,
	};
	const rendered = [headerText, body.text, footer?.text].filter(Boolean).join('\n') +
		buttons.map((b) => ` | [${[b.text, b.url ?? b.phone_number].filter(Boolean).join(',')}]`).join('');
	const at = createdAt(index);
	return {
		appId,
		...(buttons.length ? { buttonSupported: [...new Set(buttons.map((b) => BUTTON_CODES[b.type]))].join(',') } : {}),
		category: t.category,
		containerMeta: JSON.stringify(containerMeta),
		createdOn: at,
		data: rendered,
		elementName: t.name,
		externalId: t.id,
		id: gupshupId(t.id),
		languageCode: t.language,
		languagePolicy: 'deterministic',
		meta: JSON.stringify({ example: sampleText }),
		modifiedOn: at,
		namespace: 'sandbox_namespace_0001',
		priority: 1,
		quality: 'UNKNOWN',
		...(t.rejected_reason ? { reason: t.rejected_reason } : {}),
		retry: 0,
		stage: 'NONE',
		status: t.status,
		templateType: carousel ? 'CAROUSEL' : header && header.format !== 'TEXT' ? header.format : 'TEXT',
		vertical: t.category === 'MARKETING' ? 'Promotions' : 'Account updates',
		wabaId: SANDBOX_WABA_ID,
	};
}

function createGupshup({ credentials, newId, catalogue }) {
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

	// A template that does not fit the catalogue is refused on the spot, as the Cloud API refuses it (Gupshup's v3
	// message API is Meta's, and relays Meta's answer in its envelope). HTTP status as Meta's: 404 for 132001, else 400.
	const templateRefusal = (err) => ({ status: err.httpStatus, body: { error: graphError(err), status: 'error' }, accepted: [] });

	function send({ body, bodyKind }) {
		if (bodyKind !== 'json') return metaError('Invalid JSON in the request body');
		const problem = checkPayload(body);
		if (problem) return metaError(problem);
		if (body.type === 'template') {
			const refused = checkTemplateSend(catalogue, body.template);
			if (refused) return templateRefusal(refused);
		}
		const id = newId();
		const messageId = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(12, 15)}-8${id.slice(15, 18)}-${id.slice(18).padStart(12, '0')}`;
		return {
			status: 200,
			body: {
				messages: [{ id: messageId }],
				messaging_product: 'whatsapp',
				contacts: [{ input: body.to, wa_id: body.to.replace(/^\+/, '') }],
			},
			accepted: [{ messageId, to: body.to, dedupKey: `${body.to}\n${contentKey(body)}`, template: body.type === 'template' }],
			callbackTargets: subscriptions.targets(),
		};
	}

	function readEvent({ body, bodyKind }) {
		if (bodyKind !== 'json') return { status: 400, body: { message: 'Invalid JSON payload', status: 'error' }, accepted: [] };
		if (!isObject(body) || body.type !== 'message-event' || checkReadStatus(body.message, 'message', 'optional')) {
			return { status: 400, body: { message: 'Outbound event not supported', status: 'error' }, accepted: [] };
		}
		return { status: 200, body: { status: 'success' }, accepted: [] };
	}

	return {
		name: 'gupshup',
		subscriptions,
		infraError: (status) => INFRA_ERRORS[status],

		match(method, path) {
			const send = method === 'POST' && SEND_PATH.exec(path);
			if (send) return { route: 'send', params: { appId: send[1] } };
			const event = method === 'POST' && EVENT_PATH.exec(path);
			if (event) return { route: 'event', endpoint: 'event', params: { appId: event[1] } };
			const upload = method === 'POST' && UPLOAD_PATH.exec(path);
			if (upload) return { route: 'upload', endpoint: 'media', params: { appId: upload[1] } };
			const templates = method === 'GET' && TEMPLATES_PATH.exec(path);
			if (templates) return { route: 'templates', params: { appId: templates[1] } };
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
			if (ctx.route === 'event') return readEvent(ctx);
			if (ctx.route === 'upload') {
				const { body } = ctx;
				const file = body.files?.find((f) => f.field === 'file');
				if (file && file.size > UPLOAD_MAX_BYTES) return { status: 413, body: { message: 'File size exceeds the maximum limit!', status: 'error' }, accepted: [] };
				const problem = checkUpload(body, body.fields?.file_type);
				if (problem) return { status: 400, body: { message: problem, status: 'error' }, accepted: [] };
				const mediaId = ctx.registerUpload({ fields: body.fields, file });
				return { status: 200, body: { mediaId, status: 'success' }, accepted: [] };
			}
			if (ctx.route === 'templates') {
				if (!ctx.takeListLimit(ctx.params.appId)) return { status: 429, body: INFRA_ERRORS[429], accepted: [] };
				const templates = catalogue.list().map((t, i) => gupshupTemplate(t, i, credentials.appId));
				return { status: 200, body: { status: 'success', templates }, accepted: [] };
			}
			const result = subscriptions.handle(ctx.method, ctx.params.id, ctx.body, ctx.bodyKind);
			return { ...result, accepted: [] };
		},
	};
}

module.exports = { createGupshup };

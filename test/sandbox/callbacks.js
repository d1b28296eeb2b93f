'use strict';
// Callback bodies in each provider's format, and the HTTP client that posts them.
//
// Event input (one of):
//   { kind: 'status', status, messageId, recipient, error?: { code, message, details? }, ref?, wamid? }
//   { kind: 'message', from, text, messageId? }
//   { kind: 'button_reply', from, id, title, contextMessageId?, messageId? }
//   { kind: 'quick_reply', from, payload, text, contextMessageId?, messageId? }
//   { kind: 'list_reply', from, id, title, description?, contextMessageId?, messageId? }
//   { kind: 'media', from, mediaType: image|document|video|audio|sticker, url?, mimeType?, caption?,
//     filename?, mediaId?, sha256?, messageId? }
//     `url` is where the provider's own link points (Kaleyra extra_info.media_url, Gupshup v2 payload.url):
//     a file of the sandbox's media host (media-files.js) for a download that works. Insider and Gupshup v3
//     send Meta's message, which names the file by its media id only.
//   { kind: 'reaction', from, reactedTo, emoji?, messageId? }
//     Meta's reaction message: `reactedTo` is the wamid reacted to (wamidFor(id) for one of ours); no `emoji`
//     means the reaction was removed (Meta then sends none). Gupshup v2 documents no reaction.
//   { kind: 'template', status, name, language?, reason?, templateId? }
//     A template's status change: Kaleyra's template status callback profile, Gupshup's template-event. Insider
//     documents none.

const http = require('node:http');
const https = require('node:https');
const { createHash, randomBytes } = require('node:crypto');

const CALLBACK_TIMEOUT_MS = 10_000;
const DEFAULTS = {
	appId: 'sandbox-app-0001',
	appName: 'SandboxApp',
	businessNumber: '+919000000001',
	wabaId: '100000000000001',
	phoneNumberId: '100000000000002',
};

const REQUIRED = {
	status: ['status', 'messageId', 'recipient'],
	message: ['from', 'text'],
	button_reply: ['from', 'id', 'title'],
	quick_reply: ['from', 'payload', 'text'],
	list_reply: ['from', 'id', 'title'],
	media: ['from', 'mediaType'],
	reaction: ['from', 'reactedTo'],
	template: ['status', 'name'],
};

/** The kinds that are a customer's message (everything but a message's or a template's status). */
const INBOUND_KINDS = Object.keys(REQUIRED).filter((kind) => kind !== 'status' && kind !== 'template');

/** WhatsApp's media kinds and the type each is sent with when the event names none. */
const MEDIA_MIME_TYPES = {
	image: 'image/jpeg',
	document: 'application/pdf',
	video: 'video/mp4',
	audio: 'audio/ogg; codecs=opus',
	sticker: 'image/webp',
};

const digits = (n) => String(n).replace(/^\+/, '');
const randomId = (bytes) => randomBytes(bytes).toString('base64url');
/** Meta's id for one of our messages; derived, so a test can predict it. */
const wamidFor = (messageId) => `wamid.${Buffer.from(String(messageId)).toString('base64url')}`;

function checkEvents(events) {
	if (!Array.isArray(events) || events.length === 0) throw new TypeError('events must be a non-empty array');
	events.forEach((ev, i) => {
		const required = REQUIRED[ev?.kind];
		if (!required) throw new TypeError(`events[${i}].kind must be one of ${Object.keys(REQUIRED).join(', ')}`);
		const missing = required.find((f) => typeof ev[f] !== 'string' || ev[f] === '');
		if (missing) throw new TypeError(`events[${i}].${missing} must be a non-empty string`);
		if (ev.error !== undefined && (typeof ev.error !== 'object' || ev.error === null || ev.error.message === undefined)) {
			throw new TypeError(`events[${i}].error must be { code, message, details? }`);
		}
		if (ev.kind === 'media' && !Object.hasOwn(MEDIA_MIME_TYPES, ev.mediaType)) {
			throw new TypeError(`events[${i}].mediaType must be one of ${Object.keys(MEDIA_MIME_TYPES).join(', ')}`);
		}
		if (ev.kind === 'media' && ev.url !== undefined && !/^https?:\/\/\S+$/i.test(ev.url)) {
			throw new TypeError(`events[${i}].url must be an http or https URL`);
		}
		if (ev.kind === 'reaction' && ev.emoji !== undefined && typeof ev.emoji !== 'string') throw new TypeError(`events[${i}].emoji must be a string`);
	});
}

// ---- Meta's shapes, which Kaleyra, Gupshup v3 and Insider's replies carry ----

function metaStatus(ev, ts, extra = {}) {
	const status = { id: ev.wamid ?? wamidFor(ev.messageId), ...extra, status: ev.status, timestamp: ts, recipient_id: digits(ev.recipient) };
	if (ev.error) {
		// Meta's webhook error: code, title (= message), and the specific cause in error_data.details.
		const { code, message, details } = ev.error;
		status.errors = [{ code, title: message, message, error_data: { details: details ?? message } }];
	}
	return status;
}

const mimeTypeOf = (ev) => ev.mimeType ?? MEDIA_MIME_TYPES[ev.mediaType];

/** Meta's media object: the file by its media id, no link (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples). */
function metaMedia(ev) {
	// Meta's media ids are 15 to 16 digits.
	const id = ev.mediaId ?? `1${String(randomBytes(6).readUIntBE(0, 6)).padStart(15, '0')}`;
	const media = {
		mime_type: mimeTypeOf(ev),
		sha256: ev.sha256 ?? createHash('sha256').update(id).digest('base64'),
		id,
	};
	// Captions exist for images, videos and documents; file names for documents.
	if (ev.caption !== undefined && ['image', 'video', 'document'].includes(ev.mediaType)) media.caption = ev.caption;
	if (ev.mediaType === 'document') media.filename = ev.filename ?? 'document.pdf';
	return media;
}

function metaInbound(ev, ts, o) {
	const base = { from: digits(ev.from), id: ev.messageId ?? `wamid.${randomId(18)}`, timestamp: ts };
	if (ev.kind === 'message') return { ...base, type: 'text', text: { body: ev.text } };
	if (ev.kind === 'media') return { ...base, type: ev.mediaType, [ev.mediaType]: metaMedia(ev) };
	if (ev.kind === 'reaction') {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/
		const emoji = ev.emoji ? { emoji: ev.emoji } : {};
		return { ...base, type: 'reaction', reaction: { message_id: ev.reactedTo, ...emoji } };
	}
	const context = ev.contextMessageId ? { context: { from: digits(o.businessNumber), id: ev.contextMessageId } } : {};
	if (ev.kind === 'button_reply') {
		return { ...base, ...context, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: ev.id, title: ev.title } } };
	}
	if (ev.kind === 'list_reply') {
		const row = { id: ev.id, title: ev.title, ...(ev.description === undefined ? {} : { description: ev.description }) };
		return { ...base, ...context, type: 'interactive', interactive: { type: 'list_reply', list_reply: row } };
	}
	return { ...base, ...context, type: 'button', button: { payload: ev.payload, text: ev.text } };
}

function metaValue(o, content) {
	return {
		messaging_product: 'whatsapp',
		metadata: { display_phone_number: digits(o.businessNumber), phone_number_id: o.phoneNumberId },
		...content,
	};
}

const metaContacts = (events) => [...new Set(events.map((ev) => digits(ev.from)))].map((wa_id) => ({ profile: { name: 'Sandbox User' }, wa_id }));

// ---- Template status changes ----

/** A stable number of `digits` digits for a name, so that a test can predict a template's id. */
function stableNumber(text, digitCount) {
	const n = BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`) % 10n ** BigInt(digitCount - 1);
	return `1${String(n).padStart(digitCount - 1, '0')}`;
}

/** Meta's template id (16 digits) of a template event. */
const metaTemplateId = (ev) => ev.templateId ?? stableNumber(`${ev.name}:${ev.language ?? 'en_US'}`, 16);

/**
 * Kaleyra's template status callback profile, its dynamic variables in a POST
 * (https://developers.kaleyra.io/docs/template-status-update): Meta's field names, flat; `id` is the WABA's.
 */
function kaleyraTemplateBody(ev, ts, o) {
	return {
		id: o.wabaId,
		time: ts,
		event: ev.status.toUpperCase(),
		message_template_id: metaTemplateId(ev),
		message_template_name: ev.name,
		message_template_language: ev.language ?? 'en_US',
		reason: ev.reason ?? 'NONE',
		callback_profile_id: 'sandbox-template-profile',
		company_id: 'ZsandboxCo01a',
	};
}

/**
 * Gupshup's template-event (https://partner-docs.gupshup.io/docs/system-events), in Gupshup's own shape whatever the
 * subscription's version (the page documents no other): a pause carries `type: "status-update"` and its description,
 * any other status the rejection reason.
 */
function gupshupTemplateBody(ev, nowMs, o) {
	const status = ev.status.toLowerCase();
	const base = {
		id: ev.templateId ?? `${stableNumber(ev.name, 8)}-6c04-12db-b393-6190ac567eff`,
		status,
		elementName: ev.name,
		languageCode: ev.language ?? 'en_US',
	};
	const payload =
		status === 'paused'
			? { type: 'status-update', ...base, description: ev.reason ?? 'Your WhatsApp message template has been paused for 3 hours because it had issues.' }
			: { ...base, rejectedReason: ev.reason ?? 'NONE' };
	return { app: o.appName, timestamp: nowMs, version: 2, type: 'template-event', payload };
}

// ---- Insider One: one event a callback, identified by the send call's `key` ----

function insiderBody(ev, ts, o) {
	if (ev.kind === 'template') throw new TypeError('Insider documents no template status callback');
	if (ev.kind !== 'status') {
		const key = ev.contextMessageId ? { key: ev.contextMessageId } : {};
		return { event: 'reply', ...key, phoneNumber: ev.from, timestamp: ts, message: metaInbound(ev, ts, o) };
	}
	const base = { key: ev.messageId, event: ev.status, status: ev.status, phoneNumber: ev.recipient, timestamp: ts };
	if (ev.error) {
		const { message, code, details } = ev.error;
		// Insider passes Meta's error object on; error_data only when there is a cause to tell.
		const data = details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details } };
		return { ...base, error: { message, type: 'OAuthException', code, ...data, fbtrace_id: randomId(9) } };
	}
	if (ev.status === 'sent') {
		// The docs: an accepted message is reported as Meta's send answer plus `key`.
		return { ...base, messaging_product: 'whatsapp', contacts: [{ input: ev.recipient, wa_id: digits(ev.recipient) }], messages: [{ id: ev.wamid ?? wamidFor(ev.messageId) }] };
	}
	return base;
}

// ---- Kaleyra v2: Meta's value wrapped in meta_object, one message a callback ----

function kaleyraBody(ev, ts, o) {
	if (ev.kind === 'template') return kaleyraTemplateBody(ev, ts, o);
	const traceId = randomBytes(8).toString('hex');
	if (ev.kind !== 'status') {
		// Kaleyra keeps an inbound file and links it in extra_info.media_url, "" for other messages
		// (https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payload-reply-media-message).
		return {
			meta_object: { value: metaValue(o, { contacts: metaContacts([ev]), messages: [metaInbound(ev, ts, o)] }), field: 'messages' },
			extra_info: { media_url: (ev.kind === 'media' && ev.url) || '', trace_id: traceId, waba_id: o.wabaId },
		};
	}
	return {
		meta_object: { value: metaValue(o, { statuses: [metaStatus(ev, ts)] }), field: 'messages' },
		extra_info: { message_id: ev.messageId, ref: ev.ref ?? '', ref1: '', ref2: '', trace_id: traceId, waba_id: o.wabaId },
		status: ev.status,
		message_id: ev.messageId,
	};
}

// ---- Gupshup v3: Meta's webhook shape plus gs_app_id; several events fit in one callback ----

function gupshupV3Body(events, ts, o) {
	const statuses = events.filter((ev) => ev.kind === 'status');
	const inbound = events.filter((ev) => ev.kind !== 'status');
	const changes = [];
	if (statuses.length) {
		changes.push({ value: metaValue(o, { statuses: statuses.map((ev) => metaStatus(ev, ts, { gs_id: ev.messageId })) }), field: 'messages' });
	}
	if (inbound.length) {
		changes.push({ value: metaValue(o, { contacts: metaContacts(inbound), messages: inbound.map((ev) => metaInbound(ev, ts, o)) }), field: 'messages' });
	}
	return { gs_app_id: o.appId, object: 'whatsapp_business_account', entry: [{ id: o.wabaId, changes }] };
}

// ---- Gupshup v2 (older apps): one event a callback, millisecond timestamps ----

function gupshupV2StatusPayload(ev, nowMs) {
	if (ev.status === 'failed') return { code: ev.error?.code ?? 1002, reason: ev.error?.message ?? 'Message failed' };
	if (ev.status === 'enqueued') return { whatsappMessageId: ev.wamid ?? wamidFor(ev.messageId), type: 'session' };
	return { ts: Math.floor(nowMs / 1000) };
}

/** Gupshup's own media payload: a link it hosts, the type as contentType (https://docs.gupshup.io/docs/media). */
function gupshupV2MediaPayload(ev, nowMs) {
	const payload = {};
	if (ev.caption !== undefined && ['image', 'video', 'document'].includes(ev.mediaType)) payload.caption = ev.caption;
	if (ev.mediaType === 'document') payload.name = ev.filename ?? 'document.pdf';
	return { ...payload, url: ev.url ?? '', contentType: mimeTypeOf(ev), urlExpiry: nowMs + 7 * 24 * 3600 * 1000 };
}

// https://docs.gupshup.io/docs/interactive (button_reply, list_reply) and docs/text (a template's quick reply);
// the payload a business set for a button or row comes back as postbackText.
function gupshupV2InboundPayload(ev, nowMs) {
	switch (ev.kind) {
		case 'message':
			return { type: 'text', payload: { text: ev.text } };
		case 'button_reply':
			return { type: 'button_reply', payload: { id: ev.id, title: ev.title, reply: ev.title } };
		case 'list_reply': {
			const row = { title: ev.title, id: ev.id, reply: `${ev.title} 1`, postbackText: ev.id };
			return { type: 'list_reply', payload: ev.description === undefined ? row : { ...row, description: ev.description } };
		}
		case 'media':
			return { type: ev.mediaType === 'document' ? 'file' : ev.mediaType, payload: gupshupV2MediaPayload(ev, nowMs) };
		default:
			return { type: 'quick_reply', payload: { text: ev.text, type: 'button', postbackText: ev.payload } };
	}
}

function gupshupV2Body(ev, nowMs, o) {
	if (ev.kind === 'template') return gupshupTemplateBody(ev, nowMs, o);
	if (ev.kind === 'reaction') throw new TypeError('Gupshup v2 documents no reaction: use gupshupVersion 3');
	const envelope = { app: o.appName, timestamp: nowMs, version: 2 };
	if (ev.kind === 'status') {
		// For `enqueued` Gupshup's own id is the only one; later events carry Meta's id plus gsId.
		const id = ev.status === 'enqueued' ? ev.messageId : ev.wamid ?? wamidFor(ev.messageId);
		const payload = { id, gsId: ev.messageId, type: ev.status, destination: digits(ev.recipient), payload: gupshupV2StatusPayload(ev, nowMs) };
		return { ...envelope, type: 'message-event', payload };
	}
	const context = ev.contextMessageId ? { context: { id: ev.contextMessageId, gsId: ev.contextMessageId } } : {};
	const payload = {
		id: ev.messageId ?? randomId(18),
		source: digits(ev.from),
		...gupshupV2InboundPayload(ev, nowMs),
		sender: { phone: digits(ev.from), name: 'Sandbox User' },
		...context,
	};
	return { ...envelope, type: 'message', payload };
}

/**
 * The callback bodies a provider would post for `events`. With `batch`, everything
 * goes in one body where the format allows it (Gupshup v3 only); otherwise one body
 * per event. opts: { batch, gupshupVersion (2|3, default 3), now (ms), appId, appName,
 * businessNumber, wabaId, phoneNumberId }.
 */
function buildCallbackBodies(provider, events, opts = {}) {
	checkEvents(events);
	const o = { ...DEFAULTS, ...opts };
	const nowMs = o.now ?? Date.now();
	const ts = String(Math.floor(nowMs / 1000));
	switch (provider) {
		case 'insider':
			return events.map((ev) => insiderBody(ev, ts, o));
		case 'kaleyra':
			return events.map((ev) => kaleyraBody(ev, ts, o));
		case 'gupshup': {
			if ((o.gupshupVersion ?? 3) === 2) return events.map((ev) => gupshupV2Body(ev, nowMs, o));
			// Template events come in Gupshup's own shape, one a callback, ahead of the others.
			const templates = events.filter((ev) => ev.kind === 'template').map((ev) => gupshupTemplateBody(ev, nowMs, o));
			const rest = events.filter((ev) => ev.kind !== 'template');
			if (rest.length === 0) return templates;
			return [...templates, ...(o.batch ? [gupshupV3Body(rest, ts, o)] : rest.map((ev) => gupshupV3Body([ev], ts, o)))];
		}
		default:
			throw new TypeError('provider must be one of insider, kaleyra, gupshup');
	}
}

/** Posts JSON bodies over keep-alive connections that `close()` tears down. */
function createPoster() {
	const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
	return {
		/** Resolves `{ status }` (the receiver's answer) or `{ status: null, error }`; never rejects. */
		post(url, headers, body) {
			return new Promise((resolve) => {
				let target;
				try {
					target = new URL(url);
				} catch {
					return resolve({ status: null, error: `invalid url: ${url}` });
				}
				if (!agents[target.protocol]) return resolve({ status: null, error: `unsupported protocol: ${target.protocol}` });
				const client = target.protocol === 'https:' ? https : http;
				const payload = JSON.stringify(body);
				const req = client.request(target, {
					method: 'POST',
					agent: agents[target.protocol],
					timeout: CALLBACK_TIMEOUT_MS,
					headers: { 'user-agent': 'whatsapp-bsp-sandbox', ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
				});
				req.on('response', (res) => {
					res.resume();
					res.on('end', () => resolve({ status: res.statusCode }));
					res.on('error', (err) => resolve({ status: null, error: err.message }));
				});
				req.on('timeout', () => req.destroy(new Error('callback timed out')));
				req.on('error', (err) => resolve({ status: null, error: err.message }));
				req.end(payload);
			});
		},
		close() {
			for (const agent of Object.values(agents)) agent.destroy();
		},
	};
}

module.exports = { buildCallbackBodies, createPoster, wamidFor, INBOUND_KINDS };

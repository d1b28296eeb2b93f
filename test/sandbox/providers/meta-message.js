'use strict';
// The WhatsApp message content all three providers pass on to Meta (text, image,
// reply buttons, templates): shape and limit checks, and the key used for exactly-once accounting.

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v, min, max) => typeof v === 'string' && v.length >= min && v.length <= max;
const isHttpUrl = (v) => typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);

/** E.164 with the leading `+` (Insider) or, where `plusOptional`, bare digits (Meta style). */
function isPhone(v, plusOptional) {
	return typeof v === 'string' && (plusOptional ? /^\+?[1-9]\d{7,14}$/ : /^\+[1-9]\d{7,14}$/).test(v);
}

const chars = (v) => [...v].length;

function checkMedia(media, at, kind = 'image') {
	if (!isObject(media)) return `${at} is required`;
	if (media.link === undefined && media.id === undefined) return `${at}.link or ${at}.id is required`;
	if (media.link !== undefined && media.id !== undefined) return `${at} takes link or id, not both`;
	if (media.link !== undefined && !isHttpUrl(media.link)) return `${at}.link must be an http or https URL`;
	if (media.id !== undefined && !isText(media.id, 1, 256)) return `${at}.id must be a non-empty string`;
	// Meta: captions for image, video and document only; a file name for documents only.
	if (media.caption !== undefined && kind === 'audio') return `${at}.caption is not allowed for audio`;
	if (media.caption !== undefined && (typeof media.caption !== 'string' || chars(media.caption) > 1024)) return `${at}.caption must be at most 1024 characters`;
	if (media.filename !== undefined && (kind !== 'document' || !isText(media.filename, 1, 240))) return `${at}.filename is only for documents, 1 to 240 characters`;
	return null;
}

function checkLocation(location, at) {
	if (!isObject(location)) return `${at} is required`;
	const inRange = (v, limit) => typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit;
	if (!inRange(location.latitude, 90)) return `${at}.latitude must be a number from -90 to 90`;
	if (!inRange(location.longitude, 180)) return `${at}.longitude must be a number from -180 to 180`;
	if (location.name !== undefined && typeof location.name !== 'string') return `${at}.name must be a string`;
	if (location.address !== undefined && typeof location.address !== 'string') return `${at}.address must be a string`;
	return null;
}

/**
 * An interactive list (developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages):
 * body ≤ 4096, text header ≤ 60, footer ≤ 60, button ≤ 20, 1 to 10 sections (titled when several, ≤ 24),
 * 1 to 10 rows in all, row id ≤ 200 and unique, title ≤ 24, description ≤ 72.
 */
function checkList(inter, at) {
	const within = (v, min, max) => typeof v === 'string' && chars(v) >= min && chars(v) <= max;
	if (!isObject(inter.body) || !within(inter.body.text, 1, 4096)) return `${at}.body.text must be 1 to 4096 characters`;
	if (inter.header !== undefined && (!isObject(inter.header) || inter.header.type !== 'text' || !within(inter.header.text, 1, 60))) {
		return `${at}.header must be a text header of 1 to 60 characters`;
	}
	if (inter.footer !== undefined && (!isObject(inter.footer) || !within(inter.footer.text, 1, 60))) return `${at}.footer.text must be 1 to 60 characters`;
	const action = inter.action;
	if (!isObject(action) || !within(action.button, 1, 20)) return `${at}.action.button must be 1 to 20 characters`;
	const sections = action.sections;
	if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) return `${at}.action.sections must hold 1 to 10 sections`;
	const ids = new Set();
	let rows = 0;
	for (let i = 0; i < sections.length; i++) {
		const section = sections[i];
		const where = `${at}.action.sections[${i}]`;
		if (!isObject(section)) return `${where} must be an object`;
		if (section.title !== undefined || sections.length > 1) {
			if (!within(section.title, 1, 24)) return `${where}.title must be 1 to 24 characters${sections.length > 1 ? ' (required with several sections)' : ''}`;
		}
		if (!Array.isArray(section.rows) || section.rows.length === 0) return `${where}.rows must hold at least one row`;
		for (let j = 0; j < section.rows.length; j++) {
			const row = section.rows[j];
			const rowAt = `${where}.rows[${j}]`;
			if (!isObject(row) || !within(row.id, 1, 200)) return `${rowAt}.id must be 1 to 200 characters`;
			if (ids.has(row.id)) return `${rowAt}.id must be unique`;
			ids.add(row.id);
			if (!within(row.title, 1, 24)) return `${rowAt}.title must be 1 to 24 characters`;
			if (row.description !== undefined && !within(row.description, 0, 72)) return `${rowAt}.description must be at most 72 characters`;
			rows++;
		}
	}
	return rows > 10 ? `${at}.action.sections must hold at most 10 rows in all` : null;
}

function checkHeader(header, at) {
	if (!isObject(header)) return `${at} must be an object`;
	if (header.type === 'text') return isText(header.text, 1, 60) ? null : `${at}.text must be 1 to 60 characters`;
	if (['image', 'video', 'document'].includes(header.type)) return checkMedia(header[header.type], `${at}.${header.type}`, header.type);
	return `${at}.type must be one of text, image, video, document`;
}

function checkButtons(buttons, at) {
	if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return `${at} must hold 1 to 3 buttons`;
	const ids = new Set();
	const titles = new Set();
	for (let i = 0; i < buttons.length; i++) {
		const b = buttons[i];
		const where = `${at}[${i}]`;
		if (!isObject(b) || b.type !== 'reply' || !isObject(b.reply)) return `${where} must be { type: "reply", reply: { id, title } }`;
		if (!isText(b.reply.id, 1, 256)) return `${where}.reply.id must be 1 to 256 characters`;
		if (!isText(b.reply.title, 1, 20)) return `${where}.reply.title must be 1 to 20 characters`;
		if (ids.has(b.reply.id)) return `${where}.reply.id must be unique`;
		if (titles.has(b.reply.title)) return `${where}.reply.title must be unique`;
		ids.add(b.reply.id);
		titles.add(b.reply.title);
	}
	return null;
}

/**
 * A call-to-action URL button (developers.facebook.com/documentation/business-messaging/whatsapp/messages/
 * interactive-cta-url-messages): action { name: "cta_url", parameters: { display_text (1 to 20), url } }.
 */
function checkCtaUrl(action, at) {
	if (!isObject(action) || action.name !== 'cta_url' || !isObject(action.parameters)) return `${at} must be { name: "cta_url", parameters: { display_text, url } }`;
	if (!isText(action.parameters.display_text, 1, 20)) return `${at}.parameters.display_text must be 1 to 20 characters`;
	if (!isHttpUrl(action.parameters.url)) return `${at}.parameters.url must be an http or https URL`;
	return null;
}

function checkInteractive(inter, at) {
	if (!isObject(inter)) return `${at} is required`;
	if (inter.type === 'list') return checkList(inter, at);
	if (inter.type !== 'button' && inter.type !== 'cta_url') return `${at}.type must be "button", "list" or "cta_url"`;
	if (!isObject(inter.body) || !isText(inter.body.text, 1, 1024)) return `${at}.body.text must be 1 to 1024 characters`;
	if (inter.header !== undefined) {
		const err = checkHeader(inter.header, `${at}.header`);
		if (err) return err;
	}
	if (inter.footer !== undefined && (!isObject(inter.footer) || !isText(inter.footer.text, 1, 60))) {
		return `${at}.footer.text must be 1 to 60 characters`;
	}
	if (!isObject(inter.action)) return `${at}.action is required`;
	if (inter.type === 'cta_url') return checkCtaUrl(inter.action, `${at}.action`);
	return checkButtons(inter.action.buttons, `${at}.action.buttons`);
}

const TEMPLATE_COMPONENTS = ['header', 'body', 'button', 'carousel', 'limited_time_offer'];

/** The shape of Meta's template object; whether it fits the catalogue is templates.js's checkTemplateSend. */
function checkTemplate(tpl, at) {
	if (!isObject(tpl)) return `${at} is required`;
	if (!isText(tpl.name, 1, 512)) return `${at}.name must be 1 to 512 characters`;
	if (!isObject(tpl.language) || !isText(tpl.language.code, 1, 15)) return `${at}.language.code is required`;
	if (tpl.language.policy !== undefined && tpl.language.policy !== 'deterministic') return `${at}.language.policy must be "deterministic"`;
	if (tpl.components === undefined) return null;
	if (!Array.isArray(tpl.components)) return `${at}.components must be an array`;
	for (let i = 0; i < tpl.components.length; i++) {
		const c = tpl.components[i];
		const where = `${at}.components[${i}]`;
		if (!isObject(c) || !TEMPLATE_COMPONENTS.includes(String(c.type).toLowerCase())) return `${where}.type must be one of ${TEMPLATE_COMPONENTS.join(', ')}`;
		if (c.parameters !== undefined && (!Array.isArray(c.parameters) || !c.parameters.every((p) => isObject(p) && typeof p.type === 'string'))) {
			return `${where}.parameters must be an array of { type, ... }`;
		}
		if (String(c.type).toLowerCase() === 'button') {
			if (typeof c.sub_type !== 'string') return `${where}.sub_type is required for a button`;
			if (!/^\d$/.test(String(c.index))) return `${where}.index must be 0 to 9`;
		}
	}
	return null;
}

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'location', 'interactive', 'template', 'reaction'];

/**
 * A reaction (developers.facebook.com/documentation/business-messaging/whatsapp/messages/reaction-messages):
 * { message_id, emoji }, an empty emoji removing the reaction; it cannot be a contextual reply.
 */
function checkReaction(msg, at) {
	const { reaction } = msg;
	if (!isObject(reaction) || !isText(reaction.message_id, 1, 512)) return `${at}.reaction.message_id is required`;
	if (typeof reaction.emoji !== 'string' || chars(reaction.emoji) > 10) return `${at}.reaction.emoji must be one emoji, or empty to remove the reaction`;
	if (msg.context !== undefined) return `${at}.context is not allowed for a reaction`;
	return null;
}

/** A quoted reply's context (…/whatsapp/messages/contextual-replies): { message_id }. */
function checkContext(msg, at) {
	if (msg.context === undefined) return null;
	return isObject(msg.context) && isText(msg.context.message_id, 1, 512) ? null : `${at}.context must be { message_id }`;
}

/**
 * Meta's read status of a received message, with the typing indicator when `typing` is 'optional' or 'required'
 * (…/whatsapp/messages/mark-message-as-read, …/whatsapp/typing-indicators): null when it is one.
 */
function checkReadStatus(status, at, typing) {
	if (!isObject(status)) return `${at} must be an object`;
	if (status.messaging_product !== 'whatsapp') return `${at}.messaging_product must be "whatsapp"`;
	if (status.status !== 'read') return `${at}.status must be "read"`;
	if (!isText(status.message_id, 1, 512)) return `${at}.message_id is required`;
	if (status.typing_indicator === undefined) return typing === 'required' ? `${at}.typing_indicator is required` : null;
	if (typing === 'none') return `${at}.typing_indicator is not supported`;
	return isObject(status.typing_indicator) && status.typing_indicator.type === 'text' ? null : `${at}.typing_indicator.type must be "text"`;
}

/**
 * Checks `msg.type` and its matching object. `at` names `msg` in the error.
 * Returns a human-readable problem, or null when the content is valid.
 */
function checkContent(msg, at) {
	return checkContext(msg, at) ?? checkType(msg, at);
}

function checkType(msg, at) {
	switch (msg.type) {
		case 'text':
			if (!isObject(msg.text) || !isText(msg.text.body, 1, 4096)) return `${at}.text.body must be 1 to 4096 characters`;
			if (msg.text.preview_url !== undefined && typeof msg.text.preview_url !== 'boolean') return `${at}.text.preview_url must be a boolean`;
			return null;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
			return checkMedia(msg[msg.type], `${at}.${msg.type}`, msg.type);
		case 'location':
			return checkLocation(msg.location, `${at}.location`);
		case 'interactive':
			return checkInteractive(msg.interactive, `${at}.interactive`);
		case 'template':
			return checkTemplate(msg.template, `${at}.template`);
		case 'reaction':
			return checkReaction(msg, at);
		default:
			return `${at}.type must be one of ${MESSAGE_TYPES.join(', ')}`;
	}
}

/** What a message says, for duplicate detection: text body, image link/id, button body text, or template and parameters. */
function contentKey(msg) {
	if (msg.type === 'text') return `text:${msg.text.body}`;
	if (msg.type === 'image') return `image:${msg.image.link ?? msg.image.id}`;
	if (['video', 'audio', 'document'].includes(msg.type)) {
		const media = msg[msg.type];
		return `${msg.type}:${media.link ?? media.id}:${media.caption ?? ''}`;
	}
	if (msg.type === 'location') return `location:${msg.location.latitude},${msg.location.longitude}:${msg.location.name ?? ''}`;
	if (msg.type === 'interactive' && msg.interactive.type === 'list') return `list:${msg.interactive.body.text}`;
	if (msg.type === 'interactive' && msg.interactive.type === 'cta_url') return `cta_url:${msg.interactive.body.text}:${msg.interactive.action.parameters.url}`;
	if (msg.type === 'reaction') return `reaction:${msg.reaction.message_id}:${msg.reaction.emoji}`;
	if (msg.type === 'template') return `template:${msg.template.name}:${msg.template.language.code}:${JSON.stringify(msg.template.components ?? [])}`;
	return `buttons:${msg.interactive.body.text}`;
}

// Meta's supported media types and sizes (developers.facebook.com/documentation/business-messaging/whatsapp/
// business-phone-numbers/media#supported-media-types), as an upload checks them. A megabyte is 1,048,576 bytes.
const MB = 1024 * 1024;
const UPLOAD_TYPES = {
	'image/jpeg': 5 * MB,
	'image/png': 5 * MB,
	'image/webp': 500 * 1024,
	'video/mp4': 16 * MB,
	'video/3gpp': 16 * MB,
	'video/3gp': 16 * MB,
	'audio/aac': 16 * MB,
	'audio/amr': 16 * MB,
	'audio/mpeg': 16 * MB,
	'audio/mp4': 16 * MB,
	'audio/ogg': 16 * MB,
	'text/plain': 100 * MB,
	'application/pdf': 100 * MB,
	'application/msword': 100 * MB,
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 100 * MB,
	'application/vnd.ms-excel': 100 * MB,
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 100 * MB,
	'application/vnd.ms-powerpoint': 100 * MB,
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 100 * MB,
};

/**
 * What is wrong with an upload (the multipart summary of multipart.js, the declared type and the field holding the
 * file), as Meta's media upload would say it; null when it is fine.
 */
function checkUpload(upload, declaredType, fileField = 'file') {
	if (upload.error) return `Invalid multipart body: ${upload.error}`;
	const file = upload.files.find((f) => f.field === fileField);
	if (!file) return `(#100) The parameter ${fileField} is required`;
	if (typeof declaredType !== 'string' || declaredType === '') return '(#100) The parameter type is required';
	const limit = UPLOAD_TYPES[declaredType];
	if (!limit) return `(#100) Param file must be a file with one of the following types: ${Object.keys(UPLOAD_TYPES).join(', ')}. Received file of type '${declaredType}'.`;
	if (file.size === 0) return '(#100) Param file must not be empty';
	if (file.size > limit) return `(#100) File size ${file.size} bytes is over the ${limit / MB} MB limit for ${declaredType}`;
	return null;
}

module.exports = { isObject, isPhone, checkContent, checkReadStatus, contentKey, checkUpload };

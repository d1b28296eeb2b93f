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

function checkMedia(media, at) {
	if (!isObject(media)) return `${at} is required`;
	if (media.link === undefined && media.id === undefined) return `${at}.link or ${at}.id is required`;
	if (media.link !== undefined && !isHttpUrl(media.link)) return `${at}.link must be an http or https URL`;
	if (media.id !== undefined && !isText(media.id, 1, 256)) return `${at}.id must be a non-empty string`;
	if (media.caption !== undefined && !isText(media.caption, 0, 1024)) return `${at}.caption must be at most 1024 characters`;
	return null;
}

function checkHeader(header, at) {
	if (!isObject(header)) return `${at} must be an object`;
	if (header.type === 'text') return isText(header.text, 1, 60) ? null : `${at}.text must be 1 to 60 characters`;
	if (['image', 'video', 'document'].includes(header.type)) return checkMedia(header[header.type], `${at}.${header.type}`);
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

function checkInteractive(inter, at) {
	if (!isObject(inter)) return `${at} is required`;
	if (inter.type !== 'button') return `${at}.type must be "button"`;
	if (!isObject(inter.body) || !isText(inter.body.text, 1, 1024)) return `${at}.body.text must be 1 to 1024 characters`;
	if (inter.header !== undefined) {
		const err = checkHeader(inter.header, `${at}.header`);
		if (err) return err;
	}
	if (inter.footer !== undefined && (!isObject(inter.footer) || !isText(inter.footer.text, 1, 60))) {
		return `${at}.footer.text must be 1 to 60 characters`;
	}
	if (!isObject(inter.action)) return `${at}.action is required`;
	return checkButtons(inter.action.buttons, `${at}.action.buttons`);
}

const TEMPLATE_COMPONENTS = ['header', 'body', 'button'];

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

/**
 * Checks `msg.type` and its matching object. `at` names `msg` in the error.
 * Returns a human-readable problem, or null when the content is valid.
 */
function checkContent(msg, at) {
	switch (msg.type) {
		case 'text':
			if (!isObject(msg.text) || !isText(msg.text.body, 1, 4096)) return `${at}.text.body must be 1 to 4096 characters`;
			if (msg.text.preview_url !== undefined && typeof msg.text.preview_url !== 'boolean') return `${at}.text.preview_url must be a boolean`;
			return null;
		case 'image':
			return checkMedia(msg.image, `${at}.image`);
		case 'interactive':
			return checkInteractive(msg.interactive, `${at}.interactive`);
		case 'template':
			return checkTemplate(msg.template, `${at}.template`);
		default:
			// The wording predates templates; tests rely on it.
			return `${at}.type must be one of text, image, interactive`;
	}
}

/** What a message says, for duplicate detection: text body, image link/id, button body text, or template and parameters. */
function contentKey(msg) {
	if (msg.type === 'text') return `text:${msg.text.body}`;
	if (msg.type === 'image') return `image:${msg.image.link ?? msg.image.id}`;
	if (msg.type === 'template') return `template:${msg.template.name}:${msg.template.language.code}:${JSON.stringify(msg.template.components ?? [])}`;
	return `buttons:${msg.interactive.body.text}`;
}

module.exports = { isObject, isPhone, checkContent, contentKey };

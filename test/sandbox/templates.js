'use strict';
// The catalogue of WhatsApp message templates the sandbox's business account owns, shared by the three
// providers, and the check of a template send against it.
//
// Entries use Meta's own template shape, as GET /<WABA-ID>/message_templates returns it
// (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-hsm):
//   { id, name, language, status, category, parameter_format, components: [
//       { type: 'HEADER', format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT', text?, example? },
//       { type: 'BODY', text, example? }, { type: 'FOOTER', text },
//       { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE', text, url?, example? }] } ] }
// Each provider's list endpoint renders them in its own format (providers/*.js).
//
// A send names a template by name and language (Meta's template object,
// https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates) and must supply exactly
// the parameters the template has: see checkTemplateSend.

const { createHash } = require('node:crypto');
const { metaError } = require('./meta-errors');

const STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED'];
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW'];
const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER'];

const DEFAULT_TEMPLATES = Object.freeze([
	{
		id: '1000000000000001',
		name: 'order_update',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}} update', example: { header_text: ['#1234'] } },
			{ type: 'BODY', text: 'Hi {{1}}, your order is now {{2}}. Track it with the button below.', example: { body_text: [['Ana', 'shipped']] } },
			{ type: 'FOOTER', text: 'Shop Example' },
			{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/1234'] }] },
		],
	},
	{
		id: '1000000000000002',
		name: 'spring_sale',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://cdn.example.com/spring-sale.png'] } },
			{ type: 'BODY', text: 'Hi {{1}}, our spring sale is on: 25% off everything until Sunday.', example: { body_text: [['Ana']] } },
			{ type: 'FOOTER', text: 'Reply STOP to opt out' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Not interested' },
					{ type: 'COPY_CODE', text: 'Copy offer code', example: ['SPRING25'] },
				],
			},
		],
	},
	{
		id: '1000000000000003',
		name: 'welcome_back',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'BODY', text: 'Welcome back! We kept your cart for you.' },
			{ type: 'FOOTER', text: 'Reply STOP to opt out' },
		],
	},
	{
		id: '1000000000000004',
		name: 'appointment_named',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'NAMED',
		components: [
			{
				type: 'BODY',
				text: 'Hi {{customer_name}}, your appointment is confirmed for {{date}}.',
				example: { body_text_named_params: [{ param_name: 'customer_name', example: 'Ana' }, { param_name: 'date', example: '3 May, 10:00' }] },
			},
		],
	},
	{
		id: '1000000000000005',
		name: 'payment_due',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Hi {{1}}, your payment of {{2}} is due on {{3}}.', example: { body_text: [['Ana', '€25.00', '1 June']] } }],
	},
	{
		id: '1000000000000006',
		name: 'payment_due',
		language: 'es',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Hola {{1}}, tu pago de {{2}} vence el {{3}}.', example: { body_text: [['Ana', '25,00 €', '1 de junio']] } }],
	},
	{
		id: '1000000000000007',
		name: 'flash_deal',
		language: 'en_US',
		status: 'PAUSED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Flash deal: {{1}} off for the next hour!', example: { body_text: [['30%']] } }],
	},
	{
		id: '1000000000000008',
		name: 'legacy_offer',
		language: 'en_US',
		status: 'DISABLED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Our classic offer is back.' }],
	},
	{
		id: '1000000000000009',
		name: 'summer_teaser',
		language: 'en_US',
		status: 'REJECTED',
		rejected_reason: 'INVALID_FORMAT',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Summer is coming {{1}}' }],
	},
	// A media card carousel: a body, then 2 to 10 cards, each with a media header, a body and the same buttons.
	// https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/media-card-carousel-templates
	{
		id: '1000000000000010',
		name: 'holiday_carousel',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'BODY', text: 'Hi {{1}}, pick your next trip:', example: { body_text: [['Ana']] } },
			{
				type: 'CAROUSEL',
				cards: ['rome', 'lisbon'].map((city) => ({
					components: [
						{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [`https://cdn.example.com/${city}.png`] } },
						{ type: 'BODY', text: 'Three nights in {{1}} from {{2}}.', example: { body_text: [[city === 'rome' ? 'Rome' : 'Lisbon', '€299']] } },
						{
							type: 'BUTTONS',
							buttons: [
								{ type: 'QUICK_REPLY', text: 'Book it' },
								{ type: 'URL', text: 'Details', url: 'https://travel.example.com/trips/{{1}}', example: [`https://travel.example.com/trips/${city}`] },
							],
						},
					],
				})),
			},
		],
	},
	// A limited-time offer: an offer component whose expiration a send gives, a coupon code and a URL button.
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates/
	{
		id: '1000000000000011',
		name: 'weekend_offer',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://cdn.example.com/weekend.png'] } },
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Weekend deal', has_expiration: true } },
			{ type: 'BODY', text: 'Hi {{1}}, use code {{2}} for 20% off this weekend.', example: { body_text: [['Ana', 'WEEKEND20']] } },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'COPY_CODE', example: ['WEEKEND20'] },
					{ type: 'URL', text: 'Shop now', url: 'https://shop.example.com/offer?code={{1}}', example: ['https://shop.example.com/offer?code=WEEKEND20'] },
				],
			},
		],
	},
	// An authentication template as Meta lists it: the fixed body, and the copy-code button (created as OTP) listed
	// as a URL button. https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/copy-code-button-authentication-templates
	{
		id: '1000000000000012',
		name: 'login_code',
		language: 'en_US',
		status: 'APPROVED',
		category: 'AUTHENTICATION',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'BODY', text: '*{{1}}* is your verification code. For your security, do not share this code.', example: { body_text: [['482913']] } },
			{ type: 'FOOTER', text: 'This code expires in 10 minutes.' },
			{
				type: 'BUTTONS',
				buttons: [{ type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}', example: ['https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp482913'] }],
			},
		],
	},
	// A location header, named variables, a phone button and a flow button.
	{
		id: '1000000000000013',
		name: 'store_visit',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'NAMED',
		components: [
			{ type: 'HEADER', format: 'LOCATION' },
			{
				type: 'BODY',
				text: 'Hi {{customer_name}}, your order waits for you at our store until {{date}}.',
				example: { body_text_named_params: [{ param_name: 'customer_name', example: 'Ana' }, { param_name: 'date', example: '5 May' }] },
			},
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'PHONE_NUMBER', text: 'Call the store', phone_number: '+14155550199' },
					{ type: 'FLOW', text: 'Book a pick-up time', flow_id: '1000000000000099', flow_action: 'navigate', navigate_screen: 'PICKUP' },
				],
			},
		],
	},
].map(deepFreeze));

function deepFreeze(value) {
	if (typeof value === 'object' && value !== null) {
		for (const v of Object.values(value)) deepFreeze(v);
		Object.freeze(value);
	}
	return value;
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v) => typeof v === 'string' && v !== '';

/** The distinct variables of a text, in order of appearance: ['1', '2'] or ['customer_name', 'date']. */
function placeholders(text) {
	const names = [];
	for (const [, name] of String(text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) if (!names.includes(name)) names.push(name);
	return names;
}

const component = (tpl, type) => tpl.components.find((c) => c.type === type);

/** A component's text with its example values in place of the variables (Gupshup's sampleText, sampleHeader). */
function sampleOf(c) {
	if (!c?.text) return undefined;
	const ex = c.example ?? {};
	const positional = ex.header_text ?? ex.body_text?.[0] ?? [];
	const named = Object.fromEntries((ex.body_text_named_params ?? ex.header_text_named_params ?? []).map((p) => [p.param_name, p.example]));
	return c.text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name) => named[name] ?? positional[Number(name) - 1] ?? whole);
}

/** A fixed creation time per catalogue position, so listings are the same on every run. */
const createdAt = (index) => Date.UTC(2025, 0, 15, 10, 0, 0) + index * 60_000;

/** A stable id derived from text, so listings do not change between runs. */
function derivedDigits(seed, length) {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `9${(BigInt(`0x${hex.slice(0, 15)}`) % 10n ** BigInt(length - 1)).toString().padStart(length - 1, '0')}`;
}

/** Checks one catalogue entry from the control API and fills in defaults. Returns `{ template }` or `{ problem }`. */
function normalizeTemplate(input, at = 'template') {
	if (!isObject(input)) return { problem: `${at} must be an object` };
	const { name, language, components } = input;
	if (!isString(name) || !/^[a-z0-9_]{1,512}$/.test(name)) return { problem: `${at}.name must be lower-case letters, digits and underscores` };
	if (!isString(language)) return { problem: `${at}.language must be a language code such as en_US` };
	const status = input.status ?? 'APPROVED';
	if (!STATUSES.includes(status)) return { problem: `${at}.status must be one of ${STATUSES.join(', ')}` };
	const category = input.category ?? 'UTILITY';
	if (!CATEGORIES.includes(category)) return { problem: `${at}.category must be one of ${CATEGORIES.join(', ')}` };
	if (!Array.isArray(components) || components.length === 0) return { problem: `${at}.components must be a non-empty array` };
	for (let i = 0; i < components.length; i++) {
		const c = components[i];
		const where = `${at}.components[${i}]`;
		if (!isObject(c) || !COMPONENT_TYPES.includes(c.type)) return { problem: `${where}.type must be one of ${COMPONENT_TYPES.join(', ')}` };
		if (components.filter((o) => o.type === c.type).length > 1) return { problem: `${at} has more than one ${c.type}` };
		if (c.type === 'HEADER' && !['TEXT', 'LOCATION', ...MEDIA_FORMATS].includes(c.format)) return { problem: `${where}.format must be TEXT, LOCATION, ${MEDIA_FORMATS.join(', ')}` };
		if (c.type === 'CAROUSEL') {
			if (!Array.isArray(c.cards) || c.cards.length < 2 || c.cards.length > 10) return { problem: `${where}.cards must hold 2 to 10 cards` };
			const bad = c.cards.findIndex((card) => !isObject(card) || !Array.isArray(card.components) || !MEDIA_FORMATS.includes(card.components.find((o) => o.type === 'HEADER')?.format));
			if (bad !== -1) return { problem: `${where}.cards[${bad}] needs components with an IMAGE or VIDEO HEADER` };
		}
		if (c.type === 'LIMITED_TIME_OFFER' && !isObject(c.limited_time_offer)) return { problem: `${where}.limited_time_offer is required` };
		if ((c.type === 'BODY' || (c.type === 'HEADER' && c.format === 'TEXT') || c.type === 'FOOTER') && !isString(c.text)) return { problem: `${where}.text is required` };
		if (c.type === 'BUTTONS') {
			if (!Array.isArray(c.buttons) || c.buttons.length === 0) return { problem: `${where}.buttons must be a non-empty array` };
			const bad = c.buttons.findIndex((b) => !isObject(b) || !BUTTON_TYPES.includes(b.type));
			if (bad !== -1) return { problem: `${where}.buttons[${bad}].type must be one of ${BUTTON_TYPES.join(', ')}` };
		}
	}
	if (!components.some((c) => c.type === 'BODY')) return { problem: `${at} needs a BODY component` };
	const named = components.some((c) => placeholders(c.text).some((p) => !/^\d+$/.test(p)));
	const template = {
		id: isString(input.id) ? input.id : derivedDigits(`${name}/${language}`, 16),
		name,
		language,
		status,
		category,
		parameter_format: input.parameter_format ?? (named ? 'NAMED' : 'POSITIONAL'),
		components: structuredClone(components),
	};
	if (!['POSITIONAL', 'NAMED'].includes(template.parameter_format)) return { problem: `${at}.parameter_format must be POSITIONAL or NAMED` };
	if (input.rejected_reason !== undefined) template.rejected_reason = input.rejected_reason;
	return { template };
}

/** The templates the sandbox serves and checks sends against. */
function createCatalogue(initial = DEFAULT_TEMPLATES) {
	const normalizeAll = (list) => {
		if (!Array.isArray(list)) return { problem: 'templates must be an array' };
		const out = [];
		for (let i = 0; i < list.length; i++) {
			const { template, problem } = normalizeTemplate(list[i], `templates[${i}]`);
			if (problem) return { problem };
			if (out.some((t) => t.name === template.name && t.language === template.language)) {
				return { problem: `templates[${i}]: ${template.name} (${template.language}) is listed twice` };
			}
			out.push(template);
		}
		return { templates: out };
	};
	const start = normalizeAll(initial);
	if (start.problem) throw new Error(`createSandbox: ${start.problem}`);
	let templates = start.templates;

	return {
		list: () => templates,
		/** Adds a template, or replaces the one of the same name and language. Returns a problem or null. */
		upsert(input) {
			const { template, problem } = normalizeTemplate(input);
			if (problem) return problem;
			const at = templates.findIndex((t) => t.name === template.name && t.language === template.language);
			templates = at === -1 ? [...templates, template] : templates.map((t, i) => (i === at ? template : t));
			return null;
		},
		/** Replaces the whole catalogue. Returns a problem or null. */
		replace(list) {
			const { templates: next, problem } = normalizeAll(list);
			if (problem) return problem;
			templates = next;
			return null;
		},
		reset() {
			templates = start.templates;
		},
		toJSON: () => templates,
	};
}

// ---- The check of a send against the catalogue ----

const lower = (v) => String(v ?? '').toLowerCase();

/** What each part of a template (or of one carousel card) needs from a send. */
function expectations(tpl) {
	const header = component(tpl, 'HEADER');
	const buttons = component(tpl, 'BUTTONS')?.buttons ?? [];
	const offer = component(tpl, 'LIMITED_TIME_OFFER');
	const carousel = component(tpl, 'CAROUSEL');
	return {
		named: tpl.parameter_format === 'NAMED',
		header: header ? { format: header.format, params: header.format === 'TEXT' ? placeholders(header.text) : [] } : null,
		body: placeholders(component(tpl, 'BODY')?.text),
		buttons: buttons.map((b, index) => ({
			index,
			type: b.type,
			// A URL button takes its variable suffix; a copy-code button its coupon code. A quick reply may carry a
			// payload, a flow button its flow token.
			needs: b.type === 'URL' && placeholders(b.url).length > 0 ? 'text' : b.type === 'COPY_CODE' ? 'coupon_code' : null,
		})),
		offer: offer ? { expiration: offer.limited_time_offer.has_expiration === true } : null,
		cards: carousel ? carousel.cards.map((card) => expectations({ parameter_format: tpl.parameter_format, components: card.components })) : null,
	};
}

const mismatch = (part, got, expected) =>
	metaError(132000, `${part}: number of localizable_params (${got}) does not match the expected number of params (${expected})`);
const badFormat = (part, detail) => metaError(132012, `${part}: ${detail}`);

/** Text parameters of a header or body: count, type and, for NAMED templates, parameter_name. */
function checkTextParams(part, params, expected, named, allowedTypes) {
	if (params.length !== expected.length) return mismatch(part, params.length, expected.length);
	const seen = new Set();
	for (let i = 0; i < params.length; i++) {
		const p = params[i];
		if (!allowedTypes.includes(lower(p.type))) return badFormat(part, `Format mismatch, expected TEXT, received ${String(p.type).toUpperCase()}`);
		if (lower(p.type) === 'text' && !isString(p.text)) return badFormat(part, `parameter ${i + 1} has no text`);
		if (named) {
			if (!isString(p.parameter_name)) return badFormat(part, `parameter ${i + 1} has no parameter_name; the template uses named parameters (${expected.join(', ')})`);
			if (!expected.includes(p.parameter_name)) return badFormat(part, `parameter_name (${p.parameter_name}) is not a parameter of the template (${expected.join(', ')})`);
			if (seen.has(p.parameter_name)) return badFormat(part, `parameter_name (${p.parameter_name}) is given twice`);
			seen.add(p.parameter_name);
		}
	}
	return null;
}

function checkHeader(expected, sent, named, part = '') {
	const params = sent?.parameters ?? [];
	const at = `${part}header`;
	if (!expected) return params.length ? mismatch(at, params.length, 0) : null;
	if (expected.format === 'TEXT') return checkTextParams(at, params, expected.params, named, ['text']);
	const format = expected.format.toLowerCase();
	if (params.length === 0) return badFormat(at, `Format mismatch, expected ${expected.format}, received UNKNOWN`);
	if (params.length > 1) return mismatch(at, params.length, 1);
	const [p] = params;
	if (lower(p.type) !== format) return badFormat(at, `Format mismatch, expected ${expected.format}, received ${String(p.type).toUpperCase()}`);
	if (format === 'location') {
		const { latitude, longitude } = p.location ?? {};
		return typeof latitude === 'number' && typeof longitude === 'number' ? null : badFormat(at, 'location.latitude and location.longitude (numbers) are required');
	}
	const media = p[format];
	if (!isObject(media) || (!isString(media.id) && !/^https?:\/\/\S+$/i.test(media.link ?? ''))) {
		return badFormat('header', `${format}.link (an http or https URL) or ${format}.id is required`);
	}
	return null;
}

function checkButtons(expected, sent, at = '') {
	for (const b of sent) {
		const index = Number(b.index);
		const button = expected.find((e) => e.index === index);
		const part = `${at}button at index ${b.index}`;
		if (!button) return badFormat(part, 'the template has no button at this index');
		if (lower(b.sub_type) !== lower(button.type)) return badFormat(part, `Format mismatch, expected ${button.type}, received ${String(b.sub_type).toUpperCase()}`);
	}
	for (const button of expected) {
		const given = sent.find((b) => Number(b.index) === button.index);
		const params = given?.parameters ?? [];
		const part = `${at}button at index ${button.index}`;
		if (!button.needs) {
			if (button.type === 'QUICK_REPLY' && params.some((p) => lower(p.type) !== 'payload' && lower(p.type) !== 'text')) {
				return badFormat(part, 'a quick-reply parameter must be { type: "payload", payload }');
			}
			if (button.type === 'FLOW') {
				if (params.some((p) => lower(p.type) !== 'action' || !isObject(p.action))) return badFormat(part, 'a flow button parameter must be { type: "action", action: { flow_token } }');
				continue;
			}
			if (button.type !== 'QUICK_REPLY' && params.length) return mismatch(part, params.length, 0);
			continue;
		}
		if (params.length !== 1) return mismatch(part, params.length, 1);
		const [p] = params;
		if (lower(p.type) !== button.needs) return badFormat(part, `Format mismatch, expected ${button.needs.toUpperCase()}, received ${String(p.type).toUpperCase()}`);
		if (button.needs === 'text' && !isString(p.text)) return badFormat(part, 'the URL suffix (text) is empty');
		// Meta allows coupon codes of up to 15 characters.
		if (button.needs === 'coupon_code' && (!isString(p.coupon_code) || p.coupon_code.length > 15)) return badFormat(part, 'coupon_code must be 1 to 15 characters');
	}
	return null;
}

/**
 * Checks a send's `template` object (already shape-checked by meta-message.js) against the catalogue, as Meta
 * does. Returns null when it can be sent, or the WhatsApp error: 132001 (no such name or language, or not
 * approved), 132015 (paused), 132016 (disabled), 132000 (parameter count) or 132012 (parameter format).
 */
function checkTemplateSend(catalogue, template) {
	const { name } = template;
	const code = template.language.code;
	const tpl = catalogue.list().find((t) => t.name === name && t.language === code);
	if (!tpl) return metaError(132001, `template name (${name}) does not exist in ${code}`);
	if (tpl.status === 'PAUSED') return metaError(132015, `Template ${name} (${code}) is paused due to low quality, so it cannot be sent in a template message.`);
	if (tpl.status === 'DISABLED') return metaError(132016, `Template ${name} (${code}) has been paused too many times due to low quality and is now permanently disabled.`);
	// Meta: 132001 "The template does not exist in the specified language or the template has not been approved."
	if (tpl.status !== 'APPROVED') return metaError(132001, `template name (${name}) does not exist in ${code}`);

	return checkComponents(expectations(tpl), template.components ?? [], '');
}

/** A send's components (of the template, or of one card: `part` names it) against what they must fill. */
function checkComponents(expected, sent, part) {
	const ofType = (type) => sent.filter((c) => lower(c.type) === type);
	const header = checkHeader(expected.header, ofType('header')[0], expected.named, part);
	if (header) return header;
	const body = checkTextParams(`${part}body`, ofType('body')[0]?.parameters ?? [], expected.body, expected.named, ['text', 'currency', 'date_time']);
	if (body) return body;
	const offer = checkOffer(expected.offer, ofType('limited_time_offer')[0]);
	if (offer) return offer;
	const buttons = checkButtons(expected.buttons, ofType('button'), part);
	if (buttons) return buttons;
	return checkCards(expected.cards, ofType('carousel')[0]);
}

/** A limited-time offer's expiration: Unix milliseconds, required when the template shows it. */
function checkOffer(expected, sent) {
	if (!expected) return sent ? mismatch('limited_time_offer', 1, 0) : null;
	if (!expected.expiration) return null;
	const offer = sent?.parameters?.[0]?.limited_time_offer;
	if (!isObject(offer) || !Number.isSafeInteger(offer.expiration_time_ms)) return badFormat('limited_time_offer', 'limited_time_offer.expiration_time_ms (Unix milliseconds) is required');
	return null;
}

/** A carousel's cards: every card of the template, in order, each filled like a template of its own. */
function checkCards(expected, sent) {
	if (!expected) return sent ? badFormat('carousel', 'the template has no carousel') : null;
	const cards = sent?.cards;
	if (!Array.isArray(cards) || cards.length !== expected.length) {
		return badFormat('carousel', `the template has ${expected.length} cards; ${Array.isArray(cards) ? cards.length : 0} given`);
	}
	for (let n = 0; n < expected.length; n++) {
		const card = cards[n];
		if (!isObject(card) || Number(card.card_index) !== n || !Array.isArray(card.components)) {
			return badFormat('carousel', `cards[${n}] must be { card_index: ${n}, components }`);
		}
		const problem = checkComponents(expected[n], card.components, `card ${n} `);
		if (problem) return problem;
	}
	return null;
}

module.exports = { DEFAULT_TEMPLATES, createCatalogue, checkTemplateSend, placeholders, derivedDigits, component, sampleOf, createdAt };

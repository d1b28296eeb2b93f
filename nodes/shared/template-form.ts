/**
 * A template's own form (`templateFields`, an n8n resourceMapper): the one place that turns an approved definition
 * into the form's fields and the filled fields into Meta's template components, for every kind of template. The
 * check against the definition compares the same fields. Field ids are fixed by CONTRACT.md: a body variable by its
 * name (`1`, `customer_name`), `header`, `button_<index>`, `card_<n>_header`, `card_<n>_<variable>`,
 * `card_<n>_button_<index>`, `offer_expiration`.
 *
 * Meta's template components, which all three providers pass on:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 * carousel: https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/media-card-carousel-templates
 * limited-time offer: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates/
 * authentication: https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/copy-code-button-authentication-templates
 */
import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type ResourceMapperField,
	type ResourceMapperFields,
} from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import { readCatalogue } from './catalogue';
import { charCount, checkLength, checkLink, WHATSAPP_LIMITS, type Problem } from './checks';
import { TEMPLATE_VARIABLE, type TemplateButton, type TemplateDefinition } from './templates';

/** The limits of the values a template send fills in (Meta's template components). */
export const TEMPLATE_LIMITS = {
	bodyVariable: { min: 1, max: WHATSAPP_LIMITS.interactiveBody.max },
	/** The whole body once its variables are filled in (WhatsApp error 132005 beyond). */
	hydratedBody: { max: 1024 },
	/** Coupon codes: letters and digits only (Meta's copy-code buttons; Gupshup's page gives 15). */
	couponCode: { min: 1, max: 15 },
	/** One-time codes of authentication templates: up to 15 characters (Meta's authentication templates). */
	oneTimeCode: { min: 1, max: 15 },
	buttonValue: { min: 1, max: 2000 },
	buttonIndex: { min: 0, max: 9 },
	/** A carousel holds 2 to 10 cards. */
	cards: { max: 10 },
} as const;

/** What a field holds: `label` is how the form names it after the field's id, `noun` how refusals name it. */
const KINDS = {
	headerText: { label: 'header variable', noun: 'a header variable' },
	headerImage: { label: 'image link', noun: 'an image link' },
	headerVideo: { label: 'video link', noun: 'a video link' },
	headerDocument: { label: 'document link', noun: 'a document link' },
	headerLocation: { label: 'location (latitude,longitude)', noun: 'a location' },
	body: { label: 'body variable', noun: 'a body variable' },
	urlSuffix: { label: 'URL suffix', noun: 'a URL suffix' },
	quickReply: { label: 'quick-reply payload', noun: 'a quick-reply payload' },
	couponCode: { label: 'coupon code', noun: 'a coupon code' },
	flowToken: { label: 'flow token', noun: 'a flow token' },
	oneTimeCode: { label: "one-time code (empty: the body's code)", noun: 'a one-time code' },
	offerExpiration: { label: 'offer expiration (ISO 8601 or Unix milliseconds)', noun: 'an offer expiration' },
} as const;

/** A kind's name without its article: "body variable", "offer expiration". */
const short = (kind: FieldKind) => KINDS[kind].noun.replace(/^an? /, '');

export type FieldKind = keyof typeof KINDS;

const KIND_NAMES = Object.keys(KINDS) as FieldKind[];

const MEDIA_KINDS: Partial<Record<string, FieldKind>> = {
	TEXT: 'headerText',
	IMAGE: 'headerImage',
	VIDEO: 'headerVideo',
	DOCUMENT: 'headerDocument',
	LOCATION: 'headerLocation',
};

const BUTTON_KINDS: Partial<Record<string, FieldKind>> = {
	URL: 'urlSuffix',
	QUICK_REPLY: 'quickReply',
	COPY_CODE: 'couponCode',
	FLOW: 'flowToken',
	OTP: 'oneTimeCode',
};

/** One field of a template's form. */
export interface FormField {
	id: string;
	kind: FieldKind;
	required: boolean;
	example?: string;
}

export const OFFER_FIELD = 'offer_expiration';

const buttonField = (prefix: string, button: TemplateButton, index: number): FormField | undefined => {
	const kind = BUTTON_KINDS[button.type];
	// A phone button, or a URL without a variable, takes nothing.
	if (!kind || (kind === 'urlSuffix' && !button.needsValue)) return undefined;
	const required = kind === 'urlSuffix' || kind === 'couponCode';
	return { id: `${prefix}button_${index}`, kind, required, ...(button.example ? { example: button.example } : {}) };
};

const withExample = (field: FormField, example: string | undefined): FormField => (example ? { ...field, example } : field);

/** The fields a template's form offers, in the order of the message: header, body, offer, buttons, cards. */
export function templateFields(definition: TemplateDefinition): FormField[] {
	const fields: FormField[] = [];
	const headerKind = definition.headerFormat ? MEDIA_KINDS[definition.headerFormat] : undefined;
	if (headerKind && (headerKind !== 'headerText' || definition.headerVariables.length > 0)) {
		fields.push(withExample({ id: 'header', kind: headerKind, required: true }, definition.headerExample));
	}
	for (const variable of definition.bodyVariables) {
		fields.push(withExample({ id: variable, kind: 'body', required: true }, definition.bodyExamples[variable]));
	}
	if (definition.offer?.hasExpiration) fields.push({ id: OFFER_FIELD, kind: 'offerExpiration', required: true });
	definition.buttons.forEach((button, index) => {
		const field = buttonField('', button, index);
		if (field) fields.push(field);
	});
	definition.cards.forEach((card, n) => {
		const prefix = `card_${n}_`;
		const kind = card.headerFormat ? MEDIA_KINDS[card.headerFormat] : undefined;
		if (kind) fields.push(withExample({ id: `${prefix}header`, kind, required: true }, card.headerExample));
		for (const variable of card.bodyVariables) {
			fields.push(withExample({ id: `${prefix}${variable}`, kind: 'body', required: true }, card.bodyExamples[variable]));
		}
		card.buttons.forEach((button, index) => {
			const field = buttonField(prefix, button, index);
			if (field) fields.push(field);
		});
	});
	return fields;
}

/**
 * A field as n8n's resourceMapper shows it: its id (the input field Map Automatically reads), what it is (a body
 * variable goes without saying), the template's example.
 */
export function mapperField(field: FormField): ResourceMapperField {
	const example = field.example ? ` (e.g. ${field.example})` : '';
	const what = field.kind === 'body' ? '' : `: ${KINDS[field.kind].label}`;
	return {
		id: field.id,
		displayName: `${field.id}${what}${example}`,
		required: field.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	};
}

/**
 * A stored form field back from the workflow's schema, which names each field and what it is, so that a template
 * whose definition cannot be read now is still sent as the form was made. Undefined when the schema is not ours.
 */
export function formFieldOf(stored: Partial<ResourceMapperField>): FormField | undefined {
	const id = String(stored.id ?? '');
	const label = String(stored.displayName ?? '');
	if (id === '' || !label.startsWith(id)) return undefined;
	const rest = label.slice(id.length);
	const kind = rest === '' || rest.startsWith(' (e.g. ') ? 'body' : KIND_NAMES.find((name) => rest.startsWith(`: ${KINDS[name].label}`));
	return kind ? { id, kind, required: stored.required === true } : undefined;
}

// ---- Filled fields → Meta's components ----

/** Where a field sits: the template itself or a carousel card, and what it fills there. */
type Place = { card?: number; part: 'header' | 'body' | 'offer' | 'button'; index?: number; variable?: string };

const CARD_FIELD = /^card_(\d+)_(.+)$/;
const BUTTON_FIELD = /^button_(\d+)$/;

function placeOf(field: FormField): Place {
	const card = CARD_FIELD.exec(field.id);
	const local = card ? card[2] : field.id;
	const where = card ? { card: Number(card[1]) } : {};
	const button = BUTTON_FIELD.exec(local);
	if (button) return { ...where, part: 'button', index: Number(button[1]) };
	if (field.kind === 'offerExpiration') return { ...where, part: 'offer' };
	if (field.kind === 'body') return { ...where, part: 'body', variable: local };
	return { ...where, part: 'header' };
}

const isNumbered = (variable: string) => /^\d+$/.test(variable);

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/** An ISO 8601 date or Unix milliseconds, as Meta's expiration_time_ms; undefined when it is neither. */
function expirationMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	const text = asText(value).trim();
	if (/^\d{10,16}$/.test(text)) return Number(text);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

/** A location header from `{ latitude, longitude, name?, address? }` or "latitude,longitude". */
function locationOf(value: unknown): IDataObject | undefined {
	let given: IDataObject;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		given = value as IDataObject;
	} else {
		const parts = asText(value).split(',').map((part) => part.trim());
		if (parts.length !== 2) return undefined;
		given = { latitude: parts[0], longitude: parts[1] };
	}
	const latitude = Number(given.latitude);
	const longitude = Number(given.longitude);
	if (asText(given.latitude).trim() === '' || asText(given.longitude).trim() === '') return undefined;
	if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) return undefined;
	const location: IDataObject = { latitude, longitude };
	if (given.name) location.name = asText(given.name);
	if (given.address) location.address = asText(given.address);
	return location;
}

const FIELD = 'templateFields';
const fieldLabel = (field: FormField) => `template field "${field.id}" (${short(field.kind)})`;

/** One field's value as a Meta parameter, or undefined (an empty optional field, or a problem added). */
function parameterOf(field: FormField, raw: unknown, problems: Problem[], values: (id: string) => unknown): IDataObject | undefined {
	const text = asText(raw);
	const label = fieldLabel(field);
	if (text === '' && !field.required && field.kind !== 'oneTimeCode') return undefined;
	switch (field.kind) {
		case 'headerText':
			checkLength(problems, FIELD, label, text, WHATSAPP_LIMITS.headerText);
			return { type: 'text', text };
		case 'headerImage':
		case 'headerVideo':
		case 'headerDocument': {
			const type = field.kind.slice('header'.length).toLowerCase();
			const link = text.trim();
			checkLink(problems, FIELD, label, link);
			return { type, [type]: { link } };
		}
		case 'headerLocation': {
			const location = locationOf(raw);
			if (!location) {
				problems.push({ field: FIELD, text: `${label} is "${text}"; give "latitude,longitude" (e.g. 52.52,13.40) or { latitude, longitude, name, address }` });
				return undefined;
			}
			return { type: 'location', location };
		}
		case 'body':
			checkLength(problems, FIELD, label, text, TEMPLATE_LIMITS.bodyVariable);
			return { type: 'text', text };
		case 'urlSuffix':
			checkLength(problems, FIELD, label, text, TEMPLATE_LIMITS.buttonValue);
			return { type: 'text', text };
		case 'quickReply':
			checkLength(problems, FIELD, label, text, TEMPLATE_LIMITS.buttonValue);
			return { type: 'payload', payload: text };
		case 'couponCode':
			checkLength(problems, FIELD, label, text, TEMPLATE_LIMITS.couponCode);
			if (text !== '' && !/^[A-Za-z0-9]+$/.test(text)) {
				problems.push({ field: FIELD, text: `${label} "${text}" has characters other than letters and digits` });
			}
			return { type: 'coupon_code', coupon_code: text };
		case 'flowToken':
			return { type: 'action', action: { flow_token: text } };
		case 'oneTimeCode': {
			// The code the button copies or fills in is the one in the body ({{1}}), unless given apart.
			const code = text === '' ? asText(values('1')) : text;
			checkLength(problems, FIELD, label, code, TEMPLATE_LIMITS.oneTimeCode);
			return { type: 'text', text: code };
		}
		case 'offerExpiration': {
			const ms = expirationMs(raw);
			if (ms === undefined) {
				problems.push({ field: FIELD, text: `${label} is "${text}"; give an ISO 8601 date (2026-12-31T23:59:00Z) or Unix milliseconds` });
				return undefined;
			}
			return { type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: ms } };
		}
	}
}

const SUB_TYPES: Partial<Record<FieldKind, string>> = {
	urlSuffix: 'url',
	quickReply: 'quick_reply',
	couponCode: 'copy_code',
	flowToken: 'flow',
	// An authentication template's code button is sent as a URL button with the code (Meta's authentication templates).
	oneTimeCode: 'url',
};

/** The components of one template, or of one card, from the fields placed in it. */
function componentsOf(placed: Array<{ field: FormField; place: Place; parameter: IDataObject }>): IDataObject[] {
	const components: IDataObject[] = [];
	const header = placed.find((entry) => entry.place.part === 'header');
	if (header) components.push({ type: 'header', parameters: [header.parameter] });
	const body = placed.filter((entry) => entry.place.part === 'body');
	if (body.length > 0) {
		components.push({
			type: 'body',
			parameters: body.map(({ place, parameter }) =>
				isNumbered(place.variable ?? '') ? parameter : { ...parameter, parameter_name: place.variable },
			),
		});
	}
	const offer = placed.find((entry) => entry.place.part === 'offer');
	if (offer) components.push({ type: 'limited_time_offer', parameters: [offer.parameter] });
	const buttons = placed.filter((entry) => entry.place.part === 'button').sort((a, b) => (a.place.index ?? 0) - (b.place.index ?? 0));
	for (const { field, place, parameter } of buttons) {
		components.push({ type: 'button', sub_type: SUB_TYPES[field.kind], index: place.index, parameters: [parameter] });
	}
	return components;
}

/**
 * Meta's template components from the form's fields and one item's values (`values(id)`), checking each value;
 * problems name the field. Cards are sent whole, in order, each with its `card_index`.
 */
export function componentsFromFields(
	fields: FormField[],
	values: (id: string) => unknown,
	problems: Problem[],
	missing?: (field: FormField) => string | undefined,
): IDataObject[] {
	const top: Array<{ field: FormField; place: Place; parameter: IDataObject }> = [];
	const cards = new Map<number, Array<{ field: FormField; place: Place; parameter: IDataObject }>>();
	for (const field of fields) {
		const raw = values(field.id);
		if (field.required && asText(raw).trim() === '' && (typeof raw !== 'object' || raw === null)) {
			problems.push({ field: FIELD, text: missing?.(field) ?? `${fieldLabel(field)} is empty; the template needs it` });
			continue;
		}
		const parameter = parameterOf(field, raw, problems, values);
		const place = placeOf(field);
		if (place.card !== undefined && !cards.has(place.card)) cards.set(place.card, []);
		if (!parameter) continue;
		(place.card === undefined ? top : (cards.get(place.card) as typeof top)).push({ field, place, parameter });
	}
	const components = componentsOf(top);
	if (cards.size > 0) {
		components.push({
			type: 'carousel',
			cards: [...cards.keys()].sort((a, b) => a - b).map((n) => ({ card_index: n, components: componentsOf(cards.get(n) ?? []) })),
		});
	}
	return components;
}

// ---- The check of a form against the approved definition ----

/**
 * What is wrong with a form's fields for the approved definition (a field the template lacks, one of another kind,
 * one it needs that the form lacks); nothing when they fit. `which` names the template in the texts.
 */
export function checkFieldsAgainst(fields: FormField[], definition: TemplateDefinition, which: string): Problem[] {
	const problems: Problem[] = [];
	const expected = templateFields(definition);
	const reload = "reload the node's Template Fields";
	const names = expected.map((field) => field.id).join(', ') || 'none';
	for (const field of fields) {
		const wanted = expected.find((other) => other.id === field.id);
		if (!wanted) {
			problems.push({ field: FIELD, text: `${which} has no field "${field.id}" (its fields: ${names}); ${reload}` });
		} else if (wanted.kind !== field.kind) {
			problems.push({ field: FIELD, text: `${which} field "${field.id}" is ${KINDS[wanted.kind].noun}, not ${KINDS[field.kind].noun}; ${reload}` });
		}
	}
	for (const wanted of expected) {
		if (wanted.required && !fields.some((field) => field.id === wanted.id)) {
			problems.push({ field: FIELD, text: `${which} needs field "${wanted.id}" (${short(wanted.kind)}), which the node's Template Fields lack; ${reload}` });
		}
	}
	return problems;
}

/** The body's length once its variables are filled in, against WhatsApp's limit; the values by variable. */
export function checkHydratedBody(definition: TemplateDefinition, values: Map<string, string>, which: string, field: string): Problem[] {
	const hydrated = definition.body.replace(TEMPLATE_VARIABLE, (_match, variable: string) => values.get(variable) ?? '');
	const length = charCount(hydrated);
	if (length <= TEMPLATE_LIMITS.hydratedBody.max) return [];
	return [{ field, text: `${which} body is ${length} characters with these values; WhatsApp allows at most ${TEMPLATE_LIMITS.hydratedBody.max}` }];
}

// ---- The form in the editor ----

/** The node's resourceMapping method: the picked template's fields, read from the provider's list. */
export function templateFormMethods(adapter: ProviderAdapter) {
	return {
		async getTemplateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
			const name = String(this.getCurrentNodeParameter('templateName') ?? '').trim();
			const language = String(this.getCurrentNodeParameter('templateLanguage') ?? '').trim();
			if (name === '' || language === '') return { fields: [], emptyFieldsNotice: 'Pick the template and its language first.' };
			const credentials = await this.getCredentials(adapter.credentialType);
			const read = await readCatalogue(this, adapter, credentials, name);
			const byPosition = 'Set Template Values to By Position to fill the template in without its definition.';
			if (!read.ok) throw new NodeOperationError(this.getNode(), read.reason, { description: byPosition });
			const definition = read.templates.find((template) => template.name === name && template.language === language);
			if (!definition) {
				throw new NodeOperationError(this.getNode(), `Template "${name}" (${language}) is not in ${adapter.displayName}'s list`, {
					description: byPosition,
				});
			}
			const fields = templateFields(definition).map(mapperField);
			if (fields.length === 0) {
				return { fields, emptyFieldsNotice: `Template "${name}" has nothing to fill in: it is sent as it was approved.` };
			}
			return { fields };
		},
	};
}

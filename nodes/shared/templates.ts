/**
 * An approved WhatsApp template as the send check and the form need it, whichever provider listed it: what its
 * header, body, buttons, carousel cards and limited-time offer expect. Kaleyra and Insider list Meta's template
 * object (components HEADER, BODY, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER); Gupshup its own
 * (providers/gupshup/templates.ts turns it into this).
 */
import { field, firstText, isObject } from './json';

export interface TemplateButton {
	/** Meta's button type: QUICK_REPLY, URL, COPY_CODE, PHONE_NUMBER, FLOW, or OTP (an authentication code's button). */
	type: string;
	/** Whether a send must fill it: a URL with a variable suffix, a coupon code, or an authentication code. */
	needsValue: boolean;
	/** The template's example of the value a send fills in, when it gives one. */
	example?: string;
}

/** A carousel card: its media header, its body and buttons (Meta's media card carousel). */
export interface TemplateCard {
	headerFormat?: string;
	headerExample?: string;
	body: string;
	bodyVariables: string[];
	bodyExamples: Record<string, string>;
	buttons: TemplateButton[];
}

export interface TemplateDefinition {
	name: string;
	language: string;
	/** As the provider says it, upper case: APPROVED, PAUSED, REJECTED, … */
	status: string;
	category: string;
	/** TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, or undefined without a header. */
	headerFormat?: string;
	/** The variables of a text header ({{1}} or {{name}}). */
	headerVariables: string[];
	/** The example of the header's variable or media link. */
	headerExample?: string;
	/** The body's text and its variables, in order of appearance. */
	body: string;
	bodyVariables: string[];
	/** The template's example value of each body variable. */
	bodyExamples: Record<string, string>;
	/** Whether the variables have names ({{customer_name}}) rather than numbers. */
	named: boolean;
	buttons: TemplateButton[];
	/** A carousel's cards (up to 10); empty for other templates. */
	cards: TemplateCard[];
	/** A limited-time offer: whether a send gives its expiration. */
	offer?: { hasExpiration: boolean };
}

/** A variable in a template's text: {{1}}, {{ 1 }}, {{customer_name}}. */
export const TEMPLATE_VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The distinct variables of a template text, in order of appearance: ['1', '2'] or ['customer_name', 'date']. */
export function templateVariables(text: string): string[] {
	const names: string[] = [];
	for (const [, name] of text.matchAll(TEMPLATE_VARIABLE)) if (!names.includes(name)) names.push(name);
	return names;
}

/**
 * The example value of each variable from a sample of the text with them filled in (Gupshup's sampleText):
 * `Hi {{1}}, your order is {{2}}.` and `Hi Ana, your order is shipped.` give { 1: 'Ana', 2: 'shipped' }.
 */
export function examplesFromSample(text: string, sample: string): Record<string, string> {
	const variables: string[] = [];
	const pattern = text
		.split(TEMPLATE_VARIABLE)
		.map((part, index) => {
			if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			variables.push(part);
			return '(.+?)';
		})
		.join('');
	const found = variables.length > 0 && sample !== '' ? new RegExp(`^${pattern}$`, 's').exec(sample) : null;
	if (!found) return {};
	// A sample that still shows a variable ({{1}}) gives no example for it.
	return Object.fromEntries(variables.map((variable, index) => [variable, found[index + 1]]).filter(([, value]) => !value.includes('{{')));
}

/** The part of an example URL that fills a URL button's variable suffix: `…/track/{{1}}` and `…/track/1234` give `1234`. */
function suffixExample(url: string, example: string): string | undefined {
	const prefix = url.split(TEMPLATE_VARIABLE)[0];
	if (example === '') return undefined;
	return prefix !== '' && example.startsWith(prefix) ? example.slice(prefix.length) : example;
}

/**
 * A button from the provider's list. `authentication`: the template is an authentication template, whose one-time
 * code button Meta lists as a URL button (created as type OTP).
 */
export function templateButton(type: unknown, url: unknown, example?: unknown, authentication = false): TemplateButton {
	let kind = firstText(type).toUpperCase();
	if (authentication && (kind === 'URL' || kind === 'OTP')) kind = 'OTP';
	const link = firstText(url);
	const needsValue = kind === 'COPY_CODE' || kind === 'OTP' || (kind === 'URL' && templateVariables(link).length > 0);
	const given = firstText(Array.isArray(example) ? example[0] : example);
	const button: TemplateButton = { type: kind, needsValue };
	const shown = link !== '' ? suffixExample(link, given) : given || undefined;
	if (needsValue && shown) button.example = shown;
	return button;
}

/** The example values of a component's variables, by name: Meta's body_text / header_text or their named forms. */
function examplesOf(component: unknown, variables: string[]): Record<string, string> {
	const example = field(component, 'example');
	const named = [field(example, 'body_text_named_params'), field(example, 'header_text_named_params')].find(Array.isArray) as unknown[] | undefined;
	if (named) return Object.fromEntries(named.map((entry) => [firstText(field(entry, 'param_name')), firstText(field(entry, 'example'))]));
	const bodyText = field(example, 'body_text');
	const positional = (Array.isArray(bodyText) ? bodyText[0] : field(example, 'header_text')) as unknown;
	if (!Array.isArray(positional)) return {};
	return Object.fromEntries(variables.map((variable, index) => [variable, firstText(positional[index])]).filter(([, value]) => value !== ''));
}

function headerExampleOf(header: unknown, format: string | undefined, variables: string[]): string | undefined {
	if (!format) return undefined;
	if (format === 'TEXT') return examplesOf(header, variables)[variables[0]];
	const handle = field(field(header, 'example'), 'header_handle');
	return firstText(Array.isArray(handle) ? handle[0] : undefined) || undefined;
}

const componentOf = (components: unknown[], type: string) => components.find((c) => firstText(field(c, 'type')).toUpperCase() === type);

function buttonsOf(components: unknown[], authentication = false): TemplateButton[] {
	const buttons = field(componentOf(components, 'BUTTONS'), 'buttons');
	return Array.isArray(buttons)
		? buttons.map((button) => templateButton(field(button, 'type'), field(button, 'url'), field(button, 'example'), authentication))
		: [];
}

function cardOf(card: unknown): TemplateCard {
	const components = field(card, 'components');
	const parts = Array.isArray(components) ? components : [];
	const header = componentOf(parts, 'HEADER');
	const headerFormat = header ? firstText(field(header, 'format')).toUpperCase() || undefined : undefined;
	const bodyComponent = componentOf(parts, 'BODY');
	const body = firstText(field(bodyComponent, 'text'));
	const bodyVariables = templateVariables(body);
	return {
		headerFormat,
		headerExample: headerExampleOf(header, headerFormat, []),
		body,
		bodyVariables,
		bodyExamples: examplesOf(bodyComponent, bodyVariables),
		buttons: buttonsOf(parts),
	};
}

/** A definition from Meta's template object (`name`, `language`, `status`, `category`, `components`). */
export function fromMetaTemplate(template: unknown): TemplateDefinition | undefined {
	if (!isObject(template)) return undefined;
	const name = firstText(template.name);
	const language = firstText(template.language);
	if (name === '' || language === '' || !Array.isArray(template.components)) return undefined;
	const components = template.components as unknown[];
	const category = firstText(template.category).toUpperCase();
	const header = componentOf(components, 'HEADER');
	const headerFormat = header ? firstText(field(header, 'format')).toUpperCase() || 'TEXT' : undefined;
	const headerVariables = headerFormat === 'TEXT' ? templateVariables(firstText(field(header, 'text'))) : [];
	const bodyComponent = componentOf(components, 'BODY');
	const body = firstText(field(bodyComponent, 'text'));
	const bodyVariables = templateVariables(body);
	const cards = field(componentOf(components, 'CAROUSEL'), 'cards');
	const offer = componentOf(components, 'LIMITED_TIME_OFFER');
	const definition: TemplateDefinition = {
		name,
		language,
		status: firstText(template.status).toUpperCase(),
		category,
		headerFormat,
		headerVariables,
		headerExample: headerExampleOf(header, headerFormat, headerVariables),
		body,
		bodyVariables,
		bodyExamples: examplesOf(bodyComponent, bodyVariables),
		named: firstText(template.parameter_format).toUpperCase() === 'NAMED' || bodyVariables.some((v) => !/^\d+$/.test(v)),
		buttons: buttonsOf(components, category === 'AUTHENTICATION'),
		cards: Array.isArray(cards) ? cards.map(cardOf) : [],
	};
	if (offer) definition.offer = { hasExpiration: field(field(offer, 'limited_time_offer'), 'has_expiration') === true };
	return definition;
}

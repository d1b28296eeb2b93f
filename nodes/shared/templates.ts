/**
 * An approved WhatsApp template as the send check needs it, whichever provider listed it: what its header, body and
 * buttons expect. Kaleyra and Insider list Meta's template object (components HEADER, BODY, BUTTONS); Gupshup its own
 * (providers/gupshup/templates.ts turns it into this).
 */
import { field, firstText, isObject } from './json';

export interface TemplateButton {
	/** Meta's button type: QUICK_REPLY, URL, COPY_CODE, PHONE_NUMBER, … */
	type: string;
	/** Whether a send must fill it: a URL with a variable suffix, or a coupon code. */
	needsValue: boolean;
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
	/** The body's text and its variables, in order of appearance. */
	body: string;
	bodyVariables: string[];
	/** Whether the variables have names ({{customer_name}}) rather than numbers. */
	named: boolean;
	buttons: TemplateButton[];
}

/** A variable in a template's text: {{1}}, {{ 1 }}, {{customer_name}}. */
export const TEMPLATE_VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The distinct variables of a template text, in order of appearance: ['1', '2'] or ['customer_name', 'date']. */
export function templateVariables(text: string): string[] {
	const names: string[] = [];
	for (const [, name] of text.matchAll(TEMPLATE_VARIABLE)) if (!names.includes(name)) names.push(name);
	return names;
}

export function templateButton(type: unknown, url: unknown): TemplateButton {
	const kind = firstText(type).toUpperCase();
	const needsValue = kind === 'COPY_CODE' || (kind === 'URL' && templateVariables(firstText(url)).length > 0);
	return { type: kind, needsValue };
}

/** A definition from Meta's template object (`name`, `language`, `status`, `category`, `components`). */
export function fromMetaTemplate(template: unknown): TemplateDefinition | undefined {
	if (!isObject(template)) return undefined;
	const name = firstText(template.name);
	const language = firstText(template.language);
	if (name === '' || language === '' || !Array.isArray(template.components)) return undefined;
	const component = (type: string) =>
		(template.components as unknown[]).find((c) => firstText(field(c, 'type')).toUpperCase() === type);
	const header = component('HEADER');
	const headerFormat = header ? firstText(field(header, 'format')).toUpperCase() || 'TEXT' : undefined;
	const body = firstText(field(component('BODY'), 'text'));
	const buttons = field(component('BUTTONS'), 'buttons');
	const bodyVariables = templateVariables(body);
	return {
		name,
		language,
		status: firstText(template.status).toUpperCase(),
		category: firstText(template.category).toUpperCase(),
		headerFormat,
		headerVariables: headerFormat === 'TEXT' ? templateVariables(firstText(field(header, 'text'))) : [],
		body,
		bodyVariables,
		named: firstText(template.parameter_format).toUpperCase() === 'NAMED' || bodyVariables.some((v) => !/^\d+$/.test(v)),
		buttons: Array.isArray(buttons) ? buttons.map((button) => templateButton(field(button, 'type'), field(button, 'url'))) : [],
	};
}

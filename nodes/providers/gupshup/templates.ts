/**
 * Gupshup's template list, GET /partner/app/{appId}/templates: `{ status, templates: [ { elementName, languageCode,
 * category, status, templateType, containerMeta } ] }`, where containerMeta is a JSON string holding the body (`data`),
 * `header`, `footer` and `buttons`. https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates
 * Gupshup allows 10 such requests a minute per app (https://partner-docs.gupshup.io/docs/partner-rate-limits): the
 * nodes read it at most once per execution.
 */
import type { TemplateCatalogue } from '../../shared/adapter';
import { firstText, isObject, parseJsonText, trimSlash } from '../../shared/json';
import { templateButton, templateVariables, type TemplateDefinition } from '../../shared/templates';
import { gupshupAppPath } from './constants';

function definition(entry: unknown): TemplateDefinition | undefined {
	if (!isObject(entry)) return undefined;
	const name = firstText(entry.elementName);
	const language = firstText(entry.languageCode);
	if (name === '' || language === '') return undefined;
	const meta = parseJsonText(entry.containerMeta);
	const container = isObject(meta) ? meta : {};
	const type = firstText(entry.templateType).toUpperCase() || 'TEXT';
	const headerText = firstText(container.header);
	const headerFormat = type === 'TEXT' ? (headerText === '' ? undefined : 'TEXT') : type;
	const body = firstText(container.data);
	const bodyVariables = templateVariables(body);
	const buttons = Array.isArray(container.buttons) ? container.buttons : [];
	return {
		name,
		language,
		status: firstText(entry.status).toUpperCase(),
		category: firstText(entry.category).toUpperCase(),
		headerFormat,
		headerVariables: headerFormat === 'TEXT' ? templateVariables(headerText) : [],
		body,
		bodyVariables,
		named: bodyVariables.some((variable) => !/^\d+$/.test(variable)),
		buttons: buttons.map((button) => templateButton(isObject(button) ? button.type : '', isObject(button) ? button.url : '')),
	};
}

export const gupshupTemplates: TemplateCatalogue = {
	complete: true,
	request: (credentials) => ({
		method: 'GET',
		url: `${trimSlash(String(credentials.baseUrl))}${gupshupAppPath(encodeURIComponent(String(credentials.appId)))}/templates`,
	}),
	read(body) {
		const templates = isObject(body) ? body.templates : undefined;
		if (!Array.isArray(templates)) return undefined;
		return templates.map(definition).filter((template): template is TemplateDefinition => template !== undefined);
	},
};

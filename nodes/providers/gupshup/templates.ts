/**
 * Gupshup's template list, GET /partner/app/{appId}/templates: `{ status, templates: [ { elementName, languageCode,
 * category, status, templateType, containerMeta } ] }`, where containerMeta is a JSON string holding the body (`data`),
 * `header`, `footer` and `buttons`. https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates
 * containerMeta keeps what the template was created with: a carousel's `cards` ({ headerType, mediaUrl, body,
 * sampleText, buttons }: https://docs.gupshup.io/reference/post_partner-app-appid-templates-2), a limited-time offer's
 * `isLTO`, `hasExpiration`, `limitedOfferText` (https://partner-docs.gupshup.io/reference/post_partner-app-appid-templates-lto).
 * Gupshup allows 10 such requests a minute per app (https://partner-docs.gupshup.io/docs/partner-rate-limits): the
 * nodes read it at most once per execution.
 */
import type { TemplateCatalogue } from '../../shared/adapter';
import { firstText, isObject, parseJsonText, trimSlash } from '../../shared/json';
import { examplesFromSample, templateButton, templateVariables, type TemplateButton, type TemplateCard, type TemplateDefinition } from '../../shared/templates';
import { gupshupAppPath } from './constants';

function buttonsOf(list: unknown, authentication = false): TemplateButton[] {
	const buttons = Array.isArray(list) ? list : [];
	return buttons.map((button) =>
		isObject(button) ? templateButton(button.type, button.url, button.example, authentication) : templateButton('', ''),
	);
}

function card(entry: unknown): TemplateCard {
	const given = isObject(entry) ? entry : {};
	const body = firstText(given.body);
	return {
		headerFormat: firstText(given.headerType).toUpperCase() || undefined,
		headerExample: firstText(given.mediaUrl) || undefined,
		body,
		bodyVariables: templateVariables(body),
		bodyExamples: examplesFromSample(body, firstText(given.sampleText)),
		buttons: buttonsOf(given.buttons),
	};
}

function definition(entry: unknown): TemplateDefinition | undefined {
	if (!isObject(entry)) return undefined;
	const name = firstText(entry.elementName);
	const language = firstText(entry.languageCode);
	if (name === '' || language === '') return undefined;
	const meta = parseJsonText(entry.containerMeta);
	const container = isObject(meta) ? meta : {};
	const type = firstText(entry.templateType).toUpperCase() || 'TEXT';
	const headerText = firstText(container.header);
	const headerFormat = type === 'TEXT' || type === 'CAROUSEL' ? (headerText === '' ? undefined : 'TEXT') : type;
	const category = firstText(entry.category).toUpperCase();
	const body = firstText(container.data);
	const bodyVariables = templateVariables(body);
	const found: TemplateDefinition = {
		name,
		language,
		status: firstText(entry.status).toUpperCase(),
		category,
		headerFormat,
		headerVariables: headerFormat === 'TEXT' ? templateVariables(headerText) : [],
		headerExample: Object.values(examplesFromSample(headerText, firstText(container.sampleHeader)))[0],
		body,
		bodyVariables,
		bodyExamples: examplesFromSample(body, firstText(container.sampleText)),
		named: bodyVariables.some((variable) => !/^\d+$/.test(variable)),
		buttons: buttonsOf(container.buttons, category === 'AUTHENTICATION'),
		cards: Array.isArray(container.cards) ? container.cards.map(card) : [],
	};
	if (container.isLTO === true) found.offer = { hasExpiration: container.hasExpiration === true };
	return found;
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

/**
 * Insider's template list, GET /api/v1/templates (page, per_page up to 100, name), on the host that sends:
 * `{ data: [ Meta's template objects ] }` (https://academy.insiderone.com/docs/list-whatsapp-templates).
 */
import type { TemplateCatalogue } from '../../shared/adapter';
import { isObject, trimSlash } from '../../shared/json';
import { fromMetaTemplate, type TemplateDefinition } from '../../shared/templates';

const PAGE_SIZE = 100;

export const insiderTemplates: TemplateCatalogue = {
	complete: true,
	pageSize: PAGE_SIZE,
	request: (credentials, { name, page }) => ({
		method: 'GET',
		url: `${trimSlash(String(credentials.baseUrl))}/api/v1/templates`,
		qs: { page, per_page: PAGE_SIZE, ...(name ? { name } : {}) },
	}),
	read(body) {
		const data = isObject(body) ? body.data : undefined;
		if (!Array.isArray(data)) return undefined;
		return data.map(fromMetaTemplate).filter((template): template is TemplateDefinition => template !== undefined);
	},
};

/**
 * Kaleyra's template list, GET /v2/{sid}/whatsapp/{waba-id}/message_templates, which lists only the templates made
 * through Kaleyra (https://developers.kaleyra.io/docs/whatsapp-message-api-v2-get-templates): `data` holds Meta's template
 * objects. It needs the WhatsApp Business Account ID, an optional field of the credential.
 */
import type { TemplateCatalogue } from '../../shared/adapter';
import { firstText, isObject } from '../../shared/json';
import { fromMetaTemplate, type TemplateDefinition } from '../../shared/templates';
import { kaleyraBaseUrl } from './constants';

export const kaleyraTemplates: TemplateCatalogue = {
	complete: false,
	unavailable: (credentials) =>
		firstText(credentials.wabaId) === ''
			? 'Kaleyra lists templates per WhatsApp Business Account: set WhatsApp Business Account ID in the Kaleyra API credential'
			: undefined,
	request: (credentials) => ({
		method: 'GET',
		url: `${kaleyraBaseUrl(credentials)}/v2/${encodeURIComponent(String(credentials.sid))}/whatsapp/${encodeURIComponent(firstText(credentials.wabaId))}/message_templates`,
	}),
	read(body) {
		const data = isObject(body) ? body.data : undefined;
		if (!Array.isArray(data)) return undefined;
		return data.map(fromMetaTemplate).filter((template): template is TemplateDefinition => template !== undefined);
	},
};

/**
 * WhatsApp templates for the Send Template tests, in Meta's template object (as GET /<WABA-ID>/message_templates
 * returns it: https://developers.facebook.com/docs/graph-api/reference/whats-app-business-hsm), taken from the
 * sandbox's catalogue (test/sandbox/templates.js), and the same templates as each provider's list endpoint answers.
 */
import type { IDataObject } from 'n8n-workflow';

export interface MetaTemplate {
	id: string;
	name: string;
	language: string;
	status: string;
	category: string;
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: IDataObject[];
}

export const ORDER_UPDATE: MetaTemplate = {
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
		{
			type: 'BUTTONS',
			buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/1234'] }],
		},
	],
};

export const SPRING_SALE: MetaTemplate = {
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
};

export const WELCOME_BACK: MetaTemplate = {
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
};

export const APPOINTMENT_NAMED: MetaTemplate = {
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
			example: {
				body_text_named_params: [
					{ param_name: 'customer_name', example: 'Ana' },
					{ param_name: 'date', example: '3 May, 10:00' },
				],
			},
		},
	],
};

export const PAYMENT_DUE_EN: MetaTemplate = {
	id: '1000000000000005',
	name: 'payment_due',
	language: 'en_US',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [{ type: 'BODY', text: 'Hi {{1}}, your payment of {{2}} is due on {{3}}.', example: { body_text: [['Ana', '€25.00', '1 June']] } }],
};

export const PAYMENT_DUE_ES: MetaTemplate = {
	id: '1000000000000006',
	name: 'payment_due',
	language: 'es',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [{ type: 'BODY', text: 'Hola {{1}}, tu pago de {{2}} vence el {{3}}.', example: { body_text: [['Ana', '25,00 €', '1 de junio']] } }],
};

export const FLASH_DEAL_PAUSED: MetaTemplate = {
	id: '1000000000000007',
	name: 'flash_deal',
	language: 'en_US',
	status: 'PAUSED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [{ type: 'BODY', text: 'Flash deal: {{1}} off for the next hour!', example: { body_text: [['30%']] } }],
};

/** Every template above: what the business account owns. */
export const CATALOGUE: MetaTemplate[] = [
	ORDER_UPDATE,
	SPRING_SALE,
	WELCOME_BACK,
	APPOINTMENT_NAMED,
	PAYMENT_DUE_EN,
	PAYMENT_DUE_ES,
	FLASH_DEAL_PAUSED,
];

const componentOf = (template: MetaTemplate, type: string) => template.components.find((component) => component.type === type);

/**
 * One entry of Gupshup's GET /partner/app/{appId}/templates answer
 * (https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates, sample response): Gupshup's own
 * fields, with the body (`data`), `header`, `footer` and `buttons` inside `containerMeta`, a JSON string.
 */
export function gupshupEntry(template: MetaTemplate, appId: string): IDataObject {
	const header = componentOf(template, 'HEADER');
	const body = componentOf(template, 'BODY');
	const footer = componentOf(template, 'FOOTER');
	const buttons = (componentOf(template, 'BUTTONS')?.buttons as IDataObject[] | undefined) ?? [];
	const headerText = header?.format === 'TEXT' ? String(header.text) : undefined;
	const containerMeta = {
		appId,
		data: body?.text,
		...(buttons.length > 0 ? { buttons } : {}),
		...(headerText ? { header: headerText } : {}),
		...(footer ? { footer: footer.text } : {}),
		enableSample: true,
		editTemplate: false,
	};
	return {
		appId,
		category: template.category,
		containerMeta: JSON.stringify(containerMeta),
		createdOn: 1671619377053,
		data: [headerText, body?.text, footer?.text].filter(Boolean).join('\n'),
		elementName: template.name,
		externalId: template.id,
		id: `gs-${template.id}`,
		languageCode: template.language,
		languagePolicy: 'deterministic',
		modifiedOn: 1678794041479,
		namespace: 'ef0a1b2c_3d4e_5f60_7182_93a4b5c6d7e8',
		priority: 1,
		quality: 'UNKNOWN',
		retry: 0,
		stage: 'NONE',
		status: template.status,
		templateType: header && header.format !== 'TEXT' ? String(header.format) : 'TEXT',
		vertical: 'account update',
		wabaId: '100000000000001',
	};
}

/** Gupshup's list answer. */
export const gupshupList = (templates: MetaTemplate[], appId: string): IDataObject => ({
	status: 'success',
	templates: templates.map((template) => gupshupEntry(template, appId)),
});

/**
 * Kaleyra's GET /v2/{sid}/whatsapp/{wabaId}/message_templates answer
 * (https://developers.kaleyra.io/docs/whatsapp-message-api-v2-get-templates, codes on
 * https://developers.kaleyra.io/docs/whatsapp-api-v2-error-codes-for-template): Kaleyra's envelope with Meta's
 * template objects in `data`, plus Kaleyra's company_id.
 */
export const kaleyraList = (templates: MetaTemplate[]): IDataObject => ({
	code: 'WA200',
	message: 'Request Processed Successfully',
	data: templates.map((template) => ({ ...template, company_id: 'Zcompany01a' })),
	error: {},
});

/**
 * Insider's GET /api/v1/templates answer (https://academy.insiderone.com/docs/list-whatsapp-templates): `data` holds
 * Insider's template details (https://academy.insiderone.com/docs/get-whatsapp-template-details-with-oauth-2-0),
 * Meta's fields in camelCase where Insider renames them.
 */
export const insiderList = (templates: MetaTemplate[]): IDataObject => ({
	data: templates.map((template, index) => ({
		id: index + 1,
		whatsAppTemplateId: Number(template.id),
		name: template.name,
		language: template.language,
		category: template.category,
		quality: 'GREEN',
		status: template.status,
		components: template.components,
		createdAt: '2026-04-27T10:00:00Z',
		updatedAt: '2026-04-27T10:00:00Z',
	})),
});

/**
 * The template's own form (templateFields): the fields each kind of template offers, read from each provider's list
 * format as the sandbox serves it; the exact template object each kind sends through each provider; Map
 * Automatically with missing, extra and misnamed input fields; the check against the approved definition; Dry Run.
 *
 * Formats: Meta's template components (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates),
 * media card carousels (https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/media-card-carousel-templates),
 * limited-time offers (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates/),
 * authentication templates (https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates/copy-code-button-authentication-templates),
 * Gupshup's list (https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates) with a carousel's cards
 * (https://docs.gupshup.io/reference/post_partner-app-appid-templates-2) and an offer's fields
 * (https://partner-docs.gupshup.io/reference/post_partner-app-appid-templates-lto) in containerMeta.
 */
import axios from 'axios';
import type { ICredentialType, IDataObject, INodeType, ResourceMapperField } from 'n8n-workflow';

import { GupshupPartnerApi } from '../../../credentials/GupshupPartnerApi.credentials';
import { InsiderApi } from '../../../credentials/InsiderApi.credentials';
import { KaleyraApi } from '../../../credentials/KaleyraApi.credentials';
import { GupshupWhatsApp } from '../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { InsiderWhatsApp } from '../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { KaleyraWhatsApp } from '../../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { gupshupTemplates } from '../../../nodes/providers/gupshup/templates';
import { insiderTemplates } from '../../../nodes/providers/insider/templates';
import { kaleyraTemplates } from '../../../nodes/providers/kaleyra/templates';
import type { TemplateCatalogue } from '../../../nodes/shared/adapter';
import { USER_AGENT } from '../../../nodes/shared/transport';
import { formFieldOf, mapperField, templateFields, templateFormMethods } from '../../../nodes/shared/template-form';
import { insider as insiderAdapter } from '../../../nodes/providers/insider/adapter';
import { kaleyra as kaleyraAdapter } from '../../../nodes/providers/kaleyra/adapter';
import { loadFailureOf, makeLoadOptionsContext } from '../helpers/load-options-context';
import { fromMetaTemplate, type TemplateDefinition } from '../../../nodes/shared/templates';
import { createSandbox, DEFAULT_CREDENTIALS, type Sandbox } from '../../sandbox/server';
import { DEFAULT_TEMPLATES } from '../../sandbox/templates';
import { build, problemsOf } from '../helpers/build-message';
import { failureOf, nodeRunner } from '../helpers/run-node';

type Provider = 'insider' | 'kaleyra' | 'gupshup';
const PROVIDERS: Provider[] = ['insider', 'kaleyra', 'gupshup'];

let sb: Sandbox;
beforeAll(async () => {
	sb = await createSandbox();
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.state.recorder.clear();
	sb.state.stats.reset();
});

const C = DEFAULT_CREDENTIALS;
const credentialsOf = (provider: Provider): Record<string, string> =>
	({
		insider: { authKey: C.insider.authKey, baseUrl: sb.url },
		kaleyra: { sid: C.kaleyra.sid, apiKey: C.kaleyra.apiKey, region: 'custom', baseUrl: sb.url, businessNumber: C.kaleyra.businessNumbers[0], wabaId: C.kaleyra.wabaId },
		gupshup: { appId: C.gupshup.appId, appToken: C.gupshup.appToken, baseUrl: sb.url },
	})[provider];

const catalogues: Record<Provider, TemplateCatalogue> = { insider: insiderTemplates, kaleyra: kaleyraTemplates, gupshup: gupshupTemplates };
const runners: Record<Provider, ReturnType<typeof nodeRunner>> = {
	insider: nodeRunner(new InsiderWhatsApp() as INodeType, new InsiderApi() as ICredentialType),
	kaleyra: nodeRunner(new KaleyraWhatsApp() as INodeType, new KaleyraApi() as ICredentialType),
	gupshup: nodeRunner(new GupshupWhatsApp() as INodeType, new GupshupPartnerApi() as ICredentialType),
};

/** Each provider's list as the sandbox serves it, in the provider's own format, read as the node reads it. */
async function definitionsFrom(provider: Provider): Promise<TemplateDefinition[]> {
	const headers = { 'user-agent': 'n8n-test' };
	const request = {
		insider: () => axios.get(`${sb.url}/api/v1/templates?per_page=100`, { headers: { ...headers, 'x-ins-auth-key': C.insider.authKey } }),
		kaleyra: () => axios.get(`${sb.url}/v2/${C.kaleyra.sid}/whatsapp/${C.kaleyra.wabaId}/message_templates`, { headers: { ...headers, 'api-key': C.kaleyra.apiKey } }),
		gupshup: () => axios.get(`${sb.url}/partner/app/${C.gupshup.appId}/templates`, { headers: { ...headers, Authorization: C.gupshup.appToken } }),
	}[provider];
	return catalogues[provider].read((await request()).data) ?? [];
}

/** The form's fields as n8n shows them: "id: what (e.g. example)", and * when required. */
const shown = (fields: ResourceMapperField[]) => fields.map((field) => `${field.displayName}${field.required ? ' *' : ''}`);

const META_FIELDS: Record<string, string[]> = {
	order_update: ['header: header variable (e.g. #1234) *', '1 (e.g. Ana) *', '2 (e.g. shipped) *', 'button_0: URL suffix (e.g. 1234) *'],
	spring_sale: [
		'header: image link (e.g. https://cdn.example.com/spring-sale.png) *',
		'1 (e.g. Ana) *',
		'button_0: quick-reply payload',
		'button_1: coupon code (e.g. SPRING25) *',
	],
	welcome_back: [],
	appointment_named: ['customer_name (e.g. Ana) *', 'date (e.g. 3 May, 10:00) *'],
	holiday_carousel: [
		'1 (e.g. Ana) *',
		'card_0_header: image link (e.g. https://cdn.example.com/rome.png) *',
		'card_0_1 (e.g. Rome) *',
		'card_0_2 (e.g. €299) *',
		'card_0_button_0: quick-reply payload',
		'card_0_button_1: URL suffix (e.g. rome) *',
		'card_1_header: image link (e.g. https://cdn.example.com/lisbon.png) *',
		'card_1_1 (e.g. Lisbon) *',
		'card_1_2 (e.g. €299) *',
		'card_1_button_0: quick-reply payload',
		'card_1_button_1: URL suffix (e.g. lisbon) *',
	],
	weekend_offer: [
		'header: image link (e.g. https://cdn.example.com/weekend.png) *',
		'1 (e.g. Ana) *',
		'2 (e.g. WEEKEND20) *',
		'offer_expiration: offer expiration (ISO 8601 or Unix milliseconds) *',
		'button_0: coupon code (e.g. WEEKEND20) *',
		'button_1: URL suffix (e.g. WEEKEND20) *',
	],
	login_code: ['1 (e.g. 482913) *', "button_0: one-time code (empty: the body's code) (e.g. 482913)"],
	store_visit: ['header: location (latitude,longitude) *', 'customer_name (e.g. Ana) *', 'date (e.g. 5 May) *', 'button_1: flow token'],
};

describe('the fields the form offers, per kind of template, from each provider\'s list', () => {
	it.each(PROVIDERS)('%s', async (provider) => {
		const definitions = await definitionsFrom(provider);
		const offered = Object.fromEntries(
			Object.keys(META_FIELDS).map((name) => {
				const definition = definitions.find((template) => template.name === name && template.language === 'en_US');
				return [name, definition ? shown(templateFields(definition).map(mapperField)) : 'not listed'];
			}),
		);
		// Gupshup's list carries no example of a media header's link (its containerMeta has none); all else is alike.
		const expected =
			provider === 'gupshup'
				? {
						...META_FIELDS,
						spring_sale: ['header: image link *', ...META_FIELDS.spring_sale.slice(1)],
						weekend_offer: ['header: image link *', ...META_FIELDS.weekend_offer.slice(1)],
					}
				: META_FIELDS;
		expect(offered).toEqual(expected);
	});

	it('offers every field for Map Automatically by its id, as a string, never as a matching column', () => {
		const [field] = templateFields(definitionOf('appointment_named')).map(mapperField);
		expect(field).toEqual({
			id: 'customer_name',
			displayName: 'customer_name (e.g. Ana)',
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		});
	});
});

describe('the form in the editor (the nodes\' resourceMapping method getTemplateFields)', () => {
	const load = (adapter: typeof insiderAdapter, credentialClass: ICredentialType, credentials: Record<string, string>, current: IDataObject) =>
		templateFormMethods(adapter).getTemplateFields.call(makeLoadOptionsContext({ credentialClass, credentials, current }));

	it('offers the picked template\'s fields, read from the provider\'s list', async () => {
		const fields = await load(insiderAdapter, new InsiderApi(), credentialsOf('insider'), { templateName: 'appointment_named', templateLanguage: 'en_US' });
		expect(shown(fields.fields)).toEqual(META_FIELDS.appointment_named);
		expect(sb.state.recorder.list({ provider: 'insider' }).map((request) => request.path)).toEqual(['/api/v1/templates?page=1&per_page=100&name=appointment_named']);
	});

	it('says so when the template has nothing to fill in, and asks for the template first', async () => {
		expect(await load(insiderAdapter, new InsiderApi(), credentialsOf('insider'), { templateName: 'welcome_back', templateLanguage: 'en_US' })).toEqual({
			fields: [],
			emptyFieldsNotice: 'Template "welcome_back" has nothing to fill in: it is sent as it was approved.',
		});
		expect(await load(insiderAdapter, new InsiderApi(), credentialsOf('insider'), { templateName: 'welcome_back' })).toEqual({
			fields: [],
			emptyFieldsNotice: 'Pick the template and its language first.',
		});
	});

	it('points to By Position when the definition cannot be read', async () => {
		const { wabaId: _omitted, ...withoutWaba } = credentialsOf('kaleyra');
		expect(await loadFailureOf(load(kaleyraAdapter, new KaleyraApi(), withoutWaba, { templateName: 'order_update', templateLanguage: 'en_US' }))).toEqual({
			name: 'NodeOperationError',
			message: 'Kaleyra lists templates per WhatsApp Business Account: set WhatsApp Business Account ID in the Kaleyra API credential',
			description: 'Set Template Values to By Position to fill the template in without its definition.',
		});
		expect(await loadFailureOf(load(insiderAdapter, new InsiderApi(), credentialsOf('insider'), { templateName: 'payment_due', templateLanguage: 'fr' }))).toEqual({
			name: 'NodeOperationError',
			message: 'Template "payment_due" (fr) is not in Insider One\'s list',
			description: 'Set Template Values to By Position to fill the template in without its definition.',
		});
	});

	it('reads back what a stored field is from its label, also in the form of before', () => {
		expect(
			[
				{ id: 'customer_name', displayName: 'customer_name (e.g. Ana)', required: true },
				{ id: 'customer_name', displayName: 'customer_name: body variable (e.g. Ana)', required: true },
				{ id: 'card_1_header', displayName: 'card_1_header: video link', required: true },
				{ id: 'button_0', displayName: 'button_0: quick-reply payload', required: false },
				{ id: 'button_0', displayName: 'Button 0' },
			].map(formFieldOf),
		).toEqual([
			{ id: 'customer_name', kind: 'body', required: true },
			{ id: 'customer_name', kind: 'body', required: true },
			{ id: 'card_1_header', kind: 'headerVideo', required: true },
			{ id: 'button_0', kind: 'quickReply', required: false },
			undefined,
		]);
	});
});

// ---- Building a send from the form ----

function definitionOf(name: string): TemplateDefinition {
	const definition = fromMetaTemplate(DEFAULT_TEMPLATES.find((template) => template.name === name && template.language === 'en_US'));
	if (!definition) throw new Error(`no ${name}`);
	return definition;
}

const schemaOf = (name: string) => templateFields(definitionOf(name)).map(mapperField);

/** One item's Send Template parameters with the template's form: its fields set below (`value`) or mapped (`json`). */
function formItem(name: string, value: IDataObject | null, mappingMode = 'defineBelow'): IDataObject {
	return {
		operation: 'sendTemplate',
		to: '+14155550100',
		templateName: name,
		templateLanguage: 'en_US',
		templateValues: 'fields',
		templateFields: { mappingMode, value, schema: schemaOf(name), matchingColumns: [], attemptToConvertTypes: false, convertFieldsToString: true },
	};
}

const CAROUSEL_VALUES: IDataObject = {
	1: 'Ana',
	card_0_header: 'https://cdn.example.com/rome.png',
	card_0_1: 'Rome',
	card_0_2: '€299',
	card_0_button_0: 'BOOK_ROME',
	card_0_button_1: 'rome',
	card_1_header: 'https://cdn.example.com/lisbon.png',
	card_1_1: 'Lisbon',
	card_1_2: '€349',
	card_1_button_1: 'lisbon',
};

const image = (link: string) => ({ type: 'header', parameters: [{ type: 'image', image: { link } }] });
const texts = (...values: string[]) => values.map((text) => ({ type: 'text', text }));

const CAROUSEL_TEMPLATE = {
	name: 'holiday_carousel',
	language: { code: 'en_US' },
	components: [
		{ type: 'body', parameters: texts('Ana') },
		{
			type: 'carousel',
			cards: [
				{
					card_index: 0,
					components: [
						image('https://cdn.example.com/rome.png'),
						{ type: 'body', parameters: texts('Rome', '€299') },
						{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'BOOK_ROME' }] },
						{ type: 'button', sub_type: 'url', index: 1, parameters: texts('rome') },
					],
				},
				{
					// No payload for card 1's quick reply: it is optional, and left out.
					card_index: 1,
					components: [
						image('https://cdn.example.com/lisbon.png'),
						{ type: 'body', parameters: texts('Lisbon', '€349') },
						{ type: 'button', sub_type: 'url', index: 1, parameters: texts('lisbon') },
					],
				},
			],
		},
	],
};

const OFFER_VALUES: IDataObject = {
	header: 'https://cdn.example.com/weekend.png',
	1: 'Ana',
	2: 'WEEKEND20',
	offer_expiration: '2026-12-31T23:59:00Z',
	button_0: 'WEEKEND20',
	button_1: 'WEEKEND20',
};

const OFFER_TEMPLATE = {
	name: 'weekend_offer',
	language: { code: 'en_US' },
	components: [
		image('https://cdn.example.com/weekend.png'),
		{ type: 'body', parameters: texts('Ana', 'WEEKEND20') },
		{ type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: Date.parse('2026-12-31T23:59:00Z') } }] },
		{ type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'WEEKEND20' }] },
		{ type: 'button', sub_type: 'url', index: 1, parameters: texts('WEEKEND20') },
	],
};

describe('the exact template object each kind sends', () => {
	const templateOf = (item: IDataObject) => {
		const built = build(item);
		if (!built.message) throw new Error(JSON.stringify(built.problems));
		return built.message.payload.template as IDataObject;
	};

	it('positional variables, a text header and a URL suffix', () => {
		expect(templateOf(formItem('order_update', { header: '#1234', 1: 'Ana', 2: 'shipped', button_0: '1234' }))).toEqual({
			name: 'order_update',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: texts('#1234') },
				{ type: 'body', parameters: texts('Ana', 'shipped') },
				{ type: 'button', sub_type: 'url', index: 0, parameters: texts('1234') },
			],
		});
	});

	it('named variables, a location header and a flow button (the phone button takes nothing)', () => {
		const item = formItem('store_visit', { header: '52.52, 13.405', customer_name: 'Ana', date: '5 May', button_1: 'order-77' });
		expect(templateOf(item)).toEqual({
			name: 'store_visit',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'location', location: { latitude: 52.52, longitude: 13.405 } }] },
				{ type: 'body', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'customer_name' }, { type: 'text', text: '5 May', parameter_name: 'date' }] },
				{ type: 'button', sub_type: 'flow', index: 1, parameters: [{ type: 'action', action: { flow_token: 'order-77' } }] },
			],
		});
	});

	it('an image header, an empty quick-reply payload left out, and a coupon code', () => {
		const item = formItem('spring_sale', { header: 'https://cdn.example.com/sale.png', 1: 'Ana', button_1: 'SPRING25' });
		expect(templateOf(item).components).toEqual([
			image('https://cdn.example.com/sale.png'),
			{ type: 'body', parameters: texts('Ana') },
			{ type: 'button', sub_type: 'copy_code', index: 1, parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }] },
		]);
	});

	it('a carousel: the body, then every card in order with its header, variables and buttons', () => {
		expect(templateOf(formItem('holiday_carousel', CAROUSEL_VALUES))).toEqual(CAROUSEL_TEMPLATE);
	});

	it('a limited-time offer: its expiration in Unix milliseconds, from ISO 8601 or milliseconds', () => {
		expect(templateOf(formItem('weekend_offer', OFFER_VALUES))).toEqual(OFFER_TEMPLATE);
		expect(templateOf(formItem('weekend_offer', { ...OFFER_VALUES, offer_expiration: 1798761540000 })).components).toEqual(OFFER_TEMPLATE.components);
	});

	it('an authentication template: the code in the body and in its copy-code button', () => {
		expect(templateOf(formItem('login_code', { 1: '482913' }))).toEqual({
			name: 'login_code',
			language: { code: 'en_US' },
			components: [
				{ type: 'body', parameters: texts('482913') },
				{ type: 'button', sub_type: 'url', index: 0, parameters: texts('482913') },
			],
		});
	});

	it.each<[string, string, IDataObject, string]>([
		['an empty required field', 'order_update', { header: '#1', 1: '', 2: 'x', button_0: '1' }, 'templateFields: template field "1" (body variable) is empty; the template needs it'],
		['a card header that is not a link', 'holiday_carousel', { ...CAROUSEL_VALUES, card_1_header: 'lisbon.png' }, 'templateFields: template field "card_1_header" (image link) "lisbon.png" is not an http or https URL'],
		['an expiration that is no date', 'weekend_offer', { ...OFFER_VALUES, offer_expiration: 'Sunday' }, 'templateFields: template field "offer_expiration" (offer expiration) is "Sunday"; give an ISO 8601 date (2026-12-31T23:59:00Z) or Unix milliseconds'],
		['a coupon code with a dash', 'weekend_offer', { ...OFFER_VALUES, button_0: 'WEEK-20' }, 'templateFields: template field "button_0" (coupon code) "WEEK-20" has characters other than letters and digits'],
		['a one-time code over 15 characters', 'login_code', { 1: '1234567890123456' }, 'templateFields: template field "button_0" (one-time code) is 16 characters; WhatsApp allows at most 15'],
		['a location without a longitude', 'store_visit', { header: '52.52', customer_name: 'Ana', date: 'x' }, 'templateFields: template field "header" (location) is "52.52"; give "latitude,longitude" (e.g. 52.52,13.40) or { latitude, longitude, name, address }'],
	])('refuses %s, naming the field', (_label, name, value, problem) => {
		expect(problemsOf(formItem(name, value))).toEqual([problem]);
	});
});

describe('Map Automatically: each field from the input item\'s field of the same name', () => {
	const mapped = (json: IDataObject) => ({ ...formItem('appointment_named', null, 'autoMapInputData'), $json: json });

	it('takes the fields from the item and ignores its other fields', () => {
		const built = build(mapped({ phone: '+14155550100', customer_name: 'Ana', date: '3 May', segment: 'vip' }));
		expect(built.message?.payload.template).toEqual({
			name: 'appointment_named',
			language: { code: 'en_US' },
			components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'customer_name' }, { type: 'text', text: '3 May', parameter_name: 'date' }] }],
		});
	});

	it('turns numbers into text', () => {
		const built = build({ ...formItem('payment_due', null, 'autoMapInputData'), $json: { 1: 'Ana', 2: 25, 3: '1 June' } });
		expect(built.message?.payload.template).toMatchObject({ components: [{ type: 'body', parameters: texts('Ana', '25', '1 June') }] });
	});

	it('names a missing field and the fields the item has', () => {
		expect(problemsOf(mapped({ phone: '+1', customer_name: 'Ana' }))).toEqual([
			'templateFields: template field "date" is missing from the input item; Map Automatically takes it from the input field of that name (the item has "phone", "customer_name")',
		]);
	});

	it('names a misnamed field and what to rename', () => {
		expect(problemsOf(mapped({ customerName: 'Ana', date: '3 May' }))).toEqual([
			'templateFields: template field "customer_name" is missing from the input item; Map Automatically takes it from the input field of that name (the item has "customerName": rename it to "customer_name")',
		]);
	});

	it('refuses a field given but empty as empty', () => {
		expect(problemsOf(mapped({ customer_name: '', date: '3 May' }))).toEqual([
			'templateFields: template field "customer_name" (body variable) is empty; the template needs it',
		]);
	});
});

// ---- Through the nodes, against each provider's sandbox ----

/** The template object in the body a provider received. */
function sentTemplate(provider: Provider, body: IDataObject): IDataObject {
	if (provider === 'insider') return ((body.messages as IDataObject[])[0].message as IDataObject).template as IDataObject;
	if (provider === 'kaleyra') return (body.messaging_object as IDataObject).template as IDataObject;
	return body.template as IDataObject;
}

const fast = { requestsPerSecond: 1000 };
const posts = (provider: Provider) => sb.state.recorder.list({ provider }).filter((request) => request.method === 'POST');

describe('a carousel and a limited-time offer sent through each provider', () => {
	it.each(PROVIDERS)('%s', async (provider) => {
		const output = await runners[provider]({
			parameters: [
				{ ...formItem('holiday_carousel', CAROUSEL_VALUES), options: fast },
				{ ...formItem('weekend_offer', OFFER_VALUES), options: fast },
			],
			credentials: credentialsOf(provider),
		});
		expect(output.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		const sent = posts(provider).flatMap((request) =>
			provider === 'insider'
				? ((request.body as IDataObject).messages as IDataObject[]).map((message) => (message.message as IDataObject).template)
				: [sentTemplate(provider, request.body as IDataObject)],
		);
		// Insider names the language policy on every template send; the others send Meta's object as it is.
		const policy = (template: IDataObject) =>
			provider === 'insider' ? { ...template, language: { code: 'en_US', policy: 'deterministic' } } : template;
		expect(sent).toEqual([policy(CAROUSEL_TEMPLATE), policy(OFFER_TEMPLATE)]);
		expect(sb.state.stats.toJSON()[provider]).toMatchObject({ acceptedMessages: 2, failedMessages: 0 });
	});
});

describe('the check against the approved definition, before anything is sent', () => {
	it('refuses a form made for a template that changed since, naming the field and the item', async () => {
		// The form was loaded when order_update's button took a coupon; the approved template has a URL button.
		const schema = schemaOf('order_update').map((field) =>
			field.id === 'button_0' ? { ...field, displayName: 'button_0: coupon code' } : field,
		);
		const item = formItem('order_update', { header: '#1', 1: 'Ana', 2: 'shipped', button_0: 'X1' });
		const failure = await failureOf(
			runners.gupshup({
				parameters: { ...item, templateFields: { ...(item.templateFields as IDataObject), schema }, options: fast },
				credentials: credentialsOf('gupshup'),
			}),
		);
		expect(failure).toMatchObject({
			message:
				'Item 1: template "order_update" (en_US) field "button_0" is a URL suffix, not a coupon code; reload the node\'s Template Fields',
			description: 'Check the "templateFields" parameter. Nothing was sent for this item.',
		});
		expect(posts('gupshup')).toEqual([]);
	});

	it('refuses a form without a field the template needs, and one with a field it lacks', async () => {
		const schema = [...schemaOf('payment_due').slice(0, 2), { ...schemaOf('payment_due')[0], id: '4', displayName: '4' }];
		const item = formItem('payment_due', { 1: 'Ana', 2: '€25', 4: 'x' });
		const output = await runners.insider({
			parameters: { ...item, templateFields: { ...(item.templateFields as IDataObject), schema }, options: fast },
			credentials: credentialsOf('insider'),
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatchObject({
			message:
				'Item 1: template "payment_due" (en_US) has no field "4" (its fields: 1, 2, 3); reload the node\'s Template Fields (and template "payment_due" (en_US) needs field "3" (body variable), which the node\'s Template Fields lack; reload the node\'s Template Fields)',
		});
		expect(posts('insider')).toEqual([]);
	});

	it('refuses a carousel filled in by position', async () => {
		const failure = await failureOf(
			runners.kaleyra({
				parameters: { operation: 'sendTemplate', to: '+14155550100', templateName: 'holiday_carousel', templateLanguage: 'en_US', bodyParameters: { parameter: [{ text: 'Ana' }] }, options: fast },
				credentials: credentialsOf('kaleyra'),
			}),
		);
		expect(failure.message).toBe(
			'Item 1: template "holiday_carousel" (en_US) is a carousel, which only its own fields can fill; set Template Values to The Template\'s Fields',
		);
	});

	it('sends with the stored fields when the definition cannot be read', async () => {
		// Kaleyra lists templates only with the WhatsApp Business Account ID: without it, the stored schema decides.
		const { wabaId: _omitted, ...withoutWaba } = credentialsOf('kaleyra');
		const output = await runners.kaleyra({ parameters: { ...formItem('holiday_carousel', CAROUSEL_VALUES), options: fast }, credentials: withoutWaba });
		expect(output[0].json.status).toBe('accepted');
		expect(sentTemplate('kaleyra', posts('kaleyra')[0].body as IDataObject)).toEqual(CAROUSEL_TEMPLATE);
	});
});

describe('Dry Run', () => {
	it('runs every check, sends nothing, and outputs each item\'s request', async () => {
		const output = await runners.insider({
			parameters: [
				{ ...formItem('weekend_offer', OFFER_VALUES), options: { ...fast, dryRun: true } },
				{ ...formItem('weekend_offer', { ...OFFER_VALUES, 2: '' }), options: { ...fast, dryRun: true } },
			],
			credentials: credentialsOf('insider'),
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'insider',
					operation: 'sendTemplate',
					to: '+14155550100',
					messageId: null,
					status: 'dryRun',
					request: {
						method: 'POST',
						url: `${sb.url}/v1/send`,
						headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
						body: { messages: [{ phoneNumber: '+14155550100', message: { type: 'template', template: { ...OFFER_TEMPLATE, language: { code: 'en_US', policy: 'deterministic' } } } }] },
					},
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: {
						message: 'Item 2: template field "2" (body variable) is empty; the template needs it',
						description: 'Check the "templateFields" parameter. Nothing was sent for this item.',
						httpCode: null,
						providerCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
		]);
		// The template list was read for the check; nothing was posted.
		expect(sb.state.recorder.list({ provider: 'insider' }).map((request) => request.method)).toEqual(['GET']);
	});

	it('still refuses what the approved template does not take', async () => {
		const failure = await failureOf(
			runners.gupshup({
				parameters: { ...formItem('order_update', { header: '#1', 1: 'Ana', 2: 'x', button_0: '1' }), templateName: 'flash_deal', options: { dryRun: true } },
				credentials: credentialsOf('gupshup'),
			}),
		);
		expect(failure.message).toBe('Item 1: template "flash_deal" (en_US) is PAUSED, not approved; WhatsApp sends only approved templates');
		expect(posts('gupshup')).toEqual([]);
	});
});

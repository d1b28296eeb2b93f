/**
 * Send Template through Gupshup's Partner API v3.
 * - Send: POST /partner/app/{appId}/v3/message with Meta's body, type "template"
 *   (https://partner-docs.gupshup.io/reference/post_partner-app-appid-v3-message-12).
 * - List: GET /partner/app/{appId}/templates, answered { status, templates: [ { elementName, languageCode, category,
 *   status, templateType, containerMeta: "<JSON string>" } ] } (https://partner-docs.gupshup.io/reference/get_partner-app-appid-templates);
 *   10 requests a minute per app (https://partner-docs.gupshup.io/docs/partner-rate-limits), refused with
 *   429 { status: "error", message: "Too Many Requests" }.
 * - Meta's errors relayed as { error: { code, message }, status: "error" }.
 */
import type { IDataObject } from 'n8n-workflow';

import { GupshupPartnerApi } from '../../../../credentials/GupshupPartnerApi.credentials';
import { GupshupWhatsApp } from '../../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { USER_AGENT } from '../../../../nodes/shared/transport';
import { loadFailureOf, makeLoadOptionsContext } from '../../helpers/load-options-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';
import { CATALOGUE, gupshupList } from '../../helpers/template-fixtures';

const APP_ID = 'bf9ee64c-3d4d-4ac4-0000-732e577007c4';
const LIST_PATH = `/partner/app/${APP_ID}/templates`;
const SEND_PATH = `/partner/app/${APP_ID}/v3/message`;

const node = new GupshupWhatsApp();
const run = nodeRunner(node, new GupshupPartnerApi());

let counter = 0;
const accepted = (request: ReceivedRequest): Reply => {
	const to = (request.body as { to: string }).to;
	return { status: 200, body: { messages: [{ id: `gs-${++counter}` }], messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }] } };
};

/** Gupshup with the catalogue's templates: the list on GET, sends accepted. */
const gupshup =
	(list: Reply = { status: 200, body: gupshupList(CATALOGUE, APP_ID) }) =>
	(request: ReceivedRequest): Reply =>
		request.method === 'GET' && request.url === LIST_PATH ? list : accepted(request);

const tooManyRequests: Reply = { status: 429, body: { status: 'error', message: 'Too Many Requests' } };

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000 };

const listRequests = () => server.requests.filter((request) => request.method === 'GET');
const sendRequests = () => server.requests.filter((request) => request.method === 'POST');

/** An order_update send (header variable, two body values, URL suffix) to `to`; `input` overrides. */
const orderUpdate = (to: string, input: IDataObject = {}): IDataObject => ({
	operation: 'sendTemplate',
	to,
	templateName: 'order_update',
	templateLanguage: 'en_US',
	headerType: 'text',
	headerText: '#1234',
	bodyParameters: { parameter: [{ text: 'Ana' }, { text: 'shipped' }] },
	buttonParameters: { parameter: [{ subType: 'url', index: 0, value: '1234' }] },
	options: fast,
	...input,
});

const ORDER_UPDATE_TEMPLATE = {
	name: 'order_update',
	language: { code: 'en_US' },
	components: [
		{ type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
		{
			type: 'body',
			parameters: [
				{ type: 'text', text: 'Ana' },
				{ type: 'text', text: 'shipped' },
			],
		},
		{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: '1234' }] },
	],
};

beforeAll(async () => {
	server = await new Loopback(gupshup()).start();
	credentials = { appId: APP_ID, appToken: 'sk_secret_partner_app_token', baseUrl: server.url };
});
afterEach(() => {
	server.reset();
	server.setHandler(gupshup());
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Gupshup WhatsApp: Send Template', () => {
	it('reads the template list, then posts the template in Meta\'s body to /partner/app/<appId>/v3/message', async () => {
		const output = await run({ credentials, parameters: orderUpdate('+91 78587 61234') });
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${LIST_PATH}`, `POST ${SEND_PATH}`]);
		const [list, send] = server.requests;
		expect(list.headers.authorization).toBe('sk_secret_partner_app_token');
		expect(list.headers.accept).toBe('application/json');
		expect(list.headers['user-agent']).toBe(USER_AGENT);
		expect(list.body).toBeUndefined();
		expect(send.headers.authorization).toBe('sk_secret_partner_app_token');
		expect(send.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '917858761234',
			type: 'template',
			template: ORDER_UPDATE_TEMPLATE,
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'gupshup',
					operation: 'sendTemplate',
					to: '917858761234',
					messageId: 'gs-1',
					status: 'accepted',
					response: { messages: [{ id: 'gs-1' }], messaging_product: 'whatsapp', contacts: [{ input: '917858761234', wa_id: '917858761234' }] },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a template without variables with no components, and a named one with parameter_name', async () => {
		await run({
			credentials,
			parameters: [
				{ operation: 'sendTemplate', to: '+917858760001', templateName: 'welcome_back', templateLanguage: 'en_US', options: { ...fast, concurrency: 1 } },
				{
					operation: 'sendTemplate',
					to: '+917858760002',
					templateName: 'appointment_named',
					templateLanguage: 'en_US',
					bodyParameters: { parameter: [{ name: 'customer_name', text: 'Ana' }, { name: 'date', text: '3 May, 10:00' }] },
				},
			],
		});
		expect(sendRequests().map((request) => request.body)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '917858760001',
				type: 'template',
				template: { name: 'welcome_back', language: { code: 'en_US' } },
			},
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '917858760002',
				type: 'template',
				template: {
					name: 'appointment_named',
					language: { code: 'en_US' },
					components: [
						{
							type: 'body',
							parameters: [
								{ type: 'text', text: 'Ana', parameter_name: 'customer_name' },
								{ type: 'text', text: '3 May, 10:00', parameter_name: 'date' },
							],
						},
					],
				},
			},
		]);
		// Gupshup's list cannot filter by name: one read serves both templates.
		expect(listRequests()).toHaveLength(1);
	});

	it('reads the list once per execution, however many items send the template', async () => {
		const output = await run({ credentials, parameters: [1, 2, 3, 4, 5].map((n) => orderUpdate(`+91785876000${n}`)) });
		expect(listRequests().map((request) => request.url)).toEqual([LIST_PATH]);
		expect(sendRequests()).toHaveLength(5);
		expect(output.map((item) => item.json.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
	});

	it('refuses an item that does not fit its template before anything is sent, naming the item', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: [
					orderUpdate('+917858760001'),
					orderUpdate('+917858760002', { bodyParameters: { parameter: [{ text: 'Ana' }] } }),
					orderUpdate('+917858760003'),
				],
			}),
		);
		expect(failure).toEqual({
			name: 'NodeOperationError',
			message: 'Item 2: template "order_update" (en_US) has 2 body variables ({{1}}, {{2}}); 1 given',
			description: 'Check the "bodyParameters" parameter. Nothing was sent for this item.',
			httpCode: null,
			providerCode: null,
			itemIndex: 1,
		});
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${LIST_PATH}`]);
	});

	it('with Continue On Fail, the item that does not fit becomes an error item and the others are sent', async () => {
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				orderUpdate('+917858760001', { options: { ...fast, concurrency: 1 } }),
				orderUpdate('+917858760002', { headerType: 'none' }),
				orderUpdate('+917858760003'),
			],
		});
		expect(listRequests()).toHaveLength(1);
		expect(sendRequests().map((request) => (request.body as { to: string }).to)).toEqual(['917858760001', '917858760003']);
		expect(output).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'gs-1', status: 'accepted' }), pairedItem: { item: 0 } }),
			{
				json: {
					error: {
						message: 'Item 2: template "order_update" (en_US) has a header variable; set Header Type to Text and give its value',
						description: 'Check the "headerType" parameter. Nothing was sent for this item.',
						httpCode: null,
						providerCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'gs-2', status: 'accepted' }), pairedItem: { item: 2 } }),
		]);
	});

	it('refuses a template the app does not have, and a language the template lacks', async () => {
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				{ operation: 'sendTemplate', to: '+917858760001', templateName: 'order_updates', templateLanguage: 'en_US', options: fast },
				{
					operation: 'sendTemplate',
					to: '+917858760002',
					templateName: 'payment_due',
					templateLanguage: 'fr',
					bodyParameters: { parameter: [{ text: 'Ana' }, { text: '25 €' }, { text: '1 juin' }] },
				},
			],
		});
		expect(output.map((item) => (item.json.error as IDataObject).message)).toEqual([
			'Item 1: template "order_updates" is not among the templates of this account',
			'Item 2: template "payment_due" has no fr translation; it has en_US, es',
		]);
		expect(sendRequests()).toHaveLength(0);
	});

	it.each<[string, Reply, string]>([
		['429', tooManyRequests, 'Gupshup limits how often templates may be listed (HTTP 429); try again in a minute'],
		['500', { status: 500, body: { status: 'error', message: 'Internal Server Error' } }, 'Gupshup answered the template list with HTTP 500'],
		['200 without a template list', { status: 200, body: { status: 'success' } }, 'Gupshup answered the template list with HTTP 200'],
	])('sends without the check when the list answers %s', async (_, list, reason) => {
		server.setHandler(gupshup(list));
		const { output, logged } = await run.withContext({
			credentials,
			// The second item would be refused by the check: it goes out because the check is skipped.
			parameters: [orderUpdate('+917858760001'), orderUpdate('+917858760002', { bodyParameters: { parameter: [{ text: 'Ana' }] } })],
		});
		expect(listRequests()).toHaveLength(1);
		expect(sendRequests()).toHaveLength(2);
		expect(output.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		// Once per list read that failed, however many items it would have checked.
		const skipped = { level: 'debug', message: `WhatsApp templates not checked before sending: ${reason}` };
		expect(logged).toEqual([skipped]);
	});

	it('explains WhatsApp error 132000 relayed by Gupshup with what to do', async () => {
		server.setHandler((request) =>
			request.method === 'GET'
				? gupshup()(request)
				: {
						status: 400,
						body: { error: { code: 132000, message: '(#132000) Number of parameters does not match the expected number of params' }, status: 'error' },
					},
		);
		const failure = await failureOf(run({ credentials, parameters: orderUpdate('+917858761234') }));
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Gupshup error 132000: (#132000) Number of parameters does not match the expected number of params',
			description:
				"HTTP 400 for Item 1. The number of variables given does not match the template's: give one Body Parameter per {{n}} of the approved template (and its header and button variables).",
			httpCode: '400',
			providerCode: '132000',
			itemIndex: 0,
		});
		// A 4xx is not sent again.
		expect(sendRequests()).toHaveLength(1);
	});

	it('explains WhatsApp error 132001 (no such template in this language) with its HTTP 404', async () => {
		server.setHandler((request) =>
			request.method === 'GET'
				? tooManyRequests
				: { status: 404, body: { error: { code: 132001, message: '(#132001) Template name does not exist in the translation' }, status: 'error' } },
		);
		const failure = await failureOf(run({ credentials, parameters: orderUpdate('+917858761234') }));
		expect(failure.message).toBe('Gupshup error 132001: (#132001) Template name does not exist in the translation');
		expect(failure.description).toBe(
			'HTTP 404 for Item 1. The template does not exist in this language: check Template Name and Template Language (e.g. en_US) against the approved templates.',
		);
	});
});

describe('Gupshup WhatsApp: template dropdowns', () => {
	const { getTemplateNames, getTemplateLanguages } = node.methods.loadOptions;
	const context = (current: IDataObject = {}) => makeLoadOptionsContext({ credentialClass: new GupshupPartnerApi(), credentials, current });

	it('lists the approved templates by name, with their languages and category', async () => {
		expect(await getTemplateNames.call(context())).toEqual([
			{ name: 'appointment_named', value: 'appointment_named', description: 'en_US · UTILITY' },
			{ name: 'order_update', value: 'order_update', description: 'en_US · UTILITY' },
			{ name: 'payment_due', value: 'payment_due', description: 'en_US, es · UTILITY' },
			{ name: 'spring_sale', value: 'spring_sale', description: 'en_US · MARKETING' },
			{ name: 'welcome_back', value: 'welcome_back', description: 'en_US · MARKETING' },
		]);
		expect(server.requests.map((request) => [request.method, request.url, request.headers.authorization])).toEqual([
			['GET', LIST_PATH, 'sk_secret_partner_app_token'],
		]);
	});

	it("lists the chosen template's approved languages", async () => {
		expect(await getTemplateLanguages.call(context({ templateName: ' payment_due ' }))).toEqual([
			{ name: 'en_US', value: 'en_US', description: 'UTILITY' },
			{ name: 'es', value: 'es', description: 'UTILITY' },
		]);
		expect(await getTemplateLanguages.call(context({ templateName: 'flash_deal' }))).toEqual([]);
	});

	it('lists no languages, and asks nothing, before a template is chosen', async () => {
		expect(await getTemplateLanguages.call(context({ templateName: '' }))).toEqual([]);
		expect(server.requests).toHaveLength(0);
	});

	it('says to type the template when the list cannot be read', async () => {
		server.setHandler(() => tooManyRequests);
		expect(await loadFailureOf(getTemplateNames.call(context()))).toEqual({
			name: 'NodeOperationError',
			message: 'Gupshup limits how often templates may be listed (HTTP 429); try again in a minute',
			description: 'Type the template name and language instead (switch the field to Expression).',
		});
	});
});

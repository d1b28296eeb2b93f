/**
 * Send Template through Insider One's WhatsApp API.
 * - Send: POST /v1/send (transactional, the default for templates) or /v1/conversational/send, with
 *   messages[].message.template and language.policy "deterministic"
 *   (https://academy.insiderone.com/docs/send-transactional-whatsapp-template-message,
 *   https://academy.insiderone.com/v1/docs/send-conversational-whatsapp-message-template); answered { keys: [...] }.
 * - List: GET /api/v1/templates with page, per_page (up to 100) and name, on the host that sends, answered
 *   { data: [ Insider's template details: Meta's template object in camelCase ] }
 *   (https://academy.insiderone.com/docs/list-whatsapp-templates,
 *   https://academy.insiderone.com/docs/get-whatsapp-template-details-with-oauth-2-0).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InsiderApi } from '../../../../credentials/InsiderApi.credentials';
import { InsiderWhatsApp } from '../../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { insider as insiderAdapter } from '../../../../nodes/providers/insider/adapter';
import { executionRecords } from '../../../../nodes/shared/catalogue';
import { loadFailureOf, makeLoadOptionsContext } from '../../helpers/load-options-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';
import { CATALOGUE, insiderList, ORDER_UPDATE, type MetaTemplate } from '../../helpers/template-fixtures';

const node = new InsiderWhatsApp();
const run = nodeRunner(node, new InsiderApi());

const listUrl = (name?: string, page = 1) => `/api/v1/templates?page=${page}&per_page=100${name ? `&name=${name}` : ''}`;

const keysFor = (request: ReceivedRequest): Reply => ({
	status: 200,
	body: {
		keys: (request.body as { messages: Array<{ phoneNumber: string }> }).messages.map(
			(message, index) => `whatsapp-${request.url}-${message.phoneNumber}-${index}`,
		),
	},
});

/** Insider's list as its name filter answers it: the templates whose name contains `name`, on one page. */
function listed(request: ReceivedRequest, templates: MetaTemplate[] = CATALOGUE): Reply {
	const name = new URL(request.url, 'http://insider').searchParams.get('name');
	return { status: 200, body: insiderList(templates.filter((template) => !name || template.name.includes(name))) };
}

/** Insider with the catalogue's templates: the list on GET, keys for every send. */
const insider =
	(list: (request: ReceivedRequest) => Reply = listed) =>
	(request: ReceivedRequest): Reply =>
		request.method === 'GET' && request.url.startsWith('/api/v1/templates?') ? list(request) : keysFor(request);

let server: Loopback;
let credentials: { authKey: string; baseUrl: string };
const fast = { requestsPerSecond: 1000 };

const listRequests = () => server.requests.filter((request) => request.method === 'GET');
const sendRequests = () => server.requests.filter((request) => request.method === 'POST');
type SentMessage = { phoneNumber: string; message: { type: string; template: IDataObject } };
const messagesOf = (request: ReceivedRequest) => (request.body as { messages: SentMessage[] }).messages;

/** An order_update send to `to` for `customer`; `input` overrides. */
const orderUpdate = (to: string, customer = 'Ana', input: IDataObject = {}): IDataObject => ({
	operation: 'sendTemplate',
	to,
	templateName: 'order_update',
	templateLanguage: 'en_US',
	headerType: 'text',
	headerText: '#1234',
	bodyParameters: { parameter: [{ text: customer }, { text: 'shipped' }] },
	buttonParameters: { parameter: [{ subType: 'url', index: 0, value: '1234' }] },
	options: fast,
	...input,
});

/** The template object Insider receives for orderUpdate(…, customer). */
const orderUpdateTemplate = (customer: string) => ({
	name: 'order_update',
	language: { code: 'en_US', policy: 'deterministic' },
	components: [
		{ type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
		{
			type: 'body',
			parameters: [
				{ type: 'text', text: customer },
				{ type: 'text', text: 'shipped' },
			],
		},
		{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: '1234' }] },
	],
});

beforeAll(async () => {
	server = await new Loopback(insider()).start();
	credentials = { authKey: 'INS.secret-key', baseUrl: `${server.url}/` };
});
afterEach(() => {
	server.reset();
	server.setHandler(insider());
});
afterAll(async () => await server.stop());

describe('Insider WhatsApp: Send Template', () => {
	it('reads the template by name, then posts it to /v1/send with the deterministic language policy', async () => {
		const output = await run({ credentials, parameters: orderUpdate('+1 (415) 555-0100') });
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${listUrl('order_update')}`,
			'POST /v1/send',
		]);
		const [list, send] = server.requests;
		expect(list.headers['x-ins-auth-key']).toBe('INS.secret-key');
		expect(list.headers.accept).toBe('application/json');
		expect(send.headers['x-ins-auth-key']).toBe('INS.secret-key');
		expect(send.body).toEqual({
			messages: [{ phoneNumber: '+14155550100', message: { type: 'template', template: orderUpdateTemplate('Ana') } }],
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'insider',
					operation: 'sendTemplate',
					to: '+14155550100',
					messageId: 'whatsapp-/v1/send-+14155550100-0',
					status: 'accepted',
					response: { key: 'whatsapp-/v1/send-+14155550100-0' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('posts to /v1/conversational/send when the node chooses that endpoint', async () => {
		await run({
			credentials,
			parameters: { operation: 'sendTemplate', endpoint: 'conversational', to: '+905321234567', templateName: 'welcome_back', templateLanguage: 'en_US', options: fast },
		});
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${listUrl('welcome_back')}`,
			'POST /v1/conversational/send',
		]);
		expect(server.requests[1].body).toEqual({
			messages: [
				{
					phoneNumber: '+905321234567',
					message: { type: 'template', template: { name: 'welcome_back', language: { code: 'en_US', policy: 'deterministic' } } },
				},
			],
		});
	});

	it("sends each item's own values in one batch and maps the keys back to the items in order", async () => {
		const customers = ['Ana', 'Bea', 'Cem'];
		const output = await run({ credentials, parameters: customers.map((customer, index) => orderUpdate(`+1415555010${index}`, customer)) });
		expect(listRequests()).toHaveLength(1);
		expect(sendRequests()).toHaveLength(1);
		expect(messagesOf(sendRequests()[0])).toEqual(
			customers.map((customer, index) => ({
				phoneNumber: `+1415555010${index}`,
				message: { type: 'template', template: orderUpdateTemplate(customer) },
			})),
		);
		expect(output.map((item) => [item.json.messageId, item.json.to, item.pairedItem])).toEqual([
			['whatsapp-/v1/send-+14155550100-0', '+14155550100', { item: 0 }],
			['whatsapp-/v1/send-+14155550101-1', '+14155550101', { item: 1 }],
			['whatsapp-/v1/send-+14155550102-2', '+14155550102', { item: 2 }],
		]);
	});

	it('reads each template once per execution: 5 items of one template, one list request', async () => {
		await run({ credentials, parameters: [0, 1, 2, 3, 4].map((n) => orderUpdate(`+1415555010${n}`)) });
		expect(listRequests().map((request) => request.url)).toEqual([listUrl('order_update')]);
		expect(messagesOf(sendRequests()[0])).toHaveLength(5);
	});

	it('executions on one credential within seconds of each other (a CRM burst) share one read; another credential reads its own', async () => {
		const burst = [0, 1, 2].map((n) => run({ credentials, credentialId: 'cred-crm', parameters: [orderUpdate(`+1415555020${n}`)] }));
		const outputs = await Promise.all(burst);
		await run({ credentials, credentialId: 'cred-crm', parameters: [orderUpdate('+14155550203')] });
		await run({ credentials, credentialId: 'cred-other', parameters: [orderUpdate('+14155550204')] });
		expect(listRequests().map((request) => request.url)).toEqual([listUrl('order_update'), listUrl('order_update')]);
		expect(outputs.map((output) => output[0].json.status)).toEqual(['accepted', 'accepted', 'accepted']);
	});

	it('a shared read lasts 10 s: an execution after that reads the list again', async () => {
		let time = 5_000_000;
		const reads: string[] = [];
		const ctx = {
			helpers: {
				httpRequestWithAuthentication: async (_type: string, request: { url: string }) => {
					reads.push(request.url);
					return { statusCode: 200, body: insiderList(CATALOGUE) };
				},
			},
			logger: { debug: () => undefined },
		} as unknown as IExecuteFunctions;
		const execution = () => executionRecords(ctx, insiderAdapter, credentials, {}, 'insider\ncred-clock', () => time);
		await execution().templates('order_update');
		time += 9_999;
		await execution().templates('order_update');
		time += 1;
		const later = await execution().templates('order_update');
		expect(reads).toHaveLength(2);
		expect(later?.templates.map((template) => template.name)).toEqual(['order_update']);
	});

	it('asks for each template by its name, once each', async () => {
		await run({
			credentials,
			parameters: [
				orderUpdate('+14155550100'),
				{ operation: 'sendTemplate', to: '+14155550101', templateName: 'welcome_back', templateLanguage: 'en_US' },
				orderUpdate('+14155550102'),
				{ operation: 'sendTemplate', to: '+14155550103', templateName: 'welcome_back', templateLanguage: 'en_US' },
			],
		});
		expect(listRequests().map((request) => request.url)).toEqual([listUrl('order_update'), listUrl('welcome_back')]);
		expect(messagesOf(sendRequests()[0]).map((message) => message.message.template.name)).toEqual([
			'order_update',
			'welcome_back',
			'order_update',
			'welcome_back',
		]);
	});

	it('reads the next page while a page comes back full, and checks against a template found there', async () => {
		// Insider's name filter matches parts of names: a full first page of other templates, ours on the second.
		const similar = Array.from({ length: 100 }, (_, index) => ({ ...ORDER_UPDATE, id: `2${index}`, name: `order_update_v${index}` }));
		server.setHandler(
			insider((request) => {
				const page = new URL(request.url, 'http://insider').searchParams.get('page');
				return { status: 200, body: insiderList(page === '1' ? similar : [ORDER_UPDATE]) };
			}),
		);
		const failure = await failureOf(run({ credentials, parameters: orderUpdate('+14155550100', 'Ana', { buttonParameters: {} }) }));
		expect(failure.message).toBe('Item 1: template "order_update" (en_US) button 0 (url) needs its URL suffix');
		expect(server.requests.map((request) => request.url)).toEqual([listUrl('order_update', 1), listUrl('order_update', 2)]);
	});

	it('refuses an item that does not fit its template before anything is sent, naming the item', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: [
					orderUpdate('+14155550100'),
					{ ...orderUpdate('+14155550101'), bodyParameters: { parameter: [{ text: 'Bea' }] } },
					orderUpdate('+14155550102'),
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
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${listUrl('order_update')}`]);
	});

	it('with Continue On Fail, the item that does not fit becomes an error item and the others go out in one batch', async () => {
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				orderUpdate('+14155550100', 'Ana'),
				orderUpdate('+14155550101', 'Bea', { templateLanguage: 'tr' }),
				orderUpdate('+14155550102', 'Cem'),
			],
		});
		expect(sendRequests()).toHaveLength(1);
		expect(messagesOf(sendRequests()[0]).map((message) => message.phoneNumber)).toEqual(['+14155550100', '+14155550102']);
		expect(output).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'whatsapp-/v1/send-+14155550100-0' }), pairedItem: { item: 0 } }),
			{
				json: {
					error: {
						message: 'Item 2: template "order_update" has no tr translation; it has en_US',
						description: 'Check the "templateLanguage" parameter. Nothing was sent for this item.',
						httpCode: null,
						providerCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'whatsapp-/v1/send-+14155550102-1' }), pairedItem: { item: 2 } }),
		]);
	});

	it('refuses a template the account does not have', async () => {
		const failure = await failureOf(
			run({ credentials, parameters: { operation: 'sendTemplate', to: '+14155550100', templateName: 'black_friday', templateLanguage: 'en_US' } }),
		);
		expect(failure.message).toBe('Item 1: template "black_friday" is not among the templates of this account');
		expect(failure.description).toBe('Check the "templateName" parameter. Nothing was sent for this item.');
		expect(server.requests.map((request) => request.url)).toEqual([listUrl('black_friday')]);
	});

	it.each<[string, Reply, string]>([
		['429', { status: 429, body: { message: 'Too Many Requests' } }, 'Insider One limits how often templates may be listed (HTTP 429); try again in a minute'],
		['500', { status: 500, body: { message: 'Internal Server Error' } }, 'Insider One answered the template list with HTTP 500'],
		['401 (a key without template access)', { status: 401, body: { message: 'unauthorized' } }, 'Insider One answered the template list with HTTP 401'],
	])('sends without the check when the list answers %s', async (_, list, reason) => {
		server.setHandler(insider(() => list));
		const { output, logged } = await run.withContext({
			credentials,
			parameters: [orderUpdate('+14155550100'), { ...orderUpdate('+14155550101'), bodyParameters: { parameter: [{ text: 'Bea' }] } }],
		});
		expect(listRequests()).toHaveLength(1);
		expect(messagesOf(sendRequests()[0]).map((message) => message.phoneNumber)).toEqual(['+14155550100', '+14155550101']);
		expect(output.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		const skipped = { level: 'debug', message: `WhatsApp templates not checked before sending: ${reason}` };
		expect(logged).toEqual([skipped]);
	});
});

describe('Insider WhatsApp: template dropdowns', () => {
	const { getTemplateNames, getTemplateLanguages } = node.methods.loadOptions;
	const context = (current: IDataObject = {}) => makeLoadOptionsContext({ credentialClass: new InsiderApi(), credentials, current });

	it('lists the approved templates by name, with their languages and category, from the unfiltered list', async () => {
		expect(await getTemplateNames.call(context())).toEqual([
			{ name: 'appointment_named', value: 'appointment_named', description: 'en_US · UTILITY' },
			{ name: 'order_update', value: 'order_update', description: 'en_US · UTILITY' },
			{ name: 'payment_due', value: 'payment_due', description: 'en_US, es · UTILITY' },
			{ name: 'spring_sale', value: 'spring_sale', description: 'en_US · MARKETING' },
			{ name: 'welcome_back', value: 'welcome_back', description: 'en_US · MARKETING' },
		]);
		expect(server.requests.map((request) => [request.method, request.url, request.headers['x-ins-auth-key']])).toEqual([
			['GET', listUrl(), 'INS.secret-key'],
		]);
	});

	it("lists the chosen template's approved languages, asking for it by name", async () => {
		expect(await getTemplateLanguages.call(context({ templateName: 'payment_due' }))).toEqual([
			{ name: 'en_US', value: 'en_US', description: 'UTILITY' },
			{ name: 'es', value: 'es', description: 'UTILITY' },
		]);
		expect(server.requests.map((request) => request.url)).toEqual([listUrl('payment_due')]);
	});

	it('says to type the template when the list cannot be read', async () => {
		server.setHandler(() => ({ status: 403, body: { message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } } }));
		expect(await loadFailureOf(getTemplateNames.call(context()))).toEqual({
			name: 'NodeOperationError',
			message: 'Insider One answered the template list with HTTP 403',
			description: 'Type the template name and language instead (switch the field to Expression).',
		});
	});
});

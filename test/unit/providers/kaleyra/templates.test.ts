/**
 * Send Template through Kaleyra's WhatsApp API v2.
 * - Send: POST /v2/{sid}/whatsapp/{business number}/messages with Meta's template inside `messaging_object` and the
 *   refs in `extra_info` (https://developers.kaleyra.io/docs/whatsapp-api-v2-send-template-messages,
 *   https://developers.kaleyra.io/docs/whatsapp-api-v2-send-authentication-template-messages).
 * - List: GET /v2/{sid}/whatsapp/{waba-id}/message_templates, which lists only the templates made through Kaleyra
 *   (https://developers.kaleyra.io/docs/whatsapp-message-api-v2-get-templates), answered
 *   { code: "WA200", message, data: [ Meta's template objects ], error: {} }
 *   (https://developers.kaleyra.io/docs/whatsapp-api-v2-error-codes-for-template). It needs the WABA ID, an optional
 *   field of the credential.
 */
import type { IDataObject } from 'n8n-workflow';

import { KaleyraApi } from '../../../../credentials/KaleyraApi.credentials';
import { KaleyraWhatsApp } from '../../../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { loadFailureOf, makeLoadOptionsContext } from '../../helpers/load-options-context';
import { Loopback, type ReceivedRequest, type Reply } from '../../helpers/loopback';
import { failureOf, nodeRunner } from '../../helpers/run-node';
import { CATALOGUE, kaleyraList, SPRING_SALE } from '../../helpers/template-fixtures';

const SID = 'HXAP16000000097IN';
const WABA_ID = '100000000000001';
const LIST_PATH = `/v2/${SID}/whatsapp/${WABA_ID}/message_templates`;
const SEND_PATH = `/v2/${SID}/whatsapp/+919000000001/messages`;

const node = new KaleyraWhatsApp();
const run = nodeRunner(node, new KaleyraApi());

let counter = 0;
const accepted = (): Reply => ({
	status: 202,
	body: { code: 'WA202', message: 'Request Accepted', data: { message_id: `kal-${++counter}` }, error: {} },
});

/** Kaleyra with the catalogue's templates: the list on GET, sends accepted. */
const kaleyra =
	(list: Reply = { status: 200, body: kaleyraList(CATALOGUE) }) =>
	(request: ReceivedRequest): Reply =>
		request.method === 'GET' && request.url === LIST_PATH ? list : accepted();

let server: Loopback;
let withoutWaba: Record<string, string>;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000 };

const listRequests = () => server.requests.filter((request) => request.method === 'GET');
const sendRequests = () => server.requests.filter((request) => request.method === 'POST');
const sentTo = () => sendRequests().map((request) => (request.body as { messaging_object: { to: string } }).messaging_object.to);

/** A spring_sale send (image header, one body value, quick reply and coupon) to `to`; `input` overrides. */
const springSale = (to: string, input: IDataObject = {}): IDataObject => ({
	operation: 'sendTemplate',
	to,
	templateName: 'spring_sale',
	templateLanguage: 'en_US',
	headerType: 'image',
	headerMediaUrl: 'https://cdn.example.com/spring-sale.png',
	bodyParameters: { parameter: [{ text: 'Ana' }] },
	buttonParameters: {
		parameter: [
			{ subType: 'copyCode', index: 1, value: 'SPRING25' },
			{ subType: 'quickReply', index: 0, value: 'NOT_INTERESTED' },
		],
	},
	options: fast,
	...input,
});

const SPRING_SALE_TEMPLATE = {
	name: 'spring_sale',
	language: { code: 'en_US' },
	components: [
		{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/spring-sale.png' } }] },
		{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
		{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'NOT_INTERESTED' }] },
		{ type: 'button', sub_type: 'copy_code', index: 1, parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }] },
	],
};

beforeAll(async () => {
	server = await new Loopback(kaleyra()).start();
	withoutWaba = { sid: SID, apiKey: 'A-secret-kaleyra-key', region: 'custom', baseUrl: server.url, businessNumber: '+91 90000 00001' };
	credentials = { ...withoutWaba, wabaId: WABA_ID };
});
afterEach(() => {
	server.reset();
	server.setHandler(kaleyra());
	counter = 0;
});
afterAll(async () => await server.stop());

describe('Kaleyra WhatsApp: Send Template', () => {
	it('reads the WABA\'s template list, then posts the template inside messaging_object with extra_info', async () => {
		const output = await run({
			credentials,
			parameters: springSale('+91 98765-43210', { options: { ...fast, ref: 'customer-1', waSource: 'api' } }),
		});
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${LIST_PATH}`, `POST ${SEND_PATH}`]);
		const [list, send] = server.requests;
		expect(list.headers['api-key']).toBe('A-secret-kaleyra-key');
		expect(list.headers.accept).toBe('application/json');
		expect(send.headers['api-key']).toBe('A-secret-kaleyra-key');
		expect(send.body).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'template',
				template: SPRING_SALE_TEMPLATE,
			},
			extra_info: { ref: 'customer-1', wa_source: 'api' },
		});
		expect(output).toEqual([
			{
				json: {
					provider: 'kaleyra',
					operation: 'sendTemplate',
					to: '919876543210',
					messageId: 'kal-1',
					status: 'accepted',
					response: { code: 'WA202', message: 'Request Accepted', data: { message_id: 'kal-1' }, error: {} },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends no extra_info without refs, and no list request without a WABA ID in the credential', async () => {
		const { logged } = await run.withContext({ credentials: withoutWaba, parameters: springSale('+919876543210') });
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${SEND_PATH}`]);
		expect(server.requests[0].body).toEqual({
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '919876543210',
				type: 'template',
				template: SPRING_SALE_TEMPLATE,
			},
		});
		expect(logged).toEqual([
			{
				level: 'debug',
				message:
					'WhatsApp templates not checked before sending: Kaleyra lists templates per WhatsApp Business Account: set WhatsApp Business Account ID in the Kaleyra API credential',
			},
		]);
	});

	it('without a WABA ID, sends even an item that does not fit its template (nothing to check it against)', async () => {
		await run({ credentials: withoutWaba, parameters: springSale('+919876543210', { headerType: 'none' }) });
		expect(listRequests()).toHaveLength(0);
		expect(sentTo()).toEqual(['919876543210']);
	});

	it('reads the list once per execution, however many items send the template', async () => {
		const output = await run({ credentials, parameters: [1, 2, 3, 4, 5].map((n) => springSale(`+9198765432${n}0`)) });
		expect(listRequests().map((request) => request.url)).toEqual([LIST_PATH]);
		expect(sendRequests()).toHaveLength(5);
		expect(output.map((item) => item.json.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
	});

	it('refuses an item that does not fit its template before anything is sent, naming the item', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: [
					springSale('+919876543210'),
					springSale('+919876543220', { bodyParameters: { parameter: [{ text: 'Ana' }, { text: 'Bea' }] } }),
				],
			}),
		);
		expect(failure).toEqual({
			name: 'NodeOperationError',
			message: 'Item 2: template "spring_sale" (en_US) has 1 body variable ({{1}}); 2 given',
			description: 'Check the "bodyParameters" parameter. Nothing was sent for this item.',
			httpCode: null,
			providerCode: null,
			itemIndex: 1,
		});
		expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${LIST_PATH}`]);
	});

	it('names every problem of an item and the field of the first', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: springSale('+919876543210', {
					headerType: 'none',
					buttonParameters: { parameter: [{ subType: 'quickReply', index: 0, value: 'NOT_INTERESTED' }] },
				}),
			}),
		);
		expect(failure.message).toBe(
			'Item 1: template "spring_sale" (en_US) has an image header; set Header Type to Image and give its URL (and template "spring_sale" (en_US) button 1 (copy_code) needs its coupon code)',
		);
		expect(failure.description).toBe('Check the "headerType" parameter. Nothing was sent for this item.');
		expect(sendRequests()).toHaveLength(0);
	});

	it('with Continue On Fail, the item that does not fit becomes an error item and the others are sent', async () => {
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [
				springSale('+919876543210', { options: { ...fast, concurrency: 1 } }),
				springSale('+919876543220', { buttonParameters: { parameter: [{ subType: 'url', index: 0, value: 'x' }, { subType: 'copyCode', index: 1, value: 'SPRING25' }] } }),
				springSale('+919876543230'),
			],
		});
		expect(sentTo()).toEqual(['919876543210', '919876543230']);
		expect(output).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'kal-1' }), pairedItem: { item: 0 } }),
			{
				json: {
					error: {
						message: 'Item 2: template "spring_sale" (en_US) button 0 is quick_reply, not url',
						description: 'Check the "buttonParameters" parameter. Nothing was sent for this item.',
						httpCode: null,
						providerCode: null,
					},
				},
				pairedItem: { item: 1 },
			},
			expect.objectContaining({ json: expect.objectContaining({ messageId: 'kal-2' }), pairedItem: { item: 2 } }),
		]);
	});

	it('sends a template its list lacks: Kaleyra lists only the templates made through Kaleyra', async () => {
		await run({
			credentials,
			parameters: { operation: 'sendTemplate', to: '+919876543210', templateName: 'made_in_meta', templateLanguage: 'en', options: fast },
		});
		expect(listRequests()).toHaveLength(1);
		expect((sendRequests()[0].body as { messaging_object: IDataObject }).messaging_object.template).toEqual({
			name: 'made_in_meta',
			language: { code: 'en' },
		});
	});

	it.each<[string, Reply, string]>([
		['429', { status: 429, body: { code: 'WA429', message: 'Too many requests', data: {}, error: {} } }, 'Kaleyra limits how often templates may be listed (HTTP 429); try again in a minute'],
		['500', { status: 500, body: { code: 'WA500', message: 'Please try again later', data: {}, error: {} } }, 'Kaleyra answered the template list with HTTP 500'],
		[
			'400 for a WABA ID of another account',
			{
				status: 400,
				body: {
					code: 'WA400',
					message: 'WABA ID is not present or does not belong to the account.',
					data: {},
					error: { waba_id: 'WABA ID is not present or does not belong to the account.' },
				},
			},
			'Kaleyra answered the template list with HTTP 400',
		],
	])('sends without the check when the list answers %s', async (_, list, reason) => {
		server.setHandler(kaleyra(list));
		const { output, logged } = await run.withContext({
			credentials,
			parameters: springSale('+919876543210', { bodyParameters: { parameter: [] } }),
		});
		expect(listRequests()).toHaveLength(1);
		expect(sentTo()).toEqual(['919876543210']);
		expect(output[0].json.status).toBe('accepted');
		expect(logged).toEqual([{ level: 'debug', message: `WhatsApp templates not checked before sending: ${reason}` }]);
	});
});

describe('Kaleyra WhatsApp: template dropdowns', () => {
	const { getTemplateNames, getTemplateLanguages } = node.methods.loadOptions;
	const context = (given: Record<string, string>, current: IDataObject = {}) =>
		makeLoadOptionsContext({ credentialClass: new KaleyraApi(), credentials: given, current });

	it('lists the approved templates of the WABA by name, with their languages and category', async () => {
		server.setHandler(kaleyra({ status: 200, body: kaleyraList([SPRING_SALE, ...CATALOGUE.filter((t) => t.name === 'payment_due' || t.status !== 'APPROVED')]) }));
		expect(await getTemplateNames.call(context(credentials))).toEqual([
			{ name: 'payment_due', value: 'payment_due', description: 'en_US, es · UTILITY' },
			{ name: 'spring_sale', value: 'spring_sale', description: 'en_US · MARKETING' },
		]);
		expect(server.requests.map((request) => [request.method, request.url, request.headers['api-key']])).toEqual([
			['GET', LIST_PATH, 'A-secret-kaleyra-key'],
		]);
	});

	it("lists the chosen template's approved languages", async () => {
		expect(await getTemplateLanguages.call(context(credentials, { templateName: 'payment_due' }))).toEqual([
			{ name: 'en_US', value: 'en_US', description: 'UTILITY' },
			{ name: 'es', value: 'es', description: 'UTILITY' },
		]);
	});

	it('says to set the WABA ID when the credential has none, without asking Kaleyra', async () => {
		const expected = {
			name: 'NodeOperationError',
			message: 'Kaleyra lists templates per WhatsApp Business Account: set WhatsApp Business Account ID in the Kaleyra API credential',
			description: 'Type the template name and language instead (switch the field to Expression).',
		};
		expect(await loadFailureOf(getTemplateNames.call(context(withoutWaba)))).toEqual(expected);
		expect(await loadFailureOf(getTemplateLanguages.call(context(withoutWaba, { templateName: 'spring_sale' })))).toEqual(expected);
		expect(server.requests).toHaveLength(0);
	});
});

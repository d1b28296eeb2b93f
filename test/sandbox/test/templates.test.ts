// The WhatsApp template catalogue: each provider's template list endpoint, the control API that edits the
// catalogue, and template sends checked against it with WhatsApp's error codes.
// Sources of each format are in test/sandbox/README.md ("Templates").

import { createSandbox, DEFAULT_CREDENTIALS, Sandbox } from '../server';
import { DEFAULT_TEMPLATES } from '../templates';
import {
	request,
	startReceiver,
	until,
	CallOptions,
	Receiver,
	INSIDER_HEADERS,
	KALEYRA_HEADERS,
	GUPSHUP_HEADERS,
	KALEYRA_PATH,
	GUPSHUP_PATH,
} from './helpers';

let sb: Sandbox;
let receiver: Receiver;

const call = (method: string, path: string, options: CallOptions = {}) => request(sb.url, method, path, options);
const control = (method: string, path: string, body?: unknown) => call(method, `/__sandbox/${path}`, { body });
const configure = async (patch: object) => expect((await control('PUT', 'config', patch)).status).toBe(200);

const GUPSHUP_TEMPLATES = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/templates`;
const KALEYRA_TEMPLATES = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/${DEFAULT_CREDENTIALS.kaleyra.wabaId}/message_templates`;
const INSIDER_TEMPLATES = '/api/v1/templates';

const listGupshup = () => call('GET', GUPSHUP_TEMPLATES, { headers: GUPSHUP_HEADERS });
const listKaleyra = (query = '') => call('GET', `${KALEYRA_TEMPLATES}${query}`, { headers: KALEYRA_HEADERS });
const listInsider = (query = '') => call('GET', `${INSIDER_TEMPLATES}${query}`, { headers: INSIDER_HEADERS });

// ---- Template objects as a send carries them (Meta's format) ----

type Params = object[];
const textParams = (...values: string[]) => values.map((text) => ({ type: 'text', text }));
const template = (name: string, components: object[] = [], code = 'en_US') => ({ name, language: { code, policy: 'deterministic' }, components });
const orderUpdate = (overrides: { header?: Params; body?: Params; button?: object | null } = {}) =>
	template('order_update', [
		{ type: 'header', parameters: overrides.header ?? textParams('#1234') },
		{ type: 'body', parameters: overrides.body ?? textParams('Ana', 'shipped') },
		...(overrides.button === null ? [] : [overrides.button ?? { type: 'button', sub_type: 'url', index: 0, parameters: textParams('1234') }]),
	]);
const springSale = (header: object | null = { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/sale.png' } }] }) =>
	template('spring_sale', [
		...(header ? [header] : []),
		{ type: 'body', parameters: textParams('Ana') },
		{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'NOT_INTERESTED' }] },
		{ type: 'button', sub_type: 'copy_code', index: '1', parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }] },
	]);
const appointment = (params: Params) => template('appointment_named', [{ type: 'body', parameters: params }]);

const gupshupTemplateBody = (tpl: object, to = '14155550100') => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template', template: tpl });
const kaleyraTemplateBody = (tpl: object, to = '14155550100') => ({
	messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template', template: tpl },
	extra_info: { ref: 'tpl-1' },
});
const insiderTemplateBody = (...templates: object[]) => ({ messages: templates.map((tpl) => ({ phoneNumber: '+14155550100', message: { type: 'template', template: tpl } })) });

const sendGupshup = (tpl: object) => call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: gupshupTemplateBody(tpl) });
const sendKaleyra = (tpl: object) => call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body: kaleyraTemplateBody(tpl) });
const sendInsider = (...templates: object[]) => call('POST', '/v1/send', { headers: INSIDER_HEADERS, body: insiderTemplateBody(...templates) });

/** The body Gupshup relays for a refused template: Meta's Graph API error in Gupshup's envelope. */
const gupshupRefusal = (code: number, message: string, details: string | RegExp) => ({
	error: {
		message: `(#${code}) ${message}`,
		type: 'OAuthException',
		code,
		error_data: { messaging_product: 'whatsapp', details: typeof details === 'string' ? details : expect.stringMatching(details) },
		fbtrace_id: expect.any(String),
	},
	status: 'error',
});

beforeAll(async () => {
	sb = await createSandbox();
	receiver = await startReceiver();
});

afterAll(async () => {
	await sb.close();
	await receiver.close();
});

beforeEach(async () => {
	await control('POST', 'reset');
	receiver.received.length = 0;
});

describe('the catalogue', () => {
	it('holds the templates the issue asks for, including one that is not approved', () => {
		const byKey = Object.fromEntries(DEFAULT_TEMPLATES.map((t) => [`${t.name}/${t.language}`, t]));
		expect(byKey['order_update/en_US']).toMatchObject({ category: 'UTILITY', status: 'APPROVED' });
		expect(byKey['spring_sale/en_US'].components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
		expect(byKey['appointment_named/en_US'].parameter_format).toBe('NAMED');
		expect(byKey['payment_due/es']).toBeDefined();
		expect(DEFAULT_TEMPLATES.filter((t) => t.status !== 'APPROVED').map((t) => t.status).sort()).toEqual(['DISABLED', 'PAUSED', 'REJECTED']);
	});

	it('is served by GET /__sandbox/templates and edited through POST, PUT and DELETE', async () => {
		expect((await control('GET', 'templates')).body).toEqual(DEFAULT_TEMPLATES);

		const added = { name: 'back_in_stock', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: '{{1}} is back in stock!' }] };
		const afterPost = await control('POST', 'templates', added);
		expect(afterPost.status).toBe(200);
		const stored = afterPost.body.find((t: any) => t.name === 'back_in_stock');
		expect(stored).toEqual({ ...added, id: expect.stringMatching(/^\d{16}$/), status: 'APPROVED', parameter_format: 'POSITIONAL' });
		expect((await sendGupshup(template('back_in_stock', [{ type: 'body', parameters: textParams('The red jacket') }]))).status).toBe(200);

		// Same name and language: replaced, e.g. to pause it.
		await control('POST', 'templates', { ...added, status: 'PAUSED' });
		expect((await control('GET', 'templates')).body.filter((t: any) => t.name === 'back_in_stock').map((t: any) => t.status)).toEqual(['PAUSED']);
		expect((await listGupshup()).body.templates.find((t: any) => t.elementName === 'back_in_stock').status).toBe('PAUSED');

		const replaced = await control('PUT', 'templates', [added]);
		expect(replaced.body.map((t: any) => t.name)).toEqual(['back_in_stock']);
		expect((await listKaleyra()).body.data.map((t: any) => t.name)).toEqual(['back_in_stock']);

		expect((await control('DELETE', 'templates')).body).toEqual(DEFAULT_TEMPLATES);
		await control('PUT', 'templates', [added]);
		await control('POST', 'reset');
		expect((await control('GET', 'templates')).body).toEqual(DEFAULT_TEMPLATES);
	});

	it.each([
		['no body', { name: 'x', language: 'en_US', components: [{ type: 'FOOTER', text: 'f' }] }, /BODY/],
		['an upper-case name', { name: 'Promo', language: 'en_US', components: [{ type: 'BODY', text: 'b' }] }, /name/],
		['an unknown status', { name: 'x', language: 'en_US', status: 'LIVE', components: [{ type: 'BODY', text: 'b' }] }, /status/],
		['an unknown button', { name: 'x', language: 'en_US', components: [{ type: 'BODY', text: 'b' }, { type: 'BUTTONS', buttons: [{ type: 'CALL' }] }] }, /buttons\[0\]/],
	])('refuses a template with %s', async (_label, input, error) => {
		const reply = await control('POST', 'templates', input);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(error);
		expect((await control('PUT', 'templates', [input])).status).toBe(400);
		expect((await control('GET', 'templates')).body).toEqual(DEFAULT_TEMPLATES);
	});
});

describe('Gupshup GET /partner/app/:appId/templates', () => {
	it("answers Gupshup's template list, containerMeta as a JSON string", async () => {
		const reply = await listGupshup();
		expect(reply.status).toBe(200);
		expect(reply.body.status).toBe('success');
		expect(reply.body.templates).toHaveLength(DEFAULT_TEMPLATES.length);
		const order = reply.body.templates.find((t: any) => t.elementName === 'order_update');
		expect(order).toEqual({
			appId: DEFAULT_CREDENTIALS.gupshup.appId,
			buttonSupported: 'URL',
			category: 'UTILITY',
			containerMeta: expect.any(String),
			createdOn: expect.any(Number),
			data: 'Order {{1}} update\nHi {{1}}, your order is now {{2}}. Track it with the button below.\nShop Example | [Track order,https://shop.example.com/track/{{1}}]',
			elementName: 'order_update',
			externalId: '1000000000000001',
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/),
			languageCode: 'en_US',
			languagePolicy: 'deterministic',
			meta: JSON.stringify({ example: 'Hi Ana, your order is now shipped. Track it with the button below.' }),
			modifiedOn: expect.any(Number),
			namespace: expect.any(String),
			priority: 1,
			quality: 'UNKNOWN',
			retry: 0,
			stage: 'NONE',
			status: 'APPROVED',
			templateType: 'TEXT',
			vertical: expect.any(String),
			wabaId: DEFAULT_CREDENTIALS.kaleyra.wabaId,
		});
		expect(JSON.parse(order.containerMeta)).toMatchObject({
			data: 'Hi {{1}}, your order is now {{2}}. Track it with the button below.',
			header: 'Order {{1}} update',
			footer: 'Shop Example',
			buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/1234'] }],
			sampleText: 'Hi Ana, your order is now shipped. Track it with the button below.',
			sampleHeader: 'Order #1234 update',
		});

		const sale = reply.body.templates.find((t: any) => t.elementName === 'spring_sale');
		expect(sale).toMatchObject({ templateType: 'IMAGE', buttonSupported: 'QR,COPY_CODE', category: 'MARKETING' });
		expect(JSON.parse(sale.containerMeta).buttons).toEqual([{ type: 'QUICK_REPLY', text: 'Not interested' }, { type: 'COPY_CODE', text: 'Copy offer code', example: 'SPRING25' }]);
		expect(reply.body.templates.filter((t: any) => t.elementName === 'payment_due').map((t: any) => t.languageCode)).toEqual(['en_US', 'es']);
		expect(reply.body.templates.find((t: any) => t.elementName === 'flash_deal').status).toBe('PAUSED');
		expect(reply.body.templates.find((t: any) => t.elementName === 'summer_teaser')).toMatchObject({ status: 'REJECTED', reason: 'INVALID_FORMAT' });
		// Stable between runs and between calls.
		expect((await listGupshup()).body).toEqual(reply.body);
	});

	it('checks the app and the partner app token', async () => {
		expect(await call('GET', GUPSHUP_TEMPLATES, { headers: { authorization: 'wrong' } })).toMatchObject({ status: 401, body: { status: 'error', message: 'Authentication Failed' } });
		expect(await call('GET', '/partner/app/other-app/templates', { headers: GUPSHUP_HEADERS })).toMatchObject({ status: 400, body: { message: 'Invalid App Details', status: 'error' } });
	});

	it("answers 429 beyond Gupshup's 10 requests a minute per app, without slowing sends", async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) statuses.push((await listGupshup()).status);
		expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
		expect(await listGupshup()).toMatchObject({ status: 429, body: { status: 'error', message: 'Too Many Requests' } });
		expect((await sendGupshup(orderUpdate())).status).toBe(200);
		expect((await control('GET', 'config')).body.templateListLimit).toEqual({ gupshup: 10 });
		// A reset starts a fresh window.
		await control('POST', 'reset');
		expect((await listGupshup()).status).toBe(200);
	});

	it('takes another limit, or none', async () => {
		await configure({ templateListLimit: { gupshup: 2 } });
		expect([(await listGupshup()).status, (await listGupshup()).status, (await listGupshup()).status]).toEqual([200, 200, 429]);
		await configure({ templateListLimit: { gupshup: null } });
		for (let i = 0; i < 15; i++) expect((await listGupshup()).status).toBe(200);
		expect((await control('PUT', 'config', { templateListLimit: { kaleyra: 5 } })).status).toBe(400);
		expect((await control('PUT', 'config', { templateListLimit: { gupshup: 0 } })).status).toBe(400);
	});
});

describe('Kaleyra GET /v2/:sid/whatsapp/:wabaId/message_templates', () => {
	it("answers Kaleyra's WA200 envelope with Meta's template objects", async () => {
		const reply = await listKaleyra();
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({ code: 'WA200', message: 'Request Processed Successfully', data: expect.any(Array), error: {} });
		expect(reply.body.data).toHaveLength(DEFAULT_TEMPLATES.length);
		const order = reply.body.data.find((t: any) => t.name === 'order_update');
		expect(order).toEqual({
			category: 'UTILITY',
			company_id: expect.any(String),
			components: DEFAULT_TEMPLATES[0].components,
			id: '1000000000000001',
			language: 'en_US',
			name: 'order_update',
			parameter_format: 'POSITIONAL',
			status: 'APPROVED',
		});
		expect(order.components.find((c: any) => c.type === 'BUTTONS').buttons[0]).toMatchObject({ type: 'URL', url: 'https://shop.example.com/track/{{1}}' });
	});

	it('filters by status, name and language', async () => {
		const approved = (await listKaleyra('?status=APPROVED')).body.data;
		expect(approved.every((t: any) => t.status === 'APPROVED')).toBe(true);
		expect(approved.map((t: any) => t.name)).not.toContain('flash_deal');
		expect((await listKaleyra('?name=payment_due&language=es')).body.data.map((t: any) => [t.name, t.language])).toEqual([['payment_due', 'es']]);
	});

	it('checks the SID, the API key and the WABA ID', async () => {
		expect(await call('GET', KALEYRA_TEMPLATES, { headers: { 'api-key': 'nope' } })).toMatchObject({ status: 401, body: { code: 'RBC001' } });
		const otherWaba = await call('GET', `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/999/message_templates`, { headers: KALEYRA_HEADERS });
		expect(otherWaba).toMatchObject({ status: 401, body: { code: 'WA401', data: {}, error: { waba_id: expect.any(String) } } });
	});
});

describe('Insider GET /api/v1/templates', () => {
	it('answers a page of Insider template objects', async () => {
		const reply = await listInsider();
		expect(reply.status).toBe(200);
		expect(reply.body.meta).toEqual({ current_page: 1, last_page: 2, per_page: 10, total: DEFAULT_TEMPLATES.length });
		expect(reply.body.data[0]).toEqual({
			id: 1,
			whatsAppTemplateId: 1000000000000001,
			name: 'order_update',
			language: 'en_US',
			category: 'UTILITY',
			quality: 'GREEN',
			status: 'APPROVED',
			components: DEFAULT_TEMPLATES[0].components,
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			updatedAt: expect.any(String),
		});
	});

	it('pages, filters and sorts', async () => {
		const second = (await listInsider('?page=2&per_page=4')).body;
		expect(second.meta).toEqual({ current_page: 2, last_page: 4, per_page: 4, total: DEFAULT_TEMPLATES.length });
		expect(second.data.map((t: any) => t.id)).toEqual([5, 6, 7, 8]);
		const approvedEn = (await listInsider('?statuses[]=APPROVED&languages[]=en_US')).body.data;
		expect(approvedEn.map((t: any) => t.name)).toEqual(['order_update', 'spring_sale', 'welcome_back', 'appointment_named', 'payment_due', 'holiday_carousel', 'weekend_offer', 'login_code', 'store_visit']);
		const byName = (await listInsider('?name=payment&sort=' + encodeURIComponent('createdAt|desc'))).body.data;
		expect(byName.map((t: any) => t.language)).toEqual(['es', 'en_US']);
	});

	it.each([
		['page=0', 'page must be a positive integer'],
		['per_page=101', 'per_page must be between 1 and 100'],
		['sort=createdAt', /^sort must be column\|direction/],
	])('answers 400 to %s', async (query, message) => {
		const reply = await listInsider(`?${query}`);
		expect(reply.status).toBe(400);
		expect(reply.body.message).toMatch(message);
	});

	it('checks the auth key and the User-Agent like the send API', async () => {
		expect(await call('GET', INSIDER_TEMPLATES, { headers: { ...INSIDER_HEADERS, 'x-ins-auth-key': 'wrong' } })).toMatchObject({ status: 401, body: { message: 'unauthorized' } });
		expect((await call('GET', INSIDER_TEMPLATES, { headers: { 'x-ins-auth-key': DEFAULT_CREDENTIALS.insider.authKey, 'user-agent': 'Java/17' } })).status).toBe(403);
	});
});

describe('Gupshup template sends: refused on the spot with Meta\'s error', () => {
	it('accepts sends that fit the catalogue', async () => {
		for (const tpl of [
			orderUpdate(),
			springSale(),
			springSale({ type: 'header', parameters: [{ type: 'image', image: { id: '1479537139650973' } }] }),
			template('welcome_back'),
			template('payment_due', [{ type: 'body', parameters: textParams('Ana', '25,00 €', '1 de junio') }], 'es'),
			appointment([{ type: 'text', parameter_name: 'date', text: '3 May' }, { type: 'text', parameter_name: 'customer_name', text: 'Ana' }]),
			// Types and sub-types in upper case, and a currency body parameter.
			template('payment_due', [{ type: 'BODY', parameters: [...textParams('Ana'), { type: 'currency', currency: { fallback_value: '€25', code: 'EUR', amount_1000: 25000 } }, ...textParams('1 June')] }]),
		]) {
			const reply = await sendGupshup(tpl);
			expect([tpl.name, reply.status]).toEqual([tpl.name, 200]);
			expect(reply.body.messages[0].id).toEqual(expect.any(String));
		}
		expect((await control('GET', 'stats')).body.gupshup).toMatchObject({ acceptedMessages: 7, failedMessages: 0 });
	});

	it.each([
		['an unknown name', template('order_updates', [{ type: 'body', parameters: textParams('a', 'b') }]), 404, 132001, 'Template name does not exist in the translation', 'template name (order_updates) does not exist in en_US'],
		['a language the template lacks', template('payment_due', [{ type: 'body', parameters: textParams('a', 'b', 'c') }], 'fr'), 404, 132001, 'Template name does not exist in the translation', 'template name (payment_due) does not exist in fr'],
		['a rejected template', template('summer_teaser', [{ type: 'body', parameters: textParams('a') }]), 404, 132001, 'Template name does not exist in the translation', 'template name (summer_teaser) does not exist in en_US'],
		['a paused template', template('flash_deal', [{ type: 'body', parameters: textParams('30%') }]), 400, 132015, 'Template is Paused', /paused due to low quality/],
		['a disabled template', template('legacy_offer'), 400, 132016, 'Template is Disabled', /permanently disabled/],
		['one body parameter of two', orderUpdate({ body: textParams('Ana') }), 400, 132000, 'Number of parameters does not match the expected number of params', 'body: number of localizable_params (1) does not match the expected number of params (2)'],
		['three body parameters of two', orderUpdate({ body: textParams('a', 'b', 'c') }), 400, 132000, 'Number of parameters does not match the expected number of params', 'body: number of localizable_params (3) does not match the expected number of params (2)'],
		['no header parameter', orderUpdate({ header: [] }), 400, 132000, 'Number of parameters does not match the expected number of params', 'header: number of localizable_params (0) does not match the expected number of params (1)'],
		['body parameters for a template without variables', template('welcome_back', [{ type: 'body', parameters: textParams('Ana') }]), 400, 132000, 'Number of parameters does not match the expected number of params', 'body: number of localizable_params (1) does not match the expected number of params (0)'],
		['no URL suffix', orderUpdate({ button: null }), 400, 132000, 'Number of parameters does not match the expected number of params', 'button at index 0: number of localizable_params (0) does not match the expected number of params (1)'],
		['no image header', springSale(null), 400, 132012, 'Parameter format does not match format in the created template', 'header: Format mismatch, expected IMAGE, received UNKNOWN'],
		['a text header for an image', springSale({ type: 'header', parameters: textParams('x') }), 400, 132012, 'Parameter format does not match format in the created template', 'header: Format mismatch, expected IMAGE, received TEXT'],
		['an image in the body', template('payment_due', [{ type: 'body', parameters: [...textParams('a', 'b'), { type: 'image', image: { link: 'https://x.example/a.png' } }] }]), 400, 132012, 'Parameter format does not match format in the created template', 'body: Format mismatch, expected TEXT, received IMAGE'],
		['a text coupon code', template('spring_sale', [springSale().components[0], springSale().components[1], { type: 'button', sub_type: 'copy_code', index: 1, parameters: textParams('SPRING25') }]), 400, 132012, 'Parameter format does not match format in the created template', 'button at index 1: Format mismatch, expected COUPON_CODE, received TEXT'],
		['a button sub_type that does not match', orderUpdate({ button: { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [] } }), 400, 132012, 'Parameter format does not match format in the created template', 'button at index 0: Format mismatch, expected URL, received QUICK_REPLY'],
		['positional parameters for a NAMED template', appointment(textParams('Ana', '3 May')), 400, 132012, 'Parameter format does not match format in the created template', /^body: parameter 1 has no parameter_name/],
		['an unknown parameter_name', appointment([{ type: 'text', parameter_name: 'customer_name', text: 'Ana' }, { type: 'text', parameter_name: 'time', text: '10:00' }]), 400, 132012, 'Parameter format does not match format in the created template', /^body: parameter_name \(time\) is not a parameter of the template/],
		['one named parameter of two', appointment([{ type: 'text', parameter_name: 'customer_name', text: 'Ana' }]), 400, 132000, 'Number of parameters does not match the expected number of params', 'body: number of localizable_params (1) does not match the expected number of params (2)'],
	])('refuses %s', async (_label, tpl, httpStatus, code, message, details) => {
		const reply = await sendGupshup(tpl);
		expect(reply.status).toBe(httpStatus);
		expect(reply.body).toEqual(gupshupRefusal(code, message, details));
		const { body: stats } = await control('GET', 'stats');
		expect(stats.gupshup).toMatchObject({ acceptedMessages: 0, statusCodes: { [httpStatus]: 1 } });
	});

	it('answers a malformed template object with the usual (#100) error', async () => {
		const reply = await call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: gupshupTemplateBody({ name: 'order_update' }) });
		expect(reply.status).toBe(400);
		expect(reply.body).toEqual({ error: { code: 100, message: '(#100) message.template.language.code is required', type: 'OAuthException', fbtrace_id: expect.any(String) }, status: 'error' });
		const badButton = await call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: gupshupTemplateBody(template('order_update', [{ type: 'button', index: 0 }])) });
		expect(badButton.body.error.message).toBe('(#100) message.template.components[0].sub_type is required for a button');
	});
});

describe('Kaleyra template sends: accepted, then a failed callback with Meta\'s error', () => {
	it('answers 202 and reports the refusal in the failed status callback', async () => {
		await configure({ autoCallbacks: { url: receiver.url, intervalMs: 0 } });
		const reply = await sendKaleyra(template('payment_due', [{ type: 'body', parameters: textParams('a', 'b', 'c') }], 'fr'));
		expect(reply.status).toBe(202);
		expect(reply.body).toMatchObject({ code: 'WA202', data: { message_id: expect.any(String) } });
		const messageId = reply.body.data.message_id;
		await until(() => receiver.received.length === 1);
		expect(receiver.received[0].body).toMatchObject({
			meta_object: {
				value: {
					statuses: [{
						status: 'failed',
						recipient_id: '14155550100',
						errors: [{ code: 132001, title: 'Template name does not exist in the translation', message: 'Template name does not exist in the translation', error_data: { details: 'template name (payment_due) does not exist in fr' } }],
					}],
				},
				field: 'messages',
			},
			extra_info: { message_id: messageId, ref: 'tpl-1' },
			status: 'failed',
			message_id: messageId,
		});
		const [record] = (await control('GET', 'requests')).body;
		expect(record.failures).toEqual([{ messageId, to: '14155550100', code: 132001, title: 'Template name does not exist in the translation', details: 'template name (payment_due) does not exist in fr' }]);
		await until(() => sb.state.stats.toJSON().kaleyra.callbacks.posted === 1);
		expect((await control('GET', 'stats')).body.kaleyra).toMatchObject({ acceptedMessages: 1, failedMessages: 1 });
	});

	it('plays the normal lifecycle for a template that fits', async () => {
		await configure({ autoCallbacks: { url: receiver.url, intervalMs: 0 } });
		expect((await sendKaleyra(springSale())).status).toBe(202);
		await until(() => receiver.received.length === 3);
		expect(receiver.received.map((r) => r.body.status)).toEqual(['sent', 'delivered', 'read']);
		const [record] = (await control('GET', 'requests')).body;
		expect(record.failures).toBeUndefined();
	});

	it('still answers WA400 to a malformed template object', async () => {
		const reply = await call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body: kaleyraTemplateBody({ language: { code: 'en_US' } }) });
		expect(reply).toMatchObject({ status: 400, body: { code: 'WA400' } });
	});
});

describe('Insider template sends: the batch is accepted, each refusal comes in its own failed callback', () => {
	it('keys every message and fails only those that do not fit', async () => {
		await configure({ autoCallbacks: { url: receiver.url, headers: { authorization: 'Bearer t' }, intervalMs: 0 } });
		const reply = await sendInsider(orderUpdate(), template('flash_deal', [{ type: 'body', parameters: textParams('30%') }]), orderUpdate({ body: textParams('Ana') }));
		expect(reply.status).toBe(200);
		const [ok, paused, mismatch] = reply.body.keys;
		await until(() => receiver.received.length === 5);
		const byKey = (key: string) => receiver.received.map((r) => r.body).filter((b) => b.key === key);
		expect(byKey(ok).map((b) => b.event)).toEqual(['sent', 'delivered', 'read']);
		expect(byKey(paused)).toEqual([{
			key: paused, event: 'failed', status: 'failed', phoneNumber: '+14155550100', timestamp: expect.any(String),
			error: { message: 'Template is Paused', type: 'OAuthException', code: 132015, error_data: { messaging_product: 'whatsapp', details: expect.stringMatching(/paused/) }, fbtrace_id: expect.any(String) },
		}]);
		expect(byKey(mismatch)).toEqual([expect.objectContaining({
			event: 'failed',
			error: expect.objectContaining({ code: 132000, message: 'Number of parameters does not match the expected number of params', error_data: { messaging_product: 'whatsapp', details: 'body: number of localizable_params (1) does not match the expected number of params (2)' } }),
		})]);
		const [record] = (await control('GET', 'requests')).body;
		expect(record.failures.map((f: any) => [f.messageId, f.code])).toEqual([[paused, 132015], [mismatch, 132000]]);
		expect((await control('GET', 'stats')).body.insider).toMatchObject({ acceptedMessages: 3, failedMessages: 2 });
	});

	it('still rejects the whole batch for a malformed template object', async () => {
		const reply = await sendInsider(orderUpdate(), { name: 'x', language: 'en_US' });
		expect(reply).toMatchObject({ status: 400, body: { message: 'messages[1].message.template.language.code is required' } });
	});
});

// Carousel, limited-time offer, authentication, location header and flow button sends (Meta's formats, cited in
// templates.js beside each template).
const card = (n: number, city: string) => ({
	card_index: n,
	components: [
		{ type: 'header', parameters: [{ type: 'image', image: { link: `https://cdn.example.com/${city}.png` } }] },
		{ type: 'body', parameters: textParams(city, '€299') },
		{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: `BOOK_${city}` }] },
		{ type: 'button', sub_type: 'url', index: 1, parameters: textParams(city) },
	],
});
const holidayCarousel = (cards: object[] = [card(0, 'rome'), card(1, 'lisbon')]) =>
	template('holiday_carousel', [{ type: 'body', parameters: textParams('Ana') }, { type: 'carousel', cards }]);
const weekendOffer = (offer: object | null = { type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 1798761540000 } }] }) =>
	template('weekend_offer', [
		{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/weekend.png' } }] },
		{ type: 'body', parameters: textParams('Ana', 'WEEKEND20') },
		...(offer ? [offer] : []),
		{ type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'WEEKEND20' }] },
		{ type: 'button', sub_type: 'url', index: 1, parameters: textParams('WEEKEND20') },
	]);

describe('carousel, limited-time offer, authentication and flow templates', () => {
	it('accepts sends that fit the catalogue through each provider', async () => {
		const login = template('login_code', [
			{ type: 'body', parameters: textParams('482913') },
			{ type: 'button', sub_type: 'url', index: 0, parameters: textParams('482913') },
		]);
		const visit = template('store_visit', [
			{ type: 'header', parameters: [{ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Store' } }] },
			{ type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Ana' }, { type: 'text', parameter_name: 'date', text: '5 May' }] },
			{ type: 'button', sub_type: 'flow', index: 1, parameters: [{ type: 'action', action: { flow_token: 'order-77' } }] },
		]);
		for (const tpl of [holidayCarousel(), weekendOffer(), login, visit]) {
			expect([tpl.name, (await sendGupshup(tpl)).status]).toEqual([tpl.name, 200]);
			expect([tpl.name, (await sendKaleyra(tpl)).status]).toEqual([tpl.name, 202]);
		}
		expect((await sendInsider(holidayCarousel(), weekendOffer(), login, visit)).status).toBe(200);
	});

	it.each([
		['a carousel with one card of two', holidayCarousel([card(0, 'rome')]), 'carousel: the template has 2 cards; 1 given'],
		['cards out of order', holidayCarousel([card(1, 'rome'), card(0, 'lisbon')]), 'carousel: cards[0] must be { card_index: 0, components }'],
		['a card without its URL suffix', holidayCarousel([card(0, 'rome'), { ...card(1, 'lisbon'), components: card(1, 'lisbon').components.slice(0, 3) }]), 'card 1 button at index 1: number of localizable_params (0) does not match the expected number of params (1)'],
		['an offer without its expiration', weekendOffer(null), 'limited_time_offer: limited_time_offer.expiration_time_ms (Unix milliseconds) is required'],
		['a carousel for a template without cards', template('welcome_back', [{ type: 'carousel', cards: [] }]), 'carousel: the template has no carousel'],
	])('refuses %s', async (_label, tpl, details) => {
		const reply = await sendGupshup(tpl);
		expect(reply.status).toBe(400);
		expect(reply.body.error.error_data.details).toBe(details);
	});

	it("lists a carousel's cards and a limited-time offer in Gupshup's containerMeta", async () => {
		const { templates } = (await listGupshup()).body;
		const carousel = templates.find((t: any) => t.elementName === 'holiday_carousel');
		expect(carousel.templateType).toBe('CAROUSEL');
		expect(JSON.parse(carousel.containerMeta).cards[1]).toEqual({
			headerType: 'IMAGE',
			mediaUrl: 'https://cdn.example.com/lisbon.png',
			mediaId: null,
			body: 'Three nights in {{1}} from {{2}}.',
			sampleText: 'Three nights in Lisbon from €299.',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Book it' },
				{ type: 'URL', text: 'Details', url: 'https://travel.example.com/trips/{{1}}', example: ['https://travel.example.com/trips/lisbon'] },
			],
		});
		const offer = JSON.parse(templates.find((t: any) => t.elementName === 'weekend_offer').containerMeta);
		expect(offer).toMatchObject({ isLTO: true, hasExpiration: true, limitedOfferText: 'Weekend deal' });
	});
});

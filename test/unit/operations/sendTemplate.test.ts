import type { IDataObject } from 'n8n-workflow';

import type { Outgoing } from '../../../nodes/shared/adapter';
import { verifyMessages } from '../../../nodes/shared/operations';
import { checkAgainstDefinition } from '../../../nodes/shared/operations/sendTemplate';
import type { ProviderRecords } from '../../../nodes/shared/operations/types';
import { fromMetaTemplate, type TemplateDefinition } from '../../../nodes/shared/templates';
import { build, problemsOf } from '../helpers/build-message';
import {
	APPOINTMENT_NAMED,
	FLASH_DEAL_PAUSED,
	ORDER_UPDATE,
	PAYMENT_DUE_EN,
	PAYMENT_DUE_ES,
	SPRING_SALE,
	WELCOME_BACK,
	type MetaTemplate,
} from '../helpers/template-fixtures';

/** A valid Send Template item for order_update (en_US); `input` overrides its parameters. */
const orderUpdate = (input: IDataObject = {}): IDataObject => ({
	operation: 'sendTemplate',
	templateName: 'order_update',
	templateLanguage: 'en_US',
	headerType: 'text',
	headerText: '#1234',
	bodyParameters: [{ text: 'Ana' }, { text: 'shipped' }],
	buttonParameters: [{ subType: 'url', index: 0, value: '1234' }],
	...input,
});

describe('sendTemplate: refusals before anything is sent', () => {
	it('accepts the valid item the refusal cases start from', () => {
		expect(problemsOf(orderUpdate())).toBeUndefined();
	});

	it.each<[string, IDataObject, string[]]>([
		['an empty template name', { templateName: '  ' }, ['templateName: template name is empty']],
		['an empty language', { templateLanguage: '' }, ['templateLanguage: template language is empty; give its code, e.g. en_US']],
		[
			'a language name instead of a code',
			{ templateLanguage: 'English' },
			['templateLanguage: template language "English" is not a WhatsApp language code such as en or en_US'],
		],
		[
			'a BCP 47 code with a dash',
			{ templateLanguage: 'en-US' },
			['templateLanguage: template language "en-US" is not a WhatsApp language code such as en or en_US'],
		],
		[
			'a lower-case region',
			{ templateLanguage: 'pt_br' },
			['templateLanguage: template language "pt_br" is not a WhatsApp language code such as en or en_US'],
		],
		[
			'an empty body variable',
			{ bodyParameters: [{ text: 'Ana' }, { text: '' }] },
			['bodyParameters: body variable 2 is empty; WhatsApp needs 1 to 1024 characters'],
		],
		[
			'a body variable over 1024 characters',
			{ bodyParameters: [{ text: 'a'.repeat(1025) }, { text: 'shipped' }] },
			['bodyParameters: body variable 1 is 1025 characters; WhatsApp allows at most 1024'],
		],
		['an empty header variable', { headerText: '' }, ['headerText: header variable is empty; WhatsApp needs 1 to 60 characters']],
		[
			'a header variable over 60 characters',
			{ headerText: 'h'.repeat(61) },
			['headerText: header variable is 61 characters; WhatsApp allows at most 60'],
		],
		[
			'an image header without a link',
			{ headerType: 'image', headerMediaUrl: ' ' },
			['headerMediaUrl: header image URL is empty; give an http or https URL'],
		],
		[
			'a document header with an ftp link',
			{ headerType: 'document', headerMediaUrl: 'ftp://files.example.com/invoice.pdf' },
			['headerMediaUrl: header document URL "ftp://files.example.com/invoice.pdf" is not an http or https URL'],
		],
		[
			'a video header that is not a URL',
			{ headerType: 'video', headerMediaUrl: 'promo.mp4' },
			['headerMediaUrl: header video URL "promo.mp4" is not an http or https URL'],
		],
		[
			'an unknown header type',
			{ headerType: 'location' },
			['headerType: header type "location" is not one of none, text, image, video, document'],
		],
		[
			'a coupon code with a dash',
			{ buttonParameters: [{ subType: 'copyCode', index: 1, value: 'SPRING-25' }] },
			['buttonParameters: button parameter 1 (coupon code) "SPRING-25" has characters other than letters and digits'],
		],
		[
			'a coupon code over 15 characters',
			{ buttonParameters: [{ subType: 'copyCode', index: 1, value: 'SPRING2025SUMMER' }] },
			['buttonParameters: button parameter 1 (coupon code) is 16 characters; WhatsApp allows at most 15'],
		],
		[
			'a coupon code both too long and not alphanumeric',
			{ buttonParameters: [{ subType: 'copyCode', index: 1, value: 'SPRING 2025 SUMMER' }] },
			[
				'buttonParameters: button parameter 1 (coupon code) is 18 characters; WhatsApp allows at most 15',
				'buttonParameters: button parameter 1 (coupon code) "SPRING 2025 SUMMER" has characters other than letters and digits',
			],
		],
		[
			'an empty coupon code',
			{ buttonParameters: [{ subType: 'copyCode', index: 1, value: '' }] },
			['buttonParameters: button parameter 1 (coupon code) is empty; WhatsApp needs 1 to 15 characters'],
		],
		[
			'an empty URL suffix',
			{ buttonParameters: [{ subType: 'url', index: 0, value: '' }] },
			['buttonParameters: button parameter 1 (URL suffix) is empty; WhatsApp needs 1 to 2000 characters'],
		],
		[
			'a button index of 10',
			{ buttonParameters: [{ subType: 'url', index: 10, value: '1234' }] },
			["buttonParameters: button parameter 1 index is 10; WhatsApp counts a template's buttons from 0 to 9"],
		],
		[
			'a negative button index',
			{ buttonParameters: [{ subType: 'url', index: 0, value: '1234' }, { subType: 'quickReply', index: -1, value: 'x' }] },
			["buttonParameters: button parameter 2 index is -1; WhatsApp counts a template's buttons from 0 to 9"],
		],
		[
			'a fractional button index',
			{ buttonParameters: [{ subType: 'url', index: 1.5, value: '1234' }] },
			["buttonParameters: button parameter 1 index is 1.5; WhatsApp counts a template's buttons from 0 to 9"],
		],
		[
			'a button index that is not a number',
			{ buttonParameters: [{ subType: 'url', index: 'first', value: '1234' }] },
			["buttonParameters: button parameter 1 index is first; WhatsApp counts a template's buttons from 0 to 9"],
		],
		[
			'an unknown button type',
			{ buttonParameters: [{ subType: 'phoneNumber', index: 0, value: '+14155550100' }] },
			['buttonParameters: button parameter 1 type "phoneNumber" is not one of quickReply, url, copyCode'],
		],
		[
			'the same button index twice',
			{
				buttonParameters: [
					{ subType: 'quickReply', index: 0, value: 'YES' },
					{ subType: 'quickReply', index: 0, value: 'NO' },
				],
			},
			['buttonParameters: button parameter 2 is for button index 0 again; give each button once'],
		],
		[
			'the same button index twice, given as a number and as text',
			{
				buttonParameters: [
					{ subType: 'url', index: 1, value: 'a' },
					{ subType: 'copyCode', index: '1', value: 'SPRING25' },
				],
			},
			['buttonParameters: button parameter 2 is for button index 1 again; give each button once'],
		],
		[
			'duplicate body parameter names',
			{
				templateName: 'appointment_named',
				headerType: 'none',
				buttonParameters: [],
				bodyParameters: [
					{ name: 'customer_name', text: 'Ana' },
					{ name: ' customer_name ', text: 'Bea' },
				],
			},
			['bodyParameters: body variable 2 has the name "customer_name" of variable 1; names must be unique'],
		],
		[
			'several problems at once, each named',
			{ to: '12', templateName: '', templateLanguage: 'EN', headerText: '', bodyParameters: [{ text: '' }] },
			[
				'to: recipient number "12" has 2 digits; E.164 numbers have 8 to 15',
				'templateName: template name is empty',
				'templateLanguage: template language "EN" is not a WhatsApp language code such as en or en_US',
				'headerText: header variable is empty; WhatsApp needs 1 to 60 characters',
				'bodyParameters: body variable 1 is empty; WhatsApp needs 1 to 1024 characters',
			],
		],
	])('refuses %s with exactly the expected problems', (_, input, expected) => {
		expect(problemsOf(orderUpdate(input))).toEqual(expected);
	});

	it.each(['en', 'en_US', 'pt_BR', 'fil', 'zh_HK'])('accepts the language code %s', (templateLanguage) => {
		expect(problemsOf(orderUpdate({ templateLanguage }))).toBeUndefined();
	});

	it('accepts values at exactly their limits, counting code points rather than UTF-16 units', () => {
		expect(
			problemsOf(
				orderUpdate({
					headerText: '📦'.repeat(60),
					bodyParameters: [{ text: '😀'.repeat(1024) }, { text: 'x' }],
					buttonParameters: [
						{ subType: 'url', index: 0, value: 'u'.repeat(2000) },
						{ subType: 'copyCode', index: 9, value: 'ABCDEFGHIJ12345' },
					],
				}),
			),
		).toBeUndefined();
	});
});

describe("sendTemplate: Meta's template object", () => {
	it('builds a text header variable, two body values and a URL button suffix', () => {
		expect(build(orderUpdate({ templateName: ' order_update ', templateLanguage: ' en_US ' }))).toEqual({
			message: {
				to: '+14155550100',
				operation: 'sendTemplate',
				payload: {
					type: 'template',
					template: {
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
					},
				},
			},
		});
	});

	it('builds an image header and its buttons sorted by index, the index as a number', () => {
		expect(
			build({
				operation: 'sendTemplate',
				to: '+44 7700 900123',
				templateName: 'spring_sale',
				templateLanguage: 'en_US',
				headerType: 'image',
				headerMediaUrl: ' https://cdn.example.com/spring-sale.png ',
				bodyParameters: [{ text: 'Ana' }],
				buttonParameters: [
					{ subType: 'copyCode', index: '1', value: 'SPRING25' },
					{ subType: 'quickReply', index: 0, value: 'NOT_INTERESTED' },
				],
			}),
		).toEqual({
			message: {
				to: '+447700900123',
				operation: 'sendTemplate',
				payload: {
					type: 'template',
					template: {
						name: 'spring_sale',
						language: { code: 'en_US' },
						components: [
							{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/spring-sale.png' } }] },
							{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
							{ type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'NOT_INTERESTED' }] },
							{ type: 'button', sub_type: 'copy_code', index: 1, parameters: [{ type: 'coupon_code', coupon_code: 'SPRING25' }] },
						],
					},
				},
			},
		});
	});

	it('builds video and document headers as media objects by link', () => {
		const header = (headerType: string) =>
			(build({ ...orderUpdate({ headerType, headerMediaUrl: `https://cdn.example.com/a.${headerType}` }) }).message?.payload
				.template as IDataObject).components as IDataObject[];
		expect(header('video')[0]).toEqual({ type: 'header', parameters: [{ type: 'video', video: { link: 'https://cdn.example.com/a.video' } }] });
		expect(header('document')[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'document', document: { link: 'https://cdn.example.com/a.document' } }],
		});
	});

	it('names body values with parameter_name for a template with named variables', () => {
		expect(
			build({
				operation: 'sendTemplate',
				templateName: 'appointment_named',
				templateLanguage: 'en_US',
				bodyParameters: [
					{ name: 'customer_name', text: 'Ana' },
					{ name: ' date ', text: '3 May, 10:00' },
				],
			}).message?.payload,
		).toEqual({
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
		});
	});

	it('leaves out parameter_name when the name is blank', () => {
		const payload = build(orderUpdate({ bodyParameters: [{ name: '  ', text: 'Ana' }, { text: 'shipped' }] })).message?.payload;
		expect(((payload?.template as IDataObject).components as IDataObject[])[1]).toEqual({
			type: 'body',
			parameters: [
				{ type: 'text', text: 'Ana' },
				{ type: 'text', text: 'shipped' },
			],
		});
	});

	it('sends a template without variables with no components key at all', () => {
		const built = build({ operation: 'sendTemplate', templateName: 'welcome_back', templateLanguage: 'en_US', headerType: 'none' });
		expect(built).toEqual({
			message: {
				to: '+14155550100',
				operation: 'sendTemplate',
				payload: { type: 'template', template: { name: 'welcome_back', language: { code: 'en_US' } } },
			},
		});
		expect(built.message?.payload.template).not.toHaveProperty('components');
	});
});

// ---- checkAgainstDefinition: a built send against an approved template's definition ----

type Sent = Parameters<typeof checkAgainstDefinition>[0];

/** The parts of a built send the check reads, as the node reads them back from Meta's template object. */
function sentOf(input: IDataObject): Sent {
	const built = build({ operation: 'sendTemplate', templateLanguage: 'en_US', ...input });
	if (!built.message) throw new Error(`the send itself is refused: ${JSON.stringify(built.problems)}`);
	const template = built.message.payload.template as IDataObject;
	const components = (template.components as IDataObject[] | undefined) ?? [];
	const parameters = (type: string) => components.filter((c) => c.type === type).flatMap((c) => c.parameters as IDataObject[]);
	return {
		name: String(template.name),
		language: String((template.language as IDataObject).code),
		header: parameters('header')[0],
		body: parameters('body'),
		buttons: components.filter((c) => c.type === 'button'),
	};
}

function definitionOf(template: MetaTemplate): TemplateDefinition {
	const definition = fromMetaTemplate(template);
	if (!definition) throw new Error(`${template.name} is not a template object`);
	return definition;
}

const withComponents = (template: MetaTemplate, components: IDataObject[]): MetaTemplate => ({ ...template, components });

const springSale = (input: IDataObject = {}): IDataObject => ({
	templateName: 'spring_sale',
	headerType: 'image',
	headerMediaUrl: 'https://cdn.example.com/spring-sale.png',
	bodyParameters: [{ text: 'Ana' }],
	buttonParameters: [
		{ subType: 'quickReply', index: 0, value: 'NOT_INTERESTED' },
		{ subType: 'copyCode', index: 1, value: 'SPRING25' },
	],
	...input,
});

const fits: Array<[string, MetaTemplate, IDataObject]> = [
	['order_update with its header, body and URL suffix', ORDER_UPDATE, orderUpdate()],
	['spring_sale with its image, body, quick reply and coupon', SPRING_SALE, springSale()],
	['spring_sale without the optional quick-reply payload', SPRING_SALE, springSale({ buttonParameters: [{ subType: 'copyCode', index: 1, value: 'SPRING25' }] })],
	['welcome_back with nothing', WELCOME_BACK, { templateName: 'welcome_back' }],
	[
		'appointment_named with both names, in another order',
		APPOINTMENT_NAMED,
		{ templateName: 'appointment_named', bodyParameters: [{ name: 'date', text: '3 May' }, { name: 'customer_name', text: 'Ana' }] },
	],
	['payment_due in Spanish', PAYMENT_DUE_ES, { templateName: 'payment_due', templateLanguage: 'es', bodyParameters: [{ text: 'Ana' }, { text: '25,00 €' }, { text: '1 de junio' }] }],
];

const mismatches: Array<[string, MetaTemplate, IDataObject, string[]]> = [
	[
		'too few body values',
		ORDER_UPDATE,
		orderUpdate({ bodyParameters: [{ text: 'Ana' }] }),
		['bodyParameters: template "order_update" (en_US) has 2 body variables ({{1}}, {{2}}); 1 given'],
	],
	[
		'too many body values for one variable',
		SPRING_SALE,
		springSale({ bodyParameters: [{ text: 'Ana' }, { text: 'Bea' }] }),
		['bodyParameters: template "spring_sale" (en_US) has 1 body variable ({{1}}); 2 given'],
	],
	[
		'a body value for a template without variables',
		WELCOME_BACK,
		{ templateName: 'welcome_back', bodyParameters: [{ text: 'Ana' }] },
		['bodyParameters: template "welcome_back" (en_US) has no body variables; 1 given'],
	],
	[
		'a paused template, whatever the values',
		FLASH_DEAL_PAUSED,
		{ templateName: 'flash_deal', bodyParameters: [{ text: '30%' }, { text: 'extra' }] },
		['templateName: template "flash_deal" (en_US) is PAUSED, not approved; WhatsApp sends only approved templates'],
	],
	[
		'a missing image header',
		SPRING_SALE,
		springSale({ headerType: 'none' }),
		['headerType: template "spring_sale" (en_US) has an image header; set Header Type to Image and give its URL'],
	],
	[
		'a document given for a video header',
		withComponents(SPRING_SALE, [{ type: 'HEADER', format: 'VIDEO' }, ...SPRING_SALE.components.slice(1)]),
		springSale({ headerType: 'document', headerMediaUrl: 'https://cdn.example.com/a.pdf' }),
		['headerType: template "spring_sale" (en_US) has a video header; set Header Type to Video and give its URL'],
	],
	[
		'a media header given for a template whose text header has no variable',
		withComponents(ORDER_UPDATE, [{ type: 'HEADER', format: 'TEXT', text: 'Your order' }, ...ORDER_UPDATE.components.slice(1)]),
		orderUpdate({ headerType: 'image', headerMediaUrl: 'https://cdn.example.com/a.png' }),
		['headerType: template "order_update" (en_US) has no header media; set Header Type to None'],
	],
	[
		'a media header given for a template with a header variable',
		ORDER_UPDATE,
		orderUpdate({ headerType: 'image', headerMediaUrl: 'https://cdn.example.com/a.png' }),
		['headerType: template "order_update" (en_US) has a header variable; set Header Type to Text and give its value'],
	],
	[
		'a header variable given for a template without a header',
		WELCOME_BACK,
		{ templateName: 'welcome_back', headerType: 'text', headerText: 'Hello' },
		['headerType: template "welcome_back" (en_US) has no header variable; set Header Type to None'],
	],
	[
		'a missing header variable',
		ORDER_UPDATE,
		orderUpdate({ headerType: 'none' }),
		['headerType: template "order_update" (en_US) has a header variable; set Header Type to Text and give its value'],
	],
	[
		'a button parameter for a button the template lacks',
		ORDER_UPDATE,
		orderUpdate({
			buttonParameters: [
				{ subType: 'url', index: 0, value: '1234' },
				{ subType: 'quickReply', index: 2, value: 'MORE' },
			],
		}),
		['buttonParameters: template "order_update" (en_US) has no button at index 2'],
	],
	[
		'the wrong sub_type for a button',
		ORDER_UPDATE,
		orderUpdate({ buttonParameters: [{ subType: 'quickReply', index: 0, value: 'TRACK' }] }),
		['buttonParameters: template "order_update" (en_US) button 0 is url, not quick_reply'],
	],
	[
		'a URL button with a variable and no suffix',
		ORDER_UPDATE,
		orderUpdate({ buttonParameters: [] }),
		['buttonParameters: template "order_update" (en_US) button 0 (url) needs its URL suffix'],
	],
	[
		'a copy-code button without its coupon code',
		SPRING_SALE,
		springSale({ buttonParameters: [{ subType: 'quickReply', index: 0, value: 'NOT_INTERESTED' }] }),
		['buttonParameters: template "spring_sale" (en_US) button 1 (copy_code) needs its coupon code'],
	],
	[
		'an unknown name for a named variable',
		APPOINTMENT_NAMED,
		{ templateName: 'appointment_named', bodyParameters: [{ name: 'customer_name', text: 'Ana' }, { name: 'time', text: '10:00' }] },
		[
			'bodyParameters: template "appointment_named" (en_US) names its body variables {{customer_name}}, {{date}}; give each body parameter one of these names (got "time")',
		],
	],
	[
		'no names for named variables',
		APPOINTMENT_NAMED,
		{ templateName: 'appointment_named', bodyParameters: [{ text: 'Ana' }, { text: '3 May' }] },
		[
			'bodyParameters: template "appointment_named" (en_US) names its body variables {{customer_name}}, {{date}}; give each body parameter one of these names (got "", "")',
		],
	],
	[
		'a body over 1024 characters once filled in (1025 code points)',
		PAYMENT_DUE_EN,
		{ templateName: 'payment_due', bodyParameters: [{ text: '😀'.repeat(980) }, { text: '€25.00' }, { text: '1 June' }] },
		['bodyParameters: template "payment_due" (en_US) body is 1025 characters with these values; WhatsApp allows at most 1024'],
	],
	[
		'every problem of one send at once',
		SPRING_SALE,
		springSale({ headerType: 'none', bodyParameters: [], buttonParameters: [{ subType: 'url', index: 0, value: 'x' }] }),
		[
			'bodyParameters: template "spring_sale" (en_US) has 1 body variable ({{1}}); 0 given',
			'headerType: template "spring_sale" (en_US) has an image header; set Header Type to Image and give its URL',
			'buttonParameters: template "spring_sale" (en_US) button 0 is quick_reply, not url',
			'buttonParameters: template "spring_sale" (en_US) button 1 (copy_code) needs its coupon code',
		],
	],
];

describe('checkAgainstDefinition', () => {
	it.each(fits)('finds nothing wrong with %s', (_, template, input) => {
		expect(checkAgainstDefinition(sentOf(input), definitionOf(template))).toEqual([]);
	});

	it.each(mismatches)('refuses %s', (_, template, input, expected) => {
		const problems = checkAgainstDefinition(sentOf(input), definitionOf(template));
		expect(problems.map((problem) => `${problem.field}: ${problem.text}`)).toEqual(expected);
	});

	it('accepts a body of exactly 1024 characters once filled in', () => {
		const sent = sentOf({ templateName: 'payment_due', bodyParameters: [{ text: '😀'.repeat(979) }, { text: '€25.00' }, { text: '1 June' }] });
		expect(checkAgainstDefinition(sent, definitionOf(PAYMENT_DUE_EN))).toEqual([]);
	});
	it('fills named variables by their names for the length check', () => {
		const sent = sentOf({
			templateName: 'appointment_named',
			bodyParameters: [
				{ text: 'd'.repeat(1000), name: 'date' },
				{ text: 'Ana', name: 'customer_name' },
			],
		});
		expect(checkAgainstDefinition(sent, definitionOf(APPOINTMENT_NAMED))).toEqual([
			{
				field: 'bodyParameters',
				text: 'template "appointment_named" (en_US) body is 1043 characters with these values; WhatsApp allows at most 1024',
			},
		]);
	});

	it('fills variables written with spaces ({{ 1 }}) for the length check', () => {
		const spaced = withComponents(PAYMENT_DUE_EN, [{ type: 'BODY', text: 'Hi {{ 1 }}' }]);
		const sent = sentOf({ templateName: 'payment_due', bodyParameters: [{ text: 'x'.repeat(1024) }] });
		expect(checkAgainstDefinition(sent, definitionOf(spaced))).toEqual([
			{ field: 'bodyParameters', text: 'template "payment_due" (en_US) body is 1027 characters with these values; WhatsApp allows at most 1024' },
		]);
	});

	it('refuses a suffix for a URL button whose URL has no variable', () => {
		const fixed = withComponents(ORDER_UPDATE, [
			{ type: 'BODY', text: 'Hi' },
			{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Shop', url: 'https://shop.example.com/new' }] },
		]);
		const sent = sentOf({ templateName: 'order_update', buttonParameters: [{ subType: 'url', index: 0, value: 'abc' }] });
		expect(checkAgainstDefinition(sent, definitionOf(fixed))).toEqual([
			{ field: 'buttonParameters', text: 'template "order_update" (en_US) button 0 has a fixed URL; it takes no suffix' },
		]);
	});

	it('refuses a template with a location header, which the node cannot fill', () => {
		const located = withComponents(WELCOME_BACK, [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'Visit us' }]);
		expect(checkAgainstDefinition(sentOf({ templateName: 'welcome_back' }), definitionOf(located))).toEqual([
			{ field: 'headerType', text: 'template "welcome_back" (en_US) has a location header, which this node cannot fill; send it another way' },
		]);
	});
});

describe('sendTemplate: button parameters that are not what they seem', () => {
	it('refuses a button type that is only an inherited property name', () => {
		expect(problemsOf(orderUpdate({ buttonParameters: [{ subType: 'constructor', index: 0, value: 'v' }] }))).toEqual([
			'buttonParameters: button parameter 1 type "constructor" is not one of quickReply, url, copyCode',
		]);
	});

	it('refuses an empty index rather than taking it for button 0', () => {
		expect(problemsOf(orderUpdate({ buttonParameters: [{ subType: 'url', index: '', value: '1234' }] }))).toEqual([
			'buttonParameters: button parameter 1 index is ; WhatsApp counts a template\'s buttons from 0 to 9',
		]);
	});
});

// ---- verify: the whole execution's template sends against the provider's records ----

function outgoing(itemIndex: number, input: IDataObject): Outgoing {
	const built = build({ operation: 'sendTemplate', templateLanguage: 'en_US', ...input });
	if (!built.message) throw new Error(`the send itself is refused: ${JSON.stringify(built.problems)}`);
	return { itemIndex, ...built.message, route: 'messages', settings: {} };
}

/** Records as a provider's list gives them, counting the names asked for. */
function recordsOf(templates: MetaTemplate[] | undefined, complete = true) {
	const asked: string[] = [];
	const records: ProviderRecords = {
		async templates(name) {
			asked.push(name);
			if (!templates) return undefined;
			return { complete, templates: templates.map(definitionOf).filter((template) => template.name === name) };
		},
	};
	return { records, asked };
}

const asText = (found: Map<number, Array<{ field: string; text: string }>>) =>
	Object.fromEntries([...found].map(([itemIndex, problems]) => [itemIndex, problems.map((p) => `${p.field}: ${p.text}`)]));

describe('verifyMessages for Send Template', () => {
	const catalogue = [ORDER_UPDATE, SPRING_SALE, WELCOME_BACK, PAYMENT_DUE_EN, PAYMENT_DUE_ES];

	it('refuses only the items that do not fit their template, by item index', async () => {
		const { records } = recordsOf(catalogue);
		const found = await verifyMessages(
			[
				outgoing(0, orderUpdate()),
				outgoing(1, orderUpdate({ bodyParameters: [{ text: 'Ana' }] })),
				outgoing(4, { templateName: 'welcome_back' }),
			],
			records,
		);
		expect(asText(found)).toEqual({ 1: ['bodyParameters: template "order_update" (en_US) has 2 body variables ({{1}}, {{2}}); 1 given'] });
	});

	it('names the translations a template has when the language is not one of them', async () => {
		const { records } = recordsOf(catalogue);
		const found = await verifyMessages([outgoing(0, { templateName: 'payment_due', templateLanguage: 'fr', bodyParameters: [{ text: 'a' }] })], records);
		expect(asText(found)).toEqual({ 0: ['templateLanguage: template "payment_due" has no fr translation; it has en_US, es'] });
	});

	it('refuses a name the complete list lacks, and lets it through when the list is not complete (Kaleyra)', async () => {
		const unknown = [outgoing(0, { templateName: 'order_updates' })];
		expect(asText(await verifyMessages(unknown, recordsOf(catalogue, true).records))).toEqual({
			0: ['templateName: template "order_updates" is not among the templates of this account'],
		});
		expect((await verifyMessages(unknown, recordsOf(catalogue, false).records)).size).toBe(0);
	});

	it('lets a missing translation through when the list is not complete (Kaleyra lists only its own)', async () => {
		const found = await verifyMessages(
			[outgoing(0, { templateName: 'payment_due', templateLanguage: 'fr', bodyParameters: [{ text: 'a' }] })],
			recordsOf(catalogue, false).records,
		);
		expect(found.size).toBe(0);
	});

	it('skips the check when the records cannot be read', async () => {
		const { records, asked } = recordsOf(undefined);
		const found = await verifyMessages([outgoing(0, orderUpdate({ bodyParameters: [{ text: 'Ana' }] }))], records);
		expect(found.size).toBe(0);
		expect(asked).toEqual(['order_update']);
	});

	it('asks the records only about template sends', async () => {
		const { records, asked } = recordsOf(catalogue);
		const text: Outgoing = { itemIndex: 0, to: '+14155550100', operation: 'sendText', payload: { type: 'text', text: { body: 'hi' } }, route: 'messages', settings: {} };
		expect((await verifyMessages([text, outgoing(1, { templateName: 'welcome_back' })], records)).size).toBe(0);
		expect(asked).toEqual(['welcome_back']);
	});
});

/**
 * Send Template: an approved WhatsApp template, the only message WhatsApp lets a business start a conversation with
 * (or write with after 24 hours of silence). Meta's template object, which all three providers pass on:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 */
import type { IDataObject, INodeProperties, ResourceMapperField } from 'n8n-workflow';

import type { Outgoing } from '../adapter';
import { checkLength, WHATSAPP_LIMITS, type Problem } from '../checks';
import { field, firstText } from '../json';
import {
	checkFieldsAgainst,
	checkHydratedBody,
	componentsFromFields,
	formFieldOf,
	TEMPLATE_LIMITS,
	type FormField,
} from '../template-form';
import type { TemplateDefinition } from '../templates';
import { headerMediaUrlProperty, readHeader } from './header';
import type { ItemParameters, OperationModule, ProviderRecords } from './types';

// WhatsApp's language codes: `en`, `en_US`, `pt_BR`, `fil` (Meta's list of supported languages).
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

const BUTTON_TYPES = {
	quickReply: { subType: 'quick_reply', parameter: 'payload', label: 'quick-reply payload' },
	url: { subType: 'url', parameter: 'text', label: 'URL suffix' },
	copyCode: { subType: 'copy_code', parameter: 'coupon_code', label: 'coupon code' },
} as const;

type ButtonKind = keyof typeof BUTTON_TYPES;

interface BodyValue {
	text: string;
	name: string;
}

interface ButtonValue {
	kind: ButtonKind;
	index: number;
	value: string;
}

function readBody(parameters: ItemParameters, problems: Problem[]): BodyValue[] {
	const given = parameters.value<Array<{ text?: unknown; name?: unknown }>>('bodyParameters.parameter', []);
	return given.map((parameter, position) => {
		const value = { text: String(parameter.text ?? ''), name: String(parameter.name ?? '').trim() };
		checkLength(problems, 'bodyParameters', `body variable ${position + 1}`, value.text, TEMPLATE_LIMITS.bodyVariable);
		const repeated = given.findIndex((other) => String(other.name ?? '').trim() === value.name);
		if (value.name !== '' && repeated < position) {
			problems.push({
				field: 'bodyParameters',
				text: `body variable ${position + 1} has the name "${value.name}" of variable ${repeated + 1}; names must be unique`,
			});
		}
		return value;
	});
}

function readButtons(parameters: ItemParameters, problems: Problem[]): ButtonValue[] {
	const given = parameters.value<Array<{ subType?: unknown; index?: unknown; value?: unknown }>>('buttonParameters.parameter', []);
	const buttons: ButtonValue[] = [];
	given.forEach((parameter, position) => {
		const label = `button parameter ${position + 1}`;
		const kind = String(parameter.subType ?? '') as ButtonKind;
		const index = parameter.index === '' || parameter.index === null ? Number.NaN : Number(parameter.index ?? 0);
		const value = String(parameter.value ?? '');
		if (!Object.prototype.hasOwnProperty.call(BUTTON_TYPES, kind)) {
			problems.push({
				field: 'buttonParameters',
				text: `${label} type "${kind}" is not one of ${Object.keys(BUTTON_TYPES).join(', ')}`,
			});
			return;
		}
		const { min, max } = TEMPLATE_LIMITS.buttonIndex;
		if (!Number.isInteger(index) || index < min || index > max) {
			problems.push({
				field: 'buttonParameters',
				text: `${label} index is ${String(parameter.index)}; WhatsApp counts a template's buttons from ${min} to ${max}`,
			});
			return;
		}
		const what = `${label} (${BUTTON_TYPES[kind].label})`;
		if (kind === 'copyCode') {
			checkLength(problems, 'buttonParameters', what, value, TEMPLATE_LIMITS.couponCode);
			if (value !== '' && !/^[A-Za-z0-9]+$/.test(value)) {
				problems.push({ field: 'buttonParameters', text: `${what} "${value}" has characters other than letters and digits` });
			}
		} else {
			checkLength(problems, 'buttonParameters', what, value, TEMPLATE_LIMITS.buttonValue);
		}
		const same = buttons.find((button) => button.index === index);
		if (same) {
			problems.push({ field: 'buttonParameters', text: `${label} is for button index ${index} again; give each button once` });
			return;
		}
		buttons.push({ kind, index, value });
	});
	return buttons;
}

/** The template object's parts as sent, read back for the check against the definition. */
interface SentTemplate {
	name: string;
	language: string;
	header?: IDataObject;
	body: IDataObject[];
	buttons: IDataObject[];
}

function sentParts(payload: IDataObject): SentTemplate {
	const template = field(payload, 'template');
	const components = (field(template, 'components') as IDataObject[] | undefined) ?? [];
	const parameters = (type: string) => components.filter((c) => c.type === type).flatMap((c) => (c.parameters as IDataObject[]) ?? []);
	return {
		name: firstText(field(template, 'name')),
		language: firstText(field(field(template, 'language'), 'code')),
		header: parameters('header')[0],
		body: parameters('body'),
		buttons: components.filter((c) => c.type === 'button'),
	};
}

const quoted = (names: string[]) => names.map((name) => `{{${name}}}`).join(', ');

/** What is wrong with a send for an approved template's definition; nothing when the values fit it. */
const describe = (definition: TemplateDefinition) => `template "${definition.name}" (${definition.language})`;

function notApproved(definition: TemplateDefinition): Problem[] {
	if (definition.status === 'APPROVED') return [];
	return [
		{
			field: 'templateName',
			text: `${describe(definition)} is ${definition.status}, not approved; WhatsApp sends only approved templates`,
		},
	];
}

export function checkAgainstDefinition(sent: SentTemplate, definition: TemplateDefinition): Problem[] {
	const problems: Problem[] = notApproved(definition);
	if (problems.length > 0) return problems;
	const which = describe(definition);
	const kind = definition.cards.length > 0 ? 'a carousel' : definition.offer ? 'a limited-time offer' : undefined;
	if (kind) {
		return [{ field: 'templateValues', text: `${which} is ${kind}, which only its own fields can fill; set Template Values to The Template's Fields` }];
	}
	const expected = definition.bodyVariables;
	if (sent.body.length !== expected.length) {
		problems.push({
			field: 'bodyParameters',
			text:
				expected.length === 0
					? `${which} has no body variables; ${sent.body.length} given`
					: `${which} has ${expected.length} body variable${expected.length === 1 ? '' : 's'} (${quoted(expected)}); ${sent.body.length} given`,
		});
	} else {
		const names = sent.body.map((parameter) => firstText(parameter.parameter_name));
		const unknown = definition.named ? names.filter((name) => !expected.includes(name)) : [];
		if (unknown.length > 0) {
			problems.push({
				field: 'bodyParameters',
				text: `${which} names its body variables ${quoted(expected)}; give each body parameter one of these names (got ${unknown.map((n) => `"${n}"`).join(', ')})`,
			});
		}
		// Each variable's value: by its name in a template with named variables, else by position.
		const values = new Map(expected.map((variable, position) => [variable, firstText(sent.body[definition.named ? names.indexOf(variable) : position]?.text)]));
		problems.push(...checkHydratedBody(definition, values, which, 'bodyParameters'));
	}
	problems.push(...checkHeader(sent.header, definition, which));
	problems.push(...checkButtons(sent.buttons, definition, which));
	return problems;
}

function checkHeader(header: IDataObject | undefined, definition: TemplateDefinition, which: string): Problem[] {
	const format = definition.headerFormat;
	const given = header ? String(header.type).toUpperCase() : undefined;
	const media = format !== undefined && format !== 'TEXT';
	if (format === 'LOCATION') {
		return [{ field: 'headerType', text: `${which} has a location header, which this node cannot fill; send it another way` }];
	}
	if (media && given !== format) {
		const needed = format.toLowerCase();
		return [
			{
				field: 'headerType',
				text: `${which} has a${/^[AEIOU]/.test(format) ? 'n' : ''} ${needed} header; set Header Type to ${needed[0].toUpperCase()}${needed.slice(1)} and give its URL`,
			},
		];
	}
	const textVariables = format === 'TEXT' ? definition.headerVariables.length : 0;
	if (textVariables > 0 && given !== 'TEXT') {
		return [{ field: 'headerType', text: `${which} has a header variable; set Header Type to Text and give its value` }];
	}
	if (given !== undefined && !media && textVariables === 0) {
		return [{ field: 'headerType', text: `${which} has no header ${given === 'TEXT' ? 'variable' : 'media'}; set Header Type to None` }];
	}
	return [];
}

function checkButtons(buttons: IDataObject[], definition: TemplateDefinition, which: string): Problem[] {
	const problems: Problem[] = [];
	for (const component of buttons) {
		const index = Number(component.index);
		const button = definition.buttons[index];
		const subType = firstText(component.sub_type);
		if (!button) {
			problems.push({ field: 'buttonParameters', text: `${which} has no button at index ${index}` });
		} else if (button.type.toLowerCase() !== subType) {
			problems.push({
				field: 'buttonParameters',
				text: `${which} button ${index} is ${button.type.toLowerCase()}, not ${subType}`,
			});
		} else if (button.type === 'URL' && !button.needsValue) {
			problems.push({ field: 'buttonParameters', text: `${which} button ${index} has a fixed URL; it takes no suffix` });
		}
	}
	definition.buttons.forEach((button, index) => {
		if (!button.needsValue || buttons.some((component) => Number(component.index) === index)) return;
		const kind = button.type === 'COPY_CODE' ? 'its coupon code' : 'its URL suffix';
		problems.push({ field: 'buttonParameters', text: `${which} button ${index} (${button.type.toLowerCase()}) needs ${kind}` });
	});
	return problems;
}

/** A message filled in through the template's form: its fields and the body variables' values. */
interface FormSend {
	fields: FormField[];
	body: Map<string, string>;
}

// The form a payload was built from, for the check against the definition (keyed by the payload, so nothing stays).
const formSends = new WeakMap<IDataObject, FormSend>();

/** A form send against its definition: the fields' shape (once per form and definition), then the body's length. */
function checkForm(form: FormSend, definition: TemplateDefinition, shapes: Map<FormField[], Problem[]>): Problem[] {
	const approval = notApproved(definition);
	if (approval.length > 0) return approval;
	let shape = shapes.get(form.fields);
	if (!shape) {
		shape = checkFieldsAgainst(form.fields, definition, describe(definition));
		shapes.set(form.fields, shape);
	}
	if (shape.length > 0) return shape;
	return checkHydratedBody(definition, form.body, describe(definition), 'templateFields');
}

/** Each message against its template's definition, when the provider's list can be read; per item. */
async function verify(messages: Outgoing[], records: ProviderRecords): Promise<Map<number, Problem[]>> {
	const found = new Map<number, Problem[]>();
	const shapes = new Map<FormField[], Problem[]>();
	for (const message of messages) {
		const sent = sentParts(message.payload);
		const listed = await records.templates(sent.name);
		if (!listed) continue;
		const definition = listed.templates.find((template) => template.language === sent.language);
		if (definition) {
			const form = formSends.get(message.payload);
			const problems = form ? checkForm(form, definition, shapes) : checkAgainstDefinition(sent, definition);
			if (problems.length > 0) found.set(message.itemIndex, problems);
		} else if (listed.templates.length > 0 && listed.complete) {
			const languages = listed.templates.map((template) => template.language).join(', ');
			found.set(message.itemIndex, [
				{
					field: 'templateLanguage',
					text: `template "${sent.name}" has no ${sent.language} translation; it has ${languages}`,
				},
			]);
		} else if (listed.complete) {
			found.set(message.itemIndex, [
				{ field: 'templateName', text: `template "${sent.name}" is not among the templates of this account` },
			]);
		}
	}
	return found;
}

function positionalComponents(parameters: ItemParameters, problems: Problem[]): IDataObject[] {
	const header = readHeader(parameters, problems, 'header variable');
	const body = readBody(parameters, problems);
	const buttons = readButtons(parameters, problems);
	const components: IDataObject[] = [];
	if (header) components.push({ type: 'header', parameters: [header] });
	if (body.length > 0) {
		components.push({
			type: 'body',
			parameters: body.map(({ text, name: variable }) => ({ type: 'text', text, ...(variable ? { parameter_name: variable } : {}) })),
		});
	}
	for (const button of buttons.sort((a, b) => a.index - b.index)) {
		const { subType, parameter } = BUTTON_TYPES[button.kind];
		components.push({ type: 'button', sub_type: subType, index: button.index, parameters: [{ type: parameter, [parameter]: button.value }] });
	}
	return components;
}

// The stored schema of a form, read once per distinct schema: every item of a run shares the same field list, so
// the check against the definition runs once per run, not per item. The parameter reader hands every item the same
// schema object, which spares even the key.
type StoredForm = { fields: FormField[]; unknown: string[] };
const knownSchemas = new Map<string, StoredForm>();
const schemaObjects = new WeakMap<object, StoredForm>();
const KNOWN_SCHEMAS_MAX = 50;

function formOf(schema: Array<Partial<ResourceMapperField>>): StoredForm {
	const same = schemaObjects.get(schema);
	if (same) return same;
	const key = JSON.stringify(schema);
	let found = knownSchemas.get(key);
	if (!found) {
		const given = schema.filter((stored) => stored.removed !== true);
		const fields = given.map(formFieldOf);
		found = {
			fields: fields.filter((field): field is FormField => field !== undefined),
			unknown: given.filter((_stored, index) => !fields[index]).map((stored) => String(stored.id)),
		};
		if (knownSchemas.size >= KNOWN_SCHEMAS_MAX) knownSchemas.clear();
		knownSchemas.set(key, found);
	}
	schemaObjects.set(schema, found);
	return found;
}

/** Lower case without separators: `customerName`, `Customer-Name` and `customer_name` are alike. */
const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Map Automatically: a required field the input item lacks, named, with the item's field of a similar name. */
function missingInput(field: FormField, json: IDataObject): string {
	const similar = Object.keys(json).find((key) => loose(key) === loose(field.id));
	const hint = similar
		? `the item has "${similar}": rename it to "${field.id}"`
		: `the item has ${Object.keys(json).slice(0, 10).map((key) => `"${key}"`).join(', ') || 'no fields'}`;
	return `template field "${field.id}" is missing from the input item; Map Automatically takes it from the input field of that name (${hint})`;
}

/** The template's form for one item: its components, or problems naming the field. */
function readForm(parameters: ItemParameters, problems: Problem[]): { components: IDataObject[]; send: FormSend } {
	const mode = parameters.text('templateFields.mappingMode');
	const { fields, unknown } = formOf(parameters.value<Array<Partial<ResourceMapperField>>>('templateFields.schema', []) ?? []);
	for (const id of unknown) {
		problems.push({ field: 'templateFields', text: `template field "${id}" is not one this node offers; reload the node's Template Fields` });
	}
	const automatic = mode === 'autoMapInputData';
	// Map Each Field: the whole parameter, so that an empty field is refused here, by name and per item, rather than
	// by n8n's own check of `templateFields.value`, which fails the whole node.
	const values = (automatic ? parameters.inputJson?.() : parameters.value<{ value?: IDataObject | null }>('templateFields', {}).value) ?? {};
	const missing = automatic ? (field: FormField) => (values[field.id] === undefined ? missingInput(field, values) : undefined) : undefined;
	const components = componentsFromFields(fields, (id) => values[id], problems, missing);
	const body = new Map(fields.filter((field) => field.kind === 'body' && !field.id.startsWith('card_')).map((field) => [field.id, String(values[field.id] ?? '')]));
	return { components, send: { fields, body } };
}

const TEMPLATE_VALUES = [
	{
		name: "The Template's Fields",
		value: 'fields',
		description: "The picked template's own fields by name: mapped from the input automatically, or each set below",
	},
	{
		name: 'By Position',
		value: 'positional',
		description: 'Header, body and button parameters in order, for templates whose definition cannot be read',
	},
];

/**
 * How the template is filled in: node version 1 (saved workflows) fills it by position as it always did; from
 * version 1.1 the template's own fields are the default.
 */
const templateValuesProperties: INodeProperties[] = [
	{ version: [1], fallback: 'positional' },
	{ version: [{ _cnd: { gte: 1.1 } }], fallback: 'fields' },
].map(({ version, fallback }) => ({
	displayName: 'Template Values',
	name: 'templateValues',
	type: 'options',
	noDataExpression: true,
	options: TEMPLATE_VALUES,
	default: fallback,
	displayOptions: { show: { '@version': version } },
	description: "How the template's variables, header and buttons are filled in",
}));

const templateFieldsProperty: INodeProperties = {
	displayName: 'Template Fields',
	name: 'templateFields',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	displayOptions: { show: { templateValues: ['fields'] } },
	typeOptions: {
		loadOptionsDependsOn: ['templateName', 'templateLanguage'],
		resourceMapper: {
			resourceMapperMethod: 'getTemplateFields',
			mode: 'add',
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: true,
		},
	},
	description:
		"The picked template's fields. Map Automatically takes each from the input item's field of the same name (e.g. customer_name, button_0).",
};

/** The parameters that fill a template by position (node version 1's only way, kept for saved workflows). */
const POSITIONAL_PROPERTIES: INodeProperties[] = (
	[
		{
			displayName: 'Header Type',
			name: 'headerType',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document', description: 'A document header: give its link' },
				{ name: 'Image', value: 'image', description: 'An image header: give its link' },
				{ name: 'None', value: 'none', description: 'The template has no header, or one without a variable' },
				{ name: 'Text', value: 'text', description: "A text header's variable" },
				{ name: 'Video', value: 'video', description: 'A video header: give its link' },
			],
			default: 'none',
			description: "What the template's header needs",
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { headerType: ['text'] } },
			hint: `The value of the header's variable, up to ${WHATSAPP_LIMITS.headerText.max} characters`,
		},
		{ ...headerMediaUrlProperty, placeholder: 'https://example.com/offer.png' },
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Body Parameter' },
			default: {},
			placeholder: 'Add Body Parameter',
			description: 'The values of the body variables {{1}}, {{2}}, … in order',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							required: true,
							default: '',
							description: `The variable's value (up to ${TEMPLATE_LIMITS.bodyVariable.max} characters)`,
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'customer_name',
							description: 'For templates with named variables ({{customer_name}}): the variable this value fills',
						},
					],
				},
			],
		},
		{
			displayName: 'Button Parameters',
			name: 'buttonParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button Parameter' },
			default: {},
			placeholder: 'Add Button Parameter',
			description: "Values for the template's buttons: a URL button's variable suffix, a coupon code, a quick-reply payload",
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Type',
							name: 'subType',
							type: 'options',
							options: [
								{ name: 'Copy Code', value: 'copyCode', description: 'The coupon code a copy-code button copies' },
								{ name: 'Quick Reply', value: 'quickReply', description: 'The payload returned when the button is tapped' },
								{ name: 'URL', value: 'url', description: "The variable suffix of the button's URL" },
							],
							default: 'quickReply',
						},
						{
							displayName: 'Index',
							name: 'index',
							type: 'number',
							typeOptions: { minValue: TEMPLATE_LIMITS.buttonIndex.min, maxValue: TEMPLATE_LIMITS.buttonIndex.max },
							default: 0,
							description: "The button's position in the template, counted from 0",
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							required: true,
							default: '',
						},
					],
				},
			],
		},
	] as INodeProperties[]
).map((property) => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { templateValues: ['positional'], ...property.displayOptions?.show } },
}));

export const sendTemplate = {
	name: 'sendTemplate' as const,
	displayName: 'Send Template',
	description: 'Send an approved template: the only message that may start a conversation',
	action: 'Send an approved template message',
	properties: [
		{
			displayName: 'Template Name or ID',
			name: 'templateName',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTemplateNames' },
			required: true,
			default: '',
			description:
				'The approved template, e.g. order_update. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Template Language Name or ID',
			name: 'templateLanguage',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTemplateLanguages', loadOptionsDependsOn: ['templateName'] },
			required: true,
			default: '',
			description:
				'The translation to send, e.g. en_US. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...templateValuesProperties,
		templateFieldsProperty,
		...POSITIONAL_PROPERTIES,
	],
	build(parameters, problems) {
		const name = parameters.text('templateName').trim();
		if (name === '') problems.push({ field: 'templateName', text: 'template name is empty' });
		const language = parameters.text('templateLanguage').trim();
		if (language === '') {
			problems.push({ field: 'templateLanguage', text: 'template language is empty; give its code, e.g. en_US' });
		} else if (!LANGUAGE_CODE.test(language)) {
			problems.push({ field: 'templateLanguage', text: `template language "${language}" is not a WhatsApp language code such as en or en_US` });
		}
		const form = parameters.value<string>('templateValues', 'positional') === 'fields' ? readForm(parameters, problems) : undefined;
		const components = form ? form.components : positionalComponents(parameters, problems);
		const template: IDataObject = { name, language: { code: language } };
		if (components.length > 0) template.components = components;
		const payload = { type: 'template', template };
		if (form) formSends.set(payload, form.send);
		return payload;
	},
	verify,
} satisfies OperationModule;

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkLength, checkLink, WHATSAPP_LIMITS, type Problem } from '../checks';
import type { ItemParameters } from './types';

/** Header types that carry media by link. */
export const MEDIA_HEADERS = ['image', 'video', 'document'];

/** The Body Text parameter of an interactive message (Send Buttons, Send CTA URL, Send List): the text above its `below`. */
export function bodyTextProperty(below: string, limit: { max: number } = WHATSAPP_LIMITS.interactiveBody): INodeProperties {
	return {
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		hint: `Up to ${limit.max} characters`,
		description: `The message text above the ${below}`,
	};
}

/** The Header Type parameter of an interactive message (Send Buttons, Send CTA URL). */
export const headerTypeProperty: INodeProperties = {
	displayName: 'Header Type',
	name: 'headerType',
	type: 'options',
	options: [
		{ name: 'Document', value: 'document' },
		{ name: 'Image', value: 'image' },
		{ name: 'None', value: 'none' },
		{ name: 'Text', value: 'text' },
		{ name: 'Video', value: 'video' },
	],
	default: 'none',
	description: 'An optional header above the body text',
};

/** The Header Text parameter of an interactive message, shown for a text header. */
export const headerTextProperty: INodeProperties = {
	displayName: 'Header Text',
	name: 'headerText',
	type: 'string',
	required: true,
	default: '',
	displayOptions: { show: { headerType: ['text'] } },
	hint: `Up to ${WHATSAPP_LIMITS.headerText.max} characters, no markdown`,
};

/** The Footer Text parameter of an interactive message. */
export const footerTextProperty: INodeProperties = {
	displayName: 'Footer Text',
	name: 'footerText',
	type: 'string',
	default: '',
	hint: `Optional, up to ${WHATSAPP_LIMITS.footerText.max} characters`,
};

/** The Header Media URL parameter, shown for the media header types. */
export const headerMediaUrlProperty: INodeProperties = {
	displayName: 'Header Media URL',
	name: 'headerMediaUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/brochure.pdf',
	displayOptions: { show: { headerType: MEDIA_HEADERS } },
	hint: 'Image: JPEG/PNG up to 5 MB; video: MP4/3GP up to 16 MB; document: up to 100 MB',
	description: 'A public http or https link to the header media',
};

/** The header and footer parameters of an interactive message (Send Buttons, Send CTA URL), read by readInteractiveFrame. */
export const interactiveFrameProperties: INodeProperties[] = [headerTypeProperty, headerTextProperty, headerMediaUrlProperty, footerTextProperty];

/**
 * A header as Meta writes it, in an interactive message and as a template's header parameter alike:
 * `{ type: 'text', text }` or `{ type, [type]: { link } }`; undefined for none. `textLabel` names the text in
 * refusals (a header text, or the value of a template header's variable).
 */
export function readHeader(parameters: ItemParameters, problems: Problem[], textLabel: string): IDataObject | undefined {
	const type = parameters.value<string>('headerType', 'none');
	if (type === 'none') return undefined;
	if (type === 'text') {
		const text = parameters.text('headerText');
		checkLength(problems, 'headerText', textLabel, text, WHATSAPP_LIMITS.headerText);
		return { type, text };
	}
	if (MEDIA_HEADERS.includes(type)) {
		const link = parameters.text('headerMediaUrl').trim();
		checkLink(problems, 'headerMediaUrl', `header ${type} URL`, link);
		return { type, [type]: { link } };
	}
	problems.push({
		field: 'headerType',
		text: `header type "${String(type)}" is not one of none, text, ${MEDIA_HEADERS.join(', ')}`,
	});
	return undefined;
}

/**
 * An interactive message's header, body and footer as Meta writes them (Send Buttons, Send CTA URL), checked against
 * WhatsApp's limits; the caller adds `type` and `action`.
 */
export function readInteractiveFrame(parameters: ItemParameters, problems: Problem[]): IDataObject {
	const body = parameters.text('bodyText');
	checkLength(problems, 'bodyText', 'body text', body, WHATSAPP_LIMITS.interactiveBody);
	const header = readHeader(parameters, problems, 'header text');
	const footer = parameters.text('footerText');
	checkLength(problems, 'footerText', 'footer text', footer, WHATSAPP_LIMITS.footerText);
	const frame: IDataObject = {};
	if (header) frame.header = header;
	frame.body = { text: body };
	if (footer !== '') frame.footer = { text: footer };
	return frame;
}

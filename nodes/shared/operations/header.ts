import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkLength, checkLink, WHATSAPP_LIMITS, type Problem } from '../checks';
import type { ItemParameters } from './types';

/** Header types that carry media by link. */
export const MEDIA_HEADERS = ['image', 'video', 'document'];

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

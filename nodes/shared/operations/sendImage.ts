import type { IDataObject } from 'n8n-workflow';

import { checkLength, checkLink, WHATSAPP_LIMITS } from '../checks';
import type { OperationModule } from './types';

export const sendImage = {
	name: 'sendImage' as const,
	displayName: 'Send Image',
	description: 'Send an image by link or media ID, with an optional caption',
	action: 'Send an image message',
	properties: [
		{
			displayName: 'Image Source',
			name: 'imageSource',
			type: 'options',
			options: [
				{ name: 'URL', value: 'url', description: 'A public http(s) link to the image' },
				{ name: 'Media ID', value: 'mediaId', description: 'The ID of media uploaded to the provider before' },
			],
			default: 'url',
		},
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/picture.png',
			displayOptions: { show: { imageSource: ['url'] } },
			hint: 'JPEG or PNG, at most 5 MB, reachable by the provider',
			description: 'A public http or https link to the image',
		},
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { imageSource: ['mediaId'] } },
			description: 'The ID the provider returned when the image was uploaded',
		},
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			hint: `Optional, up to ${WHATSAPP_LIMITS.caption.max} characters`,
			description: 'Text shown under the image',
		},
	],
	build(parameters, problems) {
		const caption = parameters.text('caption');
		checkLength(problems, 'caption', 'caption', caption, WHATSAPP_LIMITS.caption);
		let image: IDataObject;
		if (parameters.value<string>('imageSource', 'url') === 'mediaId') {
			const mediaId = parameters.text('mediaId').trim();
			if (mediaId === '') problems.push({ field: 'mediaId', text: 'media ID is empty' });
			image = { id: mediaId };
		} else {
			const link = parameters.text('imageUrl').trim();
			checkLink(problems, 'imageUrl', 'image URL', link);
			image = { link };
		}
		if (caption !== '') image.caption = caption;
		return { type: 'image', image };
	},
} satisfies OperationModule;

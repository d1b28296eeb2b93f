import { captionProperty, addCaption, mediaSourceProperties, readMediaSource, type SourceParameters } from './media';
import type { OperationModule } from './types';

// Send Image keeps the parameter names it had before the other media operations (CONTRACT.md).
const IMAGE_PARAMETERS: SourceParameters = { source: 'imageSource', url: 'imageUrl', sourceLabel: 'Image Source', urlLabel: 'Image URL' };

export const sendImage = {
	name: 'sendImage' as const,
	displayName: 'Send Image',
	description: 'Send an image by link, media ID or binary file, with an optional caption',
	action: 'Send an image message',
	properties: [...mediaSourceProperties('image', IMAGE_PARAMETERS), captionProperty('image')],
	build(parameters, problems, uploads) {
		const image = readMediaSource(parameters, problems, uploads, 'image', IMAGE_PARAMETERS);
		addCaption(parameters, problems, image);
		return { type: 'image', image };
	},
} satisfies OperationModule;

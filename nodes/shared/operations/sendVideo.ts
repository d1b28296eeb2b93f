/** Send Video: Meta's video message (`video: { link | id, caption }`). */
import { addCaption, captionProperty, MEDIA_PARAMETERS, mediaSourceProperties, readMediaSource } from './media';
import type { OperationModule } from './types';

export const sendVideo = {
	name: 'sendVideo' as const,
	displayName: 'Send Video',
	description: 'Send a video by link, media ID or binary file, with an optional caption',
	action: 'Send a video message',
	properties: [...mediaSourceProperties('video', MEDIA_PARAMETERS), captionProperty('video')],
	build(parameters, problems, uploads) {
		const video = readMediaSource(parameters, problems, uploads, 'video', MEDIA_PARAMETERS);
		addCaption(parameters, problems, video);
		return { type: 'video', video };
	},
} satisfies OperationModule;

/** Send Audio: Meta's audio message (`audio: { link | id }`; WhatsApp takes no caption for audio). */
import { MEDIA_PARAMETERS, mediaSourceProperties, readMediaSource } from './media';
import type { OperationModule } from './types';

export const sendAudio = {
	name: 'sendAudio' as const,
	displayName: 'Send Audio',
	description: 'Send an audio file or voice note by link, media ID or binary file',
	action: 'Send an audio message',
	properties: mediaSourceProperties('audio', MEDIA_PARAMETERS),
	build(parameters, problems, uploads) {
		const audio = readMediaSource(parameters, problems, uploads, 'audio', MEDIA_PARAMETERS);
		return { type: 'audio', audio };
	},
} satisfies OperationModule;

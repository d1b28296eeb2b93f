import { readMessageId, messageIdProperty } from './markAsRead';
import type { OperationModule } from './types';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// A pictograph, a flag (regional indicators) or a keycap: what WhatsApp shows as one emoji.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * Meta's reaction message, `{ type: "reaction", reaction: { message_id, emoji } }`; an empty emoji removes the
 * reaction (developers.facebook.com/documentation/business-messaging/whatsapp/messages/reaction-messages).
 */
export const sendReaction = {
	name: 'sendReaction' as const,
	displayName: 'Send Reaction',
	description: 'React to a message with an emoji, or remove the reaction',
	action: 'React to a message with an emoji',
	properties: [
		{ ...messageIdProperty, description: 'The ID of the message to react to, e.g. the messageId the WhatsApp BSP Trigger emitted' },
		{
			displayName: 'Emoji',
			name: 'emoji',
			type: 'string',
			default: '',
			placeholder: '👍',
			description: 'One emoji; leave empty to remove the reaction sent before',
		},
	],
	build(parameters, problems) {
		const messageId = readMessageId(parameters, problems);
		const emoji = parameters.text('emoji').trim();
		const graphemes = [...segmenter.segment(emoji)].length;
		if (emoji !== '' && (graphemes !== 1 || !EMOJI.test(emoji))) {
			problems.push({ field: 'emoji', text: `emoji "${emoji}" is not one emoji; give one emoji, or leave it empty to remove the reaction` });
		}
		return { type: 'reaction', reaction: { message_id: messageId, emoji } };
	},
} satisfies OperationModule;

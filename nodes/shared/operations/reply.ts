import type { INodeProperties } from 'n8n-workflow';

import type { MetaPayload } from '../message';
import type { ItemParameters } from './types';

// Meta: a reaction cannot be a contextual reply, and an action is no message
// (developers.facebook.com/documentation/business-messaging/whatsapp/messages/contextual-replies).
const UNQUOTABLE = ['markAsRead', 'sendReaction'];

/**
 * The Reply To Message ID option, for the nodes whose provider documents quoted replies (Meta's `context`); shown for
 * every operation that sends a message.
 */
export const replyToMessageIdOption: INodeProperties = {
	displayName: 'Reply To Message ID',
	name: 'replyToMessageId',
	type: 'string',
	default: '',
	placeholder: 'wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQTdCNTg5RjY1MEMyRjlGMjRGNgA=',
	displayOptions: { hide: { '/operation': UNQUOTABLE } },
	description:
		"Quote this message above the new one: the ID of a message in the conversation, e.g. the customer's message as the WhatsApp BSP Trigger emitted it (messageId)",
};

/** Adds Meta's `context: { message_id }` to a message when the item quotes one: the one place replies are made. */
export function quoteReply(operation: string, payload: MetaPayload, parameters: ItemParameters): MetaPayload {
	const quoted = parameters.text('options.replyToMessageId').trim();
	if (quoted === '' || UNQUOTABLE.includes(operation)) return payload;
	return { ...payload, context: { message_id: quoted } };
}

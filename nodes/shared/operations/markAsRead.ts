import type { IDataObject } from 'n8n-workflow';

import { checkLength, type Problem } from '../checks';
import type { MetaPayload } from '../message';
import type { ItemParameters, OperationModule } from './types';

// Meta's message IDs ("wamid.…") run to about 60 characters; providers' own IDs are shorter. The bound only catches
// a whole item pasted into the field.
const MESSAGE_ID = { min: 1, max: 512 };

/** The ID of a message this item acts on (marks read, reacts to), trimmed and checked. */
export function readMessageId(parameters: ItemParameters, problems: Problem[]): string {
	const messageId = parameters.text('messageId').trim();
	if (messageId === '') problems.push({ field: 'messageId', text: 'message ID is empty; give the ID of a message the WhatsApp BSP Trigger received' });
	else checkLength(problems, 'messageId', 'message ID', messageId, MESSAGE_ID);
	return messageId;
}

/** The Message ID parameter of the operations that act on a received message. */
export const messageIdProperty = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string' as const,
	required: true,
	default: '',
	placeholder: 'wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQTdCNTg5RjY1MEMyRjlGMjRGNgA=',
	description: 'The ID of a message the customer sent, as the WhatsApp BSP Trigger emits it (its messageId)',
};

/**
 * Meta's read status of a received message, `{ status: "read", message_id, typing_indicator? }` (developers.facebook.com
 * /documentation/business-messaging/whatsapp/messages/mark-message-as-read and …/typing-indicators), as the action's
 * payload `{ type: "read", read: { … } }`; the adapters put it into their providers' requests (actionBody).
 */
export const markAsRead = {
	name: 'markAsRead' as const,
	displayName: 'Mark as Read',
	description: 'Mark a received message as read (blue ticks), optionally showing "typing…"',
	action: 'Mark a message as read',
	kind: 'action' as const,
	properties: [
		messageIdProperty,
		{
			displayName: 'Typing Indicator',
			name: 'typingIndicator',
			type: 'boolean',
			default: false,
			description:
				'Whether the customer also sees "typing…" until the next message is sent or for up to 25 seconds. Insider marks a message as read only with it; Kaleyra documents no typing indicator.',
		},
	],
	build(parameters, problems) {
		const read: IDataObject = { status: 'read', message_id: readMessageId(parameters, problems) };
		if (parameters.value<unknown>('typingIndicator', false) === true) read.typing_indicator = { type: 'text' };
		return { type: 'read', read };
	},
} satisfies OperationModule;

/** Meta's body of an action (`{ messaging_product, status, message_id, … }`), which every provider takes as it is. */
export function actionBody(payload: MetaPayload): IDataObject {
	return { messaging_product: 'whatsapp', ...(payload[payload.type] as IDataObject) };
}

/** The message an action acts on. */
export function actionTarget(payload: MetaPayload): string {
	return String((payload[payload.type] as IDataObject).message_id);
}

/** Whether an action payload asks for the typing indicator. */
export function withTypingIndicator(payload: MetaPayload): boolean {
	return (payload[payload.type] as IDataObject | undefined)?.typing_indicator !== undefined;
}

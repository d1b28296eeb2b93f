import { checkLength, WHATSAPP_LIMITS } from '../checks';
import type { OperationModule } from './types';

export const sendText = {
	name: 'sendText' as const,
	displayName: 'Send Text',
	description: 'Send a text message',
	action: 'Send a text message',
	properties: [
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			hint: `Up to ${WHATSAPP_LIMITS.textBody.max} characters; WhatsApp formatting such as *bold* works`,
			description: 'The message text. Links must start with http:// or https://.',
		},
		{
			displayName: 'Preview URL',
			name: 'previewUrl',
			type: 'boolean',
			default: false,
			description: 'Whether WhatsApp shows a preview of the first link in the text',
		},
	],
	build(parameters, problems) {
		const body = parameters.text('text');
		checkLength(problems, 'text', 'text', body, WHATSAPP_LIMITS.textBody);
		return { type: 'text', text: { preview_url: parameters.value<unknown>('previewUrl', false) === true, body } };
	},
} satisfies OperationModule;

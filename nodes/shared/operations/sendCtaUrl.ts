import { checkLength, checkLink, WHATSAPP_LIMITS } from '../checks';
import { bodyTextProperty, interactiveFrameProperties, readInteractiveFrame } from './header';
import type { OperationModule } from './types';

/**
 * Meta's interactive call-to-action URL message: one button that opens a link, `interactive: { type: "cta_url",
 * header?, body, footer?, action: { name: "cta_url", parameters: { display_text, url } } }`
 * (developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages).
 */
export const sendCtaUrl = {
	name: 'sendCtaUrl' as const,
	displayName: 'Send CTA URL',
	description: 'Send a message with one button that opens a link',
	action: 'Send a message with a link button',
	properties: [
		bodyTextProperty('button'),
		{
			displayName: 'Button Text',
			name: 'buttonText',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Track order',
			hint: `Up to ${WHATSAPP_LIMITS.ctaButtonText.max} characters`,
			description: "The button's label",
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/orders/1234',
			description: 'The http or https link the button opens',
		},
		...interactiveFrameProperties,
	],
	build(parameters, problems) {
		const frame = readInteractiveFrame(parameters, problems);
		const displayText = parameters.text('buttonText');
		checkLength(problems, 'buttonText', 'button text', displayText, WHATSAPP_LIMITS.ctaButtonText);
		const url = parameters.text('url').trim();
		checkLink(problems, 'url', 'URL', url);
		const action = { name: 'cta_url', parameters: { display_text: displayText, url } };
		return { type: 'interactive', interactive: { type: 'cta_url', ...frame, action } };
	},
} satisfies OperationModule;

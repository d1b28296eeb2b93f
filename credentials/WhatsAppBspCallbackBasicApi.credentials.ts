import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user and password that the WhatsApp BSP Trigger requires of every callback, as HTTP
 * Basic auth. Nothing is sent with them: the provider sends them to n8n.
 */
export class WhatsAppBspCallbackBasicApi implements ICredentialType {
	name = 'whatsAppBspCallbackBasicApi';

	displayName = 'WhatsApp BSP Callback Basic Auth API';

	documentationUrl = 'https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp#receiving-callbacks';

	icon = { light: 'file:../icons/trigger.svg', dark: 'file:../icons/trigger.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The user name the provider sends (for example in a Kaleyra callback profile with Basic auth). No ":" allowed.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A long random password; give the same to the provider',
		},
	];
}

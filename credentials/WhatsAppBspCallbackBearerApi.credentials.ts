import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret that the WhatsApp BSP Trigger requires of every callback, as
 * `Authorization: Bearer <token>`. Nothing is sent with it: the provider sends it to n8n.
 */
export class WhatsAppBspCallbackBearerApi implements ICredentialType {
	name = 'whatsAppBspCallbackBearerApi';

	displayName = 'WhatsApp BSP Callback Bearer API';

	documentationUrl = 'https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp#receiving-callbacks';

	icon = { light: 'file:../icons/trigger.svg', dark: 'file:../icons/trigger.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random secret (at least 16 characters). Give the same token to the provider (InOne, a Kaleyra callback profile, or Gupshup\'s subscription headers): callbacks must carry "Authorization: Bearer &lt;token&gt;".',
		},
	];
}

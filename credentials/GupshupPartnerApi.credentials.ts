import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GUPSHUP_DEFAULT_BASE_URL, gupshupAppPath } from '../nodes/providers/gupshup/constants';

export class GupshupPartnerApi implements ICredentialType {
	name = 'gupshupPartnerApi';

	displayName = 'Gupshup Partner API';

	documentationUrl = 'https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp#gupshup';

	icon = { light: 'file:../icons/gupshup.svg', dark: 'file:../icons/gupshup.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'bf9ee64c-3d4d-4ac4-xxxx-732e577007c4',
			description: 'The Gupshup app ID, shown in the Partner Portal for the app',
		},
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The partner app access token of this app (Partner API "Get access token for an app"), sent as the Authorization header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: GUPSHUP_DEFAULT_BASE_URL,
			description: 'Change only to use a proxy or a test sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.appToken}}',
			},
		},
	};

	// Listing the app's subscriptions reads without sending a message.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: `=${gupshupAppPath('{{$credentials.appId}}')}/subscription`,
			method: 'GET',
		},
	};
}

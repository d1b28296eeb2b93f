import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class InsiderApi implements ICredentialType {
	name = 'insiderApi';

	displayName = 'Insider One API';

	documentationUrl = 'https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp#insider-one';

	icon = { light: 'file:../icons/insider.svg', dark: 'file:../icons/insider.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Auth Key',
			name: 'authKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API authentication token from InOne (Settings → Inone Settings → Integration Settings → API Authentication Tokens), sent as the X-INS-AUTH-KEY header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://whatsapp.useinsider.com',
			description: 'Change only to use a proxy or a test sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-INS-AUTH-KEY': '={{$credentials.authKey}}',
			},
		},
	};

	// Insider has no read-only endpoint: an empty batch carries no message, and the answer still shows
	// whether the key (401) and the caller's IP (403, code 1088) are accepted.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/conversational/send',
			method: 'POST',
			body: { messages: [] },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'message', value: 'unauthorized', message: 'Insider rejected the Auth Key' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'ip-restricted',
					message: "Insider blocked this n8n host's IP address (code 1088): allow-list it in InOne",
				},
			},
		],
	};
}

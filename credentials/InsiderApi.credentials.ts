import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { INSIDER_DEFAULT_BASE_URL, INSIDER_ENDPOINTS, INSIDER_REFUSALS } from '../nodes/providers/insider/constants';

// What the credential test reports: Insider's answers that say the key or the host is refused.
const testRule = (word: keyof typeof INSIDER_REFUSALS) => ({
	type: 'responseSuccessBody' as const,
	properties: { key: 'message', value: word, message: `Insider refused the test (${word}): ${INSIDER_REFUSALS[word].hint}` },
});

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
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			description:
				"Optional: the WhatsApp phone number ID of your business number (Meta's, as InOne shows it). Needed only for Mark as Read, which Insider's typing indicator endpoint (/v1/{PHONE_NUMBER_ID}/messages) names.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: INSIDER_DEFAULT_BASE_URL,
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
			url: INSIDER_ENDPOINTS.conversational.path,
			method: 'POST',
			body: { messages: [] },
			ignoreHttpStatusErrors: true,
		},
		rules: [testRule('unauthorized'), testRule('ip-restricted')],
	};
}

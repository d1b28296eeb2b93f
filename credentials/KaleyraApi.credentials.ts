import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	KALEYRA_DEFAULT_REGION,
	KALEYRA_HINTS,
	KALEYRA_REGIONS,
	kaleyraMessagesPath,
} from '../nodes/providers/kaleyra/constants';

const podUrls = Object.fromEntries(Object.entries(KALEYRA_REGIONS).map(([region, { url }]) => [region, url]));

// What the credential test reports: the codes that say the credential itself is wrong.
const testRule = (code: keyof typeof KALEYRA_HINTS) => ({
	type: 'responseSuccessBody' as const,
	properties: { key: 'code', value: code, message: `Kaleyra refused the test (${code}): ${KALEYRA_HINTS[code]}` },
});

export class KaleyraApi implements ICredentialType {
	name = 'kaleyraApi';

	displayName = 'Kaleyra API';

	documentationUrl = 'https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp#kaleyra';

	icon = { light: 'file:../icons/kaleyra.svg', dark: 'file:../icons/kaleyra.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'SID',
			name: 'sid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'HXAP16XXXXXX97IN',
			description: 'Account SID, shown on kaleyra.io under Developers → API Keys',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'API key created on kaleyra.io under Developers → API Keys, sent as the api-key header',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Custom Base URL', value: 'custom' },
				...Object.entries(KALEYRA_REGIONS).map(([value, { label, url }]) => ({
					name: `${label} (${new URL(url).host})`,
					value,
				})),
			].sort((a, b) => a.name.localeCompare(b.name)),
			default: KALEYRA_DEFAULT_REGION,
			description: 'The Kaleyra pod your account lives on',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.kaleyra.io',
			displayOptions: { show: { region: ['custom'] } },
			description: 'Used instead of the pod URL: a proxy, a test sandbox or a newer pod',
		},
		{
			displayName: 'Business Number',
			name: 'businessNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+919000000001',
			description:
				'The WhatsApp business number registered with Kaleyra, with country code. Messages are sent from it unless a node overrides it.',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'wabaId',
			type: 'string',
			default: '',
			placeholder: '100000000000001',
			description:
				'Optional. The WABA ID of the number (kaleyra.io → Channels → WhatsApp): with it, Send Template lists your approved templates and checks each send against its template before sending.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Kaleyra has no read-only WhatsApp endpoint: an empty payload sends nothing, and Kaleyra checks the SID, the
	// key and the number before it looks at the payload (WA400 then means all three are right).
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.region === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : (${JSON.stringify(podUrls)})[$credentials.region] }}`,
			url: `=${kaleyraMessagesPath('{{$credentials.sid}}', '+{{$credentials.businessNumber.replace(/\\D/g, "").replace(/^00/, "")}}')}`,
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: true,
		},
		rules: [testRule('RBC001'), testRule('WA401'), testRule('WA-401')],
	};
}

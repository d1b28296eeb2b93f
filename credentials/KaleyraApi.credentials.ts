import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
				{ name: 'EU (api.eu.kaleyra.io)', value: 'eu' },
				{ name: 'India (api.in.kaleyra.io)', value: 'in' },
				{ name: 'North America (api.na.kaleyra.ai)', value: 'na' },
				{ name: 'Singapore (api.ap.kaleyra.io)', value: 'sg' },
			],
			default: 'in',
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
			baseURL:
				'={{ $credentials.region === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : ({"in": "https://api.in.kaleyra.io", "sg": "https://api.ap.kaleyra.io", "eu": "https://api.eu.kaleyra.io", "na": "https://api.na.kaleyra.ai"})[$credentials.region] }}',
			url: '=/v2/{{$credentials.sid}}/whatsapp/+{{$credentials.businessNumber.replace(/\\D/g, "").replace(/^00/, "")}}/messages',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 'RBC001', message: 'Kaleyra rejected the SID or API key (RBC001): check them and the region' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 'WA401', message: 'The business number does not belong to this Kaleyra account (WA401)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 'WA-401', message: 'WhatsApp API v2 is not enabled for this Kaleyra account or number (WA-401)' },
			},
		],
	};
}

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { LIMITS } from '../limits';
import { toMetaMessage } from '../message';
import { normalizePhone } from '../phone';
import { checkLength, type Problem } from '../validation';
import { firstText, isObject, trimSlash, USER_AGENT, type ProviderAdapter } from './types';

export const KALEYRA_PODS: Record<string, string> = {
	in: 'https://api.in.kaleyra.io',
	sg: 'https://api.ap.kaleyra.io',
	eu: 'https://api.eu.kaleyra.io',
	na: 'https://api.na.kaleyra.ai',
};

export const WA_SOURCES = [
	'api',
	'braze',
	'clevertap',
	'eloqua',
	'hubspot',
	'leadsquared',
	'moengage',
	'responsys',
	'salesforce',
	'shopify',
	'webengage',
	'zapier',
	'zoho',
];

const REFS = ['ref', 'ref1', 'ref2'] as const;

const HINTS: Record<string, string> = {
	RBC001: 'Check the SID and API key in the Kaleyra API credential, and that its region is the pod of your account',
	WA401: 'The sender number is not registered to this Kaleyra account: check Business Number in the credential or the node\'s From option',
	'WA-401': 'WhatsApp API v2 is not enabled for this account or number: ask Kaleyra support to enable it',
	E110: 'Your Kaleyra balance is too low: top up the account on kaleyra.io',
};

export function kaleyraBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'in');
	return trimSlash(region === 'custom' ? String(credentials.baseUrl ?? '') : KALEYRA_PODS[region] ?? '');
}

export const kaleyra: ProviderAdapter = {
	provider: 'kaleyra',
	displayName: 'Kaleyra',
	credentialType: 'kaleyraApi',
	maxBatchSize: 1,
	defaultBatchSize: 1,

	// Kaleyra publishes no figure for WhatsApp API v2; this is a conservative start that the node can raise.
	defaultRequestsPerSecond: () => 10,

	formatRecipient: (e164) => e164.slice(1),

	readItemSettings(ctx, itemIndex, _operation, credentials) {
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const problems: Problem[] = [];
		const fromOption = firstText(options.from);
		const sender = normalizePhone(fromOption || String(credentials.businessNumber ?? ''));
		if (sender.problem) {
			problems.push({
				field: fromOption ? 'options.from' : 'businessNumber',
				text: `sender number (${fromOption ? 'From option' : 'credential Business Number'}) ${sender.problem}`,
			});
		}
		const extraInfo: IDataObject = {};
		for (const ref of REFS) {
			const value = firstText(options[ref]);
			if (value === '') continue;
			checkLength(problems, `options.${ref}`, ref, value, LIMITS.kaleyraRef);
			extraInfo[ref] = value;
		}
		const waSource = firstText(options.waSource);
		if (waSource !== '') {
			if (!WA_SOURCES.includes(waSource)) {
				problems.push({
					field: 'options.waSource',
					text: `WA source "${waSource}" is not one of ${WA_SOURCES.join(', ')}`,
				});
			}
			extraInfo.wa_source = waSource;
		}
		if (problems.length > 0) return { problems };
		return { route: 'messages', settings: { from: sender.e164, extraInfo } };
	},

	buildRequest(credentials, [outgoing]) {
		const body: IDataObject = {
			messaging_object: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: outgoing.message.to.slice(1),
				...toMetaMessage(outgoing.message.content),
			},
		};
		const extraInfo = outgoing.settings.extraInfo as IDataObject;
		if (Object.keys(extraInfo).length > 0) body.extra_info = extraInfo;
		const sid = encodeURIComponent(String(credentials.sid));
		return {
			method: 'POST',
			url: `${kaleyraBaseUrl(credentials)}/v2/${sid}/whatsapp/${String(outgoing.settings.from)}/messages`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body,
		};
	},

	readAnswer(body) {
		const data = isObject(body) && isObject(body.data) ? body.data : undefined;
		const messageId = firstText(data?.message_id);
		if (messageId === '') return undefined;
		return [{ messageId, response: body as IDataObject }];
	},

	readFailure(_statusCode, body) {
		const object = isObject(body) ? body : {};
		const providerCode = firstText(object.code) || null;
		const failure = { providerCode, message: firstText(object.message, body) };
		const hint = providerCode ? HINTS[providerCode] : undefined;
		return hint ? { ...failure, hint } : failure;
	},
};

import type { IDataObject } from 'n8n-workflow';

import { toMetaMessage } from '../message';
import { firstText, isObject, trimSlash, USER_AGENT, type ProviderAdapter } from './types';

const HINTS: Record<string, string> = {
	'Authentication Failed': 'Check the App Token in the Gupshup Partner API credential: it must be the partner app token of this app',
	'Callback Billing must be enabled for this API': 'Enable Callback Billing for the app in the Gupshup Partner Portal',
	'Invalid App Details': 'Check the App ID in the Gupshup Partner API credential',
};

export const gupshup: ProviderAdapter = {
	provider: 'gupshup',
	displayName: 'Gupshup',
	credentialType: 'gupshupPartnerApi',
	maxBatchSize: 1,
	defaultBatchSize: 1,

	// Gupshup's partner rate limits: 10 requests per second for the APIs not listed otherwise.
	defaultRequestsPerSecond: () => 10,

	formatRecipient: (e164) => e164.slice(1),

	readItemSettings: () => ({ route: 'messages', settings: {} }),

	buildRequest(credentials, [outgoing]) {
		const appId = encodeURIComponent(String(credentials.appId));
		return {
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}/partner/app/${appId}/v3/message`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: outgoing.message.to.slice(1),
				...toMetaMessage(outgoing.message.content),
			} as IDataObject,
		};
	},

	readAnswer(body) {
		const messages = isObject(body) ? body.messages : undefined;
		const first = Array.isArray(messages) && isObject(messages[0]) ? messages[0] : undefined;
		const messageId = firstText(first?.id);
		if (messageId === '') return undefined;
		return [{ messageId, response: body as IDataObject }];
	},

	readFailure(_statusCode, body) {
		const object = isObject(body) ? body : {};
		// Meta's errors are relayed as { error: { code, message }, status: "error" }.
		const metaError = isObject(object.error) ? object.error : undefined;
		const message = firstText(metaError?.message, object.message, body);
		const providerCode = firstText(metaError?.code) || null;
		const hint = HINTS[message];
		return hint ? { providerCode, message, hint } : { providerCode, message };
	},
};

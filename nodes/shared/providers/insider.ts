import type { IDataObject } from 'n8n-workflow';

import { toMetaMessage, type Content } from '../message';
import type { Problem } from '../validation';
import { firstText, isObject, trimSlash, USER_AGENT, type ProviderAdapter } from './types';

const PATHS: Record<string, string> = {
	conversational: '/v1/conversational/send',
	transactional: '/v1/send',
};

// Insider's pages: 10 requests/s for conversational, 1000 for transactional.
const RATES: Record<string, number> = { conversational: 10, transactional: 1000 };

// Insider refuses emoji in reply-button IDs.
const EMOJI = /\p{Extended_Pictographic}/u;

export const insider: ProviderAdapter = {
	provider: 'insider',
	displayName: 'Insider One',
	credentialType: 'insiderApi',
	maxBatchSize: 1000,
	defaultBatchSize: 1000,

	defaultRequestsPerSecond: (route) => RATES[route] ?? RATES.conversational,

	formatRecipient: (e164) => e164,

	readItemSettings(ctx, itemIndex, operation) {
		const fallback = operation === 'sendButtons' ? 'transactional' : 'conversational';
		const endpoint = ctx.getNodeParameter('endpoint', itemIndex, fallback) as string;
		if (!(endpoint in PATHS)) {
			return {
				problems: [
					{ field: 'endpoint', text: `endpoint "${endpoint}" is not one of conversational, transactional` },
				],
			};
		}
		return { route: endpoint, settings: {} };
	},

	checkContent(content: Content) {
		const problems: Problem[] = [];
		if (content.kind !== 'buttons') return problems;
		content.buttons.forEach((button, index) => {
			if (EMOJI.test(button.id)) {
				problems.push({
					field: 'buttons',
					text: `button ${index + 1} ID "${button.id}" contains an emoji; Insider allows none in button IDs`,
				});
			}
		});
		return problems;
	},

	buildRequest(credentials, batch) {
		return {
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${PATHS[batch[0].route]}`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: {
				messages: batch.map(({ message }) => ({
					phoneNumber: message.to,
					message: toMetaMessage(message.content),
				})),
			} as IDataObject,
		};
	},

	readAnswer(body, batch) {
		const keys = isObject(body) ? body.keys : undefined;
		if (!Array.isArray(keys) || keys.length !== batch.length) return undefined;
		if (!keys.every((key) => typeof key === 'string' && key !== '')) return undefined;
		return (keys as string[]).map((key) => ({ messageId: key, response: { key } }));
	},

	readFailure(statusCode, body) {
		const error = isObject(body) && isObject(body.error) ? body.error : undefined;
		const code = error?.code ?? null;
		const message = firstText(error?.message, isObject(body) ? body.message : undefined, body);
		const failure = { providerCode: code === null ? null : String(code), message };
		if (statusCode === 403 || code === 1088) {
			return {
				...failure,
				hint: 'Insider blocked the request (Cloudflare, code 1088): allow-list the IP address of your n8n host in InOne, or check that no proxy replaces the User-Agent header',
			};
		}
		if (statusCode === 401) {
			return { ...failure, hint: 'Check the Auth Key in the Insider One API credential' };
		}
		// Insider documents no maximum messages per request; a gateway in front of it may still refuse a large body.
		if (statusCode === 413) {
			return { ...failure, hint: 'The request was too large for Insider: lower Batch Size under Options' };
		}
		return failure;
	},
};

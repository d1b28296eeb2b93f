import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/adapter';
import type { Problem } from '../../shared/checks';
import type { MetaPayload } from '../../shared/message';
import { field, firstText, isObject, trimSlash } from '../../shared/json';
import { isAction, OPERATION_NAMES } from '../../shared/operations';
import { actionBody, withTypingIndicator } from '../../shared/operations/markAsRead';
import { USER_AGENT } from '../../shared/transport';
import { multipartBody } from '../../shared/uploads';
import {
	CONVERSATIONAL_OPERATIONS,
	INSIDER_BATCH,
	INSIDER_ENDPOINTS,
	INSIDER_REFUSALS,
	INSIDER_TOO_LARGE_HINT,
	INSIDER_TYPING,
	INSIDER_UNDOCUMENTED,
	INSIDER_UPLOAD,
	type InsiderEndpoint,
} from './constants';
import { insiderTemplates } from './templates';

// Insider refuses emoji in reply-button IDs.
const EMOJI = /\p{Extended_Pictographic}/u;

const endpointNames = Object.keys(INSIDER_ENDPOINTS) as InsiderEndpoint[];

const operations = OPERATION_NAMES.filter((name) => !INSIDER_UNDOCUMENTED.includes(name));

const defaultEndpoint = (operation: string): InsiderEndpoint =>
	(CONVERSATIONAL_OPERATIONS as readonly string[]).includes(operation) ? 'conversational' : 'transactional';

// The same parameter once per default, so that each operation gets the endpoint Insider documents it on.
const endpointProperties: INodeProperties[] = endpointNames.map((endpoint) => ({
	displayName: 'Endpoint',
	name: 'endpoint',
	type: 'options',
	options: endpointNames.map((value) => ({
		name: value === 'conversational' ? 'Conversational' : 'Transactional',
		value,
		description: INSIDER_ENDPOINTS[value].description,
	})),
	default: endpoint,
	displayOptions: {
		show: { resource: ['message'], operation: operations.filter((name) => !isAction(name) && defaultEndpoint(name) === endpoint) },
	},
	description: 'Which Insider API sends the message',
}));

/** Insider's template sends name the language policy, which its pages always give as deterministic. */
function insiderMessage(payload: MetaPayload): MetaPayload {
	if (payload.type !== 'template') return payload;
	const template = payload.template as IDataObject;
	return { ...payload, template: { ...template, language: { ...(template.language as IDataObject), policy: 'deterministic' } } };
}

export const insider: ProviderAdapter = {
	provider: 'insider',
	displayName: 'Insider One',
	credentialType: 'insiderApi',
	operations,
	properties: endpointProperties,
	maxBatchSize: INSIDER_BATCH.max,
	defaultBatchSize: INSIDER_BATCH.default,

	defaultRequestsPerSecond: (route) =>
		route === INSIDER_TYPING.route
			? INSIDER_TYPING.requestsPerSecond
			: INSIDER_ENDPOINTS[route as InsiderEndpoint]?.requestsPerSecond ?? INSIDER_ENDPOINTS.conversational.requestsPerSecond,

	formatRecipient: (e164) => e164,

	readItemSettings(ctx, itemIndex, operation, credentials) {
		if (isAction(operation)) {
			if (firstText(credentials.phoneNumberId) !== '') return { route: INSIDER_TYPING.route, settings: {} };
			const text = 'the Insider One API credential has no Phone Number ID, which Insider\'s typing indicator needs: add it to the credential';
			return { problems: [{ field: 'phoneNumberId', text }] };
		}
		const endpoint = ctx.getNodeParameter('endpoint', itemIndex, defaultEndpoint(operation)) as string;
		if (!(endpoint in INSIDER_ENDPOINTS)) {
			return {
				problems: [{ field: 'endpoint', text: `endpoint "${endpoint}" is not one of ${endpointNames.join(', ')}` }],
			};
		}
		return { route: endpoint, settings: {} };
	},

	checkMessage({ operation, payload }) {
		const problems: Problem[] = [];
		if (isAction(operation) && !withTypingIndicator(payload)) {
			const text =
				'typing indicator is off; Insider marks a message as read only together with the typing indicator ("Send Typing Indicator for Conversational WhatsApp API"): turn Typing Indicator on';
			problems.push({ field: 'typingIndicator', text });
		}
		const buttons = field(field(payload.interactive, 'action'), 'buttons');
		if (!Array.isArray(buttons)) return problems;
		buttons.forEach((button, index) => {
			const id = firstText(field(field(button, 'reply'), 'id'));
			if (EMOJI.test(id)) {
				problems.push({
					field: 'buttons',
					text: `button ${index + 1} ID "${id}" contains an emoji; Insider allows none in button IDs`,
				});
			}
		});
		return problems;
	},

	buildRequest(credentials, batch) {
		return {
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${INSIDER_ENDPOINTS[batch[0].route as InsiderEndpoint].path}`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: { messages: batch.map(({ to, payload }) => ({ phoneNumber: to, message: insiderMessage(payload) })) } as IDataObject,
		};
	},

	readAnswer(body, batch) {
		const keys = isObject(body) ? body.keys : undefined;
		if (!Array.isArray(keys) || keys.length !== batch.length) return undefined;
		if (!keys.every((key) => typeof key === 'string' && key !== '')) return undefined;
		return (keys as string[]).map((key) => ({ messageId: key, response: { key } }));
	},

	actions: {
		request: (credentials, action) => ({
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${INSIDER_TYPING.path(encodeURIComponent(String(credentials.phoneNumberId).trim()))}`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: actionBody(action.payload),
		}),
		// Undocumented: Meta's { success: true } is expected; an answer without a body is taken as the 2xx it is.
		readAnswer: (body) => (!isObject(body) ? {} : body.success === false ? undefined : body),
	},

	templates: insiderTemplates,

	uploads: {
		requestsPerSecond: INSIDER_UPLOAD.requestsPerSecond,
		request: (credentials, file) => ({
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${INSIDER_UPLOAD.path}`,
			headers: { 'User-Agent': USER_AGENT },
			body: multipartBody([
				{ field: 'file', file },
				{ field: 'type', value: file.mimeType },
				{ field: 'messaging_product', value: 'whatsapp' },
			]),
		}),
		readMediaId: (body) => firstText(field(body, 'id')) || undefined,
	},

	readFailure(statusCode, body) {
		const error = isObject(body) && isObject(body.error) ? body.error : undefined;
		const code = error?.code ?? null;
		const message = firstText(error?.message, isObject(body) ? body.message : undefined, body);
		const failure = { providerCode: code === null ? null : String(code), message };
		const blocked = INSIDER_REFUSALS['ip-restricted'];
		if (statusCode === blocked.status || code === blocked.code) return { ...failure, hint: blocked.hint };
		if (statusCode === INSIDER_REFUSALS.unauthorized.status) return { ...failure, hint: INSIDER_REFUSALS.unauthorized.hint };
		if (statusCode === 413) return { ...failure, hint: INSIDER_TOO_LARGE_HINT };
		return failure;
	},
};

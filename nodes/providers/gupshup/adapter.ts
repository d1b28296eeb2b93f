import type { IDataObject } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/adapter';
import { field, firstText, isObject, ownEntry, trimSlash } from '../../shared/json';
import { isAction } from '../../shared/operations';
import { actionBody } from '../../shared/operations/markAsRead';
import { USER_AGENT } from '../../shared/transport';
import { multipartBody } from '../../shared/uploads';
import { GUPSHUP_CREDENTIAL, GUPSHUP_EVENTS, GUPSHUP_HINTS, GUPSHUP_REQUESTS_PER_SECOND, GUPSHUP_UPLOAD, gupshupAppPath } from './constants';
import { gupshupTemplates } from './templates';

export const gupshup: ProviderAdapter = {
	provider: 'gupshup',
	displayName: 'Gupshup',
	credentialType: GUPSHUP_CREDENTIAL,
	operations: 'all',
	maxBatchSize: 1,
	defaultBatchSize: 1,

	defaultRequestsPerSecond: (route) => (route === GUPSHUP_EVENTS.route ? GUPSHUP_EVENTS.requestsPerSecond : GUPSHUP_REQUESTS_PER_SECOND),

	formatRecipient: (e164) => e164.slice(1),

	readItemSettings: (_ctx, _itemIndex, operation) => ({ route: isAction(operation) ? GUPSHUP_EVENTS.route : 'messages', settings: {} }),

	buildRequest(credentials, [outgoing]) {
		const appId = encodeURIComponent(String(credentials.appId));
		return {
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${gupshupAppPath(appId)}/v3/message`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: outgoing.to.slice(1),
				...outgoing.payload,
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

	actions: {
		request: (credentials, action) => ({
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${gupshupAppPath(encodeURIComponent(String(credentials.appId)))}${GUPSHUP_EVENTS.path}`,
			headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			body: { type: 'message-event', message: actionBody(action.payload) },
		}),
		readAnswer: (body) => (isObject(body) && body.status === 'success' ? body : undefined),
	},

	templates: gupshupTemplates,

	uploads: {
		requestsPerSecond: GUPSHUP_UPLOAD.requestsPerSecond,
		request: (credentials, file) => ({
			method: 'POST',
			url: `${trimSlash(String(credentials.baseUrl))}${gupshupAppPath(encodeURIComponent(String(credentials.appId)))}${GUPSHUP_UPLOAD.path}`,
			headers: { 'User-Agent': USER_AGENT },
			body: multipartBody([
				{ field: 'file_type', value: file.mimeType },
				{ field: 'file', file },
			]),
		}),
		readMediaId: (body) => firstText(field(body, 'mediaId'), field(body, 'media_id'), field(body, 'id')) || undefined,
	},

	readFailure(_statusCode, body) {
		const object = isObject(body) ? body : {};
		// Meta's errors are relayed as { error: { code, message }, status: "error" }.
		const metaError = isObject(object.error) ? object.error : undefined;
		const message = firstText(metaError?.message, object.message, body);
		const providerCode = firstText(metaError?.code) || null;
		const hint = ownEntry(GUPSHUP_HINTS, message);
		return hint ? { providerCode, message, hint } : { providerCode, message };
	},
};

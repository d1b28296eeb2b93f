import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { Outgoing, ProviderAdapter } from '../../shared/adapter';
import { checkLength, toE164, type Problem } from '../../shared/checks';
import { field, firstText, isObject, ownEntry } from '../../shared/json';
import { isAction } from '../../shared/operations';
import { actionBody, withTypingIndicator } from '../../shared/operations/markAsRead';
import { replyToMessageIdOption } from '../../shared/operations/reply';
import { USER_AGENT } from '../../shared/transport';
import { multipartBody } from '../../shared/uploads';
import {
	KALEYRA_HINTS,
	KALEYRA_REF_LIMIT,
	KALEYRA_REFS,
	KALEYRA_REQUESTS_PER_SECOND,
	kaleyraBaseUrl,
	kaleyraMediaPath,
	kaleyraMessagesPath,
	WA_SOURCES,
} from './constants';
import { kaleyraTemplates } from './templates';

const refOption = (name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	hint: `Up to ${KALEYRA_REF_LIMIT.max} characters`,
	description: "Your own context for the message (a customer ID, a campaign), returned in Kaleyra's reports and callbacks",
});

const options: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: '+919000000001',
		description: "The business number to send from instead of the credential's Business Number",
	},
	refOption('ref', 'Ref'),
	refOption('ref1', 'Ref 1'),
	refOption('ref2', 'Ref 2'),
	{
		displayName: 'WA Source',
		name: 'waSource',
		type: 'options',
		options: WA_SOURCES.map((value) => ({ name: value, value })),
		default: 'api',
		description: 'Where Kaleyra records the message as coming from',
	},
	// "Send Reply to Messages", https://developers.kaleyra.io/docs/whatsapp-api-v2-send-reply-to-messages
	replyToMessageIdOption,
];

/** A request to the messages endpoint of the item's sender, with its extra_info refs. */
function messagesRequest(credentials: ICredentialDataDecryptedObject, outgoing: Outgoing, messagingObject: IDataObject): IHttpRequestOptions {
	const body: IDataObject = { messaging_object: messagingObject };
	const extraInfo = outgoing.settings.extraInfo as IDataObject;
	if (Object.keys(extraInfo).length > 0) body.extra_info = extraInfo;
	const sid = encodeURIComponent(String(credentials.sid));
	return {
		method: 'POST',
		url: `${kaleyraBaseUrl(credentials)}${kaleyraMessagesPath(sid, String(outgoing.settings.from))}`,
		headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
		body,
	};
}

export const kaleyra: ProviderAdapter = {
	provider: 'kaleyra',
	displayName: 'Kaleyra',
	credentialType: 'kaleyraApi',
	operations: 'all',
	options,
	maxBatchSize: 1,
	defaultBatchSize: 1,

	defaultRequestsPerSecond: () => KALEYRA_REQUESTS_PER_SECOND,

	formatRecipient: (e164) => e164.slice(1),

	readItemSettings(ctx, itemIndex, _operation, credentials) {
		const given = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const problems: Problem[] = [];
		const fromOption = firstText(given.from);
		const sender = toE164(fromOption || String(credentials.businessNumber ?? ''));
		if (sender.problem) {
			problems.push({
				field: fromOption ? 'options.from' : 'businessNumber',
				text: `sender number (${fromOption ? 'From option' : 'credential Business Number'}) ${sender.problem}`,
			});
		}
		const extraInfo: IDataObject = {};
		for (const ref of KALEYRA_REFS) {
			const value = firstText(given[ref]);
			if (value === '') continue;
			checkLength(problems, `options.${ref}`, ref, value, KALEYRA_REF_LIMIT);
			extraInfo[ref] = value;
		}
		const waSource = firstText(given.waSource);
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

	checkMessage({ operation, payload }) {
		if (!isAction(operation) || !withTypingIndicator(payload)) return [];
		const text = 'typing indicator is on; Kaleyra\'s read receipt has no typing indicator ("Send Read Receipt Messages"): turn Typing Indicator off';
		return [{ field: 'typingIndicator', text }];
	},

	buildRequest: (credentials, [outgoing]) =>
		messagesRequest(credentials, outgoing, {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: outgoing.to.slice(1),
			...outgoing.payload,
		}),

	readAnswer(body) {
		const data = isObject(body) && isObject(body.data) ? body.data : undefined;
		const messageId = firstText(data?.message_id);
		if (messageId === '') return undefined;
		return [{ messageId, response: body as IDataObject }];
	},

	// The read receipt, on the messages endpoint: messaging_object { messaging_product, status: "read", message_id } and
	// extra_info ("Send Read Receipt Messages", https://developers.kaleyra.io/docs/whatsapp_message_api_v2_send-read-receipt-messages).
	// Its answer is not on the page: any 2xx body is the item's response.
	actions: {
		request: (credentials, action) => messagesRequest(credentials, action, actionBody(action.payload)),
		readAnswer: (body) => (isObject(body) ? body : {}),
	},

	templates: kaleyraTemplates,

	uploads: {
		requestsPerSecond: KALEYRA_REQUESTS_PER_SECOND,
		// The upload URL names the business number: a media ID is used from the number that uploaded it.
		scope: (message) => String(message.settings.from),
		request: (credentials, file, message) => ({
			method: 'POST',
			url: `${kaleyraBaseUrl(credentials)}${kaleyraMediaPath(encodeURIComponent(String(credentials.sid)), String(message.settings.from))}`,
			headers: { 'User-Agent': USER_AGENT },
			body: multipartBody([
				{ field: 'file', file },
				{ field: 'type', value: file.mimeType },
			]),
		}),
		readMediaId(body) {
			const data = field(body, 'data');
			const first = Array.isArray(data) ? data[0] : data;
			return firstText(field(first, 'id'), field(first, 'media_id'), field(body, 'id'), field(body, 'media_id')) || undefined;
		},
	},

	uncertainHint:
		"Kaleyra's reports on kaleyra.io list each message with its Ref (set one per message under Options → Ref), and the WhatsApp BSP Trigger's delivery statuses show whether it arrived",

	readFailure(_statusCode, body) {
		const object = isObject(body) ? body : {};
		const providerCode = firstText(object.code) || null;
		const failure = { providerCode, message: firstText(object.message, body) };
		const hint = providerCode ? ownEntry(KALEYRA_HINTS, providerCode) : undefined;
		return hint ? { ...failure, hint } : failure;
	},
};

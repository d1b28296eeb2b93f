/**
 * Kaleyra WhatsApp v2 callbacks (callback profiles). Documented: Meta's `value` wrapped as
 * `{ meta_object: { value, field }, extra_info: { message_id, ref, ref1, ref2, … }, status,
 * message_id }`, one message a callback; inbound messages in the same wrapper, a media
 * message's file as a link in `extra_info.media_url`
 * (https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payload-reply-media-message).
 * Also read: Kaleyra's older shape, Meta's `value` itself at the top level (`contacts[]`,
 * `messages[]`, `statuses[]`; https://developers.kaleyra.io/docs/whatsapp-callback-url),
 * `meta_object` (or `extra_info`) as a JSON string, a whole Meta envelope inside or instead
 * of it, and the flat bodies that profiles built from "dynamic variables" send
 * (`{ status, message_id, … }` and `{ from, body, type, name, wanumber, media_url, mime_type, … }`).
 *
 * Template status changes (approved, rejected, paused, disabled) come through a callback profile of their own,
 * whose dynamic variables are Meta's field names: `{ id, time, event, message_template_id, message_template_name,
 * message_template_language, reason, other_info?, callback_profile_id, company_id }`
 * (https://developers.kaleyra.io/docs/template-status-update); Meta's `message_template_status_update` inside
 * `meta_object` is read too.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import { readMetaEnvelope, readMetaTemplate, readMetaValueOutcome } from '../../shared/callbacks/meta';
import {
	buttonReply,
	draftEvent,
	embeddedJson,
	errorForStatus,
	callbackPhone,
	inboundMedia,
	listReply,
	mediaUrl,
	normalizeStatus,
	normalizeTimestamp,
	obj,
	readError,
	text,
} from '../../shared/callbacks/normalize';
import { knownShape, unknownShape, type CallbackRefs, type DraftEvent, type ParseOutcome } from '../../shared/callbacks/types';

const BUTTON_TYPES = new Set(['button', 'button_reply', 'quick_reply', 'interactive']);

function readRefs(body: IDataObject, extra: IDataObject): CallbackRefs | null {
	const refs = {
		ref: text(extra.ref, body.ref),
		ref1: text(extra.ref1, body.ref1),
		ref2: text(extra.ref2, body.ref2),
	};
	return refs.ref === null && refs.ref1 === null && refs.ref2 === null ? null : refs;
}

/** The events inside `meta_object`, whichever of Meta's levels it holds. */
function readMetaObject(metaObject: unknown): ParseOutcome {
	if (!isObject(metaObject)) return unknownShape('meta_object is not an object');
	const envelope = readMetaEnvelope(metaObject);
	if (envelope) return envelope;
	if (metaObject.value !== undefined) {
		const fieldName = text(metaObject.field);
		// Other webhook fields come the same way: template changes are events, the rest (account, …) carry none.
		if (fieldName !== null && fieldName !== 'messages') {
			const template = readMetaTemplate(fieldName, metaObject.value, metaObject.time);
			return knownShape(template === null ? [] : [template]);
		}
		return readMetaValueOutcome(metaObject.value, 'meta_object.value');
	}
	if (metaObject.statuses !== undefined || metaObject.messages !== undefined) return readMetaValueOutcome(metaObject, 'meta_object');
	return unknownShape('meta_object holds neither value, entry, statuses nor messages');
}

function readFlatStatus(body: IDataObject, extra: IDataObject, status: string, messageId: string): DraftEvent {
	const error =
		readError(body.errors) ??
		readError(body.error) ??
		readError({ code: body.error_code, message: body.error_message ?? body.reason ?? body.description });
	return draftEvent({
		event: 'status',
		messageId,
		status,
		recipient: callbackPhone(body.recipient ?? body.recipient_id ?? body.to ?? body.mobile),
		from: callbackPhone(body.from ?? body.wanumber ?? body.sender),
		timestamp: normalizeTimestamp(body.timestamp ?? body.created_at ?? body.time),
		error: errorForStatus(status, error),
		wamid: text(body.wamid, extra.wamid),
		source: body,
	});
}

function readFlatInbound(body: IDataObject, from: string): DraftEvent {
	const messageType = normalizeStatus(body.type)?.replace(/-/g, '_') ?? 'text';
	const words = text(body.body, body.text);
	const isButton = BUTTON_TYPES.has(messageType) || messageType === 'list_reply';
	const id = text(body.custom_response, body.payload, words);
	// The dynamic variables name a file's link and type, not its caption: the body is the message's words.
	const media = inboundMedia(messageType, { url: body.media_url, mimeType: body.mime_type, filename: body.filename });
	return draftEvent({
		event: 'message',
		messageId: text(body.id, body.message_id),
		recipient: callbackPhone(body.wanumber ?? body.to),
		from,
		timestamp: normalizeTimestamp(body.created_at ?? body.timestamp),
		text: words,
		buttonReply: isButton ? buttonReply(id, words) : null,
		listReply: messageType === 'list_reply' ? listReply(id, words, body.description) : null,
		media,
		wamid: text(body.wamid),
		messageType,
		replyTo: text(body.reply_to, body.context_id),
		contactName: text(body.name),
		source: body,
	});
}

export function parseKaleyra(body: IDataObject): ParseOutcome {
	const extra = obj(embeddedJson(body.extra_info));
	const refs = readRefs(body, extra);
	const messageId = text(body.message_id, extra.message_id);

	let outcome: ParseOutcome | undefined;
	if (body.meta_object !== undefined) {
		const metaObject = embeddedJson(body.meta_object);
		outcome = metaObject === undefined ? unknownShape('meta_object is not JSON') : readMetaObject(metaObject);
	} else if (Array.isArray(body.statuses) || Array.isArray(body.messages)) {
		// The older shape: Meta's value as the whole body, without the v2 wrapper.
		outcome = readMetaValueOutcome(body, 'body');
	} else {
		outcome = readMetaEnvelope(body);
	}
	if (outcome) {
		if (!outcome.ok) return outcome;
		// Meta's message names the file by its id only; Kaleyra stores it and sends the link alongside.
		const link = mediaUrl(extra.media_url ?? body.media_url);
		// The wrapper names our message by Kaleyra's id and carries the send call's refs.
		for (const event of outcome.events) {
			if (event.event === 'status' && messageId !== null) event.messageId = messageId;
			if (event.media && event.media.url === null && link !== null) event.media = { ...event.media, url: link };
			event.ref = refs?.ref ?? null;
			event.refs = refs;
		}
		return outcome;
	}

	if (body.message_template_id !== undefined || body.message_template_name !== undefined) {
		const template = readMetaTemplate('message_template_status_update', body, body.time);
		return template === null ? unknownShape('A template status callback needs its event') : knownShape([template]);
	}
	const status = normalizeStatus(body.status);
	const flatId = messageId ?? text(body.id, body.messageId);
	if (status !== null && flatId !== null) {
		return knownShape([{ ...readFlatStatus(body, extra, status, flatId), ref: refs?.ref ?? null, refs }]);
	}
	const from = callbackPhone(body.from ?? body.mobile);
	if (status === null && from !== null && (body.body !== undefined || body.type !== undefined)) {
		return knownShape([readFlatInbound(body, from)]);
	}
	return unknownShape('Not a Kaleyra callback: no meta_object, status with message_id, or inbound message');
}

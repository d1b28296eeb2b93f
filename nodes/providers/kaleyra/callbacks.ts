/**
 * Kaleyra WhatsApp v2 callbacks (callback profiles). Documented: Meta's `value` wrapped as
 * `{ meta_object: { value, field }, extra_info: { message_id, ref, ref1, ref2, … }, status,
 * message_id }`, one message a callback; inbound messages in the same wrapper. Also read:
 * `meta_object` (or `extra_info`) as a JSON string, a whole Meta envelope inside or instead
 * of it, and the flat bodies that profiles built from "dynamic variables" send
 * (`{ status, message_id, … }` and `{ from, body, type, name, wanumber, … }`).
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import { metaOutcome, newSink, readMetaEnvelope, readMetaValue } from '../../WhatsAppBspTrigger/callbacks/meta';
import {
	draftEvent,
	embeddedJson,
	errorForStatus,
	callbackPhone,
	normalizeStatus,
	normalizeTimestamp,
	obj,
	readError,
	text,
} from '../../WhatsAppBspTrigger/callbacks/normalize';
import { knownShape, unknownShape, type CallbackRefs, type DraftEvent, type ParseOutcome } from '../../WhatsAppBspTrigger/callbacks/types';

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
	const sink = newSink();
	if (metaObject.value !== undefined) {
		const fieldName = text(metaObject.field);
		// Kaleyra forwards other webhook fields (template status, …) the same way: known, no message event.
		if (fieldName !== null && fieldName !== 'messages') return knownShape([]);
		const problem = readMetaValue(metaObject.value, sink, 'meta_object.value');
		return problem ? unknownShape(problem) : metaOutcome(sink);
	}
	if (metaObject.statuses !== undefined || metaObject.messages !== undefined) {
		const problem = readMetaValue(metaObject, sink, 'meta_object');
		return problem ? unknownShape(problem) : metaOutcome(sink);
	}
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
	const isButton = BUTTON_TYPES.has(messageType);
	const id = text(body.custom_response, body.payload, words);
	return draftEvent({
		event: 'message',
		messageId: text(body.id, body.message_id),
		recipient: callbackPhone(body.wanumber ?? body.to),
		from,
		timestamp: normalizeTimestamp(body.created_at ?? body.timestamp),
		text: words,
		buttonReply: isButton && id !== null ? { id, title: words ?? id } : null,
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
	} else {
		outcome = readMetaEnvelope(body);
	}
	if (outcome) {
		if (!outcome.ok) return outcome;
		// The wrapper names our message by Kaleyra's id and carries the send call's refs.
		for (const event of outcome.events) {
			if (event.event === 'status' && messageId !== null) event.messageId = messageId;
			event.ref = refs?.ref ?? null;
			event.refs = refs;
		}
		return outcome;
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

/**
 * Gupshup callbacks. v3 subscriptions: Meta's envelope plus `gs_app_id`, statuses with
 * `gs_id` (the id the send call returned) and, on failure, Meta's `errors[]` or Gupshup's
 * `code` and `reason`; several events may share one callback. v2 (older apps):
 * `{ app, timestamp, version: 2, type, payload }` with `type` `message-event` (statuses),
 * `message` (inbound), `template-event` (a template's status or category changed) or one of
 * the other non-message events (user-, system-, billing-, account-event), which are known and
 * start nothing.
 *
 * Template events are Gupshup's "system events", documented in its own shape only
 * (https://partner-docs.gupshup.io/docs/system-events): `{ app, timestamp, version: 2, type: "template-event",
 * payload: { id, status, elementName, languageCode, rejectedReason } }`, and for a pause
 * `payload: { type: "status-update", …, description }`; since 2023 also `type: "category-update"` (the page
 * names the old and new category but shows no sample: its field names here are *unconfirmed*). Gupshup's
 * subscription pages disagree whether a v3 subscription takes the TEMPLATE mode; a v3 callback carrying Meta's
 * `message_template_status_update` is read as Meta's (shared/callbacks/meta.ts).
 *
 * v2 inbound payloads, by `payload.type` (https://docs.gupshup.io/docs/inbound-messages):
 * - image, file, audio, video, sticker: `{ caption?, name?, url, contentType, urlExpiry }`,
 *   a link Gupshup hosts (https://docs.gupshup.io/docs/media);
 * - button_reply, list_reply: `{ title, id, reply, postbackText?, description? }`
 *   (https://docs.gupshup.io/docs/interactive);
 * - quick_reply (a template's button): `{ text, type: "button", postbackText? }`
 *   (https://docs.gupshup.io/docs/text, https://docs.gupshup.io/reference/postback-text-support),
 *   or the interactive form `{ title, id, reply }`.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import { readMetaEnvelope } from '../../shared/callbacks/meta';
import {
	buttonReply,
	categoryChange,
	draftEvent,
	errorForStatus,
	field,
	callbackPhone,
	inboundMedia,
	listReply,
	normalizeStatus,
	normalizeTimestamp,
	obj,
	readError,
	templateEvent,
	text,
} from '../../shared/callbacks/normalize';
import {
	knownShape,
	unknownShape,
	type ButtonReply,
	type DraftEvent,
	type ListReply,
	type ParseOutcome,
} from '../../shared/callbacks/types';

/** The number Gupshup uses in the test call it makes when a callback URL is set. */
const CALLBACK_CHECK_PHONE = 'callbackSetPhone';

function readV2Status(body: IDataObject, payload: IDataObject): ParseOutcome {
	const status = normalizeStatus(payload.type);
	if (status === null) return unknownShape('A message-event needs payload.type');
	const inner = obj(payload.payload);
	const gsId = text(payload.gsId, payload.gs_id);
	const id = text(payload.id);
	return knownShape([
		draftEvent({
			event: 'status',
			messageId: gsId ?? id,
			status,
			recipient: callbackPhone(payload.destination),
			from: callbackPhone(body.phone),
			// The event's own time (seconds) when given, else when Gupshup posted it (milliseconds).
			timestamp: normalizeTimestamp(inner.ts) ?? normalizeTimestamp(body.timestamp),
			error: errorForStatus(status, readError(inner)),
			// For `enqueued`, `id` is Gupshup's own and Meta's id comes as whatsappMessageId.
			wamid: text(inner.whatsappMessageId) ?? (gsId !== null && id !== gsId ? id : null),
			source: body,
		}),
	]);
}

function readV2Inbound(body: IDataObject, payload: IDataObject): ParseOutcome {
	const sender = obj(payload.sender);
	const from = callbackPhone(payload.source ?? sender.phone);
	if (from === null) return unknownShape('An inbound message needs payload.source');
	const messageType = normalizeStatus(payload.type)?.replace(/-/g, '_') ?? null;
	const inner = obj(payload.payload);
	// A tap's id is the payload the business set for the button or row (postbackText) when Gupshup sends one: the
	// `id` of an interactive reply is the message's own id, the same for every button or row, and a template quick
	// reply's text is only the button's label.
	const tapId = text(inner.postbackText, inner.payload, inner.id);
	const tapTitle = text(inner.text, inner.title, inner.reply);
	let words: string | null = null;
	let reply: ButtonReply | null = null;
	let row: ListReply | null = null;
	switch (messageType) {
		case 'text':
			words = text(inner.text, payload.payload);
			break;
		case 'button_reply':
		case 'quick_reply':
			reply = buttonReply(tapId, tapTitle);
			words = reply?.title ?? null;
			break;
		case 'list_reply':
			// A list row also fills buttonReply, as for Meta's shape.
			reply = buttonReply(tapId, tapTitle);
			row = listReply(tapId, tapTitle, inner.description);
			words = reply?.title ?? null;
			break;
		default:
			words = text(inner.caption);
	}
	const media = inboundMedia(messageType, {
		url: inner.url,
		// The sample bodies say contentType, the field table content-type.
		mimeType: inner.contentType ?? inner['content-type'],
		caption: inner.caption,
		filename: inner.name,
	});
	const context = obj(payload.context);
	const event: DraftEvent = draftEvent({
		event: 'message',
		messageId: text(payload.id),
		recipient: callbackPhone(body.phone),
		from,
		timestamp: normalizeTimestamp(body.timestamp),
		text: words,
		buttonReply: reply,
		listReply: row,
		media,
		wamid: text(payload.id),
		messageType,
		replyTo: text(context.gsId, context.gs_id, context.id),
		contactName: text(sender.name),
		source: body,
	});
	return knownShape([event]);
}

/** A `template-event`: a status or category change; other kinds (quality updates) start nothing. */
function readV2Template(body: IDataObject, payload: IDataObject): ParseOutcome {
	const kind = normalizeStatus(payload.type);
	if (kind !== null && kind !== 'status-update' && kind !== 'category-update') return knownShape([]);
	const category = kind === 'category-update';
	const event = templateEvent(
		{
			id: payload.id,
			name: payload.elementName,
			language: payload.languageCode,
			status: category ? kind : payload.status,
			reasons: [
				category ? categoryChange(payload.oldCategory ?? payload.previousCategory, payload.newCategory ?? payload.category) : null,
				payload.rejectedReason,
				payload.reason,
				payload.description,
			],
		},
		normalizeTimestamp(body.timestamp),
		body,
	);
	return knownShape(event === null ? [] : [event]);
}

export function parseGupshup(body: IDataObject): ParseOutcome {
	const envelope = readMetaEnvelope(body);
	if (envelope) return envelope;

	const type = normalizeStatus(body.type);
	if (type !== null && isObject(body.payload)) {
		if (type === 'message-event') return readV2Status(body, body.payload);
		if (type === 'message') return readV2Inbound(body, body.payload);
		if (type === 'template-event') return readV2Template(body, body.payload);
		const check = type === 'user-event' && field(body.payload, 'phone') === CALLBACK_CHECK_PHONE;
		if (type.endsWith('-event')) return knownShape([], check);
	}
	// Platform events and notices without a payload.
	if (type !== null && type.endsWith('-event')) return knownShape([]);
	return unknownShape('Not a Gupshup callback: no entry[] (v3) and no type with payload (v2)');
}

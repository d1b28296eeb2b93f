/**
 * Meta's webhook shapes, which Kaleyra (inside `meta_object`), Gupshup v3 (as is) and
 * Insider (inbound messages) pass on: `entry[].changes[].value` holding `statuses[]`
 * and `messages[]`, and the template changes. Parsed here once for all three providers.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../json';
import {
	buttonReply,
	categoryChange,
	draftEvent,
	embeddedJson,
	errorForStatus,
	field,
	CALLBACK_BOUNDS,
	inboundMedia,
	list,
	listReply,
	mediaType,
	callbackPhone,
	normalizeStatus,
	normalizeTimestamp,
	obj,
	readError,
	templateEvent,
	text,
} from './normalize';
import {
	knownShape,
	unknownShape,
	type ButtonReply,
	type DraftEvent,
	type InboundMedia,
	type ListReply,
	type MediaType,
	type ParseOutcome,
	type Reaction,
} from './types';

/** What the envelope around a status or message says: the business number and the senders' profiles. */
export interface MetaContext {
	business: string | null;
	contacts: unknown[];
}

/** Collects events and notices across one callback. */
export interface MetaSink {
	events: DraftEvent[];
	/** Status entries that were no status but a platform notice (Gupshup's `{ type: "set-callback" }`). */
	notices: string[];
}

export const newSink = (): MetaSink => ({ events: [], notices: [] });

const tooMany = `More than ${CALLBACK_BOUNDS.maxEvents} events in one callback`;

/** The sender's profile name from `contacts[]`: the one whose wa_id is the sender, or the only one. */
function contactName(contacts: unknown[], from: string | null): string | null {
	const digits = from?.replace(/^\+/, '');
	const match = contacts.find((c) => text(field(c, 'wa_id'))?.replace(/^\+/, '') === digits);
	const contact = match ?? (contacts.length === 1 ? contacts[0] : undefined);
	return text(field(field(contact, 'profile'), 'name'));
}

interface Content {
	messageType: string | null;
	text: string | null;
	buttonReply: ButtonReply | null;
	listReply: ListReply | null;
	media: InboundMedia | null;
	reaction: Reaction | null;
}

const noContent = (messageType: string | null, words: string | null = null): Content => ({
	messageType,
	text: words,
	buttonReply: null,
	listReply: null,
	media: null,
	reaction: null,
});

/**
 * The file of a Meta media message: `image`, `document`, `video`, `audio` or `sticker` holding
 * `{ id, mime_type, sha256, caption?, filename? }`, and in Meta's current reference also `url`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/image).
 */
export function readMetaMedia(message: IDataObject, type: MediaType): InboundMedia | null {
	const file = obj(message[type]);
	return inboundMedia(type, { id: file.id, url: file.url, mimeType: file.mime_type, caption: file.caption, filename: file.filename });
}

/** What an inbound Meta message says, by its type. */
export function readMetaContent(message: IDataObject): Content {
	const type = normalizeStatus(message.type);
	switch (type) {
		case 'text':
			return noContent('text', text(field(message.text, 'body'), message.text));
		case 'interactive': {
			const interactive = obj(message.interactive);
			const kind = normalizeStatus(interactive.type)?.replace(/-/g, '_') ?? null;
			if (kind === 'button_reply' || kind === 'list_reply') {
				const reply = obj(interactive[kind]);
				// A list row also fills buttonReply, as it did before listReply existed: one check on buttonReply.id serves both.
				const tap = buttonReply(reply.id, reply.title);
				const row = kind === 'list_reply' ? listReply(reply.id, reply.title, reply.description) : null;
				return { ...noContent(kind, tap?.title ?? null), buttonReply: tap, listReply: row };
			}
			return noContent(kind ?? 'interactive');
		}
		case 'button': {
			// A template's quick-reply button: its payload is the id, its text the title.
			const button = obj(message.button);
			const tap = buttonReply(button.payload, button.text);
			return { ...noContent('quick_reply', tap?.title ?? null), buttonReply: tap };
		}
		case 'reaction': {
			// Removing a reaction comes without the emoji
			// (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/).
			const reaction = obj(message.reaction);
			const emoji = typeof reaction.emoji === 'string' ? reaction.emoji : '';
			return { ...noContent('reaction', text(emoji)), reaction: { messageId: text(reaction.message_id), emoji } };
		}
		case null:
			return noContent(null);
		default: {
			// Media and the rest: a caption is the closest thing to text.
			const kind = mediaType(type);
			return { ...noContent(type, text(field(message[type], 'caption'))), media: kind === null ? null : readMetaMedia(message, kind) };
		}
	}
}

/** One `statuses[]` entry; null when it is a notice rather than a status. */
export function readMetaStatus(status: unknown, context: MetaContext, at: string): DraftEvent | string | null {
	if (!isObject(status)) return `${at} is not an object`;
	const word = normalizeStatus(status.status);
	if (word === null) return text(status.type) !== null ? null : `${at} has no status`;
	const gsId = text(status.gs_id, status.gsId);
	const wamid = text(status.id);
	// Errors: Meta's errors[], an error object, or Gupshup's code and reason on the status itself.
	const error =
		readError(status.errors) ??
		readError(status.error) ??
		readError({ code: status.code, reason: status.reason });
	return draftEvent({
		event: 'status',
		messageId: gsId ?? wamid,
		status: word,
		recipient: callbackPhone(status.recipient_id ?? status.recipient),
		from: context.business,
		timestamp: normalizeTimestamp(status.timestamp),
		error: errorForStatus(word, error),
		wamid,
		source: status,
	});
}

/** One `messages[]` entry (an inbound message, a button or quick-reply tap). */
export function readMetaMessage(message: unknown, context: MetaContext, at: string): DraftEvent | string {
	if (!isObject(message)) return `${at} is not an object`;
	const from = callbackPhone(message.from);
	const id = text(message.id);
	if (from === null && id === null) return `${at} has neither from nor id`;
	const content = readMetaContent(message);
	const replyContext = obj(message.context);
	return draftEvent({
		event: 'message',
		messageId: id,
		recipient: context.business,
		from,
		timestamp: normalizeTimestamp(message.timestamp),
		text: content.text,
		buttonReply: content.buttonReply,
		listReply: content.listReply,
		media: content.media,
		reaction: content.reaction,
		wamid: id,
		messageType: content.messageType,
		replyTo: text(replyContext.gs_id, replyContext.gsId, replyContext.id),
		contactName: contactName(context.contacts, from),
		source: message,
	});
}

/** The events of one `value` (`{ metadata, contacts, statuses[], messages[] }`); a reason when it is malformed. */
export function readMetaValue(value: unknown, sink: MetaSink, at: string): string | null {
	if (!isObject(value)) return `${at} is not an object`;
	const context: MetaContext = {
		business: callbackPhone(field(value.metadata, 'display_phone_number')),
		contacts: list(value.contacts) ?? [],
	};
	for (const key of ['statuses', 'messages'] as const) {
		const entries = value[key];
		if (entries === undefined || entries === null) continue;
		if (!Array.isArray(entries)) return `${at}.${key} is not an array`;
		if (sink.events.length + entries.length > CALLBACK_BOUNDS.maxEvents) return tooMany;
		for (let i = 0; i < entries.length; i++) {
			const where = `${at}.${key}[${i}]`;
			const read =
				key === 'statuses'
					? readMetaStatus(entries[i], context, where)
					: readMetaMessage(entries[i], context, where);
			if (typeof read === 'string') return read;
			if (read === null) sink.notices.push(text(field(entries[i], 'type')) ?? 'notice');
			else sink.events.push(read);
		}
	}
	return null;
}

/** The events of one `value` as an outcome: malformed values are refused with the place named. */
export function readMetaValueOutcome(value: unknown, at: string): ParseOutcome {
	const sink = newSink();
	const problem = readMetaValue(value, sink, at);
	return problem ? unknownShape(problem) : metaOutcome(sink);
}

/**
 * A template change of Meta's webhooks as a `template` event; null for other fields (account, billing, quality, …).
 * `message_template_status_update`: `{ event, message_template_id, message_template_name, message_template_language,
 * reason, other_info?: { title, description } }`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update);
 * `template_category_update`: the same ids with `previous_category` and `new_category`, or, 24 hours ahead,
 * `new_category` (the current one), `correct_category` and `category_update_timestamp`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update).
 */
export function readMetaTemplate(fieldName: string, value: unknown, time: unknown): DraftEvent | null {
	if (!isObject(value)) return null;
	const parts = { id: value.message_template_id, name: value.message_template_name, language: value.message_template_language };
	if (fieldName === 'message_template_status_update') {
		// Kaleyra's dynamic variables may send other_info as a JSON string.
		const info = obj(embeddedJson(value.other_info));
		return templateEvent({ ...parts, status: value.event, reasons: [value.reason, info.description, info.title] }, normalizeTimestamp(time), value);
	}
	if (fieldName === 'template_category_update') {
		const change =
			value.correct_category !== undefined
				? categoryChange(value.new_category, value.correct_category, value.category_update_timestamp)
				: categoryChange(value.previous_category, value.new_category);
		return templateEvent({ ...parts, status: 'category-update', reasons: [change] }, normalizeTimestamp(time), value);
	}
	return null;
}

/**
 * Meta's envelope `{ object, entry: [ { changes: [ { field, value } ] } ] }`: its events,
 * or undefined when `body` is not one. Template changes are `template` events; other fields
 * (account, billing, quality events) are known and carry no event.
 */
export function readMetaEnvelope(body: IDataObject): ParseOutcome | undefined {
	if (body.entry === undefined) return undefined;
	const entries = list(body.entry);
	if (!entries) return unknownShape('entry is not an array');
	const sink = newSink();
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i];
		if (!isObject(entry)) return unknownShape(`entry[${i}] is not an object`);
		if (entry.changes === undefined) continue;
		const changes = list(entry.changes);
		if (!changes) return unknownShape(`entry[${i}].changes is not an array`);
		for (let j = 0; j < changes.length; j++) {
			const change = changes[j];
			const at = `entry[${i}].changes[${j}]`;
			if (!isObject(change)) return unknownShape(`${at} is not an object`);
			const fieldName = text(change.field);
			if (fieldName !== null && fieldName !== 'messages') {
				const template = readMetaTemplate(fieldName, change.value, entry.time);
				if (template === null) continue;
				if (sink.events.length >= CALLBACK_BOUNDS.maxEvents) return unknownShape(tooMany);
				sink.events.push(template);
				continue;
			}
			const problem = readMetaValue(change.value, sink, `${at}.value`);
			if (problem) return unknownShape(problem);
		}
	}
	return metaOutcome(sink);
}

/** The outcome of a sink: a connectivity check when it held only Gupshup's `set-callback` notices. */
export function metaOutcome(sink: MetaSink): ParseOutcome {
	const check = sink.events.length === 0 && sink.notices.length > 0 && sink.notices.every((n) => n === 'set-callback');
	return knownShape(sink.events, check);
}

/**
 * What a provider's callback parser produces: the fields of the trigger's items, read from
 * one callback. Below both the trigger and the providers (nothing here names either).
 */
import type { IDataObject } from 'n8n-workflow';

/** A message's status, an inbound message, or (added 2026-12-08) a template's status change. */
export type TriggerEventKind = 'status' | 'message' | 'template';

export interface CallbackError extends IDataObject {
	code: string | null;
	message: string;
	/** For WhatsApp's template and 24-hour-window errors: what to do (added 2026-12). */
	hint?: string;
}

export interface ButtonReply extends IDataObject {
	id: string;
	title: string;
}

/** A list-row choice (added 2026-12): the row's ID and title as sent, and its description when it had one. */
export interface ListReply extends IDataObject {
	id: string;
	title: string;
	description: string | null;
}

/** WhatsApp's media kinds, by Meta's names (Gupshup's `file` is a `document`). */
export type MediaType = 'image' | 'document' | 'video' | 'audio' | 'sticker';

/** An inbound file (added 2026-12). Null fields: the provider did not send them. */
export interface InboundMedia extends IDataObject {
	type: MediaType;
	/** Meta's media id (for the provider's media API); Gupshup v2 sends none. */
	id: string | null;
	/** An http(s) link to the file when the provider sends one (Kaleyra's `extra_info.media_url`, Gupshup v2's `payload.url`). */
	url: string | null;
	mimeType: string | null;
	caption: string | null;
	/** Documents: the file name the sender's phone gave. */
	filename: string | null;
}

/**
 * A template's status change (added 2026-12-08). `status` is the new status in lower case with dashes (`approved`,
 * `rejected`, `paused`, `disabled`, `pending-deletion`, `in-appeal`, …), or `category-update` when WhatsApp changed
 * the template's category; `reason` says why (Meta's "NONE" is null).
 */
export interface TemplateUpdate extends IDataObject {
	/** Meta's template id; in Gupshup's own events, Gupshup's template id. */
	id: string | null;
	name: string | null;
	language: string | null;
	status: string;
	reason: string | null;
}

/** An inbound reaction (added 2026-12-08): the emoji and the message it is on; `emoji` is "" when the reaction was removed. */
export interface Reaction extends IDataObject {
	/** Meta's id (wamid) of the message reacted to. */
	messageId: string | null;
	emoji: string;
}

/** Kaleyra's three free-form references, carried over from the send call's `extra_info`. */
export interface CallbackRefs extends IDataObject {
	ref: string | null;
	ref1: string | null;
	ref2: string | null;
}

/** What the trigger reads of one event: every field of its item but `provider` and `raw`. Null when it does not apply. */
export interface EventFields {
	event: TriggerEventKind;
	/** The id the action node reported for our message (Insider key, Kaleyra message_id, Gupshup id); for an inbound message, its own id. */
	messageId: string | null;
	/** Lower-case status (`sent`, `delivered`, `read`, `failed`, `enqueued`, `not-sent`, `deleted`, …); null for messages and template events (their status is `template.status`). */
	status: string | null;
	recipient: string | null;
	from: string | null;
	/** ISO 8601, UTC. */
	timestamp: string | null;
	error: CallbackError | null;
	ref: string | null;
	text: string | null;
	buttonReply: ButtonReply | null;
	listReply: ListReply | null;
	media: InboundMedia | null;
	refs: CallbackRefs | null;
	/** Meta's message id (wamid), when the callback names it. */
	wamid: string | null;
	/** Inbound only: `text`, `button_reply`, `quick_reply`, `list_reply`, `image`, … */
	messageType: string | null;
	/** Inbound only: the id of our message that this one answers (a button tap always has one). */
	replyTo: string | null;
	/** Inbound only: the sender's WhatsApp profile name. */
	contactName: string | null;
	/** Template events only. */
	template: TemplateUpdate | null;
	/** Inbound reactions only. */
	reaction: Reaction | null;
}

/** An event as a provider parser reads it. */
export interface DraftEvent extends EventFields {
	/** The event's own entry in the callback (a `statuses[]` element, …), or the whole callback. */
	source: IDataObject;
}

/** What a provider parser makes of one callback object. */
export type ParseOutcome =
	/** A known shape; `events` may be empty (a platform event, a connectivity check). */
	| { ok: true; events: DraftEvent[]; connectivityCheck?: boolean }
	/** Not a shape this provider sends; `reason` is short and safe to answer with. */
	| { ok: false; reason: string };

export const unknownShape = (reason: string): ParseOutcome => ({ ok: false, reason });
export const knownShape = (events: DraftEvent[], connectivityCheck = false): ParseOutcome =>
	connectivityCheck ? { ok: true, events, connectivityCheck } : { ok: true, events };

import type { IDataObject } from 'n8n-workflow';

import { field, firstText, isObject } from '../json';
import { whatsappErrorHint } from '../whatsapp-errors';
import type { ButtonReply, CallbackError, DraftEvent, InboundMedia, ListReply, MediaType } from './types';

export { field };

/** Bounds on what one callback may hold; beyond them it is answered 400, never walked further. */
export const CALLBACK_BOUNDS = {
	/** Meta's webhooks are about 10 levels deep; nothing real comes near this. */
	maxDepth: 32,
	/** Objects, arrays and values visited when checking a body's shape. */
	maxNodes: 1_000_000,
	/** Events in one callback (Meta batches up to 1,000 updates per webhook). */
	maxEvents: 10_000,
	/** A JSON document embedded as a string (Kaleyra's meta_object may arrive so). */
	maxEmbeddedJson: 1_000_000,
	/** Longest status word kept as such. */
	maxStatusLength: 64,
};

/** Statuses that mean the message did not get through: their items always carry an error. */
const FAILURE_STATUSES = new Set(['failed', 'not-sent']);

/** The first value that is a non-empty string or a number, as text; null when none is. */
export function text(...values: unknown[]): string | null {
	const found = firstText(...values);
	return found === '' ? null : found;
}

/** `value` when it is an object, else an empty one (for reading optional sub-objects). */
export function obj(value: unknown): IDataObject {
	return isObject(value) ? value : {};
}

/** `value` when it is an array, else undefined. */
export function list(value: unknown): unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

/** Lower-case, dash-separated status word: `Not_Sent` → `not-sent`. Null when there is none. */
export function normalizeStatus(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const word = value.trim().toLowerCase().replace(/[\s_]+/g, '-').slice(0, CALLBACK_BOUNDS.maxStatusLength);
	if (word === '') return null;
	return word === 'notsent' ? 'not-sent' : word;
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds → milliseconds, by magnitude. */
function epochToMs(n: number): number {
	const size = Math.abs(n);
	if (size < 1e11) return n * 1000;
	if (size < 1e14) return n;
	if (size < 1e17) return n / 1e3;
	return n / 1e6;
}

function isoFromMs(ms: number): string | null {
	if (!Number.isFinite(ms) || ms <= 0) return null;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;
// A date and time without a zone, e.g. Kaleyra's `2024-03-20 13:45:01`: read as UTC, not local time.
const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;

/**
 * ISO 8601 (UTC) from whatever a provider sent: epoch seconds or milliseconds (or finer),
 * as a number or a string, or a date string. Null when it is none of those.
 */
export function normalizeTimestamp(value: unknown): string | null {
	if (typeof value === 'number') return isoFromMs(epochToMs(value));
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	if (trimmed === '' || trimmed.length > 64) return null;
	if (NUMERIC.test(trimmed)) return isoFromMs(epochToMs(Number(trimmed)));
	const zoneless = ZONELESS.exec(trimmed);
	const parsed = Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : trimmed);
	return isoFromMs(parsed);
}

/**
 * A phone number in E.164 with the leading `+` when it looks like one (Meta sends bare
 * digits, Insider `+` and digits); anything else (a masked number, a user id) as sent.
 */
export function callbackPhone(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	const compact = raw.replace(/[\s\-().]/g, '');
	if (/^\+?\d{6,15}$/.test(compact)) return `+${compact.replace(/^\+/, '')}`;
	return raw;
}

/**
 * `{ code, message }` from an error as providers send it: Meta's `errors[]`
 * (`code`, `title`, `message`, `error_data.details`), Insider's `error`
 * (`code`, `message`), Gupshup's `code` and `reason`, or a bare message string.
 */
export function readError(value: unknown): CallbackError | null {
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first === 'string') return first.trim() === '' ? null : { code: null, message: first };
	if (!isObject(first)) return null;
	const code = text(first.code, first.error_code, first.errorCode);
	const base = text(first.message, first.title, first.reason, first.error_message, first.errorMessage, first.description);
	const details = text(field(first.error_data, 'details'), first.details);
	const message = base !== null && details !== null && details !== base ? `${base}: ${details}` : (base ?? details);
	if (code === null && message === null) return null;
	return { code, message: message ?? `Error ${code}` };
}

/** The error an item carries: the provider's, or a plain one for a failure reported without details. */
export function errorForStatus(status: string | null, error: CallbackError | null): CallbackError | null {
	if (error) {
		const hint = whatsappErrorHint(error.code);
		return hint ? { ...error, hint } : error;
	}
	if (status !== null && FAILURE_STATUSES.has(status)) {
		return { code: null, message: `The provider reported the message as ${status} without details` };
	}
	return null;
}

/** A tapped button (reply button, list row, template quick reply): either part stands in for a missing other. */
export function buttonReply(id: unknown, title: unknown): ButtonReply | null {
	const idText = text(id);
	const titleText = text(title);
	if (idText === null && titleText === null) return null;
	return { id: idText ?? (titleText as string), title: titleText ?? (idText as string) };
}

/** A list-row choice: like a button, either of id and title stands in for a missing other. */
export function listReply(id: unknown, title: unknown, description: unknown): ListReply | null {
	const tap = buttonReply(id, title);
	return tap === null ? null : { id: tap.id, title: tap.title, description: text(description) };
}

/** Providers' words for a media message → Meta's media kinds; null for anything that is not a file. */
const MEDIA_TYPES: Record<string, MediaType> = {
	image: 'image',
	document: 'document',
	file: 'document',
	video: 'video',
	audio: 'audio',
	voice: 'audio',
	sticker: 'sticker',
};

/** The media kind of a message type (`image`, Gupshup's `file`, …), or null when it carries no file. */
export function mediaType(value: unknown): MediaType | null {
	const word = normalizeStatus(value);
	return word !== null && Object.prototype.hasOwnProperty.call(MEDIA_TYPES, word) ? MEDIA_TYPES[word] : null;
}

/** `value` when it is an absolute http(s) URL, else null: only such a link can be downloaded. */
export function mediaUrl(value: unknown): string | null {
	const link = text(value)?.trim() ?? '';
	try {
		return /^https?:$/.test(new URL(link).protocol) ? link : null;
	} catch {
		return null;
	}
}

/** The parts of an inbound file, in whatever fields a provider names them. */
export interface MediaParts {
	id?: unknown;
	url?: unknown;
	mimeType?: unknown;
	caption?: unknown;
	filename?: unknown;
}

/** An inbound file of message type `type`, or null when that type carries none. */
export function inboundMedia(type: unknown, parts: MediaParts): InboundMedia | null {
	const kind = mediaType(type);
	if (kind === null) return null;
	return {
		type: kind,
		id: text(parts.id),
		url: mediaUrl(parts.url),
		mimeType: text(parts.mimeType),
		caption: text(parts.caption),
		filename: text(parts.filename),
	};
}

/** A draft event with every field that does not apply set to null. */
export function draftEvent(fields: Partial<DraftEvent> & Pick<DraftEvent, 'event' | 'source'>): DraftEvent {
	return {
		messageId: null,
		status: null,
		recipient: null,
		from: null,
		timestamp: null,
		error: null,
		ref: null,
		text: null,
		buttonReply: null,
		listReply: null,
		media: null,
		refs: null,
		wamid: null,
		messageType: null,
		replyTo: null,
		contactName: null,
		template: null,
		reaction: null,
		...fields,
	};
}

/** The parts of a template's status change, in whatever fields a provider names them. */
export interface TemplateParts {
	id: unknown;
	name: unknown;
	language: unknown;
	status: unknown;
	/** Candidates for the reason, in order: the first that is text and not Meta's "NONE" is it. */
	reasons: unknown[];
}

/** A template status change (event `template`), or null when it names no status. */
export function templateEvent(parts: TemplateParts, timestamp: string | null, source: IDataObject): DraftEvent | null {
	const status = normalizeStatus(parts.status);
	if (status === null) return null;
	const reason = parts.reasons.map((r) => text(r)).find((r) => r !== null && r.trim().toUpperCase() !== 'NONE') ?? null;
	return draftEvent({
		event: 'template',
		timestamp,
		template: { id: text(parts.id), name: text(parts.name), language: text(parts.language), status, reason },
		source,
	});
}

/** A category change as a reason: `UTILITY → MARKETING`, with when it takes effect if that is later; null without the new category. */
export function categoryChange(from: unknown, to: unknown, at?: unknown): string | null {
	const next = text(to);
	if (next === null) return null;
	const when = normalizeTimestamp(at);
	return `${text(from) ?? '?'} → ${next}${when === null ? '' : ` on ${when}`}`;
}

/**
 * Checks that a parsed body is within the depth and size bounds, walking it with an
 * explicit stack (no recursion). Returns a short reason, or null when it is fine.
 */
export function checkStructure(value: unknown): string | null {
	const stack: Array<[unknown, number]> = [[value, 1]];
	let visited = 0;
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (++visited > CALLBACK_BOUNDS.maxNodes) return `The body has more than ${CALLBACK_BOUNDS.maxNodes} values`;
		if (typeof current !== 'object' || current === null) continue;
		if (depth > CALLBACK_BOUNDS.maxDepth) return `The body is nested deeper than ${CALLBACK_BOUNDS.maxDepth} levels`;
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
			else if (++visited > CALLBACK_BOUNDS.maxNodes) return `The body has more than ${CALLBACK_BOUNDS.maxNodes} values`;
		}
	}
	return null;
}

/**
 * A value that may be a JSON document embedded as a string: the parsed object, the
 * value itself when it is not a string, or undefined when the string is not (bounded) JSON.
 */
export function embeddedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed.length > CALLBACK_BOUNDS.maxEmbeddedJson || !/^[[{]/.test(trimmed)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return undefined;
	}
	return checkStructure(parsed) === null ? parsed : undefined;
}

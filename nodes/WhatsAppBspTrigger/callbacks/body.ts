/**
 * The JSON a callback carries, whatever n8n made of the request before the node saw it.
 * n8n parses `application/json` itself (and answers 422 on broken JSON before the node
 * runs), parses urlencoded and XML bodies into objects, hands `text/plain` over as a
 * string and leaves other types unparsed; the bytes are kept as `rawBody` in every case.
 */
import { isObject } from '../../shared/json';

/** The parts of n8n's request object read here. */
export interface CallbackRequest {
	headers?: Record<string, string | string[] | undefined>;
	/** Set by n8n's body reader: the body's bytes (a Buffer), undecoded. */
	rawBody?: unknown;
	/** Set by n8n: the media type without parameters. */
	contentType?: string;
}

export type BodyRead = { ok: true; value: unknown } | { ok: false; reason: string };

/** Media types whose parsed form is not the JSON the provider sent. */
const NOT_JSON_TYPES = /^(application\/x-www-form-urlencoded|multipart\/|.*[/+]xml$)/;

function mediaType(request: CallbackRequest): string | undefined {
	const type = request.contentType ?? request.headers?.['content-type'];
	return typeof type === 'string' ? type.split(';')[0].trim().toLowerCase() : undefined;
}

/** A reason naming the media type, kept short (the header is the caller's). */
function notJson(type: string | undefined): BodyRead {
	if (type === undefined || type === '') return { ok: false, reason: 'The body is not JSON' };
	return { ok: false, reason: `The body is not JSON (${type.length > 60 ? `${type.slice(0, 60)}…` : type})` };
}

function bytesAsText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Buffer.isBuffer(value)) return value.toString('utf8');
	if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
	return undefined;
}

/**
 * `{ ok: true, value }` with the parsed JSON, `value` undefined for an empty body; or
 * `{ ok: false, reason }` when the body is not JSON.
 */
export function readJsonBody(request: CallbackRequest, body: unknown): BodyRead {
	const type = mediaType(request);
	const bytes = Buffer.isBuffer(body) || body instanceof Uint8Array;
	const parsedByN8n = !bytes && ((isObject(body) && Object.keys(body).length > 0) || Array.isArray(body));
	if (parsedByN8n && !(type !== undefined && NOT_JSON_TYPES.test(type))) return { ok: true, value: body };

	const source = bytesAsText(request.rawBody) ?? bytesAsText(body);
	if (source === undefined) {
		if (parsedByN8n) return notJson(type);
		return { ok: true, value: undefined };
	}
	const json = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
	if (json.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(json) as unknown };
	} catch {
		return notJson(type);
	}
}

/**
 * Download Media: the file of each inbound media item, fetched from the link the provider sent
 * (Kaleyra's `extra_info.media_url`, Gupshup v2's `payload.url`) and put in the item's binary
 * `data`. A download that cannot be made or fails leaves the item as it is, with its `media`
 * and a `mediaDownloadError` saying why: the event is never lost for a file.
 */
import type { IBinaryData, IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { ownEntry } from '../shared/json';
import type { InboundMedia, TriggerItem } from './callbacks/types';

export const MEDIA_DOWNLOAD = {
	/** Max Download Size's default, in MB: above WhatsApp's 16 MB for video, below its 100 MB for documents. */
	defaultMaxMb: 25,
	/** WhatsApp's largest file (a document). */
	largestMb: 100,
	/** One download, from the request to the last byte; the provider has had its answer by then. */
	timeoutMs: 120_000,
	/** The binary property the file goes to (CONTRACT.md: the item's binary `data`). */
	binaryProperty: 'data',
	/**
	 * The most files one callback's execution downloads, and their most bytes together: the execution holds them all,
	 * and a provider sends one inbound message a callback, so more is unusual and must not exhaust n8n's memory.
	 */
	maxFilesPerCallback: 10,
	maxCallbackMb: 200,
};

const MB = 1024 * 1024;

/** Common WhatsApp media types → a file extension, for files that come without a name. */
const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/ogg': 'ogg',
	'audio/mpeg': 'mp3',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mp4': 'm4a',
	'application/pdf': 'pdf',
	'text/plain': 'txt',
};

export interface DownloadSettings {
	/** Max Download Size, in MB as the user set it (for messages) and in bytes. */
	maxMb: number;
	maxBytes: number;
	/** Why nothing may be downloaded, when that is so. */
	refusal?: string;
}

/** The Download Media settings of the node, or null when it is off. */
export function downloadSettings(ctx: IWebhookFunctions): DownloadSettings | null {
	if (ctx.getNodeParameter('downloadMedia', false) !== true) return null;
	const value = Number(ctx.getNodeParameter('maxDownloadSize', MEDIA_DOWNLOAD.defaultMaxMb));
	const maxMb = Number.isFinite(value) && value > 0 ? Math.min(value, MEDIA_DOWNLOAD.largestMb) : MEDIA_DOWNLOAD.defaultMaxMb;
	return { maxMb, maxBytes: Math.floor(maxMb * MB) };
}

/** The parts of n8n's full response (returnFullResponse) read here. */
interface FullResponse {
	statusCode?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** A response body as n8n hands it over with `encoding: 'stream'`: a Node stream (or, from fakes, bytes). */
type ByteStream = AsyncIterable<unknown> & { destroy?: (error?: Error) => unknown };

function isByteStream(value: unknown): value is ByteStream {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Lets go of a body that will not be read, so its connection is not held open. */
function discard(body: unknown): void {
	if (isByteStream(body) && typeof body.destroy === 'function') body.destroy();
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

class TooLarge extends Error {}

/**
 * The body's bytes, read chunk by chunk and given up as soon as they pass `maxBytes`: a file
 * larger than the limit is never held whole, whatever its Content-Length said.
 */
async function readBounded(body: unknown, maxBytes: number): Promise<Buffer> {
	if (Buffer.isBuffer(body)) {
		if (body.length > maxBytes) throw new TooLarge();
		return body;
	}
	if (!isByteStream(body)) throw new Error('the answer had no body');
	const chunks: Buffer[] = [];
	let size = 0;
	// Leaving the loop early (return, throw) ends the iteration, which destroys the stream.
	for await (const chunk of body) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
		size += bytes.length;
		if (size > maxBytes) throw new TooLarge();
		chunks.push(bytes);
	}
	return Buffer.concat(chunks, size);
}

/** A file name for the binary: the sender's own (without any folder), else `<type>-<id>.<ext>`. */
function fileNameOf(media: InboundMedia, item: TriggerItem, mimeType: string | undefined): string {
	const own = media.filename?.split(/[\\/]/).pop()?.trim();
	if (own) return own;
	const id = (media.id ?? item.messageId ?? 'file').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
	const extension = mimeType ? ownEntry(EXTENSIONS, mimeType.split(';')[0].trim().toLowerCase()) : undefined;
	return extension ? `${media.type}-${id}.${extension}` : `${media.type}-${id}`;
}

type Outcome = { binary: IBinaryData; size: number } | { error: string };

async function download(ctx: IWebhookFunctions, item: TriggerItem, media: InboundMedia, settings: DownloadSettings): Promise<Outcome> {
	if (media.url === null) {
		return { error: 'The provider sent no download link for this file, only its media id (see the item\'s media.id)' };
	}
	const limit = `the Max Download Size of ${settings.maxMb} MB`;
	const signal = AbortSignal.timeout(MEDIA_DOWNLOAD.timeoutMs);
	let response: FullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url: media.url,
			encoding: 'stream',
			returnFullResponse: true,
			// The status is read here, so that a 404 becomes the item's note rather than an exception.
			ignoreHttpStatusErrors: true,
			abortSignal: signal,
		})) as FullResponse;
	} catch (error) {
		return { error: `Downloading the file failed: ${signal.aborted ? `no answer within ${MEDIA_DOWNLOAD.timeoutMs / 1000} s` : (error as Error).message}` };
	}
	const status = response.statusCode ?? 0;
	if (status < 200 || status >= 300) {
		discard(response.body);
		return { error: `Downloading the file failed: HTTP ${status}` };
	}
	const declared = Number(header(response.headers, 'content-length'));
	if (Number.isFinite(declared) && declared > settings.maxBytes) {
		discard(response.body);
		return { error: `The file is ${megabytes(declared)}, more than ${limit}` };
	}
	let bytes: Buffer;
	try {
		bytes = await readBounded(response.body, settings.maxBytes);
	} catch (error) {
		discard(response.body);
		if (error instanceof TooLarge) return { error: `The file is larger than ${limit}` };
		return { error: `Downloading the file failed: ${signal.aborted ? `not complete within ${MEDIA_DOWNLOAD.timeoutMs / 1000} s` : (error as Error).message}` };
	}
	// The provider's word on the type first: file hosts often answer application/octet-stream.
	const mimeType = media.mimeType ?? header(response.headers, 'content-type');
	try {
		return { binary: await ctx.helpers.prepareBinaryData(bytes, fileNameOf(media, item, mimeType), mimeType), size: bytes.length };
	} catch (error) {
		return { error: `Storing the file failed: ${(error as Error).message}` };
	}
}

/**
 * Why a callback's `count`-th file is not downloaded, when `budget` bytes are left of the callback's share, or
 * undefined: a file is downloaded only while a file of Max Download Size still fits.
 */
function callbackLimit(count: number, budget: number, settings: DownloadSettings): string | undefined {
	const { maxFilesPerCallback, maxCallbackMb } = MEDIA_DOWNLOAD;
	if (count > maxFilesPerCallback) return `Not downloaded: one callback's execution downloads at most ${maxFilesPerCallback} files`;
	if (budget < settings.maxBytes) return `Not downloaded: one callback's execution downloads at most ${maxCallbackMb} MB of files together`;
	return undefined;
}

/**
 * The execution's items with the files of media items in their binary `data`, one download at a
 * time (memory holds at most one file being read). Never throws: a failure is the item's
 * `mediaDownloadError`.
 */
export async function withMediaFiles(
	ctx: IWebhookFunctions,
	items: TriggerItem[],
	settings: DownloadSettings,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	let files = 0;
	let budget = MEDIA_DOWNLOAD.maxCallbackMb * MB;
	for (const item of items) {
		if (item.media === null) {
			out.push({ json: item });
			continue;
		}
		const refusal = settings.refusal ?? callbackLimit(++files, budget, settings);
		const outcome = refusal ? { error: refusal } : await download(ctx, item, item.media, settings);
		if ('binary' in outcome) {
			budget -= outcome.size;
			out.push({ json: item, binary: { [MEDIA_DOWNLOAD.binaryProperty]: outcome.binary } });
		} else {
			ctx.logger.warn(`WhatsApp BSP Trigger: the file of message ${item.messageId ?? '(no id)'} was not downloaded: ${outcome.error}`);
			const json: IDataObject = { ...item, mediaDownloadError: outcome.error };
			out.push({ json });
		}
	}
	return out;
}

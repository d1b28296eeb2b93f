/**
 * The upload phase of the action nodes: files of the items' binary data become provider media IDs before anything
 * is sent. It runs after every item's own checks and before the sends:
 *
 * 1. Each item that sends a binary file is checked (the file is there, its type and size fit WhatsApp's limits for
 *    its kind), through n8n's binary helpers, so that it works in every binary data mode (in memory, filesystem,
 *    S3, database): metadata first, without reading the file.
 * 2. Each distinct file (one n8n binary ID, or one in-memory content) is read once, as a stream, for its SHA-256 and
 *    exact size. The same bytes under different items, even when each item carries its own copy, are one file.
 * 3. Each distinct file is uploaded once (per sender scope, for Kaleyra), streamed as multipart/form-data, with the
 *    send engine's retries (429, 5xx, lost connections) and at the provider's upload rate. Its media ID goes into
 *    every message that sends it.
 *
 * A file that fails to upload fails only the items that send it: with Continue On Fail they become error items, the
 * others are sent; without it, the node stops before sending anything.
 */
import { createHash, randomBytes } from 'crypto';
import type { IBinaryData, IDataObject, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import type { MediaUploader, Outgoing, UploadFile } from './adapter';
import { baseMimeType, describeSize, mediaFileProblem, type Problem } from './checks';
import { errorItemJson, itemLabel, providerError, type SendFailure } from './errors';
import type { MediaUpload } from './message';
import type { SendSettings } from './options';
import { leasePacer } from './pacers';
import type { RequestPacer } from './rate-limit';
import { sendWithRetries, type Transport } from './transport';

// ---------------------------------------------------------------------------------------------------------------
// multipart/form-data, streamed

/** A field of a multipart body: a text value, or a file. */
export type MultipartPart = { field: string; value: string } | { field: string; file: UploadFile };

/** A name or file name inside a Content-Disposition header, escaped as browsers do (WHATWG FormData). */
const quoted = (value: string) => value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A multipart/form-data body (RFC 7578) for n8n's request helper that streams the file instead of holding it.
 * The body is shaped like a Blob (`type`, `size`, `stream()`): the helper hands it to axios, which sends
 * `Content-Type` with the boundary and the exact `Content-Length`, and reads `stream()` in chunks. Each try of the
 * request calls `stream()` again, so a retried upload reopens the file. No runtime dependency (n8n's rules).
 */
export function multipartBody(parts: MultipartPart[]): IDataObject {
	const boundary = `n8n-whatsapp-bsp-${randomBytes(12).toString('hex')}`;
	const heads = parts.map((part, index) => {
		const disposition = `Content-Disposition: form-data; name="${quoted(part.field)}"`;
		const headers =
			'file' in part
				? `${disposition}; filename="${quoted(part.file.fileName)}"\r\nContent-Type: ${part.file.mimeType}`
				: disposition;
		return Buffer.from(`${index === 0 ? '' : '\r\n'}--${boundary}\r\n${headers}\r\n\r\n`, 'utf8');
	});
	const values = parts.map((part) => ('file' in part ? undefined : Buffer.from(part.value, 'utf8')));
	const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
	const size =
		heads.reduce((sum, head) => sum + head.length, 0) +
		parts.reduce((sum, part, index) => sum + ('file' in part ? part.file.size : (values[index] as Buffer).length), 0) +
		closing.length;
	return {
		type: `multipart/form-data; boundary=${boundary}`,
		size,
		stream: async function* () {
			for (let index = 0; index < parts.length; index++) {
				yield heads[index];
				const part = parts[index];
				if (!('file' in part)) {
					yield values[index] as Buffer;
					continue;
				}
				let sent = 0;
				for await (const chunk of part.file.open()) {
					sent += chunk.length;
					yield chunk;
				}
				// The length was announced: a file that changed meanwhile must not go out cut or padded.
				if (sent !== part.file.size) throw new Error(`the file is ${sent} bytes now, not ${part.file.size}`);
			}
			yield closing;
		},
		// How axios recognizes a Blob; with it, the body is streamed and never serialized.
		[Symbol.toStringTag]: 'Blob',
	} as unknown as IDataObject;
}

// ---------------------------------------------------------------------------------------------------------------
// The phase

/** The pacer route of uploads, beside the send routes (`messages`, Insider's endpoints). */
const UPLOAD_ROUTE = 'media-upload';

/** One distinct file of the execution: one n8n binary ID, or one in-memory content. */
interface Source {
	/** The size before reading: the binary's metadata, or the length of its in-memory content. */
	declaredSize?: number;
	/** Reads the file from the start. */
	open(): AsyncIterable<Uint8Array>;
	read?: Promise<{ sha256: string; size: number } | { error: string }>;
}

/** One item's need of one file: its binary property (type, name) and the file's content. */
interface Need {
	message: Outgoing;
	upload: MediaUpload;
	binary: IBinaryData;
	source: Source;
}

interface Upload {
	file: UploadFile;
	needs: Need[];
}

export interface UploadResult {
	/** The messages ready to send: every file they need is uploaded and its media ID filled in. */
	ready: Outgoing[];
	/** Without Continue On Fail, the first failed upload: nothing must be sent. */
	failure?: NodeApiError;
}

const fileLabel = (need: Need) => {
	const name = need.binary.fileName;
	return `binary file "${need.upload.binaryPropertyName}"${name ? ` (${name})` : ''}`;
};

function missingBinary(inputItem: INodeExecutionData | undefined, property: string): string {
	const fields = Object.keys(inputItem?.binary ?? {});
	const has = fields.length === 0 ? 'the item has no binary data' : `the item's binary fields are ${fields.map((f) => `"${f}"`).join(', ')}`;
	return `input binary field "${property}" is missing; ${has}`;
}

/** Sources by n8n binary ID and by in-memory content, so that each distinct file is read and uploaded once. */
function sourceRegistry(transport: Transport) {
	const { ctx } = transport;
	const byId = new Map<string, Source>();
	// In memory, the content itself is the key: the same string (or an equal one) is the same file. V8 hashes a long
	// string by its length, then compares content only when lengths match, so this costs no copy.
	const byData = new Map<string, Source>();
	return async (binary: IBinaryData): Promise<Source> => {
		const known = binary.id ? byId.get(binary.id) : byData.get(binary.data);
		if (known) return known;
		let source: Source;
		const id = binary.id;
		if (id) {
			let declaredSize: number | undefined;
			try {
				const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
				declaredSize = Number.isFinite(Number(fileSize)) ? Number(fileSize) : undefined;
			} catch {
				declaredSize = undefined; // known once read
			}
			source = {
				declaredSize,
				open: async function* () {
					yield* await ctx.helpers.getBinaryStream(id);
				},
			};
		} else {
			source = {
				declaredSize: Buffer.byteLength(binary.data, 'base64'),
				open: async function* () {
					yield Buffer.from(binary.data, 'base64');
				},
			};
		}
		if (binary.id) byId.set(binary.id, source);
		else byData.set(binary.data, source);
		return source;
	};
}

/** Reads a source once for its digest and exact size. */
function readSource(source: Source) {
	source.read ??= (async () => {
		try {
			const hash = createHash('sha256');
			let size = 0;
			for await (const chunk of source.open()) {
				hash.update(chunk);
				size += chunk.length;
			}
			return { sha256: hash.digest('hex'), size };
		} catch (error) {
			return { error: (error as Error).message };
		}
	})();
	return source.read;
}

function uploadFailureError(transport: Transport, failure: SendFailure, need: Need, upload: Upload): NodeApiError {
	const { ctx, adapter } = transport;
	const error = providerError(ctx.getNode(), adapter, failure, need.message.itemIndex, 1);
	const others = upload.needs.length - 1;
	const status = failure.httpCode === null ? 'No HTTP answer' : `HTTP ${failure.httpCode}`;
	const hint = failure.hint ? ` ${failure.hint}.` : '';
	error.description =
		`${status} uploading ${fileLabel(need)}, ${describeSize(upload.file.size)}, for ${itemLabel(need.message.itemIndex)}` +
		`${others > 0 ? ` and ${others} other item${others === 1 ? ' that sends' : 's that send'} the same file` : ''}.${hint} ` +
		'Nothing was sent for this item.';
	return error;
}

/**
 * Uploads every binary file the messages need and fills in the media IDs (with `dryRun`, only checks them). `refuse` is the engine's refusal of an
 * invalid item (it throws without Continue On Fail); failed uploads become error items in `results` with Continue
 * On Fail, or the returned failure without it.
 */
export async function uploadMedia(
	transport: Transport,
	messages: Outgoing[],
	settings: SendSettings,
	continueOnFail: boolean,
	results: INodeExecutionData[],
	refuse: (itemIndex: number, problems: Problem[]) => void,
	dryRun = false,
): Promise<UploadResult> {
	if (!messages.some((message) => message.uploads?.length)) return { ready: messages };
	const { ctx, adapter, credentials } = transport;
	const uploader = adapter.uploads;
	const dropped = new Set<number>();
	const inputItems = ctx.getInputData();
	const sourceOf = sourceRegistry(transport);

	// 1. Every item's files: there, of a type and a declared size WhatsApp takes. No file is read yet.
	const needs: Need[] = [];
	for (const message of messages) {
		if (!message.uploads?.length) continue;
		const problems: Problem[] = [];
		const mine: Need[] = [];
		for (const upload of message.uploads) {
			if (!uploader) {
				problems.push({ field: upload.field, text: `${adapter.displayName} takes no file uploads; send the media by URL or media ID` });
				continue;
			}
			let binary: IBinaryData;
			try {
				binary = ctx.helpers.assertBinaryData(message.itemIndex, upload.binaryPropertyName);
			} catch {
				problems.push({ field: upload.field, text: missingBinary(inputItems[message.itemIndex], upload.binaryPropertyName) });
				continue;
			}
			const need: Need = { message, upload, binary, source: await sourceOf(binary) };
			const declared = need.source.declaredSize;
			const problem = mediaFileProblem(upload.kind, binary.mimeType ?? '', declared ?? 1);
			if (problem) problems.push({ field: upload.field, text: `${fileLabel(need)} ${problem}` });
			else mine.push(need);
		}
		if (problems.length > 0) {
			dropped.add(message.itemIndex);
			refuse(message.itemIndex, problems);
		} else {
			needs.push(...mine);
		}
	}

	// 2. Each distinct file read once: its digest, and its exact size checked again (metadata may be missing).
	const uploads = new Map<string, Upload>();
	for (const need of needs) {
		if (dropped.has(need.message.itemIndex)) continue;
		const read = await readSource(need.source);
		const problem =
			'error' in read
				? `could not be read (${read.error})`
				: mediaFileProblem(need.upload.kind, need.binary.mimeType ?? '', read.size);
		if (problem || 'error' in read) {
			dropped.add(need.message.itemIndex);
			refuse(need.message.itemIndex, [{ field: need.upload.field, text: `${fileLabel(need)} ${problem}` }]);
			continue;
		}
		const mimeType = baseMimeType(need.binary.mimeType);
		const scope = uploader?.scope?.(need.message) ?? '';
		const key = `${scope}\n${read.sha256}\n${mimeType}`;
		let upload = uploads.get(key);
		if (!upload) {
			const { binary } = need;
			const file: UploadFile = {
				fileName: binary.fileName || `${need.upload.kind}.${binary.fileExtension || mimeType.split('/')[1] || 'bin'}`,
				mimeType,
				size: read.size,
				sha256: read.sha256,
				open: need.source.open,
			};
			upload = { file, needs: [] };
			uploads.set(key, upload);
		}
		upload.needs.push(need);
	}

	// A dry run checks every file and uploads none.
	if (dryRun) return { ready: messages.filter((message) => !dropped.has(message.itemIndex)) };

	// 3. One upload per distinct file, at the provider's upload rate, retried like sends.
	let failure: NodeApiError | undefined;
	if (uploader && uploads.size > 0) {
		// The upload route has its own rate, shared like the sends' with the other executions on the account.
		const rate = Math.min(uploader.requestsPerSecond, settings.requestsPerSecond || Infinity);
		const lease = leasePacer(transport.account === undefined ? undefined : `${transport.account}\n${UPLOAD_ROUTE}`, rate);
		const pacer = lease.pacer;
		const queue = [...uploads.values()];
		const cancel = transport.cancel;
		const uploadOne = async (upload: Upload) => {
			const failed = await uploadFile(transport, uploader, upload, credentials, pacer);
			if (!failed) return;
			for (const need of upload.needs) {
				const { itemIndex } = need.message;
				if (dropped.has(itemIndex)) continue;
				dropped.add(itemIndex);
				const error = uploadFailureError(transport, failed, need, upload);
				if (continueOnFail) results[itemIndex] = { json: errorItemJson(error), pairedItem: { item: itemIndex } };
				else failure ??= error;
			}
		};
		const worker = async () => {
			for (;;) {
				if (failure || cancel?.aborted) return;
				const next = queue.shift();
				if (!next) return;
				await uploadOne(next);
			}
		};
		try {
			await Promise.all(Array.from({ length: Math.max(1, Math.min(settings.concurrency, queue.length)) }, worker));
		} finally {
			lease.release();
		}
	}
	if (failure) return { ready: [], failure };
	return { ready: messages.filter((message) => !dropped.has(message.itemIndex) && ready(message)), failure };
}

/** Whether every file a message needs has its media ID. */
function ready(message: Outgoing): boolean {
	return (message.uploads ?? []).every((upload) => typeof upload.target.id === 'string' && upload.target.id !== '');
}

/** Uploads one file; on success fills in its media ID (and a document's file name). Returns the failure, if any. */
async function uploadFile(
	transport: Transport,
	uploader: MediaUploader,
	upload: Upload,
	credentials: Transport['credentials'],
	pacer: RequestPacer,
): Promise<SendFailure | undefined> {
	let mediaId: string | undefined;
	try {
		const request = uploader.request(credentials, upload.file, upload.needs[0].message);
		// An upload sent twice only leaves an unused media ID behind: even a lost answer is worth trying again.
		const outcome = await sendWithRetries({ ...transport, onUncertain: 'harmless' }, request, pacer);
		if (!outcome.ok) return outcome.failure;
		mediaId = uploader.readMediaId(outcome.body);
		if (!mediaId) {
			return {
				httpCode: outcome.statusCode,
				providerCode: null,
				message: `the upload was answered without a media ID`,
				body: outcome.body,
			};
		}
	} catch (error) {
		return { httpCode: null, providerCode: null, message: `the upload failed: ${(error as Error).message}`, body: undefined };
	}
	for (const need of upload.needs) {
		const { target, kind } = need.upload;
		target.id = mediaId;
		if (kind === 'document' && target.filename === undefined && need.binary.fileName) target.filename = need.binary.fileName;
	}
	return undefined;
}

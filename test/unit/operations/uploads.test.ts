import type { IDataObject } from 'n8n-workflow';

import { GupshupPartnerApi } from '../../../credentials/GupshupPartnerApi.credentials';
import { GupshupWhatsApp } from '../../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { fileOf, inMemoryBinary, storedBinary } from '../helpers/execute-context';
import { Loopback, type ReceivedRequest, type Reply } from '../helpers/loopback';
import { boundaryOf, multipartBytes } from '../helpers/multipart';
import { failureOf, nodeRunner } from '../helpers/run-node';

// The upload phase (nodes/shared/uploads.ts), through the Gupshup node: one message a request makes every send visible.
const run = nodeRunner(new GupshupWhatsApp(), new GupshupPartnerApi());
const MB = 1024 * 1024;
let counter = 0;
const isUpload = (request: ReceivedRequest) => request.url.endsWith('/media');
const accept = (request: ReceivedRequest): Reply =>
	isUpload(request)
		? { status: 200, body: { mediaId: `media-${++counter}`, status: 'success' } }
		: { status: 200, body: { messages: [{ id: `gs-${++counter}` }], messaging_product: 'whatsapp', contacts: [] } };

let server: Loopback;
let credentials: Record<string, string>;
const fast = { requestsPerSecond: 1000 };

beforeAll(async () => {
	server = await new Loopback(accept).start();
	credentials = { appId: 'app-1', appToken: 'sk_token', baseUrl: server.url };
});
afterEach(() => {
	server.reset();
	server.setHandler(accept);
	counter = 0;
});
afterAll(async () => await server.stop());

const documentTo = (n: number, extra: IDataObject = {}) => ({
	operation: 'sendDocument',
	to: `+9178587600${String(n).padStart(2, '0')}`,
	mediaSource: 'binary',
	options: fast,
	...extra,
});
const sentMedia = () =>
	server.requests.filter((request) => !isUpload(request)).map((request) => (request.body as { document: IDataObject }).document);

describe('uploads: one per distinct file', () => {
	it('uploads a file stored by n8n (filesystem, S3, database mode) once for 50 items, reading its metadata once', async () => {
		const pdf = fileOf(300_000);
		const { output, binaryReads } = await run.withContext({
			credentials,
			parameters: Array.from({ length: 50 }, (_, n) => documentTo(n)),
			binary: { data: storedBinary('filesystem-v2:wf/1/exec/1/brochure', 'application/pdf', 'brochure.pdf') },
			binaryFiles: { 'filesystem-v2:wf/1/exec/1/brochure': pdf },
		});
		expect(server.requests.filter(isUpload)).toHaveLength(1);
		expect(sentMedia()).toEqual(Array.from({ length: 50 }, () => ({ id: 'media-1', filename: 'brochure.pdf' })));
		expect(output.every((item) => item.json.status === 'accepted')).toBe(true);
		// Read twice in all: once for its digest, once streamed into the upload.
		expect(binaryReads).toEqual({ metadata: ['filesystem-v2:wf/1/exec/1/brochure'], streams: ['filesystem-v2:wf/1/exec/1/brochure', 'filesystem-v2:wf/1/exec/1/brochure'] });
	});

	it('uploads the same bytes once when each item has its own copy under its own binary ID', async () => {
		const jpeg = fileOf(20_000, 5);
		const ids = ['s3:a', 's3:b', 's3:c'];
		const { binaryReads } = await run.withContext({
			credentials,
			parameters: ids.map((_, n) => ({ operation: 'sendImage', to: `+91785876000${n}`, imageSource: 'binary', options: fast })),
			binary: ids.map((id) => ({ data: storedBinary(id, 'image/jpeg', 'offer.jpg') })),
			binaryFiles: Object.fromEntries(ids.map((id) => [id, Buffer.from(jpeg)])),
		});
		expect(server.requests.filter(isUpload)).toHaveLength(1);
		expect(binaryReads.metadata).toEqual(ids);
		expect(binaryReads.streams).toEqual([...ids, 's3:a']);
	});

	it('uploads different files once each, and the same file again for another MIME type', async () => {
		const a = fileOf(1000, 1);
		const b = fileOf(1000, 2);
		await run({
			credentials,
			parameters: [0, 1, 2, 3].map((n) => documentTo(n, { options: { ...fast, concurrency: 1 } })),
			binary: [
				{ data: inMemoryBinary(a, 'application/pdf', 'a.pdf') },
				{ data: inMemoryBinary(b, 'application/pdf', 'b.pdf') },
				{ data: inMemoryBinary(a, 'text/plain', 'a.txt') },
				{ data: inMemoryBinary(b, 'application/pdf', 'b-copy.pdf') },
			],
		});
		expect(server.requests.filter(isUpload)).toHaveLength(3);
		expect(sentMedia()).toEqual([
			{ id: 'media-1', filename: 'a.pdf' },
			{ id: 'media-2', filename: 'b.pdf' },
			{ id: 'media-3', filename: 'a.txt' },
			// Its own file name, with the media ID of the same bytes uploaded as b.pdf.
			{ id: 'media-2', filename: 'b-copy.pdf' },
		]);
	});
});

describe('uploads: failures', () => {
	const a = fileOf(1000, 1);
	const b = fileOf(2000, 2);
	const twoFiles = [
		{ data: inMemoryBinary(a, 'application/pdf', 'a.pdf') },
		{ data: inMemoryBinary(b, 'application/pdf', 'b.pdf') },
		{ data: inMemoryBinary(a, 'application/pdf', 'a.pdf') },
		{ data: inMemoryBinary(b, 'application/pdf', 'b.pdf') },
	];
	const failA = (request: ReceivedRequest): Reply =>
		isUpload(request) && request.raw.includes(Buffer.from('filename="a.pdf"'))
			? { status: 500, body: { message: 'Unable to upload requested Media', status: 'error' }, headers: { 'Retry-After': '0' } }
			: accept(request);

	it('fails only the items that send a file that could not be uploaded, with Continue On Fail', async () => {
		server.setHandler(failA);
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: [0, 1, 2, 3].map((n) => documentTo(n, { options: { ...fast, maxRetries: 1 } })),
			binary: twoFiles,
		});
		const error = (item: number) => ({
			error: {
				message: 'Gupshup error: Unable to upload requested Media',
				description: `HTTP 500 uploading binary file "data" (a.pdf), 1,000 bytes, for Item ${item} and 1 other item that sends the same file. Nothing was sent for this item.`,
				httpCode: 500,
				providerCode: null,
			},
		});
		expect(output[0]).toEqual({ json: error(1), pairedItem: { item: 0 } });
		expect(output[2]).toEqual({ json: error(3), pairedItem: { item: 2 } });
		expect([output[1].json.status, output[3].json.status]).toEqual(['accepted', 'accepted']);
		// a.pdf tried twice (Max Retries 1), b.pdf once; only items 2 and 4 sent.
		expect(server.requests.filter(isUpload)).toHaveLength(3);
		expect(server.requests.filter((request) => !isUpload(request)).map((request) => (request.body as { to: string }).to)).toEqual([
			'917858760001',
			'917858760003',
		]);
	});

	it('sends nothing when an upload fails without Continue On Fail', async () => {
		server.setHandler(failA);
		const failure = await failureOf(
			run({ credentials, parameters: [0, 1, 2, 3].map((n) => documentTo(n, { options: { ...fast, maxRetries: 0, concurrency: 1 } })), binary: twoFiles }),
		);
		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Gupshup error: Unable to upload requested Media',
			description: 'HTTP 500 uploading binary file "data" (a.pdf), 1,000 bytes, for Item 1 and 1 other item that sends the same file. Nothing was sent for this item.',
			httpCode: '500',
			providerCode: null,
			itemIndex: 0,
		});
		expect(server.requests.every(isUpload)).toBe(true);
	});

	it('retries an upload after a 503 and a dropped connection, sending the whole file each time', async () => {
		const mp3 = fileOf(100_000, 4);
		server.setHandler((request, index) =>
			index === 0 ? { status: 503, body: { status: 'error', message: 'Service Unavailable' }, headers: { 'Retry-After': '0' } } : index === 1 ? 'drop' : accept(request),
		);
		const output = await run({
			credentials,
			parameters: { operation: 'sendAudio', to: '+917858761234', mediaSource: 'binary', options: fast },
			binary: { data: inMemoryBinary(mp3, 'audio/mpeg', 'note.mp3') },
		});
		const uploads = server.requests.filter(isUpload);
		expect(uploads).toHaveLength(3);
		for (const upload of uploads) {
			expect(
				upload.raw.equals(
					multipartBytes(boundaryOf(upload), [
						{ name: 'file_type', value: 'audio/mpeg' },
						{ name: 'file', filename: 'note.mp3', contentType: 'audio/mpeg', content: mp3 },
					]),
				),
			).toBe(true);
		}
		expect(output[0].json.status).toBe('accepted');
	});

	it("an upload answered without a media ID fails its items", async () => {
		server.setHandler((request) => (isUpload(request) ? { status: 200, body: { status: 'success' } } : accept(request)));
		const output = await run({
			credentials,
			continueOnFail: true,
			parameters: documentTo(1),
			binary: { data: inMemoryBinary(fileOf(10), 'application/pdf') },
		});
		expect(output[0].json.error).toEqual({
			message: 'Gupshup error: the upload was answered without a media ID',
			description: 'HTTP 200 uploading binary file "data", 10 bytes, for Item 1. Nothing was sent for this item.',
			httpCode: 200,
			providerCode: null,
		});
	});

	it('keeps to the upload rate: Gupshup takes 10 uploads a second', async () => {
		const times: number[] = [];
		server.setHandler((request) => {
			if (isUpload(request)) times.push(Date.now());
			return accept(request);
		});
		await run({
			credentials,
			parameters: Array.from({ length: 11 }, (_, n) => documentTo(n, { options: { concurrency: 5 } })),
			binary: Array.from({ length: 11 }, (_, n) => ({ data: inMemoryBinary(fileOf(100, n), 'application/pdf') })),
		});
		expect(times).toHaveLength(11);
		// The eleventh upload waits for the first one's second to pass (a lower bound: never flaky on a slow machine).
		expect(times[10] - times[0]).toBeGreaterThanOrEqual(950);
	});
});

describe('uploads: the file is checked before anything is sent', () => {
	const refusal = async (parameters: IDataObject, binary: IDataObject, binaryFiles?: Record<string, Buffer>) => {
		const output = await run({ credentials, continueOnFail: true, parameters: { to: '+917858761234', options: fast, ...parameters }, binary: binary as never, binaryFiles });
		expect(server.requests).toHaveLength(0);
		return [output[0].json.error as IDataObject].map((error) => `${String(error.message)} | ${String(error.description)}`)[0];
	};
	const check = 'Nothing was sent for this item.';

	it.each<[string, IDataObject, IDataObject, string]>([
		[
			'an image of another type',
			{ operation: 'sendImage', imageSource: 'binary' },
			{ data: inMemoryBinary(fileOf(10), 'image/gif', 'logo.gif') },
			'Item 1: binary file "data" (logo.gif) is image/gif; WhatsApp sends images as image/jpeg, image/png',
		],
		[
			'an image over 5 MB',
			{ operation: 'sendImage', imageSource: 'binary' },
			{ data: inMemoryBinary(Buffer.alloc(5 * MB + 1), 'image/jpeg', 'poster.jpg') },
			'Item 1: binary file "data" (poster.jpg) is 5.0 MB (5,242,881 bytes); WhatsApp allows images up to 5 MB',
		],
		[
			'a video of another type',
			{ operation: 'sendVideo', mediaSource: 'binary' },
			{ data: inMemoryBinary(fileOf(10), 'video/quicktime', 'clip.mov') },
			'Item 1: binary file "data" (clip.mov) is video/quicktime; WhatsApp sends videos as video/mp4, video/3gpp, video/3gp',
		],
		[
			'a video over 16 MB',
			{ operation: 'sendVideo', mediaSource: 'binary' },
			{ data: storedBinary('fs:big-video', 'video/mp4', 'clip.mp4') },
			'Item 1: binary file "data" (clip.mp4) is 16.0 MB (16,777,217 bytes); WhatsApp allows videos up to 16 MB',
		],
		[
			'audio of another type',
			{ operation: 'sendAudio', mediaSource: 'binary' },
			{ data: inMemoryBinary(fileOf(10), 'audio/wav', 'note.wav') },
			'Item 1: binary file "data" (note.wav) is audio/wav; WhatsApp sends audio as audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg',
		],
		[
			'audio over 16 MB',
			{ operation: 'sendAudio', mediaSource: 'binary' },
			{ data: storedBinary('fs:big-audio', 'audio/ogg; codecs=opus', 'note.ogg') },
			'Item 1: binary file "data" (note.ogg) is 16.0 MB (16,777,217 bytes); WhatsApp allows audio up to 16 MB',
		],
		[
			'a document of another type',
			{ operation: 'sendDocument', mediaSource: 'binary' },
			{ data: inMemoryBinary(fileOf(10), 'application/zip', 'photos.zip') },
			'Item 1: binary file "data" (photos.zip) is application/zip; WhatsApp sends documents as application/pdf, text/plain, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-powerpoint, application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		[
			'a document over 100 MB',
			{ operation: 'sendDocument', mediaSource: 'binary' },
			{ data: storedBinary('fs:big-document', 'application/pdf', 'catalogue.pdf') },
			'Item 1: binary file "data" (catalogue.pdf) is 100.0 MB (104,857,601 bytes); WhatsApp allows documents up to 100 MB',
		],
		[
			'an empty file',
			{ operation: 'sendDocument', mediaSource: 'binary' },
			{ data: inMemoryBinary(Buffer.alloc(0), 'text/plain', 'empty.txt') },
			'Item 1: binary file "data" (empty.txt) is empty',
		],
		[
			'an item without binary data',
			{ operation: 'sendDocument', mediaSource: 'binary' },
			{},
			'Item 1: input binary field "data" is missing; the item has no binary data',
		],
		[
			'another binary field',
			{ operation: 'sendDocument', mediaSource: 'binary', binaryPropertyName: 'invoice' },
			{ data: inMemoryBinary(fileOf(10), 'application/pdf'), attachment: inMemoryBinary(fileOf(10), 'application/pdf') },
			'Item 1: input binary field "invoice" is missing; the item\'s binary fields are "data", "attachment"',
		],
	])('refuses %s, naming the item and the field', async (_, parameters, binary, message) => {
		const files = {
			'fs:big-video': Buffer.alloc(16 * MB + 1),
			'fs:big-audio': Buffer.alloc(16 * MB + 1),
			'fs:big-document': Buffer.alloc(100 * MB + 1),
		};
		expect(await refusal(parameters, Object.keys(binary).length ? binary : (undefined as never), files)).toBe(
			`${message} | Check the "binaryPropertyName" parameter. ${check}`,
		);
	});

	it('stops before any upload without Continue On Fail', async () => {
		const failure = await failureOf(
			run({
				credentials,
				parameters: [documentTo(1), documentTo(2)],
				binary: [{ data: inMemoryBinary(fileOf(10), 'application/pdf') }, { data: inMemoryBinary(fileOf(10), 'image/png') }],
			}),
		);
		expect(failure.message).toBe(
			'Item 2: binary file "data" is image/png; WhatsApp sends documents as application/pdf, text/plain, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-powerpoint, application/vnd.openxmlformats-officedocument.presentationml.presentation',
		);
		expect(server.requests).toHaveLength(0);
	});
});

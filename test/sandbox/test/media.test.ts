// The sandbox's upload routes (streamed multipart, recorded by digest) and its checks of media, location and list sends.

import crypto from 'node:crypto';
import http from 'node:http';

import { createSandbox, DEFAULT_CREDENTIALS, Sandbox } from '../server';
import { request, GUPSHUP_HEADERS, GUPSHUP_PATH, INSIDER_HEADERS, KALEYRA_HEADERS, KALEYRA_PATH } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await createSandbox({ port: 0 });
});
afterAll(async () => await sb.close());
beforeEach(async () => expect((await request(sb.url, 'POST', '/__sandbox/reset')).status).toBe(200));

const BOUNDARY = 'sandbox-test-boundary';
type Part = { name: string; value: string } | { name: string; filename: string; type: string; size: number; seed?: number };

/** Streams a multipart body whose file parts are generated on the fly (no file of that size in memory). */
function upload(path: string, headers: Record<string, string>, parts: Part[]): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		const req = http.request(`${sb.url}${path}`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
		});
		req.on('error', reject);
		(async () => {
			for (const [index, part] of parts.entries()) {
				const head = 'filename' in part
					? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}`
					: `Content-Disposition: form-data; name="${part.name}"`;
				req.write(`${index === 0 ? '' : '\r\n'}--${BOUNDARY}\r\n${head}\r\n\r\n`);
				if ('filename' in part) {
					for (const chunk of chunksOf(part.size, part.seed)) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
				} else {
					req.write(part.value);
				}
			}
			req.end(`\r\n--${BOUNDARY}--\r\n`);
		})().catch(reject);
	});
}

function* chunksOf(size: number, seed = 1) {
	const chunk = Buffer.alloc(64 * 1024, seed);
	for (let at = 0; at < size; at += chunk.length) yield at + chunk.length <= size ? chunk : chunk.subarray(0, size - at);
}

function digestOf(size: number, seed = 1) {
	const hash = crypto.createHash('sha256');
	for (const chunk of chunksOf(size, seed)) hash.update(chunk);
	return hash.digest('hex');
}

const INSIDER_UPLOAD = '/v1/media/upload';
const KALEYRA_UPLOAD = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/+919000000001/media`;
const GUPSHUP_UPLOAD = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/media`;

describe('upload routes', () => {
	it('Insider: file, type and messaging_product, answered { id }; recorded by digest', async () => {
		const reply = await upload(INSIDER_UPLOAD, INSIDER_HEADERS, [
			{ name: 'file', filename: 'offer.png', type: 'image/png', size: 200_000 },
			{ name: 'type', value: 'image/png' },
			{ name: 'messaging_product', value: 'whatsapp' },
		]);
		expect(reply).toEqual({ status: 200, body: { id: '4000000000000001' } });
		const recorded = (await request(sb.url, 'GET', '/__sandbox/uploads')).body;
		expect(recorded).toEqual([
			{
				mediaId: '4000000000000001',
				provider: 'insider',
				path: INSIDER_UPLOAD,
				fields: { type: 'image/png', messaging_product: 'whatsapp' },
				file: { field: 'file', filename: 'offer.png', contentType: 'image/png', size: 200_000, sha256: digestOf(200_000) },
				uploadedAt: expect.any(String),
			},
		]);
		const [record] = (await request(sb.url, 'GET', '/__sandbox/requests')).body;
		expect(record.body.order).toEqual(['file', 'type', 'messaging_product']);
	});

	it('Kaleyra: file and type on the business number, answered in its envelope', async () => {
		const reply = await upload(KALEYRA_UPLOAD, KALEYRA_HEADERS, [
			{ name: 'file', filename: 'terms.pdf', type: 'application/pdf', size: 1000 },
			{ name: 'type', value: 'application/pdf' },
		]);
		expect(reply).toEqual({ status: 200, body: { code: 'WA200', message: 'Media uploaded successfully.', data: { id: '4000000000000001' }, error: {} } });
		const other = await upload(`/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/+919999999999/media`, KALEYRA_HEADERS, [
			{ name: 'file', filename: 'terms.pdf', type: 'application/pdf', size: 10 },
			{ name: 'type', value: 'application/pdf' },
		]);
		expect([other.status, other.body.code]).toEqual([401, 'WA401']);
	});

	it('Gupshup: file_type and file, answered { mediaId, status }; a type WhatsApp does not take is refused', async () => {
		const ok = await upload(GUPSHUP_UPLOAD, GUPSHUP_HEADERS, [
			{ name: 'file_type', value: 'video/mp4' },
			{ name: 'file', filename: 'clip.mp4', type: 'video/mp4', size: 5000 },
		]);
		expect(ok).toEqual({ status: 200, body: { mediaId: '4000000000000001', status: 'success' } });
		const gif = await upload(GUPSHUP_UPLOAD, GUPSHUP_HEADERS, [
			{ name: 'file_type', value: 'image/gif' },
			{ name: 'file', filename: 'a.gif', type: 'image/gif', size: 10 },
		]);
		expect(gif.status).toBe(400);
		expect(gif.body.message).toMatch(/^\(#100\) Param file must be a file with one of the following types/);
		const unauthorized = await upload(GUPSHUP_UPLOAD, { authorization: 'wrong' }, [
			{ name: 'file_type', value: 'video/mp4' },
			{ name: 'file', filename: 'clip.mp4', type: 'video/mp4', size: 10 },
		]);
		expect(unauthorized).toEqual({ status: 401, body: { status: 'error', message: 'Authentication Failed' } });
	});

	it('Gupshup: a file over 100 MB is streamed through and answered 413, without holding it', async () => {
		const before = process.memoryUsage().rss;
		const reply = await upload(GUPSHUP_UPLOAD, GUPSHUP_HEADERS, [
			{ name: 'file_type', value: 'application/pdf' },
			{ name: 'file', filename: 'big.pdf', type: 'application/pdf', size: 100 * 1024 * 1024 + 1 },
		]);
		expect(reply).toEqual({ status: 413, body: { message: 'File size exceeds the maximum limit!', status: 'error' } });
		// Holding the file would take over 100 MB; streamed, it grows by some 20 MB of garbage at most.
		expect(process.memoryUsage().rss - before).toBeLessThan(80 * 1024 * 1024);
	});

	it('takes faults and rate limits like the send routes', async () => {
		await request(sb.url, 'PUT', '/__sandbox/config', { body: { faults: { provider: 'insider', count: 1, kinds: ['503'] } } });
		const parts: Part[] = [
			{ name: 'file', filename: 'a.png', type: 'image/png', size: 10 },
			{ name: 'type', value: 'image/png' },
			{ name: 'messaging_product', value: 'whatsapp' },
		];
		expect((await upload(INSIDER_UPLOAD, INSIDER_HEADERS, parts)).status).toBe(503);
		expect((await upload(INSIDER_UPLOAD, INSIDER_HEADERS, parts)).status).toBe(200);
		expect((await request(sb.url, 'GET', '/__sandbox/uploads')).body).toHaveLength(1);
	});
});

describe('media, location and list sends', () => {
	const insider = (message: object) => request(sb.url, 'POST', '/v1/conversational/send', { headers: INSIDER_HEADERS, body: { messages: [{ phoneNumber: '+14155550100', message }] } });
	const kaleyra = (message: object) => request(sb.url, 'POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body: { messaging_object: { messaging_product: 'whatsapp', to: '14155550100', ...message } } });
	const gupshup = (message: object) => request(sb.url, 'POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '14155550100', ...message } });
	const list = (sections: object[], extra: object = {}) => ({
		type: 'interactive',
		interactive: { type: 'list', body: { text: 'Pick one' }, action: { button: 'Options', sections }, ...extra },
	});

	it.each([
		['a document', { type: 'document', document: { id: '4000000000000001', caption: 'Invoice', filename: 'invoice.pdf' } }],
		['a video', { type: 'video', video: { link: 'https://cdn.example.com/a.mp4', caption: 'Demo' } }],
		['audio', { type: 'audio', audio: { id: '123' } }],
		['a location', { type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Alexanderplatz 1' } }],
		['a list', list([{ title: 'A', rows: [{ id: 'a1', title: 'One' }] }, { title: 'B', rows: [{ id: 'b1', title: 'Two', description: 'Second' }] }])],
	])('every provider accepts %s', async (_, message) => {
		expect((await insider(message)).status).toBe(200);
		expect((await kaleyra(message)).status).toBe(202);
		expect((await gupshup(message)).status).toBe(200);
	});

	it.each([
		['audio with a caption', { type: 'audio', audio: { id: '1', caption: 'no' } }, 'messages[0].message.audio.caption is not allowed for audio'],
		['a latitude out of range', { type: 'location', location: { latitude: 91, longitude: 0 } }, 'messages[0].message.location.latitude must be a number from -90 to 90'],
		['eleven rows', list([{ rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` })) }]), 'messages[0].message.interactive.action.sections must hold at most 10 rows in all'],
		['two sections, one untitled', list([{ title: 'A', rows: [{ id: 'a', title: 'A' }] }, { rows: [{ id: 'b', title: 'B' }] }]), 'messages[0].message.interactive.action.sections[1].title must be 1 to 24 characters (required with several sections)'],
		['a repeated row id', list([{ rows: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] }]), 'messages[0].message.interactive.action.sections[0].rows[1].id must be unique'],
		['a list button over 20 characters', { ...list([{ rows: [{ id: 'a', title: 'A' }] }]), interactive: { type: 'list', body: { text: 'x' }, action: { button: 'b'.repeat(21), sections: [{ rows: [{ id: 'a', title: 'A' }] }] } } }, 'messages[0].message.interactive.action.button must be 1 to 20 characters'],
	])('Insider refuses %s', async (_, message, reason) => {
		expect(await insider(message)).toMatchObject({ status: 400, body: { message: reason } });
	});
});

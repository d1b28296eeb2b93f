/**
 * Download Media: the trigger fetches the file an inbound media callback links to (from the
 * provider sandbox's media host, over real HTTP) and puts it in the item's binary `data`;
 * whatever goes wrong, the item keeps its `media` and says why in `mediaDownloadError`,
 * and the callback is answered before any download starts.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { buildCallbackBodies, type CallbackEvent } from '../../sandbox/callbacks';
import { mediaFileBytes } from '../../sandbox/media-files';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { callWebhook } from '../helpers/trigger-context';
import { gupshupV3, metaMessage } from '../helpers/trigger-fixtures';

const FROM = '+919876543210';
let sandbox: Sandbox;
const media = (name: string) => `${sandbox.url}/__sandbox/media/${name}`;

beforeAll(async () => {
	sandbox = await createSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

const TOKEN = 'tok_media_9f2c41d7e8a64b0c93e1';
const ON = { authentication: 'bearerToken', downloadMedia: true };

/** A callback that passes the trigger's Authentication, to a trigger with Download Media on (and `params`). */
const callOn = (params: object, request: Parameters<typeof callWebhook>[1], fakes: Parameters<typeof callWebhook>[3] = {}) =>
	callWebhook(
		{ ...ON, ...params },
		{ ...request, headers: { authorization: `Bearer ${TOKEN}`, ...request.headers } },
		{ whatsAppBspCallbackBearerApi: { token: TOKEN } },
		fakes,
	);

function image(url: string, extra: Partial<Extract<CallbackEvent, { kind: 'media' }>> = {}): CallbackEvent {
	return { kind: 'media', from: FROM, mediaType: 'image', url, mimeType: 'image/png', caption: 'my receipt', mediaId: '1000000000000001', messageId: 'wamid.in-1', ...extra };
}

const kaleyraBody = (...events: CallbackEvent[]) => buildCallbackBodies('kaleyra', events)[0];
const gupshupV2Body = (...events: CallbackEvent[]) => buildCallbackBodies('gupshup', events, { gupshupVersion: 2 })[0];

describe('a file the provider links to', () => {
	it('is not downloaded without Authentication: the link may come from anyone', async () => {
		const out = await callWebhook({ provider: 'kaleyra', authentication: 'none', downloadMedia: true }, { json: kaleyraBody(image(media('photo.png'))) });
		expect(out.timeline).toEqual(['answered']);
		const [item] = out.executionItems ?? [];
		expect(item.binary).toBeUndefined();
		expect(item.json.mediaDownloadError).toBe(
			'Not downloaded: the trigger has no Authentication, so the link may not come from the provider; choose Bearer Token or Basic Auth to download files',
		);
	});

	it('Kaleyra: answered first, then downloaded into binary "data"; the item is as without the option', async () => {
		const body = kaleyraBody(image(media('photo.png')));
		const out = await callOn({ provider: 'kaleyra' }, { json: body });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 1 }, result: { noWebhookResponse: true } });
		expect(out.timeline).toEqual(['answered', `GET ${media('photo.png')}`]);
		expect(out.httpRequests[0]).toMatchObject({ method: 'GET', encoding: 'stream', returnFullResponse: true, ignoreHttpStatusErrors: true });
		expect(out.httpRequests[0].abortSignal).toBeDefined();

		const [item] = out.executionItems ?? [];
		const without = await callWebhook({ provider: 'kaleyra', authentication: 'none' }, { json: body });
		expect(item.json).toStrictEqual(without.items?.[0]);
		expect(item.json.media).toStrictEqual({ type: 'image', id: '1000000000000001', url: media('photo.png'), mimeType: 'image/png', caption: 'my receipt', filename: null });
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'image-1000000000000001.png', fileExtension: 'png' });
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64')).toEqual(mediaFileBytes('photo.png'));
	});

	it('Gupshup v2: a document keeps the sender\'s file name (without any folder)', async () => {
		const body = gupshupV2Body({ kind: 'media', from: FROM, mediaType: 'document', url: media('receipt.pdf'), filename: '../../private/receipt-0324.pdf' });
		const out = await callOn({ provider: 'gupshup' }, { json: body });
		const [item] = out.executionItems ?? [];
		expect(item.json.media).toMatchObject({ type: 'document', url: media('receipt.pdf'), mimeType: 'application/pdf', filename: '../../private/receipt-0324.pdf' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'receipt-0324.pdf' });
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64')).toEqual(mediaFileBytes('receipt.pdf'));
	});

	it('without a type from the provider, the file host\'s Content-Type is used', async () => {
		const body = gupshupV2Body(image(media('voice.ogg'), { mediaType: 'audio' }));
		delete (body.payload as any).payload.contentType;
		const [item] = (await callOn({ provider: 'gupshup' }, { json: body })).executionItems ?? [];
		expect(item.json.media).toMatchObject({ type: 'audio', mimeType: null });
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/ogg', fileName: `audio-${(body.payload as any).id}.ogg` });
	});

	it('a file of exactly Max Download Size is downloaded whole', async () => {
		const body = kaleyraBody(image(media('bytes/1048576'), { mimeType: 'application/octet-stream' }));
		const [item] = (await callOn({ provider: 'kaleyra', maxDownloadSize: 1 }, { json: body })).executionItems ?? [];
		expect(item.json.mediaDownloadError).toBeUndefined();
		// Buffer.equals: jest's toEqual walks a megabyte byte by byte, for seconds.
		expect(Buffer.from(item.binary?.data.data ?? '', 'base64').equals(mediaFileBytes('bytes/1048576') as Buffer)).toBe(true);
	});

	it('the option off: no download, n8n answers as always', async () => {
		const out = await callWebhook({ provider: 'kaleyra', authentication: 'none' }, { json: kaleyraBody(image(media('photo.png'))) });
		expect(out.result.noWebhookResponse).toBeUndefined();
		expect(out.result.webhookResponse).toEqual({ received: true, events: 1 });
		expect(out.httpRequests).toEqual([]);
		expect(out.executionItems?.[0].binary).toBeUndefined();
	});

	it('an event that is not selected is neither downloaded nor started', async () => {
		const out = await callOn({ provider: 'kaleyra', events: ['sent'] }, { json: kaleyraBody(image(media('photo.png'))) });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 0 }, items: null });
		expect(out.httpRequests).toEqual([]);
	});
});

describe('a file that cannot be downloaded: the item stays, with media and mediaDownloadError', () => {
	async function failed(params: object, body: object, fakes = {}) {
		const out = await callOn(params, { json: body }, fakes);
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 1 } });
		const [item] = out.executionItems ?? [];
		expect(item.binary).toBeUndefined();
		expect(item.json.media).not.toBeNull();
		expect(out.log).toContainEqual({ level: 'warn', message: expect.stringContaining(String(item.json.mediaDownloadError)) });
		return { item: item.json, out };
	}

	it('HTTP 404', async () => {
		const { item } = await failed({ provider: 'kaleyra' }, kaleyraBody(image(media('gone.png'))));
		expect(item.mediaDownloadError).toBe('Downloading the file failed: HTTP 404');
		expect(item).toMatchObject({ event: 'message', from: FROM, text: 'my receipt', media: { url: media('gone.png') } });
	});

	it('larger than Max Download Size by its Content-Length: not read at all', async () => {
		const { item } = await failed({ provider: 'kaleyra', maxDownloadSize: 1 }, kaleyraBody(image(media('bytes/2097152'))));
		expect(item.mediaDownloadError).toBe('The file is 2.0 MB, more than the Max Download Size of 1 MB');
	});

	it('larger than Max Download Size without a Content-Length: given up while reading', async () => {
		const { item } = await failed({ provider: 'gupshup', maxDownloadSize: 1 }, gupshupV2Body(image(media('bytes/3145728?length=none'))));
		expect(item.mediaDownloadError).toBe('The file is larger than the Max Download Size of 1 MB');
	});

	it('no link in the callback (Meta\'s message names the media id only)', async () => {
		const { item, out } = await failed({ provider: 'gupshup' }, gupshupV3.inboundMeta(metaMessage.image()));
		expect(item.mediaDownloadError).toBe('The provider sent no download link for this file, only its media id (see the item\'s media.id)');
		expect(out.httpRequests).toEqual([]);
	});

	it('a host that refuses the connection', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const { item } = await failed({ provider: 'kaleyra' }, kaleyraBody(image(`http://127.0.0.1:${port}/photo.png`)));
		expect(item.mediaDownloadError).toMatch(/^Downloading the file failed: .*ECONNREFUSED/);
	});

	it('a binary store that fails', async () => {
		const { item } = await failed({ provider: 'kaleyra' }, kaleyraBody(image(media('photo.png'))), {
			prepareBinaryData: async () => {
				throw new Error('no space left on device');
			},
		});
		expect(item.mediaDownloadError).toBe('Storing the file failed: no space left on device');
	});
});

describe('several events in one callback', () => {
	it('downloads one file after the other; statuses and texts pass untouched, in order', async () => {
		const events: CallbackEvent[] = [
			{ kind: 'status', status: 'read', messageId: 'm-1', recipient: FROM },
			image(media('photo.png'), { messageId: 'wamid.in-1' }),
			{ kind: 'message', from: FROM, text: 'and the bill', messageId: 'wamid.in-2' },
			image(media('gone.png'), { messageId: 'wamid.in-3', mediaId: '1000000000000003' }),
		];
		const [body] = buildCallbackBodies('gupshup', events, { batch: true });
		const out = await callOn({ provider: 'gupshup' }, { json: body });
		expect(out.answer).toEqual({ received: true, events: 4 });
		// Gupshup v3 is Meta's shape: no links, so nothing is fetched and both files say why.
		expect(out.timeline).toEqual(['answered']);
		const items = out.executionItems ?? [];
		expect(items.map((i) => [i.json.event, i.json.messageId, i.json.mediaDownloadError ?? null, i.binary ?? null])).toEqual([
			['status', 'm-1', null, null],
			['message', 'wamid.in-1', expect.stringMatching(/no download link/), null],
			['message', 'wamid.in-2', null, null],
			['message', 'wamid.in-3', expect.stringMatching(/no download link/), null],
		]);
	});

	it('a Kaleyra batch sent as a JSON array of callbacks: each file fetched in turn', async () => {
		const bodies = buildCallbackBodies('kaleyra', [image(media('photo.png'), { messageId: 'wamid.a' }), image(media('receipt.pdf'), { messageId: 'wamid.b', mimeType: 'application/pdf' })]);
		const out = await callOn({ provider: 'kaleyra' }, { json: bodies });
		expect(out.timeline).toEqual(['answered', `GET ${media('photo.png')}`, `GET ${media('receipt.pdf')}`]);
		expect((out.executionItems ?? []).map((i) => [i.json.messageId, i.binary?.data.mimeType])).toEqual([
			['wamid.a', 'image/png'],
			['wamid.b', 'application/pdf'],
		]);
	});
});

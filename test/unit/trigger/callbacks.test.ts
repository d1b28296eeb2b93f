/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import { buildCallbackBodies, wamidFor } from '../../sandbox/callbacks';
import {
	gupshupV3,
	insider,
	kaleyra,
} from '../helpers/trigger-fixtures';
import { ADDED_FIELDS, CONTRACT_FIELDS, itemsOf, reasonOf } from '../helpers/trigger-expect';

describe('every item', () => {
	it('has the contract fields first, then the additions, and no undefined', () => {
		for (const [provider, body] of [
			['insider', insider.replyButton()],
			['kaleyra', kaleyra.status('sent')],
			['gupshup', gupshupV3.batch()],
		] as const) {
			for (const item of itemsOf(provider, body)) {
				expect(Object.keys(item)).toEqual([...CONTRACT_FIELDS, ...ADDED_FIELDS]);
				expect(Object.values(item)).not.toContain(undefined);
			}
		}
	});

	it('a top-level array is several callbacks in one request', () => {
		const items = itemsOf('insider', [insider.sent(), insider.delivered()]);
		expect(items.map((i) => i.status)).toEqual(['sent', 'delivered']);
		expect(reasonOf('insider', [insider.sent(), { nope: true }])).toMatch(/^\[1\]: /);
	});
});

describe('bodies built by the sandbox (test/sandbox) are read', () => {
	const now = Date.UTC(2024, 2, 20, 10, 27, 41);
	const events = [
		{ kind: 'status' as const, status: 'sent', messageId: 'm-1', recipient: '+919876543210', ref: 'r-1' },
		{ kind: 'status' as const, status: 'failed', messageId: 'm-2', recipient: '+919876543210', error: { code: 131026, message: 'Message undeliverable' } },
		{ kind: 'message' as const, from: '+919876543210', text: 'hello', messageId: 'in-1' },
		{ kind: 'button_reply' as const, from: '+919876543210', id: 'yes', title: 'Yes', contextMessageId: 'm-1', messageId: 'in-2' },
		{ kind: 'quick_reply' as const, from: '+919876543210', payload: 'P', text: 'Quick', contextMessageId: 'm-1', messageId: 'in-3' },
	];
	const expected = [
		{ event: 'status', status: 'sent', messageId: 'm-1', recipient: '+919876543210', error: null },
		{ event: 'status', status: 'failed', messageId: 'm-2', error: { code: '131026', message: 'Message undeliverable' } },
		{ event: 'message', from: '+919876543210', text: 'hello', buttonReply: null },
		{ event: 'message', text: 'Yes', buttonReply: { id: 'yes', title: 'Yes' } },
		{ event: 'message', text: 'Quick', buttonReply: { id: 'P', title: 'Quick' } },
	];

	it.each([
		['insider', {}],
		['kaleyra', {}],
		['gupshup', { gupshupVersion: 3 as const }],
		['gupshup', { gupshupVersion: 2 as const }],
	] as const)('%s %j', (provider, opts) => {
		const bodies = buildCallbackBodies(provider, events, { now, ...opts });
		const items = bodies.flatMap((body) => itemsOf(provider, body));
		expect(items).toHaveLength(events.length);
		items.forEach((item, i) => {
			expect(item).toMatchObject(expected[i]);
			expect(item.timestamp).toMatch(/^2024-03-20T10:27:41(\.000)?Z$/);
		});
		if (provider === 'kaleyra') expect(items[0].ref).toBe('r-1');
		if (provider === 'gupshup' && opts.gupshupVersion === 3) expect(items[0].wamid).toBe(wamidFor('m-1'));
	});

	it('gupshup v3 batched in one body', () => {
		const [body] = buildCallbackBodies('gupshup', events, { now, batch: true });
		expect(itemsOf('gupshup', body).map((i) => i.event)).toEqual(['status', 'status', 'message', 'message', 'message']);
	});
});

describe('list replies and media built by the sandbox are read alike for every provider', () => {
	const now = Date.UTC(2024, 2, 20, 10, 27, 41);
	const photo = 'http://127.0.0.1:9/__sandbox/media/photo.png';
	const events = [
		{ kind: 'list_reply' as const, from: '+919876543210', id: 'row-2', title: 'Tomorrow', description: 'Between 9 and 12', contextMessageId: 'm-1', messageId: 'in-4' },
		{ kind: 'media' as const, from: '+919876543210', mediaType: 'image' as const, url: photo, mimeType: 'image/png', caption: 'my receipt', mediaId: '1000000000000001', messageId: 'in-5' },
		{ kind: 'media' as const, from: '+919876543210', mediaType: 'document' as const, url: photo, filename: 'terms.pdf', mediaId: '1000000000000002', messageId: 'in-6' },
	];
	// Only Kaleyra (extra_info.media_url) and Gupshup v2 (payload.url) send a link; Meta's message names the id.
	const withLink = (provider: string, version: number) => provider === 'kaleyra' || (provider === 'gupshup' && version === 2);

	it.each([
		['insider', 3],
		['kaleyra', 3],
		['gupshup', 3],
		['gupshup', 2],
	] as const)('%s (Gupshup v%s)', (provider, gupshupVersion) => {
		const bodies = buildCallbackBodies(provider, events, { now, gupshupVersion });
		const items = bodies.flatMap((body) => itemsOf(provider, body));
		const link = withLink(provider, gupshupVersion) ? photo : null;
		// Gupshup v2 names no media id.
		const id = (mediaId: string) => (provider === 'gupshup' && gupshupVersion === 2 ? null : mediaId);
		expect(items.map((item) => [item.event, item.text, item.buttonReply, item.listReply, item.media])).toEqual([
			['message', 'Tomorrow', { id: 'row-2', title: 'Tomorrow' }, { id: 'row-2', title: 'Tomorrow', description: 'Between 9 and 12' }, null],
			['message', 'my receipt', null, null, { type: 'image', id: id('1000000000000001'), url: link, mimeType: 'image/png', caption: 'my receipt', filename: null }],
			['message', null, null, null, { type: 'document', id: id('1000000000000002'), url: link, mimeType: 'application/pdf', caption: null, filename: 'terms.pdf' }],
		]);
	});
});

describe('template events and reactions built by the sandbox are read alike for every provider that sends them', () => {
	const now = Date.UTC(2024, 2, 20, 10, 27, 41);
	const reactions = [
		{ kind: 'reaction' as const, from: '+919876543210', reactedTo: wamidFor('m-1'), emoji: '\u{1F44D}', messageId: 'in-7' },
		{ kind: 'reaction' as const, from: '+919876543210', reactedTo: wamidFor('m-1'), messageId: 'in-8' },
	];
	const templates = [
		{ kind: 'template' as const, status: 'rejected', name: 'summer_teaser', reason: 'INVALID_FORMAT', templateId: 't-1' },
		{ kind: 'template' as const, status: 'paused', name: 'flash_deal', language: 'es', templateId: 't-2' },
	];

	it.each(['insider', 'kaleyra', 'gupshup'] as const)('reactions: %s', (provider) => {
		const items = buildCallbackBodies(provider, reactions, { now }).flatMap((body) => itemsOf(provider, body));
		expect(items.map((item) => [item.event, item.messageType, item.from, item.reaction, item.template])).toEqual([
			['message', 'reaction', '+919876543210', { messageId: wamidFor('m-1'), emoji: '\u{1F44D}' }, null],
			['message', 'reaction', '+919876543210', { messageId: wamidFor('m-1'), emoji: '' }, null],
		]);
	});

	it.each([
		['kaleyra', 3],
		['gupshup', 3],
		['gupshup', 2],
	] as const)('template status changes: %s (Gupshup v%s)', (provider, gupshupVersion) => {
		const items = buildCallbackBodies(provider, templates, { now, gupshupVersion }).flatMap((body) => itemsOf(provider, body));
		const pause = 'Your WhatsApp message template has been paused for 3 hours because it had issues.';
		expect(items.map((item) => [item.event, item.status, item.messageId, item.timestamp, item.template])).toEqual([
			['template', null, null, '2024-03-20T10:27:41.000Z', { id: 't-1', name: 'summer_teaser', language: 'en_US', status: 'rejected', reason: 'INVALID_FORMAT' }],
			// Kaleyra's callback profile has no description of a pause: its reason is NONE.
			['template', null, null, '2024-03-20T10:27:41.000Z', { id: 't-2', name: 'flash_deal', language: 'es', status: 'paused', reason: provider === 'kaleyra' ? null : pause }],
		]);
	});
});

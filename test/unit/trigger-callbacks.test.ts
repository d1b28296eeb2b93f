/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import { buildCallbackBodies, wamidFor } from '../sandbox/callbacks';
import {
	gupshupV2,
	gupshupV3,
	GS_ID,
	GS_ID_2,
	INBOUND_WAMID,
	insider,
	kaleyra,
	KALEYRA_MESSAGE_ID,
	T_MS_ISO,
	T_SENT_ISO,
	WAMID,
	WAMID_2,
} from './helpers/trigger-fixtures';
import { ADDED_FIELDS, CONTRACT_FIELDS, itemsOf, messageItem, reasonOf, statusItem } from './helpers/trigger-expect';

describe('Insider One callbacks', () => {
	const key = 'a3c1e7f0-5b2d-4e8a-9c61-0d2f4b6a8e10';

	it('sent: the key is the message id, Meta\'s id is kept as wamid', () => {
		const body = insider.sent();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, { messageId: key, status: 'sent', recipient: '+905321234567', timestamp: T_SENT_ISO, wamid: WAMID }),
		]);
	});

	it('delivered with a timestamp in seconds as a number', () => {
		const body = insider.delivered();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, { messageId: key, status: 'delivered', recipient: '+905321234567', timestamp: '2024-03-20T10:27:50.000Z' }),
		]);
	});

	it('read: upper-case status, milliseconds', () => {
		const body = insider.read();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, { messageId: key, status: 'read', recipient: '+905321234567', timestamp: '2024-03-20T10:28:20.000Z' }),
		]);
	});

	it('failed carries Insider\'s error as { code, message }', () => {
		const body = insider.failed();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, {
				messageId: key,
				status: 'failed',
				recipient: '+905321234567',
				timestamp: T_SENT_ISO,
				error: { code: '131026', message: '(#131026) Message undeliverable' },
			}),
		]);
	});

	it('the documented error shape alone is a failure', () => {
		const body = insider.errorOnly();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, {
				messageId: key,
				status: 'failed',
				error: { code: '131030', message: 'Recipient phone number not in allowed list' },
			}),
		]);
	});

	it('the documented accepted shape (Meta\'s send answer plus key) is sent', () => {
		const body = insider.accepted();
		expect(itemsOf('insider', body)).toStrictEqual([
			statusItem('insider', body, { messageId: key, status: 'sent', recipient: '+905321234567', wamid: WAMID }),
		]);
	});

	it('an inbound text reply', () => {
		const body = insider.replyText();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: 'Hello there',
				wamid: INBOUND_WAMID,
				messageType: 'text',
			}),
		]);
	});

	it('a reply-button tap: buttonReply, the title as text, replyTo the key of our message', () => {
		const body = insider.replyButton();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: 'Yes',
				buttonReply: { id: 'confirm-yes', title: 'Yes' },
				wamid: INBOUND_WAMID,
				messageType: 'button_reply',
				replyTo: key,
			}),
		]);
	});

	it('a quick-reply tap: payload as id, text as title', () => {
		const body = insider.replyQuick();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: 'Stop promotions',
				buttonReply: { id: 'STOP_PROMOS', title: 'Stop promotions' },
				wamid: INBOUND_WAMID,
				messageType: 'quick_reply',
				replyTo: WAMID,
			}),
		]);
	});

	it('variants: messageKey, phone_number, a string message', () => {
		const status = { messageKey: 'k-1', phone_number: '905321234567', status: 'DELIVERED', time: '2024-03-20T10:27:41Z' };
		expect(itemsOf('insider', status)).toStrictEqual([
			statusItem('insider', status, { messageId: 'k-1', status: 'delivered', recipient: '+905321234567', timestamp: T_SENT_ISO }),
		]);
		const reply = { event: 'reply', phoneNumber: '+905321234567', message: 'plain words', timestamp: 1710930461 };
		expect(itemsOf('insider', reply)).toStrictEqual([
			messageItem('insider', reply, { from: '+905321234567', text: 'plain words', messageType: 'text', timestamp: T_SENT_ISO }),
		]);
	});

	it('refuses what is no Insider callback', () => {
		expect(reasonOf('insider', { hello: 'world' })).toMatch(/Not an Insider callback/);
		expect(reasonOf('insider', { event: 'delivered' })).toMatch(/key/);
		expect(reasonOf('insider', { event: 'reply', message: 'no phone' })).toMatch(/phone number/);
	});
});

describe('Kaleyra callbacks', () => {
	const refs = { ref: 'order-1234', ref1: 'campaign-spring', ref2: null };

	it.each(['sent', 'delivered', 'read'])('%s: Kaleyra\'s message_id, its refs, Meta\'s id as wamid', (status) => {
		const body = kaleyra.status(status);
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			statusItem('kaleyra', body, {
				messageId: KALEYRA_MESSAGE_ID,
				status,
				recipient: '+919876543210',
				from: '+919000000001',
				timestamp: T_SENT_ISO,
				ref: 'order-1234',
				refs,
				wamid: WAMID,
			}),
		]);
	});

	it('failed: Meta\'s error with its details', () => {
		const body = kaleyra.failed();
		expect(itemsOf('kaleyra', body)[0]).toMatchObject({
			status: 'failed',
			error: {
				code: '131047',
				message:
					'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
			},
		});
	});

	it('not-sent carries an error; without details a plain one', () => {
		expect(itemsOf('kaleyra', kaleyra.notSent())[0]).toMatchObject({
			status: 'not-sent',
			error: { code: 'WA-411', message: 'Template not approved' },
		});
		expect(itemsOf('kaleyra', kaleyra.status('not_sent'))[0]).toMatchObject({
			status: 'not-sent',
			error: { code: null, message: 'The provider reported the message as not-sent without details' },
		});
	});

	it('inbound text with the sender\'s profile name', () => {
		const body = kaleyra.inboundText();
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			messageItem('kaleyra', body, {
				messageId: INBOUND_WAMID,
				from: '+919876543210',
				recipient: '+919000000001',
				timestamp: T_SENT_ISO,
				text: 'Where is my order?',
				wamid: INBOUND_WAMID,
				messageType: 'text',
				contactName: 'Asha Rao',
			}),
		]);
	});

	it('reply-button and quick-reply taps', () => {
		expect(itemsOf('kaleyra', kaleyra.inboundButton())[0]).toMatchObject({
			event: 'message',
			buttonReply: { id: 'track', title: 'Track order' },
			text: 'Track order',
			messageType: 'button_reply',
			replyTo: WAMID,
		});
		expect(itemsOf('kaleyra', kaleyra.inboundQuick())[0]).toMatchObject({
			event: 'message',
			buttonReply: { id: 'RESCHEDULE', title: 'Reschedule' },
			text: 'Reschedule',
			messageType: 'quick_reply',
			replyTo: WAMID,
		});
	});

	it('meta_object and extra_info as JSON strings', () => {
		const body = kaleyra.status('delivered');
		const stringly = { ...body, meta_object: JSON.stringify(body.meta_object), extra_info: JSON.stringify(body.extra_info) };
		const [item] = itemsOf('kaleyra', stringly);
		expect(item).toMatchObject({ status: 'delivered', messageId: KALEYRA_MESSAGE_ID, ref: 'order-1234', refs, wamid: WAMID });
		expect(item.raw).toBe(stringly);
	});

	it('a whole Meta envelope inside meta_object, or instead of it', () => {
		const envelope = gupshupV3.status('read');
		delete envelope.gs_app_id;
		const wrapped = { meta_object: envelope, extra_info: { message_id: 'k-77', ref: 'r' } };
		expect(itemsOf('kaleyra', wrapped)[0]).toMatchObject({ status: 'read', messageId: 'k-77', ref: 'r' });
		expect(itemsOf('kaleyra', envelope)[0]).toMatchObject({ status: 'read', messageId: GS_ID, ref: null, refs: null });
	});

	it('flat bodies of dynamic-variable profiles', () => {
		const status = kaleyra.flatStatus();
		expect(itemsOf('kaleyra', status)).toStrictEqual([
			statusItem('kaleyra', status, {
				messageId: KALEYRA_MESSAGE_ID,
				status: 'delivered',
				recipient: '+919876543210',
				timestamp: T_SENT_ISO,
				ref: 'order-1234',
				refs: { ref: 'order-1234', ref1: null, ref2: null },
			}),
		]);
		const inbound = kaleyra.flatInbound();
		expect(itemsOf('kaleyra', inbound)).toStrictEqual([
			messageItem('kaleyra', inbound, {
				from: '+919876543210',
				recipient: '+919000000001',
				timestamp: T_SENT_ISO,
				text: 'Hi',
				messageType: 'text',
				contactName: 'Asha Rao',
			}),
		]);
	});

	it('template-status and other fields are known and carry no message event', () => {
		expect(itemsOf('kaleyra', { meta_object: { field: 'message_template_status_update', value: { event: 'APPROVED' } } })).toEqual([]);
	});

	it('refuses what is no Kaleyra callback', () => {
		expect(reasonOf('kaleyra', { foo: 1 })).toMatch(/Not a Kaleyra callback/);
		expect(reasonOf('kaleyra', { meta_object: 'not json' })).toMatch(/meta_object is not JSON/);
		expect(reasonOf('kaleyra', { meta_object: { value: { statuses: 'x' } } })).toMatch(/statuses is not an array/);
		expect(reasonOf('kaleyra', { meta_object: { value: { statuses: [{ id: 'x' }] } } })).toMatch(/has no status/);
	});
});

describe('Gupshup v3 callbacks', () => {
	it('enqueued (the partner docs\' sample): milliseconds as a number, no business number', () => {
		const body = gupshupV3.enqueued();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			statusItem('gupshup', body, { messageId: GS_ID_2, status: 'enqueued', recipient: '+919163805873', timestamp: T_MS_ISO, wamid: WAMID_2 }),
		]);
	});

	it.each(['sent', 'delivered', 'read', 'deleted'])('%s: gs_id is the message id, seconds as a string', (status) => {
		const body = gupshupV3.status(status);
		expect(itemsOf('gupshup', body)).toStrictEqual([
			statusItem('gupshup', body, {
				messageId: GS_ID,
				status,
				recipient: '+919163805873',
				from: '+919999999998',
				timestamp: T_SENT_ISO,
				wamid: WAMID,
			}),
		]);
	});

	it('failed with Meta\'s errors[]', () => {
		expect(itemsOf('gupshup', gupshupV3.failedMeta())[0]).toMatchObject({
			status: 'failed',
			error: { code: '131026', message: 'Message undeliverable: Message Undeliverable.' },
		});
	});

	it('failed with Gupshup\'s code and reason', () => {
		expect(itemsOf('gupshup', gupshupV3.failedGupshup())[0]).toMatchObject({
			status: 'failed',
			error: { code: '1002', message: 'Number Not Exist On WhatsApp' },
		});
	});

	it('failed with empty code and reason still carries an error', () => {
		const body = gupshupV3.status('failed', { code: '', reason: '' });
		expect(itemsOf('gupshup', body)[0].error).toEqual({
			code: null,
			message: 'The provider reported the message as failed without details',
		});
	});

	it('a batch: one item per status, each with its own entry as raw', () => {
		const body = gupshupV3.batch();
		const statuses = (body.entry as any)[0].changes[0].value.statuses;
		const items = itemsOf('gupshup', body);
		expect(items.map((i) => [i.messageId, i.status, i.timestamp, i.error])).toEqual([
			[GS_ID, 'sent', '2024-03-20T10:27:41.000Z', null],
			[GS_ID, 'delivered', '2024-03-20T10:27:42.000Z', null],
			[GS_ID_2, 'read', '2024-03-20T10:27:43.000Z', null],
			[GS_ID_2, 'failed', '2024-03-20T10:27:44.000Z', { code: '131049', message: 'Meta chose not to deliver' }],
		]);
		items.forEach((item, i) => expect(item.raw).toBe(statuses[i]));
	});

	it('statuses and messages in one callback, several entries and changes', () => {
		const a = gupshupV3.status('read');
		const b = gupshupV3.inboundText();
		const body = { ...a, entry: [...(a.entry as object[]), ...(b.entry as object[])] };
		expect(itemsOf('gupshup', body).map((i) => [i.event, i.status, i.text])).toEqual([
			['status', 'read', null],
			['message', null, 'Hello partner portal'],
		]);
	});

	it('inbound text, reply-button and quick-reply taps', () => {
		const text = gupshupV3.inboundText();
		expect(itemsOf('gupshup', text)).toStrictEqual([
			messageItem('gupshup', text, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				recipient: '+919999999998',
				timestamp: T_SENT_ISO,
				text: 'Hello partner portal',
				wamid: INBOUND_WAMID,
				messageType: 'text',
				contactName: 'Avadhoot Yadav',
			}),
		]);
		expect(itemsOf('gupshup', gupshupV3.inboundButton())[0]).toMatchObject({
			buttonReply: { id: 'opt-2', title: 'Option two' },
			text: 'Option two',
			messageType: 'button_reply',
			replyTo: WAMID,
		});
		expect(itemsOf('gupshup', gupshupV3.inboundQuick())[0]).toMatchObject({
			buttonReply: { id: 'YES_PAYLOAD', title: 'Yes' },
			text: 'Yes',
			messageType: 'quick_reply',
		});
	});

	it('list replies and media are messages too', () => {
		const list = gupshupV3.inboundText();
		(list.entry as any)[0].changes[0].value.messages[0] = {
			from: '917506080480',
			id: 'w1',
			type: 'interactive',
			interactive: { type: 'list_reply', list_reply: { id: 'row-3', title: 'Row three', description: 'd' } },
		};
		expect(itemsOf('gupshup', list)[0]).toMatchObject({ messageType: 'list_reply', buttonReply: { id: 'row-3', title: 'Row three' }, text: 'Row three' });
		const image = gupshupV3.inboundText();
		(image.entry as any)[0].changes[0].value.messages[0] = {
			from: '917506080480',
			id: 'w2',
			type: 'image',
			image: { id: 'media-1', mime_type: 'image/jpeg', caption: 'my receipt' },
		};
		expect(itemsOf('gupshup', image)[0]).toMatchObject({ messageType: 'image', text: 'my receipt', buttonReply: null });
	});

	it('the set-callback check, billing and template events: known, no events', () => {
		expect(itemsOf('gupshup', gupshupV3.setCallback())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV3.billing())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV3.templateUpdate())).toEqual([]);
		expect(itemsOf('gupshup', { gs_app_id: 'x', type: 'platform-event', event: 'app-live' })).toEqual([]);
	});

	it('refuses malformed envelopes with a reason naming the place', () => {
		expect(reasonOf('gupshup', { entry: {} })).toBe('entry is not an array');
		expect(reasonOf('gupshup', { entry: [{ changes: [{ value: { statuses: [{}] } }] }] })).toBe(
			'entry[0].changes[0].value.statuses[0] has no status',
		);
		expect(reasonOf('gupshup', { entry: [{ changes: [{ value: { messages: [{ type: 'text' }] } }] }] })).toBe(
			'entry[0].changes[0].value.messages[0] has neither from nor id',
		);
		expect(reasonOf('gupshup', { hello: 'world' })).toMatch(/Not a Gupshup callback/);
	});
});

describe('Gupshup v2 callbacks', () => {
	it.each(['sent', 'delivered', 'read', 'deleted'])('%s: gsId is the message id, the event\'s own ts', (status) => {
		const body = gupshupV2.status(status);
		expect(itemsOf('gupshup', body)).toStrictEqual([
			statusItem('gupshup', body, { messageId: GS_ID, status, recipient: '+919163805873', timestamp: T_SENT_ISO, wamid: WAMID }),
		]);
	});

	it('enqueued: Gupshup\'s own id, Meta\'s id from whatsappMessageId, the envelope\'s time', () => {
		const body = gupshupV2.enqueued();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			statusItem('gupshup', body, {
				messageId: GS_ID,
				status: 'enqueued',
				recipient: '+919163805873',
				timestamp: '2024-03-20T10:27:42.123Z',
				wamid: WAMID,
			}),
		]);
	});

	it('failed: code and reason', () => {
		expect(itemsOf('gupshup', gupshupV2.status('failed', { code: 1002, reason: 'Number Not Exist On WhatsApp' }))[0]).toMatchObject({
			status: 'failed',
			error: { code: '1002', message: 'Number Not Exist On WhatsApp' },
			timestamp: '2024-03-20T10:27:42.123Z',
		});
	});

	it('inbound text, button_reply, quick_reply, list_reply and media', () => {
		const text = gupshupV2.inbound('text', { text: 'Hi' });
		expect(itemsOf('gupshup', text)).toStrictEqual([
			messageItem('gupshup', text, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				timestamp: '2024-03-20T10:28:20.123Z',
				text: 'Hi',
				wamid: INBOUND_WAMID,
				messageType: 'text',
				contactName: 'Avadhoot Yadav',
			}),
		]);
		const button = gupshupV2.inbound('button_reply', { id: 'b1', title: 'One', reply: 'One 1' }, { id: WAMID, gsId: GS_ID });
		expect(itemsOf('gupshup', button)[0]).toMatchObject({
			buttonReply: { id: 'b1', title: 'One' },
			text: 'One',
			messageType: 'button_reply',
			replyTo: GS_ID,
		});
		const quick = gupshupV2.inbound('quick_reply', { text: 'Yes', type: 'button', payload: 'Y' });
		expect(itemsOf('gupshup', quick)[0]).toMatchObject({ buttonReply: { id: 'Y', title: 'Yes' }, text: 'Yes', messageType: 'quick_reply' });
		const listReply = gupshupV2.inbound('list_reply', { title: 'Row', id: 'r1', reply: 'Row 1', postbackText: 'r1' });
		expect(itemsOf('gupshup', listReply)[0]).toMatchObject({ buttonReply: { id: 'r1', title: 'Row' }, messageType: 'list_reply' });
		const image = gupshupV2.inbound('image', { caption: 'look', url: 'https://filemanager.gupshup.io/x', contentType: 'image/jpeg' });
		expect(itemsOf('gupshup', image)[0]).toMatchObject({ messageType: 'image', text: 'look', buttonReply: null });
	});

	it('user, billing and other events: known, no events', () => {
		expect(itemsOf('gupshup', gupshupV2.callbackCheck())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV2.optedIn())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV2.billing())).toEqual([]);
		expect(itemsOf('gupshup', { app: 'A', timestamp: 1, version: 2, type: 'system-event', payload: { type: 'x' } })).toEqual([]);
	});

	it('refuses v2 bodies that lack what they need', () => {
		expect(reasonOf('gupshup', { type: 'message-event', payload: { id: 'x' } })).toMatch(/payload.type/);
		expect(reasonOf('gupshup', { type: 'message', payload: { type: 'text', payload: { text: 'x' } } })).toMatch(/payload.source/);
	});
});

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

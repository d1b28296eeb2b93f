/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import {
	gupshupV2,
	gupshupV3,
	GS_ID,
	GS_ID_2,
	INBOUND_WAMID,
	T_MS_ISO,
	T_SENT_ISO,
	WAMID,
	WAMID_2,
} from '../../helpers/trigger-fixtures';
import { itemsOf, messageItem, reasonOf, statusItem } from '../../helpers/trigger-expect';

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
			error: {
				code: '131026',
				message: 'Message undeliverable: Message Undeliverable.',
				hint: 'The message could not be delivered: the number may not be on WhatsApp, may use an old app version, or has not accepted the latest terms',
			},
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
			[
				GS_ID_2,
				'failed',
				'2024-03-20T10:27:44.000Z',
				{
					code: '131049',
					message: 'Meta chose not to deliver',
					hint: 'WhatsApp held back this marketing message to keep engagement healthy: send it later or to fewer recipients',
				},
			],
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

/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import {
	GUPSHUP_MEDIA_URL,
	gupshupV2,
	gupshupV3,
	GS_ID,
	GS_ID_2,
	INBOUND_WAMID,
	META_MEDIA_ID,
	metaMessage,
	T_MS_ISO,
	T_SENT_ISO,
	WAMID,
	WAMID_2,
} from '../../helpers/trigger-fixtures';
import type { InboundMedia } from '../../../../nodes/shared/callbacks/types';
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

	// Meta's shapes (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples): a file by its
	// media id, no link; v3 apps fetch it through Gupshup's media API.
	it.each([
		['image', metaMessage.image(), { type: 'image', caption: 'This is a caption', filename: null, mimeType: 'image/jpeg' }],
		['document', metaMessage.document(), { type: 'document', caption: 'Invoice March', filename: 'invoice-0324.pdf', mimeType: 'application/pdf' }],
		['video', metaMessage.video(), { type: 'video', caption: 'unboxing', filename: null, mimeType: 'video/mp4' }],
		['audio', metaMessage.audio(), { type: 'audio', caption: null, filename: null, mimeType: 'audio/ogg; codecs=opus' }],
		['sticker', metaMessage.sticker(), { type: 'sticker', caption: null, filename: null, mimeType: 'image/webp' }],
	])('inbound %s: media with Meta\'s id and no link', (type, message, media) => {
		const body = gupshupV3.inboundMeta(message);
		expect(itemsOf('gupshup', body)).toStrictEqual([
			messageItem('gupshup', body, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				recipient: '+919999999998',
				timestamp: T_SENT_ISO,
				text: media.caption,
				media: { id: META_MEDIA_ID, url: null, ...media } as InboundMedia,
				wamid: INBOUND_WAMID,
				messageType: type,
				contactName: 'Avadhoot Yadav',
			}),
		]);
	});

	it('Meta\'s current reference adds a url to the media object: it is kept', () => {
		const message = metaMessage.image();
		(message.image as any).url = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=2754859441498128';
		expect(itemsOf('gupshup', gupshupV3.inboundMeta(message))[0].media?.url).toBe('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=2754859441498128');
	});

	it('inbound list-row choice: listReply { id, title, description }, buttonReply and text as before', () => {
		const body = gupshupV3.inboundMeta(metaMessage.listReply());
		expect(itemsOf('gupshup', body)).toStrictEqual([
			messageItem('gupshup', body, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				recipient: '+919999999998',
				timestamp: T_SENT_ISO,
				text: 'Express delivery',
				buttonReply: { id: 'row-express', title: 'Express delivery' },
				listReply: { id: 'row-express', title: 'Express delivery', description: 'Arrives tomorrow' },
				wamid: INBOUND_WAMID,
				messageType: 'list_reply',
				replyTo: WAMID,
				contactName: 'Avadhoot Yadav',
			}),
		]);
		const noDescription = metaMessage.listReply();
		delete (noDescription.interactive as any).list_reply.description;
		expect(itemsOf('gupshup', gupshupV3.inboundMeta(noDescription))[0].listReply).toStrictEqual({ id: 'row-express', title: 'Express delivery', description: null });
	});

	it('the set-callback check and billing events: known, no events; a template update is a template event', () => {
		expect(itemsOf('gupshup', gupshupV3.setCallback())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV3.billing())).toEqual([]);
		expect(itemsOf('gupshup', gupshupV3.templateUpdate())).toMatchObject([
			{ event: 'template', template: { id: '123', name: null, language: null, status: 'approved', reason: null } },
		]);
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

	// https://docs.gupshup.io/docs/media
	it('inbound image (the docs\' sample): media with Gupshup\'s link, contentType and caption', () => {
		const body = gupshupV2.image();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			messageItem('gupshup', body, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				timestamp: '2024-03-20T10:28:20.123Z',
				text: 'Sample image',
				media: { type: 'image', id: null, url: GUPSHUP_MEDIA_URL, mimeType: 'image/jpeg', caption: 'Sample image', filename: null },
				wamid: INBOUND_WAMID,
				messageType: 'image',
				contactName: 'Avadhoot Yadav',
			}),
		]);
	});

	it.each([
		['file', gupshupV2.file(), { type: 'document', mimeType: 'application/pdf', caption: 'Purchase receipt', filename: 'file1.pdf' }],
		['audio', gupshupV2.audio(), { type: 'audio', mimeType: 'audio/ogg; codecs=opus', caption: null, filename: null }],
		['video', gupshupV2.video(), { type: 'video', mimeType: 'video/mp4', caption: 'Sample video', filename: null }],
		['sticker', gupshupV2.sticker(), { type: 'sticker', mimeType: 'image/webp', caption: null, filename: null }],
	])('inbound %s: Gupshup\'s own payload read the same way (a file is a document)', (type, body, media) => {
		const [item] = itemsOf('gupshup', body);
		expect(item.media).toStrictEqual({ id: null, url: (body.payload as any).payload.url, ...media });
		expect([item.messageType, item.text, item.buttonReply, item.listReply]).toEqual([type, media.caption, null, null]);
	});

	it('the field table\'s content-type spelling and a link that is no http(s) URL', () => {
		const body = gupshupV2.inbound('image', { url: 'filemanager.gupshup.io/no-scheme', 'content-type': 'image/png' });
		expect(itemsOf('gupshup', body)[0].media).toStrictEqual({ type: 'image', id: null, url: null, mimeType: 'image/png', caption: null, filename: null });
	});

	// https://docs.gupshup.io/docs/interactive: `id` is the list message's id, postbackText the row's payload.
	it('a list-row choice (the docs\' sample): the row\'s postbackText is the id, its title the title', () => {
		const body = gupshupV2.listReply();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			messageItem('gupshup', body, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				timestamp: '2024-03-20T10:28:20.123Z',
				text: 'section 1 row 1',
				buttonReply: { id: 'section 1 row 1 postback payload', title: 'section 1 row 1' },
				listReply: { id: 'section 1 row 1 postback payload', title: 'section 1 row 1', description: 'first row of first section description' },
				wamid: INBOUND_WAMID,
				messageType: 'list_reply',
				replyTo: 'cbdafe39-1023-42a7-89d6-6c01a3388bb5',
				contactName: 'Avadhoot Yadav',
			}),
		]);
		const withoutPostback = gupshupV2.inbound('list_reply', { title: 'Row', id: 'r9', reply: 'Row 1' });
		expect(itemsOf('gupshup', withoutPostback)[0].listReply).toStrictEqual({ id: 'r9', title: 'Row', description: null });
	});

	// https://docs.gupshup.io/reference/postback-text-support
	it('a quick reply with postbackText: the id is the payload the business set, the button text stays the title', () => {
		expect(itemsOf('gupshup', gupshupV2.quickPostback())[0]).toMatchObject({
			buttonReply: { id: 'AGENT_HANDOFF', title: 'Talk to an agent' },
			text: 'Talk to an agent',
			messageType: 'quick_reply',
			replyTo: WAMID,
			listReply: null,
		});
		// https://docs.gupshup.io/docs/text: without a postback, the button text is both.
		expect(itemsOf('gupshup', gupshupV2.quickText())[0].buttonReply).toStrictEqual({ id: 'View Account Balance', title: 'View Account Balance' });
		// https://docs.gupshup.io/docs/interactive: the interactive form { title, id, reply }.
		expect(itemsOf('gupshup', gupshupV2.quickInteractive())[0].buttonReply).toStrictEqual({ id: 'qr1', title: 'First' });
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

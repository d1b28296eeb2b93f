/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import {
	gupshupV3,
	GS_ID,
	INBOUND_WAMID,
	kaleyra,
	KALEYRA_MEDIA_URL,
	KALEYRA_MESSAGE_ID,
	META_MEDIA_ID,
	metaMessage,
	T_SENT_ISO,
	WAMID,
} from '../../helpers/trigger-fixtures';
import { itemsOf, messageItem, reasonOf, statusItem } from '../../helpers/trigger-expect';

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

	it('failed: Meta\'s error with its details, and for WhatsApp\'s 24-hour window what to do', () => {
		const body = kaleyra.failed();
		expect(itemsOf('kaleyra', body)[0]).toMatchObject({
			status: 'failed',
			error: {
				code: '131047',
				message:
					'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
				hint: 'More than 24 hours have passed since the customer last wrote: only an approved template may be sent now (use Send Template)',
			},
		});
	});

	it('not-sent with a code WhatsApp does not explain gets no hint', () => {
		expect(itemsOf('kaleyra', kaleyra.notSent())[0].error).toStrictEqual({ code: 'WA-411', message: 'Template not approved' });
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

	it('other fields are known and carry no event; a template status is a template event (test/unit/trigger/templates-reactions.test.ts)', () => {
		expect(itemsOf('kaleyra', { meta_object: { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } } })).toEqual([]);
		expect(itemsOf('kaleyra', { meta_object: { field: 'message_template_status_update', value: { event: 'APPROVED' } } })).toMatchObject([
			{ event: 'template', template: { status: 'approved' } },
		]);
	});

	// https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payload-reply-media-message
	it('an inbound image: Meta\'s media id and type, the link from extra_info.media_url', () => {
		const body = kaleyra.inboundMedia();
		const refs = { ref: 'Hello This will be my reference id - 123', ref1: 'shoes campaign', ref2: 'summer sale campaign' };
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			messageItem('kaleyra', body, {
				messageId: INBOUND_WAMID,
				from: '+919876543210',
				recipient: '+919000000001',
				timestamp: T_SENT_ISO,
				media: { type: 'image', id: '4621000000000001', url: KALEYRA_MEDIA_URL, mimeType: 'image/jpeg', caption: null, filename: null },
				ref: refs.ref,
				refs,
				wamid: INBOUND_WAMID,
				messageType: 'image',
				replyTo: WAMID,
				contactName: 'Asha Rao',
			}),
		]);
	});

	it.each([
		['document', metaMessage.document(), { type: 'document', caption: 'Invoice March', filename: 'invoice-0324.pdf', mimeType: 'application/pdf' }, 'Invoice March'],
		['video', metaMessage.video(), { type: 'video', caption: 'unboxing', filename: null, mimeType: 'video/mp4' }, 'unboxing'],
		['audio', metaMessage.audio(), { type: 'audio', caption: null, filename: null, mimeType: 'audio/ogg; codecs=opus' }, null],
		['sticker', metaMessage.sticker(), { type: 'sticker', caption: null, filename: null, mimeType: 'image/webp' }, null],
	])('an inbound %s: the same reading, the caption as text', (_type, message, media, text) => {
		const [item] = itemsOf('kaleyra', kaleyra.inboundMedia(message));
		expect(item.media).toStrictEqual({ id: META_MEDIA_ID, url: KALEYRA_MEDIA_URL, ...media });
		expect(item.text).toBe(text);
		expect([item.listReply, item.buttonReply]).toEqual([null, null]);
	});

	it('a media message without a link (media_url "" or missing) keeps url null', () => {
		const empty = kaleyra.inboundMedia();
		(empty.extra_info as any).media_url = '';
		expect(itemsOf('kaleyra', empty)[0].media).toMatchObject({ type: 'image', id: '4621000000000001', url: null });
		const notALink = kaleyra.inboundMedia();
		(notALink.extra_info as any).media_url = 'ftp://example.com/x.jpg';
		expect(itemsOf('kaleyra', notALink)[0].media?.url).toBeNull();
	});

	// https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payloads-interactive-list-reply-message
	it('a list-row choice: listReply with the row\'s description; buttonReply and text as for a button', () => {
		const body = kaleyra.inboundList();
		const title = '1st sec 1 Row \u0c85\u0ca4\u0cc1\u0cb2\u0ccd';
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			messageItem('kaleyra', body, {
				messageId: INBOUND_WAMID,
				from: '+919876543210',
				recipient: '+919000000001',
				timestamp: T_SENT_ISO,
				text: title,
				buttonReply: { id: '1', title },
				listReply: { id: '1', title, description: 'Its Description-here 1st row' },
				ref: 'Hello This will be my reference id - 123',
				refs: { ref: 'Hello This will be my reference id - 123', ref1: null, ref2: null },
				wamid: INBOUND_WAMID,
				messageType: 'list_reply',
				replyTo: WAMID,
				contactName: 'Asha Rao',
			}),
		]);
	});

	// https://developers.kaleyra.io/docs/whatsapp-callback-url (the older page): Meta's value is the whole body.
	it('the older shape, Meta\'s value at the top level, is read like the v2 wrapper', () => {
		const text = kaleyra.olderText();
		expect(itemsOf('kaleyra', text)).toStrictEqual([
			messageItem('kaleyra', text, {
				messageId: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf',
				from: '+919876543210',
				timestamp: T_SENT_ISO,
				text: 'Hello this is an answer',
				wamid: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf',
				messageType: 'text',
				contactName: 'Test',
			}),
		]);
		// The On-Premises client's `file` is a path on Kaleyra's server, not a link: no url.
		expect(itemsOf('kaleyra', kaleyra.olderImage())[0]).toMatchObject({
			text: 'Check out my new phone!',
			messageType: 'image',
			media: { type: 'image', id: 'b1c68f38-8734-4ad3-b4a1-ef0c10d683', url: null, mimeType: 'image/jpeg', caption: 'Check out my new phone!', filename: null },
		});
		const statuses = kaleyra.olderStatuses();
		const items = itemsOf('kaleyra', statuses);
		expect(items.map((i) => [i.event, i.status, i.messageId, i.recipient, i.timestamp])).toEqual([
			['status', 'delivered', WAMID, '+919876543210', T_SENT_ISO],
			['status', 'read', WAMID, '+919876543210', '2024-03-20T10:27:42.000Z'],
		]);
		expect(items[0].raw).toBe((statuses.statuses as object[])[0]);
		expect(reasonOf('kaleyra', { messages: [{ type: 'text' }] })).toBe('body.messages[0] has neither from nor id');
	});

	it('flat media bodies of dynamic-variable profiles: media_url and mime_type', () => {
		const flat = { ...kaleyra.flatInbound(), type: 'image', body: '', media_url: KALEYRA_MEDIA_URL, mime_type: 'image/jpeg' };
		expect(itemsOf('kaleyra', flat)[0]).toMatchObject({
			messageType: 'image',
			text: null,
			media: { type: 'image', id: null, url: KALEYRA_MEDIA_URL, mimeType: 'image/jpeg', caption: null, filename: null },
		});
	});

	it('refuses what is no Kaleyra callback', () => {
		expect(reasonOf('kaleyra', { foo: 1 })).toMatch(/Not a Kaleyra callback/);
		expect(reasonOf('kaleyra', { meta_object: 'not json' })).toMatch(/meta_object is not JSON/);
		expect(reasonOf('kaleyra', { meta_object: { value: { statuses: 'x' } } })).toMatch(/statuses is not an array/);
		expect(reasonOf('kaleyra', { meta_object: { value: { statuses: [{ id: 'x' }] } } })).toMatch(/has no status/);
	});
});

/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import {
	INBOUND_WAMID,
	insider,
	META_MEDIA_ID,
	META_SHA256,
	T_SENT_ISO,
	WAMID,
} from '../../helpers/trigger-fixtures';
import { itemsOf, messageItem, reasonOf, statusItem } from '../../helpers/trigger-expect';

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
				error: {
					code: '131026',
					message: '(#131026) Message undeliverable',
					hint: 'The message could not be delivered: the number may not be on WhatsApp, may use an old app version, or has not accepted the latest terms',
				},
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

	// Insider passes Meta's inbound message on; Meta names a file by its media id
	// (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples).
	it('an inbound image: media with Meta\'s id, type and caption, no link', () => {
		const body = insider.replyImage();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: 'This is a caption',
				media: { type: 'image', id: META_MEDIA_ID, url: null, mimeType: 'image/jpeg', caption: 'This is a caption', filename: null },
				wamid: INBOUND_WAMID,
				messageType: 'image',
			}),
		]);
		expect((body.message as any).image.sha256).toBe(META_SHA256);
	});

	it('a list-row choice: listReply with the description, buttonReply as for a button, replyTo the key', () => {
		const body = insider.replyList();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: 'Express delivery',
				buttonReply: { id: 'row-express', title: 'Express delivery' },
				listReply: { id: 'row-express', title: 'Express delivery', description: 'Arrives tomorrow' },
				wamid: INBOUND_WAMID,
				messageType: 'list_reply',
				replyTo: key,
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

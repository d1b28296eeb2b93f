import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

// Meta's pages these payloads follow:
//   mark as read:  developers.facebook.com/documentation/business-messaging/whatsapp/messages/mark-message-as-read
//   typing:        developers.facebook.com/documentation/business-messaging/whatsapp/typing-indicators/
//   reaction:      developers.facebook.com/documentation/business-messaging/whatsapp/messages/reaction-messages
//   CTA URL:       developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages
//   quoted reply:  developers.facebook.com/documentation/business-messaging/whatsapp/messages/contextual-replies
const WAMID = 'wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQTdCNTg5RjY1MEMyRjlGMjRGNgA=';
const cta = (extra: IDataObject = {}) => ({ operation: 'sendCtaUrl', bodyText: 'Your order shipped', buttonText: 'Track order', url: 'https://shop.example/track/1', ...extra });

describe('markAsRead', () => {
	it('is an action: no recipient, Meta\'s read status as { type: "read", read }', () => {
		expect(build({ operation: 'markAsRead', to: '', messageId: ` ${WAMID} ` }).message).toEqual({
			to: '',
			operation: 'markAsRead',
			payload: { type: 'read', read: { status: 'read', message_id: WAMID } },
		});
		expect(build({ operation: 'markAsRead', messageId: WAMID, typingIndicator: true }).message?.payload).toEqual({
			type: 'read',
			read: { status: 'read', message_id: WAMID, typing_indicator: { type: 'text' } },
		});
	});

	it('refuses an empty or overlong message ID, and quotes nothing', () => {
		expect(problemsOf({ operation: 'markAsRead', messageId: '  ' })).toEqual([
			'messageId: message ID is empty; give the ID of a message the WhatsApp BSP Trigger received',
		]);
		expect(problemsOf({ operation: 'markAsRead', messageId: 'm'.repeat(513) })).toEqual(['messageId: message ID is 513 characters; WhatsApp allows at most 512']);
		expect(build({ operation: 'markAsRead', messageId: WAMID, options: { replyToMessageId: 'wamid.other' } }).message?.payload).not.toHaveProperty('context');
	});
});

describe('sendReaction', () => {
	it('sends one emoji, or an empty one that removes the reaction', () => {
		expect(build({ operation: 'sendReaction', messageId: WAMID, emoji: '👍' }).message).toEqual({
			to: '+14155550100',
			operation: 'sendReaction',
			payload: { type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' } },
		});
		for (const emoji of ['❤️', '👍🏽', '🇮🇳', '1️⃣', '👨‍👩‍👧']) expect(problemsOf({ operation: 'sendReaction', messageId: WAMID, emoji })).toBeUndefined();
		expect(build({ operation: 'sendReaction', messageId: WAMID, emoji: '' }).message?.payload).toEqual({ type: 'reaction', reaction: { message_id: WAMID, emoji: '' } });
	});

	it.each<[IDataObject, string[]]>([
		[{ emoji: '👍👍' }, ['emoji: emoji "👍👍" is not one emoji; give one emoji, or leave it empty to remove the reaction']],
		[{ emoji: 'ok' }, ['emoji: emoji "ok" is not one emoji; give one emoji, or leave it empty to remove the reaction']],
		[{ messageId: '', emoji: '👍' }, ['messageId: message ID is empty; give the ID of a message the WhatsApp BSP Trigger received']],
		[{ to: '0415 555 0100', emoji: '👍' }, ['to: recipient number "0415 555 0100" is a national number; add the country code (e.g. +44…)']],
	])('refuses %j before sending', (input, expected) => {
		expect(problemsOf({ operation: 'sendReaction', messageId: WAMID, ...input })).toEqual(expected);
	});

	it('is never a quoted reply (Meta refuses a reaction as one)', () => {
		expect(build({ operation: 'sendReaction', messageId: WAMID, emoji: '👍', options: { replyToMessageId: WAMID } }).message?.payload).not.toHaveProperty('context');
	});
});

describe('sendCtaUrl', () => {
	it('builds Meta\'s cta_url interactive message with the header and footer of Send Buttons', () => {
		expect(build(cta()).message?.payload).toEqual({
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				body: { text: 'Your order shipped' },
				action: { name: 'cta_url', parameters: { display_text: 'Track order', url: 'https://shop.example/track/1' } },
			},
		});
		expect(build(cta({ headerType: 'image', headerMediaUrl: 'https://cdn.example/box.png', footerText: 'Shop Example' })).message?.payload).toEqual({
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				header: { type: 'image', image: { link: 'https://cdn.example/box.png' } },
				body: { text: 'Your order shipped' },
				footer: { text: 'Shop Example' },
				action: { name: 'cta_url', parameters: { display_text: 'Track order', url: 'https://shop.example/track/1' } },
			},
		});
	});

	it.each<[IDataObject, string[]]>([
		[{ bodyText: '' }, ['bodyText: body text is empty; WhatsApp needs 1 to 1024 characters']],
		[{ bodyText: 'b'.repeat(1025) }, ['bodyText: body text is 1025 characters; WhatsApp allows at most 1024']],
		[{ buttonText: '' }, ['buttonText: button text is empty; WhatsApp needs 1 to 20 characters']],
		[{ buttonText: 'Track my order please' }, ['buttonText: button text is 21 characters; WhatsApp allows at most 20']],
		[{ url: '' }, ['url: URL is empty; give an http or https URL']],
		[{ url: 'ftp://shop.example/track' }, ['url: URL "ftp://shop.example/track" is not an http or https URL']],
		[{ url: 'shop.example/track' }, ['url: URL "shop.example/track" is not an http or https URL']],
		[{ headerType: 'text', headerText: 'h'.repeat(61) }, ['headerText: header text is 61 characters; WhatsApp allows at most 60']],
		[{ headerType: 'video', headerMediaUrl: 'not a url' }, ['headerMediaUrl: header video URL "not a url" is not an http or https URL']],
		[{ headerType: 'location' }, ['headerType: header type "location" is not one of none, text, image, video, document']],
		[{ footerText: 'f'.repeat(61) }, ['footerText: footer text is 61 characters; WhatsApp allows at most 60']],
	])('refuses %j before sending', (input, expected) => {
		expect(problemsOf(cta(input))).toEqual(expected);
	});
});

describe('options.replyToMessageId', () => {
	it.each<[string, IDataObject]>([
		['sendText', { text: 'Your order ships today' }],
		['sendImage', { imageSource: 'url', imageUrl: 'https://cdn.example/a.png' }],
		['sendButtons', { bodyText: 'Pick', buttons: [{ id: 'y', title: 'Yes' }] }],
		['sendLocation', { latitude: 12.97, longitude: 77.59 }],
		['sendCtaUrl', cta()],
	])('adds Meta\'s context to %s, in one place for every message', (operation, input) => {
		const payload = build({ ...input, operation, options: { replyToMessageId: ` ${WAMID} ` } }).message?.payload;
		expect(payload?.context).toEqual({ message_id: WAMID });
		expect(payload).toEqual({ ...build({ ...input, operation }).message?.payload, context: { message_id: WAMID } });
	});

	it('adds nothing when it is empty', () => {
		expect(build({ text: 'hi', options: { replyToMessageId: '' } }).message?.payload).toEqual({ type: 'text', text: { preview_url: false, body: 'hi' } });
	});
});

/**
 * Callback bodies in the shapes the providers document (Gupshup's partner docs samples,
 * Kaleyra's v2 wrapper, Insider's documented fields; see shared/provider-docs/NOTES.md),
 * with realistic values. Each is a function so that a test can mutate its copy.
 */
import type { IDataObject } from 'n8n-workflow';

export const WAMID = 'wamid.HBgMOTE5MTYzODA1ODczFQIAERgSMDQ4RjE2QjNCRDg3QTJGRDUzAA==';
export const WAMID_2 = 'wamid.HBgMOTE5MTYzODA1ODczFQIAERgSNkZCMThGMEEwQzJDOUFGQjFBAA==';
export const INBOUND_WAMID = 'wamid.HBgMOTE3NTA2MDgwNDgwFQIAEhgUM0FFNTVCQzgxQzNBQUExQzUwMEMA';
export const T_SENT = '1710930461'; // 2024-03-20T10:27:41.000Z
export const T_SENT_ISO = '2024-03-20T10:27:41.000Z';
export const T_MS = 1710941393420; // 2024-03-20T13:29:53.420Z
export const T_MS_ISO = '2024-03-20T13:29:53.420Z';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Meta's inbound media and list-row messages, as Meta's payload examples show them
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples;
 * the image and document references: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/image,
 * …/messages/document). Insider, Kaleyra and Gupshup v3 pass these on.
 */
export const META_MEDIA_ID = '2754859441498128';
export const META_SHA256 = '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3';
export const metaMessage = {
	image: (): IDataObject => ({
		type: 'image',
		image: { caption: 'This is a caption', mime_type: 'image/jpeg', sha256: META_SHA256, id: META_MEDIA_ID },
	}),
	document: (): IDataObject => ({
		type: 'document',
		document: { caption: 'Invoice March', filename: 'invoice-0324.pdf', mime_type: 'application/pdf', sha256: META_SHA256, id: META_MEDIA_ID },
	}),
	audio: (): IDataObject => ({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: META_SHA256, id: META_MEDIA_ID, voice: true } }),
	video: (): IDataObject => ({ type: 'video', video: { caption: 'unboxing', mime_type: 'video/mp4', sha256: META_SHA256, id: META_MEDIA_ID } }),
	sticker: (): IDataObject => ({ type: 'sticker', sticker: { mime_type: 'image/webp', sha256: META_SHA256, id: META_MEDIA_ID, animated: false } }),
	listReply: (): IDataObject => ({
		context: { from: '919000000001', id: WAMID },
		type: 'interactive',
		interactive: { type: 'list_reply', list_reply: { id: 'row-express', title: 'Express delivery', description: 'Arrives tomorrow' } },
	}),
	/** A reaction, and its removal, which comes without the emoji (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/). */
	reaction: (): IDataObject => ({ type: 'reaction', reaction: { message_id: WAMID, emoji: '\uD83D\uDE00' } }),
	reactionRemoved: (): IDataObject => ({ type: 'reaction', reaction: { message_id: WAMID } }),
};

/** Meta's template webhooks in their envelope, as Gupshup v3 and Insider would pass them on. */
export const WABA_ID = '102290129340398';
export const META_TEMPLATE_ID = '278077987957091';
export const metaTemplate = {
	/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update */
	statusUpdate: (value: IDataObject): IDataObject =>
		clone({
			object: 'whatsapp_business_account',
			entry: [{ id: WABA_ID, time: 1739321024, changes: [{ field: 'message_template_status_update', value }] }],
		}),
	/** A pause: reason NONE, the pause told in other_info. */
	paused: (): IDataObject => ({
		event: 'PAUSED',
		message_template_id: Number(META_TEMPLATE_ID),
		message_template_name: 'spring_sale',
		message_template_language: 'en_US',
		reason: 'NONE',
		other_info: { title: 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused for 3 hours until Feb 12 at 2:30 PM UTC because it had issues.' },
	}),
	/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update */
	categoryUpdate: (value: IDataObject): IDataObject =>
		clone({
			object: 'whatsapp_business_account',
			entry: [{ id: WABA_ID, time: 1739321024, changes: [{ field: 'template_category_update', value }] }],
		}),
};

// ---------------------------------------------------------------- Insider One

const insiderBase = { key: 'a3c1e7f0-5b2d-4e8a-9c61-0d2f4b6a8e10', phoneNumber: '+905321234567' };

export const insider = {
	/** Documented: an accepted message is Meta's send answer plus `key`; here with the event named. */
	sent: (): IDataObject =>
		clone({
			...insiderBase,
			event: 'sent',
			status: 'sent',
			timestamp: T_SENT,
			messaging_product: 'whatsapp',
			contacts: [{ input: '+905321234567', wa_id: '905321234567' }],
			messages: [{ id: WAMID }],
		}),
	delivered: (): IDataObject => clone({ ...insiderBase, event: 'delivered', timestamp: 1710930470 }),
	read: (): IDataObject => clone({ ...insiderBase, event: 'READ', status: 'Read', timestamp: 1710930500000 }),
	failed: (): IDataObject =>
		clone({
			...insiderBase,
			event: 'failed',
			timestamp: T_SENT,
			error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026, fbtrace_id: 'AzXb4Lq1' },
		}),
	/** The documented error shape, nothing else: `{ error: { message, type, code, fbtrace_id }, key }`. */
	errorOnly: (): IDataObject =>
		clone({
			error: { message: 'Recipient phone number not in allowed list', type: 'OAuthException', code: 131030, fbtrace_id: 'B9xQ' },
			key: insiderBase.key,
		}),
	/** The documented accepted shape: Meta's send answer plus `key`, without an event name. */
	accepted: (): IDataObject =>
		clone({
			messaging_product: 'whatsapp',
			contacts: [{ input: '+905321234567', wa_id: '905321234567' }],
			messages: [{ id: WAMID }],
			key: insiderBase.key,
		}),
	replyText: (): IDataObject =>
		clone({
			event: 'reply',
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: { from: '905321234567', id: INBOUND_WAMID, timestamp: '1710930500', type: 'text', text: { body: 'Hello there' } },
		}),
	replyButton: (): IDataObject =>
		clone({
			event: 'reply',
			key: insiderBase.key,
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: {
				from: '905321234567',
				id: INBOUND_WAMID,
				timestamp: '1710930500',
				context: { from: '905550000001', id: WAMID },
				type: 'interactive',
				interactive: { type: 'button_reply', button_reply: { id: 'confirm-yes', title: 'Yes' } },
			},
		}),
	/** A reply whose message is Meta's image (Insider passes Meta's inbound message on). */
	replyImage: (): IDataObject =>
		clone({
			event: 'reply',
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: { from: '905321234567', id: INBOUND_WAMID, timestamp: '1710930500', ...metaMessage.image() },
		}),
	replyList: (): IDataObject =>
		clone({
			event: 'reply',
			key: insiderBase.key,
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: { from: '905321234567', id: INBOUND_WAMID, timestamp: '1710930500', ...metaMessage.listReply() },
		}),
	/** Insider documents no reaction: a reply whose message is Meta's reaction, as its other replies pass Meta's message on. */
	replyReaction: (): IDataObject =>
		clone({
			event: 'reply',
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: { from: '905321234567', id: INBOUND_WAMID, timestamp: '1710930500', ...metaMessage.reaction() },
		}),
	replyQuick: (): IDataObject =>
		clone({
			event: 'reply',
			phoneNumber: '+905321234567',
			timestamp: '1710930500',
			message: {
				from: '905321234567',
				id: INBOUND_WAMID,
				timestamp: '1710930500',
				context: { from: '905550000001', id: WAMID },
				type: 'button',
				button: { payload: 'STOP_PROMOS', text: 'Stop promotions' },
			},
		}),
};

// ---------------------------------------------------------------- Kaleyra

const kaleyraMetadata = { display_phone_number: '919000000001', phone_number_id: '100000000000002' };

function kaleyraStatus(status: string, extraStatus: IDataObject = {}): IDataObject {
	return {
		meta_object: {
			value: {
				messaging_product: 'whatsapp',
				metadata: kaleyraMetadata,
				statuses: [{ id: WAMID, status, timestamp: T_SENT, recipient_id: '919876543210', ...extraStatus }],
			},
			field: 'messages',
		},
		extra_info: {
			message_id: 'b6a9c0de-3f1d-4c0a-9a1b-6f2e8d7c5b41',
			ref: 'order-1234',
			ref1: 'campaign-spring',
			ref2: '',
			trace_id: '6c1f0a2b9d3e4f50',
			waba_id: '100000000000001',
		},
		status,
		message_id: 'b6a9c0de-3f1d-4c0a-9a1b-6f2e8d7c5b41',
	};
}

function kaleyraInbound(message: IDataObject): IDataObject {
	return {
		meta_object: {
			value: {
				messaging_product: 'whatsapp',
				metadata: kaleyraMetadata,
				contacts: [{ profile: { name: 'Asha Rao' }, wa_id: '919876543210' }],
				messages: [{ from: '919876543210', id: INBOUND_WAMID, timestamp: T_SENT, ...message }],
			},
			field: 'messages',
		},
		extra_info: { trace_id: '8d2e1f0a3b4c5d6e', waba_id: '100000000000001' },
	};
}

export const KALEYRA_MESSAGE_ID = 'b6a9c0de-3f1d-4c0a-9a1b-6f2e8d7c5b41';
/** Kaleyra stores inbound files in S3 and links them (https://support.kaleyra.com/support/solutions/articles/3000108434-about-incoming-url-on-wa-channel). */
export const KALEYRA_MEDIA_URL = 'https://kaleyra-wa-media.s3.ap-south-1.amazonaws.com/HXIN1700000000IN/4621000000000001.jpg';

export const kaleyra = {
	status: (status: string, extraStatus: IDataObject = {}): IDataObject => clone(kaleyraStatus(status, extraStatus)),
	inboundReaction: (): IDataObject => clone(kaleyraInbound(metaMessage.reaction())),
	inboundReactionRemoved: (): IDataObject => clone(kaleyraInbound(metaMessage.reactionRemoved())),
	/**
	 * The template status callback profile's dynamic variables (https://developers.kaleyra.io/docs/template-status-update):
	 * Meta's field names, flat; `id` is the WhatsApp Business Account's.
	 */
	templateStatus: (event: string, reason: string, extra: IDataObject = {}): IDataObject =>
		clone({
			id: '100000000000001',
			time: T_SENT,
			event,
			message_template_id: '1000000000000001',
			message_template_name: 'order_update',
			message_template_language: 'en_US',
			reason,
			callback_profile_id: 'f3b1a2c4d5e6',
			company_id: 'ZsandboxCo01a',
			...extra,
		}),
	failed: (): IDataObject =>
		clone(
			kaleyraStatus('failed', {
				errors: [
					{
						code: 131047,
						title: 'Re-engagement message',
						message: 'Re-engagement message',
						error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
					},
				],
			}),
		),
	notSent: (): IDataObject => clone(kaleyraStatus('not-sent', { errors: [{ code: 'WA-411', title: 'Template not approved' }] })),
	inboundText: (): IDataObject => clone(kaleyraInbound({ type: 'text', text: { body: 'Where is my order?' } })),
	inboundButton: (): IDataObject =>
		clone(
			kaleyraInbound({
				context: { from: '919000000001', id: WAMID },
				type: 'interactive',
				interactive: { type: 'button_reply', button_reply: { id: 'track', title: 'Track order' } },
			}),
		),
	inboundQuick: (): IDataObject =>
		clone(
			kaleyraInbound({
				context: { from: '919000000001', id: WAMID },
				type: 'button',
				button: { payload: 'RESCHEDULE', text: 'Reschedule' },
			}),
		),
	/** A callback profile built from dynamic variables: flat fields, created_at as a date string. */
	flatStatus: (): IDataObject =>
		clone({
			status: 'delivered',
			message_id: KALEYRA_MESSAGE_ID,
			to: '919876543210',
			created_at: '2024-03-20 10:27:41',
			ref: 'order-1234',
		}),
	/**
	 * Kaleyra's "Reply - Media Message" sample: Meta's image in meta_object, the stored file's link as
	 * extra_info.media_url, extra_info.reply_to naming our message
	 * (https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payload-reply-media-message).
	 */
	inboundMedia: (message: IDataObject = { type: 'image', image: { mime_type: 'image/jpeg', sha256: 'hYeiE5iZTCUKVSRXXXXXXXXXXtP4CwWZIq5j3e3SqnU=', id: '4621000000000001' } }): IDataObject =>
		clone({
			...kaleyraInbound({ context: { from: '919000000001', id: WAMID }, ...message }),
			extra_info: {
				media_url: KALEYRA_MEDIA_URL,
				ref: 'Hello This will be my reference id - 123',
				ref1: 'shoes campaign',
				ref2: 'summer sale campaign',
				reply_to: KALEYRA_MESSAGE_ID,
				trace_id: 'cb94fee2-3e70-4c1a-944a-2a4b5c6ddb90a',
				waba_id: '100000000000001',
			},
		}),
	/**
	 * Kaleyra's "Interactive - List Reply Message" sample (media_url "" as there)
	 * (https://developers.kaleyra.io/docs/whatsapp-incoming-message-webhook-payloads-interactive-list-reply-message).
	 */
	inboundList: (): IDataObject =>
		clone({
			...kaleyraInbound({
				context: { from: '919000000001', id: WAMID },
				type: 'interactive',
				interactive: { type: 'list_reply', list_reply: { id: '1', title: '1st sec 1 Row \u0c85\u0ca4\u0cc1\u0cb2\u0ccd', description: 'Its Description-here 1st row' } },
			}),
			extra_info: { media_url: '', ref: 'Hello This will be my reference id - 123', reply_to: KALEYRA_MESSAGE_ID, trace_id: 'cb94fee2', waba_id: '100000000000001' },
		}),
	/**
	 * The older shape: Meta's (On-Premises API) value as the whole body, no meta_object
	 * (https://developers.kaleyra.io/docs/whatsapp-callback-url, "Incoming Text" and "Incoming Media").
	 */
	olderText: (): IDataObject =>
		clone({
			contacts: [{ profile: { name: 'Test' }, wa_id: '919876543210' }],
			messages: [{ from: '919876543210', id: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf', timestamp: T_SENT, text: { body: 'Hello this is an answer' }, type: 'text' }],
		}),
	olderImage: (): IDataObject =>
		clone({
			contacts: [{ profile: { name: 'Test' }, wa_id: '919876543210' }],
			messages: [
				{
					from: '919876543210',
					id: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf',
					timestamp: T_SENT,
					type: 'image',
					// The On-Premises client's own copy is a path on its server, not a link.
					image: { file: '/usr/local/wamedia/shared/b1cf38-8734-4ad3-b4a1-ef0c10d0d683', id: 'b1c68f38-8734-4ad3-b4a1-ef0c10d683', mime_type: 'image/jpeg', sha256: '29ed500fa64eb55fc19dc4124acb300e5dcc54a0f822a301ae99944db', caption: 'Check out my new phone!' },
				},
			],
		}),
	olderStatuses: (): IDataObject =>
		clone({
			statuses: [
				{ id: WAMID, recipient_id: '919876543210', status: 'delivered', timestamp: T_SENT },
				{ id: WAMID, recipient_id: '919876543210', status: 'read', timestamp: '1710930462' },
			],
		}),
	flatInbound: (): IDataObject =>
		clone({
			body: 'Hi',
			mime_type: '',
			media_url: '',
			from: '919876543210',
			name: 'Asha Rao',
			type: 'text',
			created_at: T_SENT,
			reply_to: '',
			wanumber: '919000000001',
		}),
};

// ---------------------------------------------------------------- Gupshup v3

const GS_APP = '82ed52f4-30c0-4f12-81b4-e7ad07bd41de';
const gsMetadata = { display_phone_number: '919999999998', phone_number_id: '158072934066266' };

function gupshupEnvelope(value: IDataObject): IDataObject {
	return {
		entry: [{ changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: gsMetadata, ...value } }], id: '112535025189792' }],
		gs_app_id: GS_APP,
		object: 'whatsapp_business_account',
	};
}

export const GS_ID = '7daeb742-f2dc-4c09-90e0-d879d20f7b98';
export const GS_ID_2 = '2baff204-c39a-4121-90b5-f53f26d522b3';

export const gupshupV3 = {
	/** Partner docs, "Enqueued - V3 Event": no metadata, timestamp in milliseconds as a number. */
	enqueued: (): IDataObject =>
		clone({
			entry: [
				{
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								statuses: [{ gs_id: GS_ID_2, id: WAMID_2, recipient_id: '919163805873', status: 'enqueued', timestamp: T_MS }],
							},
						},
					],
				},
			],
			gs_app_id: GS_APP,
			object: 'whatsapp_business_account',
		}),
	/** Partner docs, "Sent - V3 Event": timestamp in seconds as a string, a conversation object. */
	status: (status: string, extra: IDataObject = {}): IDataObject =>
		clone(
			gupshupEnvelope({
				statuses: [
					{
						conversation: { expiration_timestamp: '1710936120', id: '3dabdf65abaf1cbbf85217d232cce91f' },
						gs_id: GS_ID,
						id: WAMID,
						recipient_id: '919163805873',
						status,
						timestamp: T_SENT,
						...extra,
					},
				],
			}),
		),
	failedMeta: (): IDataObject =>
		clone(
			gupshupEnvelope({
				statuses: [
					{
						gs_id: GS_ID,
						id: WAMID,
						recipient_id: '919163805873',
						status: 'failed',
						timestamp: T_SENT,
						errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }],
					},
				],
			}),
		),
	/** Passthrough docs: Gupshup's own failures carry `code` and `reason` on the status. */
	failedGupshup: (): IDataObject =>
		clone(
			gupshupEnvelope({
				statuses: [{ id: WAMID, gs_id: GS_ID, status: 'failed', timestamp: T_SENT, recipient_id: '919163805873', code: 1002, reason: 'Number Not Exist On WhatsApp' }],
			}),
		),
	batch: (): IDataObject =>
		clone(
			gupshupEnvelope({
				statuses: [
					{ gs_id: GS_ID, id: WAMID, recipient_id: '919163805873', status: 'sent', timestamp: '1710930461' },
					{ gs_id: GS_ID, id: WAMID, recipient_id: '919163805873', status: 'delivered', timestamp: '1710930462' },
					{ gs_id: GS_ID_2, id: WAMID_2, recipient_id: '919163805874', status: 'read', timestamp: 1710930463000 },
					{ gs_id: GS_ID_2, id: WAMID_2, recipient_id: '919163805874', status: 'failed', timestamp: '1710930464', errors: [{ code: 131049, title: 'Meta chose not to deliver' }] },
				],
			}),
		),
	inboundText: (): IDataObject =>
		clone(
			gupshupEnvelope({
				contacts: [{ profile: { name: 'Avadhoot Yadav' }, wa_id: '917506080480' }],
				messages: [{ from: '917506080480', id: INBOUND_WAMID, timestamp: T_SENT, type: 'text', text: { body: 'Hello partner portal' } }],
			}),
		),
	inboundButton: (): IDataObject =>
		clone(
			gupshupEnvelope({
				contacts: [{ profile: { name: 'Avadhoot Yadav' }, wa_id: '917506080480' }],
				messages: [
					{
						from: '917506080480',
						id: INBOUND_WAMID,
						timestamp: T_SENT,
						context: { from: '919999999998', id: WAMID },
						type: 'interactive',
						interactive: { type: 'button_reply', button_reply: { id: 'opt-2', title: 'Option two' } },
					},
				],
			}),
		),
	inboundQuick: (): IDataObject =>
		clone(
			gupshupEnvelope({
				contacts: [{ profile: { name: 'Avadhoot Yadav' }, wa_id: '917506080480' }],
				messages: [
					{
						from: '917506080480',
						id: INBOUND_WAMID,
						timestamp: T_SENT,
						context: { from: '919999999998', id: WAMID },
						type: 'button',
						button: { payload: 'YES_PAYLOAD', text: 'Yes' },
					},
				],
			}),
		),
	/** A Meta message of metaMessage (media, a list row) from the same sender. */
	inboundMeta: (message: IDataObject): IDataObject =>
		clone(
			gupshupEnvelope({
				contacts: [{ profile: { name: 'Avadhoot Yadav' }, wa_id: '917506080480' }],
				messages: [{ from: '917506080480', id: INBOUND_WAMID, timestamp: T_SENT, ...message }],
			}),
		),
	inboundReaction: (): IDataObject => gupshupV3.inboundMeta(metaMessage.reaction()),
	/** Passthrough docs: the call Gupshup makes when a callback is set. */
	setCallback: (): IDataObject =>
		clone({
			object: 'whatsapp_business_account',
			gs_app_id: GS_APP,
			entry: [{ changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', statuses: [{ type: 'set-callback' }] } }] }],
		}),
	billing: (): IDataObject =>
		clone({
			entry: [
				{
					changes: [
						{
							field: 'billing-event',
							value: {
								billing: {
									deductions: { billable: false, conversation_type: 'service', model: 'CBP', source: 'whatsapp', type: 'FTC' },
									references: { conversation_id: 'c1', gs_id: GS_ID, id: WAMID, destination: '919163805873' },
								},
							},
						},
					],
				},
			],
			gs_app_id: GS_APP,
			object: 'whatsapp_business_account',
		}),
	templateUpdate: (): IDataObject =>
		clone({
			entry: [{ changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 123 } }] }],
			gs_app_id: GS_APP,
			object: 'whatsapp_business_account',
		}),
};

// ---------------------------------------------------------------- Gupshup v2

export const GUPSHUP_MEDIA_URL =
	'https://filemanager.gupshup.io/wa/23038a99-929b-408b-80eb-4d30cebb93d4/wa/media/2f997fea-9696-46c4-a2e5-8667fd27988d?download=false';

export const gupshupV2 = {
	status: (type: string, payload: IDataObject = { ts: 1710930461 }): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: 1710930462123,
			version: 2,
			type: 'message-event',
			payload: { id: WAMID, gsId: GS_ID, type, destination: '919163805873', payload },
		}),
	enqueued: (): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: 1710930462123,
			version: 2,
			type: 'message-event',
			payload: { id: GS_ID, type: 'enqueued', destination: '919163805873', payload: { whatsappMessageId: WAMID, type: 'session' } },
		}),
	inbound: (type: string, payload: IDataObject, context?: IDataObject): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: 1710930500123,
			version: 2,
			type: 'message',
			payload: {
				id: INBOUND_WAMID,
				source: '917506080480',
				type,
				payload,
				sender: { phone: '917506080480', name: 'Avadhoot Yadav', country_code: '91', dial_code: '7506080480' },
				...(context ? { context } : {}),
			},
		}),
	/**
	 * The docs' media samples (https://docs.gupshup.io/docs/media): a link Gupshup hosts, its type as
	 * contentType, a file's name as name.
	 */
	image: (): IDataObject =>
		gupshupV2.inbound('image', {
			caption: 'Sample image',
			url: GUPSHUP_MEDIA_URL,
			contentType: 'image/jpeg',
			urlExpiry: 1718608420228,
		}),
	file: (): IDataObject =>
		gupshupV2.inbound('file', {
			caption: 'Purchase receipt',
			name: 'file1.pdf',
			url: 'https://filemanager.gupshup.io/fm/wamedia/Jeet20/68f1e51b-ac53-4dfb-b970-7b23431ed1d3c',
			contentType: 'application/pdf',
			urlExpiry: 1624957005482,
		}),
	audio: (): IDataObject =>
		gupshupV2.inbound('audio', {
			url: 'https://filemanager.gupshup.io/wa/23038a99-929b-408b-80eb-4d30cebb93d4/wa/media/60830ca4-c005-420a-9574-50a50c9a7736?download=false',
			contentType: 'audio/ogg; codecs=opus',
			urlExpiry: 1718608680179,
		}),
	video: (): IDataObject =>
		gupshupV2.inbound('video', {
			caption: 'Sample video',
			url: 'https://filemanager.gupshup.io/wa/23038a99-929b-408b-80eb-4d30cebb93d4/wa/media/1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0?download=false',
			contentType: 'video/mp4',
			urlExpiry: 1718608680179,
		}),
	sticker: (): IDataObject =>
		gupshupV2.inbound('sticker', {
			url: 'https://filemanager.gupshup.io/wa/23038a99-929b-408b-80eb-4d30cebb93d4/wa/media/7f6e5d4c-3b2a-4190-8877-665544332211?download=false',
			contentType: 'image/webp',
			urlExpiry: 1718608680179,
		}),
	/** The docs' list reply (https://docs.gupshup.io/docs/interactive): `id` is the list message's, postbackText the row's. */
	listReply: (): IDataObject =>
		gupshupV2.inbound(
			'list_reply',
			{
				title: 'section 1 row 1',
				id: 'list1',
				reply: 'section 1 row 1 1',
				postbackText: 'section 1 row 1 postback payload',
				description: 'first row of first section description',
			},
			{ id: 'gBEGkYaYVSEEAgnPGGVYGg1uNU4', gsId: 'cbdafe39-1023-42a7-89d6-6c01a3388bb5' },
		),
	/** A template quick reply with the payload the business set (https://docs.gupshup.io/reference/postback-text-support). */
	quickPostback: (): IDataObject =>
		gupshupV2.inbound('quick_reply', { text: 'Talk to an agent', type: 'button', postbackText: 'AGENT_HANDOFF' }, { id: WAMID, forwarded: false, frequently_forwarded: false }),
	/** A template quick reply without one (https://docs.gupshup.io/docs/text): the button text is all there is. */
	quickText: (): IDataObject => gupshupV2.inbound('quick_reply', { text: 'View Account Balance', type: 'button' }),
	/** The interactive form of a quick reply (https://docs.gupshup.io/docs/interactive). */
	quickInteractive: (): IDataObject =>
		gupshupV2.inbound('quick_reply', { title: 'First', id: 'qr1', reply: 'First 1' }, { id: 'gBEGkYaYVSEEAgkvE0f1ZkfXX78', gsId: '123b0fb2-0620-493b-8f7e-5a1ceb6d8c58' }),
	/**
	 * Gupshup's template events (https://partner-docs.gupshup.io/docs/system-events): a status change with the
	 * rejection reason, a pause with its description (payload.type status-update), a category change.
	 */
	templateEvent: (status: string, rejectedReason: string): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: T_MS,
			version: 2,
			type: 'template-event',
			payload: { id: '4dacef15-6c04-12db-b393-6190ac567eff', status, elementName: 'order_update', languageCode: 'en_US', rejectedReason },
		}),
	templatePaused: (): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: T_MS,
			version: 2,
			type: 'template-event',
			payload: {
				type: 'status-update',
				id: '4dacef15-6c04-12db-b393-6190ac567eff',
				status: 'paused',
				elementName: 'spring_sale',
				languageCode: 'en_US',
				description: 'Your WhatsApp message template has been paused for 3 hours until Apr 25 at 8:07 AM UTC because it had issues.',
			},
		}),
	/** The page names the old and the new category but shows no sample: these field names are unconfirmed. */
	templateCategory: (): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: T_MS,
			version: 2,
			type: 'template-event',
			payload: { type: 'category-update', id: '4dacef15-6c04-12db-b393-6190ac567eff', elementName: 'order_update', languageCode: 'en_US', oldCategory: 'UTILITY', newCategory: 'MARKETING' },
		}),
	templateQuality: (): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: T_MS,
			version: 2,
			type: 'template-event',
			payload: { type: 'quality-update', id: '4dacef15-6c04-12db-b393-6190ac567eff', elementName: 'order_update', languageCode: 'en_US', quality: 'RED' },
		}),
	callbackCheck: (): IDataObject =>
		clone({ app: 'DemoApp', timestamp: 1580142086287, version: 2, type: 'user-event', payload: { phone: 'callbackSetPhone', type: 'sandbox-start' } }),
	optedIn: (): IDataObject =>
		clone({ app: 'DemoApp', timestamp: 1584541505908, version: 2, type: 'user-event', payload: { phone: '918x98xx21x4', type: 'opted-in' } }),
	billing: (): IDataObject =>
		clone({
			app: 'DemoApp',
			timestamp: 1739354482884,
			version: 2,
			type: 'billing-event',
			payload: { deductions: { type: 'regular', model: 'PMP', source: 'whatsapp', billable: true, category: 'marketing' }, references: { id: WAMID, gsId: GS_ID, destination: '919163805873' } },
		}),
};

/** Every valid body above, by name, for the property-based tests. */
export function allValidBodies(): Array<[string, 'insider' | 'kaleyra' | 'gupshup', IDataObject]> {
	return [
		...Object.entries(insider).map(([name, make]) => [`insider.${name}`, 'insider', make()] as [string, 'insider', IDataObject]),
		['kaleyra.sent', 'kaleyra', kaleyra.status('sent')],
		['kaleyra.failed', 'kaleyra', kaleyra.failed()],
		['kaleyra.notSent', 'kaleyra', kaleyra.notSent()],
		['kaleyra.inboundText', 'kaleyra', kaleyra.inboundText()],
		['kaleyra.inboundButton', 'kaleyra', kaleyra.inboundButton()],
		['kaleyra.inboundQuick', 'kaleyra', kaleyra.inboundQuick()],
		['kaleyra.flatStatus', 'kaleyra', kaleyra.flatStatus()],
		['kaleyra.flatInbound', 'kaleyra', kaleyra.flatInbound()],
		['kaleyra.inboundMedia', 'kaleyra', kaleyra.inboundMedia()],
		['kaleyra.inboundList', 'kaleyra', kaleyra.inboundList()],
		['kaleyra.olderText', 'kaleyra', kaleyra.olderText()],
		['kaleyra.olderImage', 'kaleyra', kaleyra.olderImage()],
		['kaleyra.olderStatuses', 'kaleyra', kaleyra.olderStatuses()],
		['kaleyra.inboundReaction', 'kaleyra', kaleyra.inboundReaction()],
		['kaleyra.templateStatus', 'kaleyra', kaleyra.templateStatus('REJECTED', 'INVALID_FORMAT')],
		['gupshup.inboundReaction', 'gupshup', gupshupV3.inboundReaction()],
		['gupshup.metaTemplatePaused', 'gupshup', metaTemplate.statusUpdate(metaTemplate.paused())],
		['gupshup.v2.templateEvent', 'gupshup', gupshupV2.templateEvent('rejected', 'INVALID_FORMAT')],
		['gupshup.v2.templatePaused', 'gupshup', gupshupV2.templatePaused()],
		['gupshup.enqueued', 'gupshup', gupshupV3.enqueued()],
		['gupshup.sent', 'gupshup', gupshupV3.status('sent')],
		['gupshup.failedMeta', 'gupshup', gupshupV3.failedMeta()],
		['gupshup.failedGupshup', 'gupshup', gupshupV3.failedGupshup()],
		['gupshup.batch', 'gupshup', gupshupV3.batch()],
		['gupshup.inboundText', 'gupshup', gupshupV3.inboundText()],
		['gupshup.inboundButton', 'gupshup', gupshupV3.inboundButton()],
		['gupshup.inboundQuick', 'gupshup', gupshupV3.inboundQuick()],
		['gupshup.inboundImage', 'gupshup', gupshupV3.inboundMeta(metaMessage.image())],
		['gupshup.inboundDocument', 'gupshup', gupshupV3.inboundMeta(metaMessage.document())],
		['gupshup.inboundList', 'gupshup', gupshupV3.inboundMeta(metaMessage.listReply())],
		['gupshup.v2.sent', 'gupshup', gupshupV2.status('sent')],
		['gupshup.v2.enqueued', 'gupshup', gupshupV2.enqueued()],
		['gupshup.v2.failed', 'gupshup', gupshupV2.status('failed', { code: 1002, reason: 'Number Not Exist On WhatsApp' })],
		['gupshup.v2.text', 'gupshup', gupshupV2.inbound('text', { text: 'Hi' })],
		['gupshup.v2.button', 'gupshup', gupshupV2.inbound('button_reply', { id: 'b1', title: 'One', reply: 'One' })],
		['gupshup.v2.quick', 'gupshup', gupshupV2.inbound('quick_reply', { text: 'Yes', type: 'button', payload: 'Y' })],
		['gupshup.v2.image', 'gupshup', gupshupV2.image()],
		['gupshup.v2.file', 'gupshup', gupshupV2.file()],
		['gupshup.v2.audio', 'gupshup', gupshupV2.audio()],
		['gupshup.v2.video', 'gupshup', gupshupV2.video()],
		['gupshup.v2.sticker', 'gupshup', gupshupV2.sticker()],
		['gupshup.v2.listReply', 'gupshup', gupshupV2.listReply()],
		['gupshup.v2.quickPostback', 'gupshup', gupshupV2.quickPostback()],
		['gupshup.v2.quickInteractive', 'gupshup', gupshupV2.quickInteractive()],
	];
}

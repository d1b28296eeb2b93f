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

export const kaleyra = {
	status: (status: string, extraStatus: IDataObject = {}): IDataObject => clone(kaleyraStatus(status, extraStatus)),
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
		['gupshup.enqueued', 'gupshup', gupshupV3.enqueued()],
		['gupshup.sent', 'gupshup', gupshupV3.status('sent')],
		['gupshup.failedMeta', 'gupshup', gupshupV3.failedMeta()],
		['gupshup.failedGupshup', 'gupshup', gupshupV3.failedGupshup()],
		['gupshup.batch', 'gupshup', gupshupV3.batch()],
		['gupshup.inboundText', 'gupshup', gupshupV3.inboundText()],
		['gupshup.inboundButton', 'gupshup', gupshupV3.inboundButton()],
		['gupshup.inboundQuick', 'gupshup', gupshupV3.inboundQuick()],
		['gupshup.v2.sent', 'gupshup', gupshupV2.status('sent')],
		['gupshup.v2.enqueued', 'gupshup', gupshupV2.enqueued()],
		['gupshup.v2.failed', 'gupshup', gupshupV2.status('failed', { code: 1002, reason: 'Number Not Exist On WhatsApp' })],
		['gupshup.v2.text', 'gupshup', gupshupV2.inbound('text', { text: 'Hi' })],
		['gupshup.v2.button', 'gupshup', gupshupV2.inbound('button_reply', { id: 'b1', title: 'One', reply: 'One' })],
		['gupshup.v2.quick', 'gupshup', gupshupV2.inbound('quick_reply', { text: 'Yes', type: 'button', payload: 'Y' })],
	];
}

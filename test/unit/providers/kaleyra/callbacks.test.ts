/**
 * Recorded-shape callbacks of each provider → the exact items the trigger emits.
 */
import {
	gupshupV3,
	GS_ID,
	INBOUND_WAMID,
	kaleyra,
	KALEYRA_MESSAGE_ID,
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

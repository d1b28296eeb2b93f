/**
 * Template status changes and inbound reactions (issue 20), in each provider's shapes → the exact items,
 * and the `template` event option.
 *
 * Sources: Gupshup's system events (https://partner-docs.gupshup.io/docs/system-events), Kaleyra's template
 * status callback profile (https://developers.kaleyra.io/docs/template-status-update), Meta's template webhooks
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update,
 * …/template_category_update) and reaction messages (…/webhooks/reference/messages/reaction/). Insider documents no
 * template status callback.
 */
import { isSelected } from '../../../nodes/WhatsAppBspTrigger/callbacks/index';
import { callWebhook } from '../helpers/trigger-context';
import { itemsOf, messageItem, templateItem } from '../helpers/trigger-expect';
import {
	gupshupV2,
	gupshupV3,
	INBOUND_WAMID,
	insider,
	kaleyra,
	META_TEMPLATE_ID,
	metaTemplate,
	T_MS_ISO,
	T_SENT_ISO,
	WAMID,
} from '../helpers/trigger-fixtures';

const GUPSHUP_TEMPLATE_ID = '4dacef15-6c04-12db-b393-6190ac567eff';
const META_TIME_ISO = '2025-02-12T00:43:44.000Z';
const GRINNING = '\uD83D\uDE00';

describe('template status changes', () => {
	it.each([
		['rejected', 'INVALID_FORMAT', 'INVALID_FORMAT'],
		['approved', 'NONE', null],
		['disabled', '', null],
		['in_appeal', 'NONE', null],
	])('Gupshup template-event %s: Gupshup\'s template id, name, language, the rejection reason', (status, rejectedReason, reason) => {
		const body = gupshupV2.templateEvent(status, rejectedReason);
		expect(itemsOf('gupshup', body)).toStrictEqual([
			templateItem('gupshup', body, {
				timestamp: T_MS_ISO,
				template: { id: GUPSHUP_TEMPLATE_ID, name: 'order_update', language: 'en_US', status: status.replace('_', '-'), reason },
			}),
		]);
	});

	it('Gupshup pause: the description is the reason', () => {
		const body = gupshupV2.templatePaused();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			templateItem('gupshup', body, {
				timestamp: T_MS_ISO,
				template: {
					id: GUPSHUP_TEMPLATE_ID,
					name: 'spring_sale',
					language: 'en_US',
					status: 'paused',
					reason: 'Your WhatsApp message template has been paused for 3 hours until Apr 25 at 8:07 AM UTC because it had issues.',
				},
			}),
		]);
	});

	it('Gupshup category-update: status category-update, the old and new category as the reason', () => {
		const body = gupshupV2.templateCategory();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			templateItem('gupshup', body, {
				timestamp: T_MS_ISO,
				template: { id: GUPSHUP_TEMPLATE_ID, name: 'order_update', language: 'en_US', status: 'category-update', reason: 'UTILITY → MARKETING' },
			}),
		]);
	});

	it('Gupshup quality updates and template events without a status start nothing', () => {
		expect(itemsOf('gupshup', gupshupV2.templateQuality())).toEqual([]);
		const noStatus = gupshupV2.templateEvent('', 'NONE');
		expect(itemsOf('gupshup', noStatus)).toEqual([]);
	});

	it.each([
		['REJECTED', 'INVALID_FORMAT', 'rejected', 'INVALID_FORMAT'],
		['APPROVED', 'NONE', 'approved', null],
		['PENDING_DELETION', 'NONE', 'pending-deletion', null],
	])('Kaleyra template status callback %s', (event, reason, status, itemReason) => {
		const body = kaleyra.templateStatus(event, reason);
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			templateItem('kaleyra', body, {
				timestamp: T_SENT_ISO,
				template: { id: '1000000000000001', name: 'order_update', language: 'en_US', status, reason: itemReason },
			}),
		]);
	});

	it('Kaleyra pause: other_info (a JSON string from the dynamic variables) says why', () => {
		const info = { title: 'SECOND_PAUSE', description: 'Paused for 6 hours because it continued to have issues.' };
		const body = kaleyra.templateStatus('PAUSED', 'NONE', { other_info: JSON.stringify(info) });
		expect(itemsOf('kaleyra', body)[0].template).toEqual({
			id: '1000000000000001',
			name: 'order_update',
			language: 'en_US',
			status: 'paused',
			reason: info.description,
		});
	});

	it('Kaleyra: Meta\'s message_template_status_update inside meta_object', () => {
		const body = { meta_object: { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 123, reason: 'NONE' } } };
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			templateItem('kaleyra', body, { template: { id: '123', name: null, language: null, status: 'approved', reason: null } }),
		]);
	});

	it('Meta\'s envelope (Gupshup v3, Insider): a pause told in other_info, the entry\'s time', () => {
		const body = metaTemplate.statusUpdate(metaTemplate.paused());
		const expected = templateItem('gupshup', body, {
			timestamp: META_TIME_ISO,
			template: {
				id: META_TEMPLATE_ID,
				name: 'spring_sale',
				language: 'en_US',
				status: 'paused',
				reason: 'Your WhatsApp message template has been paused for 3 hours until Feb 12 at 2:30 PM UTC because it had issues.',
			},
		});
		expect(itemsOf('gupshup', body)).toStrictEqual([expected]);
		expect(itemsOf('insider', body)).toStrictEqual([{ ...expected, provider: 'insider' }]);
	});

	it('Meta\'s category update: done, and announced 24 hours ahead', () => {
		const ids = { message_template_id: Number(META_TEMPLATE_ID), message_template_name: 'order_update', message_template_language: 'en_US' };
		const done = metaTemplate.categoryUpdate({ ...ids, previous_category: 'UTILITY', new_category: 'MARKETING' });
		const ahead = metaTemplate.categoryUpdate({ ...ids, correct_category: 'MARKETING', new_category: 'UTILITY', category_update_timestamp: 1760711433 });
		const template = { id: META_TEMPLATE_ID, name: 'order_update', language: 'en_US', status: 'category-update' };
		expect(itemsOf('gupshup', done)).toStrictEqual([templateItem('gupshup', done, { timestamp: META_TIME_ISO, template: { ...template, reason: 'UTILITY → MARKETING' } })]);
		expect(itemsOf('gupshup', ahead)[0].template).toEqual({ ...template, reason: 'UTILITY → MARKETING on 2025-10-17T14:30:33.000Z' });
	});

	it('other Meta fields (quality, account) still carry no event', () => {
		const body = metaTemplate.statusUpdate({});
		body.entry = [{ changes: [{ field: 'message_template_quality_update', value: { new_quality_score: 'RED' } }] }];
		expect(itemsOf('gupshup', body)).toEqual([]);
	});
});

describe('inbound reactions', () => {
	const reaction = { messageId: WAMID, emoji: GRINNING };

	it('Kaleyra: the emoji and the message reacted to', () => {
		const body = kaleyra.inboundReaction();
		expect(itemsOf('kaleyra', body)).toStrictEqual([
			messageItem('kaleyra', body, {
				messageId: INBOUND_WAMID,
				from: '+919876543210',
				recipient: '+919000000001',
				timestamp: T_SENT_ISO,
				text: GRINNING,
				reaction,
				wamid: INBOUND_WAMID,
				messageType: 'reaction',
				contactName: 'Asha Rao',
			}),
		]);
	});

	it('Kaleyra: a removed reaction has an empty emoji', () => {
		expect(itemsOf('kaleyra', kaleyra.inboundReactionRemoved())[0]).toMatchObject({ text: null, reaction: { messageId: WAMID, emoji: '' } });
	});

	it('Gupshup v3', () => {
		const body = gupshupV3.inboundReaction();
		expect(itemsOf('gupshup', body)).toStrictEqual([
			messageItem('gupshup', body, {
				messageId: INBOUND_WAMID,
				from: '+917506080480',
				recipient: '+919999999998',
				timestamp: T_SENT_ISO,
				text: GRINNING,
				reaction,
				wamid: INBOUND_WAMID,
				messageType: 'reaction',
				contactName: 'Avadhoot Yadav',
			}),
		]);
	});

	it('Insider: a reply carrying Meta\'s reaction', () => {
		const body = insider.replyReaction();
		expect(itemsOf('insider', body)).toStrictEqual([
			messageItem('insider', body, {
				messageId: INBOUND_WAMID,
				from: '+905321234567',
				timestamp: '2024-03-20T10:28:20.000Z',
				text: GRINNING,
				reaction,
				wamid: INBOUND_WAMID,
				messageType: 'reaction',
			}),
		]);
	});

	it('other messages and statuses have reaction and template null', () => {
		for (const item of [...itemsOf('gupshup', gupshupV3.inboundText()), ...itemsOf('gupshup', gupshupV3.status('read'))]) {
			expect(item).toMatchObject({ reaction: null, template: null });
		}
	});
});

describe('the template event option', () => {
	const templateBody = gupshupV2.templateEvent('rejected', 'INVALID_FORMAT');

	it('isSelected: template events by "template", reactions by "message"', () => {
		const [template] = itemsOf('gupshup', templateBody);
		const [reacted] = itemsOf('gupshup', gupshupV3.inboundReaction());
		expect(isSelected(template, new Set(['template']))).toBe(true);
		expect(isSelected(template, new Set(['sent', 'delivered', 'read', 'failed', 'message', 'rejected']))).toBe(false);
		expect(isSelected(reacted, new Set(['message']))).toBe(true);
		expect(isSelected(reacted, new Set(['template']))).toBe(false);
	});

	it('not selected (the default events): answered 200, nothing started', async () => {
		const out = await callWebhook({ provider: 'gupshup', authentication: 'none' }, { json: templateBody });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 0 }, items: null });
		expect(out.result.workflowData).toBeUndefined();
	});

	it.each([
		['gupshup', templateBody],
		['kaleyra', kaleyra.templateStatus('PAUSED', 'NONE')],
	] as const)('selected: %s starts one execution with the template item', async (provider, body) => {
		const out = await callWebhook({ provider, events: ['template'], authentication: 'none' }, { json: body });
		expect(out).toMatchObject({ status: 200, answer: { received: true, events: 1 } });
		expect(out.items).toEqual([expect.objectContaining({ provider, event: 'template', status: null, messageId: null, raw: body })]);
	});
});

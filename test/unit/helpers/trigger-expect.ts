import type { IDataObject } from 'n8n-workflow';

import { parseCallback } from '../../../nodes/WhatsAppBspTrigger/callbacks/index';
import type { TriggerItem } from '../../../nodes/WhatsAppBspTrigger/callbacks/types';

type Provider = 'insider' | 'kaleyra' | 'gupshup';

const NULLS = {
	messageId: null,
	status: null,
	recipient: null,
	from: null,
	timestamp: null,
	error: null,
	ref: null,
	text: null,
	buttonReply: null,
	listReply: null,
	media: null,
	refs: null,
	wamid: null,
	messageType: null,
	replyTo: null,
	contactName: null,
	template: null,
	reaction: null,
};

/** The full item the trigger should emit for a status: every field not given is null. */
export function statusItem(provider: Provider, raw: IDataObject, fields: Partial<TriggerItem>): TriggerItem {
	return { provider, event: 'status', ...NULLS, ...fields, raw } as TriggerItem;
}

/** The full item the trigger should emit for an inbound message. */
export function messageItem(provider: Provider, raw: IDataObject, fields: Partial<TriggerItem>): TriggerItem {
	return { provider, event: 'message', ...NULLS, ...fields, raw } as TriggerItem;
}

/** The full item the trigger should emit for a template's status change. */
export function templateItem(provider: Provider, raw: IDataObject, fields: Partial<TriggerItem>): TriggerItem {
	return { provider, event: 'template', ...NULLS, ...fields, raw } as TriggerItem;
}

/** The items of a body, failing the test with the parser's reason when it refuses it. */
export function itemsOf(provider: Provider, body: unknown): TriggerItem[] {
	const parsed = parseCallback(provider, body);
	if (!parsed.ok) throw new Error(`refused: ${parsed.reason}`);
	return parsed.items;
}

/** The reason a body is refused, failing the test when it is accepted. */
export function reasonOf(provider: Provider, body: unknown): string {
	const parsed = parseCallback(provider, body);
	if (parsed.ok) throw new Error(`accepted with ${parsed.items.length} items`);
	return parsed.reason;
}

export const CONTRACT_FIELDS = [
	'provider',
	'event',
	'messageId',
	'status',
	'recipient',
	'from',
	'timestamp',
	'error',
	'ref',
	'text',
	'buttonReply',
	// Added to the contract 2026-12.
	'listReply',
	'media',
	// Added 2026-12-08.
	'template',
	'reaction',
	'raw',
];

export const ADDED_FIELDS = ['refs', 'wamid', 'messageType', 'replyTo', 'contactName'];

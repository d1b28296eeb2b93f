import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import { PROVIDERS, type ProviderName } from '../../providers';
import { checkStructure, CALLBACK_BOUNDS } from '../../shared/callbacks/normalize';
import type { DraftEvent } from '../../shared/callbacks/types';
import type { TriggerItem } from './types';

export type { TriggerItem } from './types';

export type CallbackParse =
	/** A known shape: its events (maybe none). `connectivityCheck`: an empty body or a provider's URL check. */
	| { ok: true; items: TriggerItem[]; connectivityCheck: boolean }
	| { ok: false; reason: string };

function toItem(provider: ProviderName, draft: DraftEvent, raw: IDataObject): TriggerItem {
	return {
		provider,
		event: draft.event,
		messageId: draft.messageId,
		status: draft.status,
		recipient: draft.recipient,
		from: draft.from,
		timestamp: draft.timestamp,
		error: draft.error,
		ref: draft.ref,
		text: draft.text,
		buttonReply: draft.buttonReply,
		listReply: draft.listReply,
		media: draft.media,
		template: draft.template,
		reaction: draft.reaction,
		raw,
		refs: draft.refs,
		wamid: draft.wamid,
		messageType: draft.messageType,
		replyTo: draft.replyTo,
		contactName: draft.contactName,
	};
}

function parseOne(provider: ProviderName, body: unknown): CallbackParse {
	if (!isObject(body)) return { ok: false, reason: 'Expected a JSON object' };
	if (Object.keys(body).length === 0) return { ok: true, items: [], connectivityCheck: true };
	const outcome = PROVIDERS[provider].parseCallback(body);
	if (!outcome.ok) return outcome;
	if (outcome.events.length > CALLBACK_BOUNDS.maxEvents) {
		return { ok: false, reason: `More than ${CALLBACK_BOUNDS.maxEvents} events in one callback` };
	}
	// One event: the whole callback is its raw. Several: each keeps its own entry, so that
	// the items together stay the size of the callback.
	const single = outcome.events.length === 1;
	return {
		ok: true,
		items: outcome.events.map((draft) => toItem(provider, draft, single ? body : draft.source)),
		connectivityCheck: outcome.connectivityCheck === true,
	};
}

/**
 * The items of one callback body (already parsed JSON; `undefined` for an empty body),
 * or a short reason why it is not a callback of `provider`. Never throws; walks the
 * body within CALLBACK_BOUNDS. A top-level array is read as several callbacks in one request.
 */
export function parseCallback(provider: ProviderName, value: unknown): CallbackParse {
	if (value === undefined) return { ok: true, items: [], connectivityCheck: true };
	const problem = checkStructure(value);
	if (problem) return { ok: false, reason: problem };
	if (!Array.isArray(value)) return parseOne(provider, value);

	if (value.length > CALLBACK_BOUNDS.maxEvents) {
		return { ok: false, reason: `More than ${CALLBACK_BOUNDS.maxEvents} callbacks in one request` };
	}
	const items: TriggerItem[] = [];
	let connectivityCheck = true;
	for (let i = 0; i < value.length; i++) {
		const one = parseOne(provider, value[i]);
		if (!one.ok) return { ok: false, reason: `[${i}]: ${one.reason}` };
		items.push(...one.items);
		if (items.length > CALLBACK_BOUNDS.maxEvents) {
			return { ok: false, reason: `More than ${CALLBACK_BOUNDS.maxEvents} events in one callback` };
		}
		connectivityCheck &&= one.connectivityCheck;
	}
	return { ok: true, items, connectivityCheck };
}

/** Whether an item is of a kind the node was set to emit (`events` parameter). */
export function isSelected(item: TriggerItem, selected: ReadonlySet<string>): boolean {
	if (item.event !== 'status') return selected.has(item.event);
	return item.status !== null && selected.has(item.status);
}

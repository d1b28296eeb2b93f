/**
 * Insider One callbacks: one event a callback, identified by the `key` the send call
 * returned. Documented: events named sent, delivered, read, failed and reply; an accepted
 * message is Meta's send answer plus `key`; an error is `{ error: { message, type, code,
 * fbtrace_id }, key }`. The exact delivered/read payload is unconfirmed, so the field
 * names vary here within reason, and Meta-shaped bodies are read too.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/json';
import { readMetaEnvelope, readMetaMessage, readMetaValueOutcome } from '../../shared/callbacks/meta';
import {
	draftEvent,
	errorForStatus,
	field,
	list,
	callbackPhone,
	normalizeStatus,
	normalizeTimestamp,
	readError,
	text,
} from '../../shared/callbacks/normalize';
import { knownShape, unknownShape, type DraftEvent, type ParseOutcome } from '../../shared/callbacks/types';

/** Event names that mean an inbound message rather than a status. */
const INBOUND = new Set(['reply', 'message', 'inbound', 'incoming', 'received', 'mo']);

function phoneOf(body: IDataObject): unknown {
	return body.phoneNumber ?? body.phone_number ?? body.phone ?? body.msisdn;
}

function readInbound(body: IDataObject, key: string | null): ParseOutcome {
	const message = body.message;
	let draft: DraftEvent;
	if (isObject(message)) {
		const read = readMetaMessage(
			{ from: phoneOf(body), ...message },
			{ business: null, contacts: list(body.contacts) ?? [] },
			'message',
		);
		if (typeof read === 'string') return unknownShape(read);
		draft = read;
	} else {
		const words = text(message, body.text, field(body.text, 'body'));
		const from = callbackPhone(phoneOf(body) ?? body.from);
		if (words === null || from === null) return unknownShape('A reply needs a message and a phone number');
		draft = draftEvent({ event: 'message', from, text: words, messageType: 'text', source: body });
	}
	return knownShape([
		{
			...draft,
			messageId: draft.messageId ?? text(body.id),
			timestamp: draft.timestamp ?? normalizeTimestamp(body.timestamp),
			// Insider names the message replied to by its own key.
			replyTo: key ?? draft.replyTo,
			source: body,
		},
	]);
}

export function parseInsider(body: IDataObject): ParseOutcome {
	const envelope = readMetaEnvelope(body);
	if (envelope) return envelope;

	const key = text(body.key, body.messageKey, body.message_key, body.messageId, body.message_id);
	const eventName = normalizeStatus(text(body.event, body.eventType, body.event_type, body.type));
	if ((eventName !== null && INBOUND.has(eventName)) || isObject(body.message)) return readInbound(body, key);

	// Meta's value without its envelope: statuses[] or inbound messages[] directly in the body.
	const messages = list(body.messages);
	const inboundMessages = messages?.some((m) => field(m, 'from') !== undefined) ?? false;
	if (Array.isArray(body.statuses) || inboundMessages) {
		const outcome = readMetaValueOutcome(body, 'body');
		if (outcome.ok && key !== null) for (const e of outcome.events) if (e.event === 'status') e.messageId = key;
		return outcome;
	}

	const wamid = text(field(messages?.[0], 'id'), body.wamid);
	const providerError = readError(body.error) ?? readError(body.errors);
	// The status: named; else an error means failed and Meta's send answer means sent.
	const status =
		normalizeStatus(body.status) ??
		eventName ??
		(providerError ? 'failed' : messages && body.messaging_product !== undefined ? 'sent' : null);
	if (status === null) return unknownShape('Not an Insider callback: no event, status or message');
	if (key === null && wamid === null) return unknownShape('An Insider status needs the message key');
	return knownShape([
		draftEvent({
			event: 'status',
			messageId: key ?? wamid,
			status,
			recipient: callbackPhone(phoneOf(body) ?? body.recipient ?? body.to ?? field(list(body.contacts)?.[0], 'wa_id')),
			timestamp: normalizeTimestamp(body.timestamp ?? body.time ?? body.created_at),
			error: errorForStatus(status, providerError),
			wamid,
			source: body,
		}),
	]);
}

'use strict';
// A simulated customer: taps a reply button or a list row of an interactive message the sandbox accepted, after a
// delay, by posting that provider's own inbound callback (button_reply or list_reply, with the message as its
// context) to a URL with the headers given (the trigger's credential). Used by Send and Wait's tests, the demo and
// the benchmarks through `POST /__sandbox/taps`.

const { buildCallbackBodies } = require('./callbacks');

/** The messages one recorded send request carried, with the IDs the sandbox answered for them. */
function sentMessages(record) {
	const body = record.body ?? {};
	const answer = record.responseBody ?? {};
	switch (record.provider) {
		case 'insider':
			return (Array.isArray(body.messages) ? body.messages : []).map((m, i) => ({ messageId: answer.keys?.[i], to: m.phoneNumber, message: m.message }));
		case 'kaleyra':
			return body.messaging_object ? [{ messageId: answer.data?.message_id, to: body.messaging_object.to, message: body.messaging_object }] : [];
		case 'gupshup':
			return body.type ? [{ messageId: answer.messages?.[0]?.id, to: body.to, message: body }] : [];
		default:
			return [];
	}
}

/** The choices of an interactive message: its reply buttons, or its list's rows in order. */
function choicesOf(message) {
	const interactive = message?.type === 'interactive' ? message.interactive : null;
	if (!interactive) return [];
	if (interactive.type === 'button') return (interactive.action?.buttons ?? []).map((b) => ({ kind: 'button_reply', id: b.reply?.id, title: b.reply?.title }));
	if (interactive.type === 'list') {
		return (interactive.action?.sections ?? []).flatMap((s) => s.rows ?? []).map((r) => ({ kind: 'list_reply', id: r.id, title: r.title }));
	}
	return [];
}

/** The latest accepted interactive message of `provider` (to `to`, or with `messageId`, when given). */
function findMessage(recorder, provider, { to, messageId } = {}) {
	const digits = (n) => String(n ?? '').replace(/\D/g, '');
	const records = recorder.list({ provider }).filter((r) => r.status >= 200 && r.status < 300);
	for (let r = records.length - 1; r >= 0; r--) {
		const messages = sentMessages(records[r]);
		for (let m = messages.length - 1; m >= 0; m--) {
			const sent = messages[m];
			if (choicesOf(sent.message).length === 0) continue;
			if (messageId !== undefined && sent.messageId !== messageId) continue;
			if (to !== undefined && digits(sent.to) !== digits(to)) continue;
			return sent;
		}
	}
	return null;
}

/** The callback event of tapping `choice` (an index from 0, or a title) on `sent`; `from` defaults to its recipient. */
function tapEvent(sent, choice, from) {
	const choices = choicesOf(sent.message);
	const picked = typeof choice === 'number' ? choices[choice] : choices.find((c) => c.title === choice);
	if (!picked) return null;
	return { kind: picked.kind, from: from ?? sent.to, id: picked.id, title: picked.title, contextMessageId: sent.messageId };
}

function createPerson({ recorder, poster, stats, bodyOptions, timers, serviceWindow }) {
	async function post(provider, target, event) {
		const [body] = buildCallbackBodies(provider, [event], { ...bodyOptions, gupshupVersion: target.gupshupVersion ?? 3 });
		serviceWindow.record(provider, event.from);
		const { status, error } = await poster.post(target.url, target.headers ?? {}, body);
		stats.callback(provider, status !== null && status >= 200 && status < 300);
		return error ? { status, body, error } : { status, body };
	}

	return {
		/**
		 * One tap: { provider, url, headers?, to?, messageId?, choice (index or title), from?, afterMs?, gupshupVersion? }.
		 * `from` taps from another number than the recipient's. Answers once the callback was posted.
		 */
		async tap(input) {
			const { provider, url, to, messageId, choice = 0, from, afterMs = 0 } = input;
			if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { status: 400, body: { error: 'url must be an http or https URL' } };
			if (!Number.isInteger(afterMs) || afterMs < 0) return { status: 400, body: { error: 'afterMs must be a non-negative integer' } };
			const sent = findMessage(recorder, provider, { to, messageId });
			if (!sent) return { status: 404, body: { error: `no interactive message of ${provider} was accepted${to ? ` for ${to}` : ''}` } };
			const event = tapEvent(sent, choice, from);
			if (!event) return { status: 400, body: { error: `the message has no choice ${JSON.stringify(choice)}` } };
			if (afterMs > 0) await timers.delay(afterMs);
			const posted = await post(provider, input, event);
			return { status: 200, body: { tapped: { messageId: sent.messageId, id: event.id, title: event.title, from: event.from }, sent: [posted] } };
		},
	};
}

module.exports = { createPerson, sentMessages, choicesOf, findMessage, tapEvent };

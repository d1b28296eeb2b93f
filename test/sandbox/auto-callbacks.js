'use strict';
// After a message is accepted, plays back sent → delivered → read status callbacks
// for it, as a provider would, to each callback target (the demo depends on this).
// A message that Meta turns down after the provider accepted it (a template that does not fit the
// catalogue, a free-form message outside the customer-service window) gets one `failed` callback
// carrying the WhatsApp error instead.

const { buildCallbackBodies } = require('./callbacks');

const LIFECYCLE = ['sent', 'delivered', 'read'];

/** A Gupshup subscription only gets the modes it asked for. */
const wants = (target, status) => !target.modes || target.modes.includes('ALL') || target.modes.includes(status.toUpperCase());

function createAutoCallbacks({ poster, stats, timers, bodyOptions }) {
	async function playLifecycle(provider, message, target) {
		const failure = message.failure;
		for (const status of failure ? ['failed'] : LIFECYCLE) {
			if (!wants(target, status)) continue;
			await timers.delay(target.intervalMs);
			const event = { kind: 'status', status, messageId: message.messageId, recipient: message.to, ref: message.ref };
			if (failure) event.error = { code: failure.code, message: failure.message, details: failure.details };
			const [body] = buildCallbackBodies(provider, [event], { ...bodyOptions, gupshupVersion: target.version });
			const { status: answer } = await poster.post(target.url, target.headers, body);
			stats.callback(provider, answer !== null && answer >= 200 && answer < 300);
		}
	}

	return {
		/** targets: [{ url, headers, intervalMs, version?, modes? }] */
		schedule(provider, accepted, targets) {
			for (const message of accepted) {
				// A callback that cannot even be built is counted, never allowed to crash the server.
				for (const target of targets) playLifecycle(provider, message, target).catch(() => stats.callback(provider, false));
			}
		},
	};
}

module.exports = { createAutoCallbacks };

'use strict';
// WhatsApp's customer-service window: a business may send free-form (non-template) messages to a customer only
// within 24 hours of that customer's last message to it; later ones fail with error 131047 "Re-engagement
// message" (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages,
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/).
// Meta accepts such a send and reports the failure in a `failed` status webhook, so the sandbox does the same.
//
// The sandbox remembers, per provider (each has its own business number), when each customer last wrote.
// The check itself is off unless the `serviceWindow` setting is on (see config.js).

const { PROVIDER_NAMES } = require('./providers/names');

const digits = (number) => String(number ?? '').replace(/\D/g, '');

function createServiceWindow() {
	let lastInbound = new Map(); // `${provider}\n${digits}` → ms

	return {
		/** `provider` null marks the number for every provider. `at` is epoch milliseconds. */
		record(provider, number, at = Date.now()) {
			const providers = provider ? [provider] : PROVIDER_NAMES;
			for (const p of providers) {
				const key = `${p}\n${digits(number)}`;
				// An older message never closes a window a newer one opened.
				if (!(lastInbound.get(key) > at)) lastInbound.set(key, at);
			}
		},

		/** Whether a free-form message from `provider` to `number` at `now` is inside the window. */
		isOpen(provider, number, hours, now = Date.now()) {
			const at = lastInbound.get(`${provider}\n${digits(number)}`);
			return at !== undefined && now - at < hours * 3_600_000 && now >= at;
		},

		clear() {
			const count = lastInbound.size;
			lastInbound = new Map();
			return count;
		},

		/** `{ insider: { "14155550100": "2025-…Z" }, kaleyra: {…}, gupshup: {…} }` */
		toJSON() {
			const out = Object.fromEntries(PROVIDER_NAMES.map((p) => [p, {}]));
			for (const [key, at] of lastInbound) {
				const [provider, number] = key.split('\n');
				out[provider][number] = new Date(at).toISOString();
			}
			return out;
		},
	};
}

module.exports = { createServiceWindow, digits };

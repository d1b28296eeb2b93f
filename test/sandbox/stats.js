'use strict';
// Per-provider counters, including exactly-once accounting of accepted messages.

const { PROVIDER_NAMES: PROVIDERS } = require('./providers/names');

function emptyCounters() {
	return {
		requests: 0,
		statusCodes: {},
		dropped: 0,
		acceptedMessages: 0,
		uniqueMessages: 0,
		duplicateMessages: 0,
		failedMessages: 0,
		callbacks: { posted: 0, failed: 0 },
	};
}

function createStats() {
	let counters;
	let seen; // provider → Map(dedup key → times accepted)

	const reset = () => {
		counters = Object.fromEntries(PROVIDERS.map((p) => [p, emptyCounters()]));
		seen = Object.fromEntries(PROVIDERS.map((p) => [p, new Map()]));
	};
	reset();

	return {
		reset,

		/** One answered (status) or dropped (null) request. */
		request(provider, status) {
			const c = counters[provider];
			c.requests++;
			if (status === null) c.dropped++;
			else c.statusCodes[status] = (c.statusCodes[status] ?? 0) + 1;
		},

		/** One accepted message. `duplicateMessages` counts acceptances beyond the first of the same key. */
		accepted(provider, dedupKey) {
			const c = counters[provider];
			const times = (seen[provider].get(dedupKey) ?? 0) + 1;
			seen[provider].set(dedupKey, times);
			c.acceptedMessages++;
			if (times === 1) c.uniqueMessages++;
			else c.duplicateMessages++;
		},

		/** One accepted message that Meta then turned down (reported in a `failed` callback). */
		failed(provider) {
			counters[provider].failedMessages++;
		},

		callback(provider, ok) {
			counters[provider].callbacks[ok ? 'posted' : 'failed']++;
		},

		toJSON: () => counters,
	};
}

module.exports = { createStats };

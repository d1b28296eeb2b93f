'use strict';
// Per-provider (and, for Insider, per-endpoint) sliding windows: one second for the send limits, one minute
// for Gupshup's template list.

/**
 * Remembers the admission times of the last `limit` requests in a ring buffer:
 * a request is admitted when the oldest of those is more than `windowMs` old. O(1).
 */
class SlidingWindow {
	constructor(limit, windowMs) {
		this.windowMs = windowMs;
		this.times = new Float64Array(limit);
		this.next = 0;
		this.filled = 0;
	}

	tryTake(now) {
		const size = this.times.length;
		if (this.filled === size && now - this.times[this.next] < this.windowMs) return false;
		this.times[this.next] = now;
		this.next = (this.next + 1) % size;
		if (this.filled < size) this.filled++;
		return true;
	}
}

/**
 * `limits` is `{ insider?, kaleyra?, gupshup? }` (requests per `windowMs`); Insider's may be
 * `{ conversational, transactional }`.
 */
function createRateLimits(limits, windowMs = 1000) {
	const windows = new Map();
	return {
		/** False when this request is over its limit (it must then not be accepted). */
		take(provider, endpoint, now = performance.now()) {
			const configured = limits[provider];
			const limit = typeof configured === 'object' && configured !== null ? configured[endpoint] : configured;
			if (!limit) return true;
			const key = endpoint ? `${provider}:${endpoint}` : provider;
			let window = windows.get(key);
			if (!window) windows.set(key, (window = new SlidingWindow(limit, windowMs)));
			return window.tryTake(now);
		},
	};
}

module.exports = { createRateLimits };

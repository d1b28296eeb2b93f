'use strict';
// Fault injection: which provider requests fail, and how. Decisions come from a
// seeded PRNG (rate mode), a countdown (count mode) or a cycle (every mode: each
// Nth request), so every run is repeatable.

const FAULT_KINDS = ['429', '429-retry-after', '500', '503', 'drop', 'accept-drop', 'slow'];
const { PROVIDER_NAMES: PROVIDERS } = require('./providers/names');

/** mulberry32: tiny, fast, and good enough to spread faults evenly. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const isCount = (v) => Number.isInteger(v) && v >= 0;

/** Validates a `faults` config object; returns `{ spec }` with defaults filled in, or `{ problem }`. */
function parseFaults(input) {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return { problem: 'faults must be an object or null' };
	const spec = { provider: input.provider ?? null, kinds: input.kinds, retryAfterSeconds: input.retryAfterSeconds ?? 1, slowMs: input.slowMs ?? 2000, seed: input.seed ?? 1 };
	if (spec.provider !== null && !PROVIDERS.includes(spec.provider)) return { problem: `faults.provider must be one of ${PROVIDERS.join(', ')} or null` };
	const modes = ['rate', 'count', 'every'].filter((mode) => input[mode] !== undefined);
	if (modes.length !== 1) return { problem: 'faults needs exactly one of rate, count or every' };
	if (input.rate !== undefined) {
		if (typeof input.rate !== 'number' || input.rate < 0 || input.rate > 1) return { problem: 'faults.rate must be between 0 and 1' };
		spec.rate = input.rate;
	} else if (input.count !== undefined) {
		if (!isCount(input.count)) return { problem: 'faults.count must be a non-negative integer' };
		spec.count = input.count;
	} else {
		if (!isCount(input.every) || input.every === 0) return { problem: 'faults.every must be a positive integer' };
		spec.every = input.every;
	}
	if (!Array.isArray(spec.kinds) || spec.kinds.length === 0 || !spec.kinds.every((k) => FAULT_KINDS.includes(k))) {
		return { problem: `faults.kinds must be a non-empty list of ${FAULT_KINDS.join(', ')}` };
	}
	if (!isCount(spec.retryAfterSeconds)) return { problem: 'faults.retryAfterSeconds must be a non-negative integer' };
	if (!isCount(spec.slowMs)) return { problem: 'faults.slowMs must be a non-negative integer' };
	if (!Number.isInteger(spec.seed)) return { problem: 'faults.seed must be an integer' };
	return { spec };
}

function createFaultPlan(spec) {
	const random = prng(spec.seed);
	let remaining = spec.count;
	let served = 0;
	let seen = 0;
	return {
		/** The fault for the next request of `provider`, or null. Count and every modes cycle through the kinds. */
		next(provider) {
			if (spec.provider !== null && spec.provider !== provider) return null;
			if (spec.every !== undefined) {
				seen++;
				return seen % spec.every === 0 ? spec.kinds[served++ % spec.kinds.length] : null;
			}
			if (spec.count !== undefined) {
				if (remaining === 0) return null;
				remaining--;
				return spec.kinds[served++ % spec.kinds.length];
			}
			if (random() >= spec.rate) return null;
			return spec.kinds[Math.floor(random() * spec.kinds.length)];
		},
		toJSON: () => (spec.count === undefined ? spec : { ...spec, remaining }),
	};
}

module.exports = { parseFaults, createFaultPlan };

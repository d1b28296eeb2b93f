/**
 * Pacers shared by the executions of this n8n process that send through one account (credential) on one route:
 * a CRM that starts hundreds of small executions a minute then makes one queue at the provider's rate, not a storm
 * of 429s. Keyed by the sharing key of ./account.ts (the credential's id and a digest of its resolved data, never a
 * secret). An entry lives while executions use it and a minute
 * after (so that the next execution still sees the last second's requests), then goes at the next lease: the map
 * holds the accounts in use, whatever the number of executions ever run.
 */
import { Coalescer } from './coalesce';
import { RequestPacer } from './rate-limit';

const IDLE_MS = 60_000;

interface Shared {
	pacer: RequestPacer;
	/** The rate each lease asked for: the pacer keeps the lowest. */
	rates: number[];
	releasedAt: number;
	/** Shared requests on this pacer, one set per combination of the settings that shape a request. */
	coalescers: Map<string, Coalescer>;
}

const shared = new Map<string, Shared>();

export interface PacerLease {
	pacer: RequestPacer;
	/** Shared requests of up to `maxMessages` for executions whose requests are alike (`key` names those settings, `maxMessages` among them). */
	coalescer(key: string, maxMessages: number): Coalescer;
	/** Hands the lease back; idempotent, so that it can sit in a `finally`. */
	release(): void;
}

/** A pacer for `key` (an account and a route), shared with the other executions that hold one; unshared without a key. */
export function leasePacer(key: string | undefined, perSecond: number, now: () => number = Date.now): PacerLease {
	if (key === undefined) {
		const pacer = new RequestPacer(perSecond);
		return { pacer, coalescer: coalescerOf(pacer, new Map()), release: () => undefined };
	}
	const at = now();
	for (const [other, entry] of shared) {
		if (entry.rates.length === 0 && at - entry.releasedAt > IDLE_MS) shared.delete(other);
	}
	let entry = shared.get(key);
	if (!entry) {
		entry = { pacer: new RequestPacer(perSecond), rates: [], releasedAt: at, coalescers: new Map() };
		shared.set(key, entry);
	}
	const held = entry;
	held.rates.push(perSecond);
	held.pacer.setCeiling(Math.min(...held.rates));
	let released = false;
	return {
		pacer: held.pacer,
		coalescer: coalescerOf(held.pacer, held.coalescers),
		release() {
			if (released) return;
			released = true;
			held.rates.splice(held.rates.indexOf(perSecond), 1);
			held.releasedAt = now();
			if (held.rates.length > 0) held.pacer.setCeiling(Math.min(...held.rates));
		},
	};
}

function coalescerOf(pacer: RequestPacer, coalescers: Map<string, Coalescer>) {
	return (key: string, maxMessages: number): Coalescer => {
		let coalescer = coalescers.get(key);
		if (!coalescer) {
			coalescer = new Coalescer(pacer, maxMessages);
			coalescers.set(key, coalescer);
		}
		return coalescer;
	};
}

/** How many accounts and routes have a pacer now (for tests of the map's bounds). */
export function sharedPacerCount(): number {
	return shared.size;
}

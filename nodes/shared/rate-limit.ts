import { sleep } from 'n8n-workflow';

// Allowance for what the arrival estimate below cannot see: clock granularity, the fastest request's own way out,
// and a stall whose answer comes back only after the requests it affects have been booked.
const SAFETY_MS = 10;

// The most an answer may move a request's estimated arrival past its departure. A local stall before a request
// reaches the network is tens of milliseconds; an answer later than that says more about a slow provider than
// about a late arrival, and must not slow every later request down.
const MAX_ARRIVAL_SHIFT_MS = 100;

// Timers cannot wait for less than a millisecond; a slot closer than this is taken at once.
const MIN_WAIT_MS = 1;

const THROTTLED_SHARE_LIMIT = 0.25;

// Each answer's weight in the moving share of 429s: a memory of about twenty answers. With ten, three stray 429s
// close together already looked like throttling (simulated: 68% of 1,100-request runs with 5% stray 429s paused
// at least once; 2% with twenty), while real throttling at half the answers is still caught within ~13 answers.
const THROTTLED_WEIGHT = 0.05;

/** One request's place in the pacer, handed back with its answer. */
export interface Departure {
	readonly index: number;
	readonly sequence: number;
	readonly leftAt: number;
}

/**
 * Keeps the requests of one execution under a rate, measured like a provider does: no more than `perSecond`
 * requests arriving in any sliding one-second window, spaced evenly instead of in a burst at the start of each
 * second. Each request books its slot once and sleeps once, so many concurrent senders cost no extra wake-ups.
 *
 * A request counts from its estimated arrival at the provider: the later of when it left the pacer and when its
 * answer came back less the quickest round trip seen. A request that stalled on its way out (a busy event loop,
 * a cold connection) thus does not let the requests booked after it bunch into one of the provider's windows.
 */
export class RequestPacer {
	private readonly capacity: number;

	private readonly windowMs: number;

	private readonly spacingMs: number;

	/** The last `capacity` requests, oldest first, as rings: when each left, and when its answer came back. */
	private readonly leftAt: number[];

	private readonly answeredAt: number[];

	private readonly sequences: number[];

	private head = 0;

	private nextSequence = 0;

	private lastSlot = -Infinity;

	private notBefore = 0;

	private quickestRoundTripMs = Infinity;

	/** Moving average of the share of answers that were 429. */
	private throttledShare = 0;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.capacity = Math.max(1, Math.floor(perSecond));
		this.windowMs = (this.capacity * 1000) / perSecond + SAFETY_MS;
		this.spacingMs = 1000 / perSecond;
		this.leftAt = new Array<number>(this.capacity).fill(-Infinity);
		this.answeredAt = new Array<number>(this.capacity).fill(NaN);
		this.sequences = new Array<number>(this.capacity).fill(-1);
	}

	/** Resolves when one more request may leave; pass what it returns to `answered`. */
	async take(): Promise<Departure> {
		const now = this.now();
		const index = this.head;
		const slot = Math.max(now, this.lastSlot + this.spacingMs, this.arrivalOf(index) + this.windowMs, this.notBefore);
		const sequence = this.nextSequence++;
		this.leftAt[index] = slot;
		this.answeredAt[index] = NaN;
		this.sequences[index] = sequence;
		this.head = (index + 1) % this.capacity;
		this.lastSlot = slot;
		let leftAt = slot;
		if (slot - now >= MIN_WAIT_MS) {
			await this.wait(slot - now);
			// Timers fire late on a busy machine: count the request from when it really leaves (unless its place in
			// the ring has been booked again meanwhile, as when far more requests are under way than fit a second).
			leftAt = Math.max(slot, this.now());
			if (this.sequences[index] === sequence) this.leftAt[index] = leftAt;
		}
		return { index, sequence, leftAt };
	}

	/**
	 * Counts one answer. Returns true when it was a 429 and 429s have become the rule rather than the exception
	 * (over a quarter of the recent answers): the rate is then too high for the provider (set too high, or others
	 * share the account), and the caller holds every request back. A stray 429 only delays its own request.
	 */
	answered(departure: Departure, throttled: boolean): boolean {
		const at = this.now();
		this.quickestRoundTripMs = Math.min(this.quickestRoundTripMs, at - departure.leftAt);
		if (this.sequences[departure.index] === departure.sequence) this.answeredAt[departure.index] = at;
		this.throttledShare = this.throttledShare * (1 - THROTTLED_WEIGHT) + (throttled ? THROTTLED_WEIGHT : 0);
		return throttled && this.throttledShare > THROTTLED_SHARE_LIMIT;
	}

	/** Holds back every request not yet booked until `time`, e.g. when a provider answered 429. */
	pauseUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}

	/** When the request in ring place `index` reached the provider at the latest, as far as its answer tells. */
	private arrivalOf(index: number): number {
		const left = this.leftAt[index];
		const answered = this.answeredAt[index];
		if (Number.isNaN(answered)) return left;
		return Math.max(left, Math.min(answered - this.quickestRoundTripMs, left + MAX_ARRIVAL_SHIFT_MS));
	}
}

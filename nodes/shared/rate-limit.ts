import { sleep } from 'n8n-workflow';

// Allowance for requests that leave on time but arrive a little apart (event-loop and network jitter).
const SAFETY_MS = 25;

// Timers cannot wait for less than a millisecond; a slot closer than this is taken at once.
const MIN_WAIT_MS = 1;

const THROTTLED_SHARE_LIMIT = 0.25;

/**
 * Keeps the requests of one execution under a rate, measured like a provider does: no more than `perSecond`
 * requests in any sliding one-second window, spaced evenly instead of in a burst at the start of each second.
 * Each request books its slot once and sleeps once, so many concurrent senders cost no extra wake-ups.
 */
export class RequestPacer {
	private readonly capacity: number;

	private readonly windowMs: number;

	private readonly spacingMs: number;

	/** The slots of the last `capacity` requests, oldest first, as a ring. */
	private readonly slots: number[];

	private head = 0;

	private lastSlot = -Infinity;

	private notBefore = 0;

	/** Moving average of the share of answers that were 429 (each answer weighs a tenth). */
	private throttledShare = 0;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.capacity = Math.max(1, Math.floor(perSecond));
		this.windowMs = (this.capacity * 1000) / perSecond + SAFETY_MS;
		this.spacingMs = 1000 / perSecond;
		this.slots = new Array<number>(this.capacity).fill(-Infinity);
	}

	/** Resolves when one more request may leave. */
	async take(): Promise<void> {
		const now = this.now();
		const slot = Math.max(now, this.lastSlot + this.spacingMs, this.slots[this.head] + this.windowMs, this.notBefore);
		const index = this.head;
		this.slots[index] = slot;
		this.head = (index + 1) % this.capacity;
		this.lastSlot = slot;
		if (slot - now < MIN_WAIT_MS) return;
		await this.wait(slot - now);
		// Timers fire late on a busy machine: count the request from when it really leaves (unless its place in
		// the ring is already booked again), so that the requests booked after it cannot bunch into one window.
		const left = this.now();
		if (left > slot && this.slots[index] === slot) this.slots[index] = left;
	}

	/**
	 * Counts one answer. Returns true when it was a 429 and 429s have become the rule rather than the exception
	 * (over a quarter of the recent answers): the rate is then too high for the provider (set too high, or others
	 * share the account), and the caller holds every request back. A stray 429 only delays its own request.
	 */
	answered(throttled: boolean): boolean {
		this.throttledShare = this.throttledShare * 0.9 + (throttled ? 0.1 : 0);
		return throttled && this.throttledShare > THROTTLED_SHARE_LIMIT;
	}

	/** Holds back every request not yet booked until `time`, e.g. when a provider answered 429. */
	pauseUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}
}

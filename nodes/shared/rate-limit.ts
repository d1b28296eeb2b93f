import { sleep } from 'n8n-workflow';

// Allowance for requests that leave on time but arrive a little apart (event-loop and network jitter).
const SAFETY_MS = 25;

// Timers cannot wait for less than a millisecond; a slot closer than this is taken at once.
const MIN_WAIT_MS = 1;

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
		this.slots[this.head] = slot;
		this.head = (this.head + 1) % this.capacity;
		this.lastSlot = slot;
		if (slot - now >= MIN_WAIT_MS) await this.wait(slot - now);
	}

	/** Holds back every request not yet booked until `time`, e.g. when a provider answered 429. */
	pauseUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}
}

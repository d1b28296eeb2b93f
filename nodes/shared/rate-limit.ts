import { sleep } from 'n8n-workflow';

// Allowance for requests that leave together but arrive apart (event-loop and network jitter).
const SAFETY_MS = 25;

/**
 * Keeps the requests of one execution under a rate, measured like a provider does: no more than `perSecond`
 * requests in any sliding one-second window. It records when requests really left, so a late request never lets
 * the next ones bunch up, and it spaces them evenly instead of sending a burst at the start of each second.
 */
export class RequestPacer {
	private readonly capacity: number;

	private readonly windowMs: number;

	private readonly spacingMs: number;

	/** Send times of the last `capacity` requests, oldest first, as a ring. */
	private readonly sent: number[];

	private head = 0;

	private notBefore = 0;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.capacity = Math.max(1, Math.floor(perSecond));
		this.windowMs = (this.capacity * 1000) / perSecond + SAFETY_MS;
		this.spacingMs = 1000 / perSecond;
		this.sent = new Array<number>(this.capacity).fill(-Infinity);
	}

	/** Resolves when one more request may leave, and counts it as sent. */
	async take(): Promise<void> {
		for (;;) {
			const now = this.now();
			const newest = this.sent[(this.head + this.capacity - 1) % this.capacity];
			const earliest = Math.max(this.sent[this.head] + this.windowMs, newest + this.spacingMs, this.notBefore);
			if (now >= earliest) {
				this.sent[this.head] = now;
				this.head = (this.head + 1) % this.capacity;
				return;
			}
			await this.wait(earliest - now);
		}
	}

	/** Holds every request back until `time`, e.g. when a provider answered 429 with Retry-After. */
	pauseUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}
}

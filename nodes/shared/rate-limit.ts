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

// Adapting to a limit the pacer cannot see (other workers or processes sending on the same account): above this
// share of 429s the rate drops by a quarter, at most once a window; while the share is under half of it, the rate
// climbs back by a tenth of the configured rate a window. Stray 429s cost no speed: simulated, 1,100 requests at
// 50/s with 5% random 429s took 22.2 to 22.8 s with these figures, 33 to 37 s when 10% slowed down and only a window
// without any 429 let the rate climb back (at 50/s, 5% stray 429s leave hardly a second without one).
const SLOW_DOWN_SHARE = 0.2;
const SPEED_UP_SHARE = SLOW_DOWN_SHARE / 2;
const SLOW_DOWN_FACTOR = 0.75;
const SPEED_UP_STEP = 0.1;
// Never below a tenth of the configured rate: 429s are retried, so a floor only bounds how long recovery takes.
const MIN_RATE_SHARE = 0.1;

/** One request's place in the pacer, handed back with its answer. */
export interface Departure {
	readonly index: number;
	readonly sequence: number;
	readonly leftAt: number;
}

/** A request's turn: a departure, or why it never came (its execution was cancelled, or it would come too late). */
export type Turn = Departure | 'cancelled' | 'late';

interface Waiter {
	resolve(turn: Turn): void;
	/** The latest time its slot may be at; a later slot is refused rather than waited for. */
	deadline: number;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/**
 * Keeps requests under a rate, measured like a provider does: no more than `perSecond` requests arriving in any
 * sliding one-second window, spaced evenly instead of in a burst at the start of each second. Requests queue in
 * order; only the one at the head waits for a timer, so many waiting senders (of one execution or of many sharing
 * an account) cost no extra wake-ups, and a waiter whose execution is cancelled leaves the queue at once.
 *
 * A request counts from its estimated arrival at the provider: the later of when it left the pacer and when its
 * answer came back less the quickest round trip seen. A request that stalled on its way out (a busy event loop,
 * a cold connection) thus does not let the requests after it bunch into one of the provider's windows.
 *
 * The rate adapts to a limit it cannot see: frequent 429s lower it, and it climbs back to `perSecond` once they stop.
 */
export class RequestPacer {
	private ceiling: number;

	private rate: number;

	/** The last requests, oldest first, as rings sized for the configured rate: when each left, and when its answer came back. */
	private leftAt: number[] = [];

	private answeredAt: number[] = [];

	private sequences: number[] = [];

	private head = 0;

	private nextSequence = 0;

	private lastSlot = -Infinity;

	private notBefore = 0;

	private quickestRoundTripMs = Infinity;

	/** Moving average of the share of answers that were 429. */
	private throttledShare = 0;

	private lastRateChange: number;

	private readonly queue: Waiter[] = [];

	private pumping = false;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.ceiling = perSecond;
		this.rate = perSecond;
		this.lastRateChange = now();
		this.resizeRings();
	}

	/** The rate requests leave at now: the configured one, or less while the provider answers 429. */
	get currentRate(): number {
		return this.rate;
	}

	/** Changes the configured rate, e.g. when executions with another rate share this pacer. */
	setCeiling(perSecond: number): void {
		if (perSecond === this.ceiling) return;
		this.ceiling = perSecond;
		this.rate = Math.min(this.rate, perSecond);
		this.resizeRings();
	}

	/**
	 * Resolves when one more request may leave (pass what it returns to `answered`); with `cancelled` when `signal`
	 * aborts first (the execution was cancelled, and the request gives its place up); with `late` as soon as its slot
	 * would come more than `maxWaitMs` after it asked, so that one workflow's very low rate on a shared account makes
	 * the others fail with a reason rather than wait without end.
	 */
	async take(signal?: AbortSignal, maxWaitMs = Infinity): Promise<Turn> {
		if (signal?.aborted) return 'cancelled';
		return await new Promise<Turn>((resolve) => {
			const waiter: Waiter = { resolve, deadline: this.now() + maxWaitMs, signal };
			if (signal) {
				waiter.onAbort = () => {
					const position = this.queue.indexOf(waiter);
					if (position >= 0) this.queue.splice(position, 1);
					resolve('cancelled');
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.queue.push(waiter);
			if (!this.pumping) void this.pump();
		});
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
		this.adapt(throttled, at);
		return throttled && this.throttledShare > THROTTLED_SHARE_LIMIT;
	}

	/** Holds back every request not yet sent until `time`, e.g. when a provider answered 429 with Retry-After. */
	pauseUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}

	private get capacity(): number {
		return Math.max(1, Math.floor(this.rate));
	}

	private get windowMs(): number {
		return (this.capacity * 1000) / this.rate + SAFETY_MS;
	}

	private resizeRings(): void {
		const size = Math.max(1, Math.floor(this.ceiling));
		if (size === this.leftAt.length) return;
		// Newest last, so that the ring's order (oldest at `head`) survives the resize.
		const order = (ring: number[]) => [...ring.slice(this.head), ...ring.slice(0, this.head)];
		const keep = (ring: number[], fill: number) => {
			const ordered = order(ring).slice(-size);
			return [...new Array<number>(size - ordered.length).fill(fill), ...ordered];
		};
		this.leftAt = keep(this.leftAt, -Infinity);
		this.answeredAt = keep(this.answeredAt, NaN);
		this.sequences = keep(this.sequences, -1);
		this.head = 0;
	}

	/** Lowers the rate while 429s are frequent, raises it back while they are rare; at most one step a window. */
	private adapt(throttled: boolean, at: number): void {
		if (at - this.lastRateChange < this.windowMs) return;
		if (throttled && this.throttledShare > SLOW_DOWN_SHARE) {
			this.rate = Math.max(this.ceiling * MIN_RATE_SHARE, this.rate * SLOW_DOWN_FACTOR);
			this.lastRateChange = at;
		} else if (this.rate < this.ceiling && this.throttledShare < SPEED_UP_SHARE) {
			this.rate = Math.min(this.ceiling, this.rate + this.ceiling * SPEED_UP_STEP);
			this.lastRateChange = at;
		}
	}

	/** When the next request may leave: spaced from the last, and the window's oldest request a window back. */
	private nextSlot(now: number): number {
		const back = (this.head - this.capacity + this.leftAt.length * 2) % this.leftAt.length;
		return Math.max(now, this.lastSlot + 1000 / this.rate, this.arrivalOf(back) + this.windowMs, this.notBefore);
	}

	/** Hands out slots in queue order; only the head waits for a timer. */
	private async pump(): Promise<void> {
		this.pumping = true;
		try {
			while (this.queue.length > 0) {
				const now = this.now();
				const slot = this.nextSlot(now);
				if (slot > this.queue[0].deadline) {
					this.leave(this.queue[0], 'late');
					continue;
				}
				if (slot - now >= MIN_WAIT_MS) {
					await this.wait(slot - now);
					// A pause, an answer or a rate change may have moved the slot while it waited: look again.
					if (this.nextSlot(this.now()) - this.now() >= MIN_WAIT_MS) continue;
				}
				const waiter = this.queue[0];
				if (!waiter) break;
				// Timers fire late on a busy machine: count the request from when it really leaves.
				const leftAt = Math.max(slot, this.now());
				const index = this.head;
				const sequence = this.nextSequence++;
				this.leftAt[index] = leftAt;
				this.answeredAt[index] = NaN;
				this.sequences[index] = sequence;
				this.head = (index + 1) % this.leftAt.length;
				this.lastSlot = slot;
				this.leave(waiter, { index, sequence, leftAt });
			}
		} finally {
			this.pumping = false;
		}
	}

	/** Takes the head of the queue out with its turn. */
	private leave(waiter: Waiter, turn: Turn): void {
		this.queue.shift();
		if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
		waiter.resolve(turn);
	}

	/** When the request in ring place `index` reached the provider at the latest, as far as its answer tells. */
	private arrivalOf(index: number): number {
		const left = this.leftAt[index];
		const answered = this.answeredAt[index];
		if (Number.isNaN(answered)) return left;
		return Math.max(left, Math.min(answered - this.quickestRoundTripMs, left + MAX_ARRIVAL_SHIFT_MS));
	}
}

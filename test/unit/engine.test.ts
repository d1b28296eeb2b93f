import { RequestPacer, type Departure } from '../../nodes/shared/rate-limit';
import { backoffDelay, parseRetryAfter, statusVerdict } from '../../nodes/shared/retry';
import { batchesOf } from '../../nodes/shared/send';
import { connectionFailure } from '../../nodes/shared/transport';
import type { Outgoing } from '../../nodes/shared/adapter';

describe('backoff schedule', () => {
	it('doubles from 500 ms up to 30 s, with half of each step random', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, () => 0))).toEqual([
			250, 500, 1000, 2000, 4000, 8000, 15000, 15000,
		]);
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, () => 1))).toEqual([
			500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
		]);
	});

	it('retries 429 and 503 (nothing was processed); 500, 502 and 504 may have been processed; other 4xx are final', () => {
		const statuses = [400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504];
		expect(Object.fromEntries(statuses.map((status) => [status, statusVerdict(status)]))).toEqual({
			400: 'final',
			401: 'final',
			403: 'final',
			404: 'final',
			409: 'final',
			422: 'final',
			429: 'retry',
			500: 'uncertain',
			501: 'uncertain',
			502: 'uncertain',
			503: 'retry',
			504: 'uncertain',
		});
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2026-11-21T12:00:00Z');
	it.each<[unknown, number | undefined]>([
		['3', 3000],
		['0', 0],
		['1.5', 1500],
		[' 7 ', 7000],
		[['2'], 2000],
		[5, 5000],
		['Sat, 21 Nov 2026 12:00:10 GMT', 10_000],
		['Sat, 21 Nov 2026 11:59:00 GMT', 0],
		['soon', undefined],
		[undefined, undefined],
		['-1', undefined],
	])('%j → %j ms', (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});
});

describe('request pacer', () => {
	/** A clock that only moves when the pacer waits, so the schedule is exact and the test takes no time. */
	const virtualClock = () => {
		let time = 1_000_000;
		return {
			now: () => time,
			wait: async (ms: number) => {
				time += ms;
			},
			advance: (ms: number) => {
				time += ms;
			},
		};
	};

	/** The most send times found in any one-second window (as a provider counts them). */
	const busiestSecond = (times: number[]) =>
		Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 1000).length));

	it('spaces requests evenly and never lets more than the rate into any sliding second', async () => {
		const clock = virtualClock();
		const pacer = new RequestPacer(10, clock.now, clock.wait);
		const sent: number[] = [];
		for (let i = 0; i < 50; i++) {
			await pacer.take();
			sent.push(clock.now());
		}
		expect(sent.slice(0, 3).map((time) => time - sent[0])).toEqual([0, 100, 200]);
		expect(busiestSecond(sent)).toBeLessThanOrEqual(10);
		// 50 requests at 10/s: about 5 s, with the 10 ms safety margin per window.
		expect(sent[49] - sent[0]).toBeGreaterThanOrEqual(4900);
		expect(sent[49] - sent[0]).toBeLessThan(5200);
	});

	it('counts a late request from when it really left, so the next ones cannot bunch into one second', async () => {
		const clock = virtualClock();
		const pacer = new RequestPacer(5, clock.now, clock.wait);
		const sent: number[] = [];
		for (let i = 0; i < 20; i++) {
			await pacer.take();
			sent.push(clock.now());
			if (i % 3 === 0) clock.advance(170);
		}
		expect(busiestSecond(sent)).toBeLessThanOrEqual(5);
	});

	it('books a late request at its real departure, so that the requests after it keep the window', async () => {
		const clock = virtualClock();
		let waits = 0;
		// The first timer fires 60 ms late, as on a busy machine; every other one is on time.
		const pacer = new RequestPacer(10, clock.now, async (ms) => clock.advance(ms + (++waits === 1 ? 60 : 0)));
		const sent: number[] = [];
		for (let i = 0; i < 30; i++) {
			await pacer.take();
			sent.push(clock.now());
		}
		expect(busiestSecond(sent)).toBeLessThanOrEqual(10);
	});

	it('calls for a pause of every request only when 429s become the rule, not for a stray one', async () => {
		const answers = async (pacer: RequestPacer, throttled: boolean[]) => {
			const results: boolean[] = [];
			for (const each of throttled) results.push(pacer.answered((await pacer.take()) as Departure, each));
			return results;
		};
		const clock = virtualClock();
		// Three 429s among four answers happen by chance in a long run with a few stray 429s: no pause.
		expect(await answers(new RequestPacer(10, clock.now, clock.wait), [false, true, false, true, true, false])).toEqual([
			false, false, false, false, false, false,
		]);
		// 429 after 429: the sixth in a row calls for the pause.
		expect(await answers(new RequestPacer(10, clock.now, clock.wait), [true, true, true, true, true, true])).toEqual([
			false, false, false, false, false, true,
		]);
	});

	/**
	 * Sends `count` requests one after another through a pacer of 10/s, as a provider would see them: request i
	 * reaches the provider `stallMs(i)` after it leaves the pacer, and its answer comes back `roundTripMs(i)` after
	 * it left (delivered in time order while the pacer waits, as the event loop would). Returns the arrival times
	 * and how long the run took.
	 */
	const sendThrough = async (count: number, stallMs: (i: number) => number, roundTripMs: (i: number) => number) => {
		let time = 1_000_000;
		const due: Array<{ at: number; deliver: () => void }> = [];
		const runUntil = (end: number) => {
			due.sort((a, b) => a.at - b.at);
			while (due.length > 0 && due[0].at <= end) {
				const next = due.shift()!;
				time = Math.max(time, next.at);
				next.deliver();
			}
			time = end;
		};
		const pacer = new RequestPacer(10, () => time, async (ms) => runUntil(time + ms));
		const arrivals: number[] = [];
		const start = time;
		for (let i = 0; i < count; i++) {
			const departure = (await pacer.take()) as Departure;
			arrivals.push(departure.leftAt + stallMs(i));
			due.push({ at: departure.leftAt + roundTripMs(i), deliver: () => pacer.answered(departure, false) });
		}
		return { arrivals, tookMs: time - start };
	};

	it('counts a request that stalled on its way out from when its answer says it arrived', async () => {
		// Request 0 reaches the provider 80 ms after leaving the pacer (a cold connection); the others at once.
		const stalled = await sendThrough(25, (i) => (i === 0 ? 80 : 0), (i) => (i === 0 ? 130 : 50));
		expect(busiestSecond(stalled.arrivals)).toBeLessThanOrEqual(10);
		// Without the answer, the pacer would let request 10 leave 1,010 ms after request 0 left: 930 ms after it arrived.
		expect(stalled.arrivals[10] - stalled.arrivals[0]).toBeGreaterThanOrEqual(1000);
	});

	it('moves a request at most 100 ms for a slow answer, so a slow provider does not slow the whole run', async () => {
		const slowAnswers = await sendThrough(31, () => 0, (i) => (i % 10 === 0 ? 900 : 50));
		const quickAnswers = await sendThrough(31, () => 0, () => 50);
		expect(slowAnswers.tookMs - quickAnswers.tookMs).toBeLessThanOrEqual(300);
		expect(slowAnswers.tookMs - quickAnswers.tookMs).toBeGreaterThan(0);
	});

	it('hands each request its own departure when more are waiting than the ring holds', async () => {
		let time = 0;
		const timers: Array<{ at: number; resolve: () => void }> = [];
		const pacer = new RequestPacer(2, () => time, (ms) => new Promise<void>((resolve) => timers.push({ at: time + ms, resolve })));
		// Six requests at 2/s book their slots at once: places 0 and 1 of the ring are booked three times each.
		const taken = Array.from({ length: 6 }, () => pacer.take().then((departure) => ({ departure: departure as Departure, resolvedAt: time })));
		await new Promise((resolve) => setImmediate(resolve));
		while (timers.length > 0) {
			timers.sort((a, b) => a.at - b.at);
			const next = timers.shift()!;
			time = next.at;
			next.resolve();
			await new Promise((resolve) => setImmediate(resolve));
		}
		const departures = await Promise.all(taken);
		expect(departures.map(({ departure }) => departure.leftAt)).toEqual(departures.map(({ resolvedAt }) => resolvedAt));
		expect(departures.map(({ departure }) => departure.leftAt)).toEqual([0, 500, 1010, 1510, 2020, 2520]);
	});

	it('holds every request back after pauseUntil (a 429 with Retry-After)', async () => {
		const clock = virtualClock();
		const pacer = new RequestPacer(100, clock.now, clock.wait);
		await pacer.take();
		const start = clock.now();
		pacer.pauseUntil(start + 2000);
		await pacer.take();
		expect(clock.now() - start).toBe(2000);
	});

	it('handles rates below one request per second', async () => {
		const clock = virtualClock();
		const pacer = new RequestPacer(0.5, clock.now, clock.wait);
		await pacer.take();
		const start = clock.now();
		await pacer.take();
		expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
	});
});

describe('batch splitting', () => {
	const outgoing = (routes: string[]): Outgoing[] =>
		routes.map((route, itemIndex) => ({
			itemIndex,
			route,
			settings: {},
			to: '+14155550100',
			operation: 'sendText',
			payload: { type: 'text', text: { preview_url: false, body: String(itemIndex) } },
		}));
	const indexes = (batches: Outgoing[][]) => batches.map((batch) => batch.map((message) => message.itemIndex));

	it('cuts items into batches of the batch size, in item order', () => {
		expect(indexes([...batchesOf(outgoing(Array(7).fill('a')), 3)])).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
	});

	it('never mixes routes (Insider endpoints) in one request', () => {
		expect(indexes([...batchesOf(outgoing(['c', 't', 'c', 't', 't', 'c']), 2)])).toEqual([[0, 2], [1, 3], [4], [5]]);
	});

	it('yields lazily, so only requests under way exist', () => {
		const batches = batchesOf(outgoing(Array(100_000).fill('a')), 1);
		expect(batches.next().value?.[0].itemIndex).toBe(0);
		expect(batches.next().value?.[0].itemIndex).toBe(1);
	});
});

describe('connection failures', () => {
	// Before the request was written (refused, DNS, a connect that timed out): never sent. After it: maybe sent.
	it.each([
		[{ code: 'ECONNRESET' }, { code: 'ECONNRESET', sent: 'maybe' }],
		[{ message: 'x', cause: { code: 'ECONNREFUSED' } }, { code: 'ECONNREFUSED', sent: 'never' }],
		[{ message: 'getaddrinfo ENOTFOUND insider.test', code: 'ENOTFOUND' }, { code: 'ENOTFOUND', sent: 'never' }],
		[{ message: 'getaddrinfo EAI_AGAIN insider.test' }, { code: 'EAI_AGAIN', sent: 'never' }],
		[{ message: 'connect ETIMEDOUT 10.0.0.1:443', code: 'ETIMEDOUT', syscall: 'connect' }, { code: 'ETIMEDOUT', sent: 'never' }],
		[{ message: 'read ETIMEDOUT', code: 'ETIMEDOUT', syscall: 'read' }, { code: 'ETIMEDOUT', sent: 'maybe' }],
		[{ message: 'socket hang up' }, { code: 'ECONNRESET', sent: 'maybe' }],
		[{ message: 'timeout of 60000ms exceeded', cause: { code: 'ECONNABORTED' } }, { code: 'ECONNABORTED', sent: 'maybe' }],
		[{ message: 'write EPIPE', code: 'EPIPE' }, { code: 'EPIPE', sent: 'maybe' }],
		[{ message: 'Bad request', httpCode: '400' }, undefined],
		[new Error('Node does not have any credentials'), undefined],
	])('%j → %j', (error, expected) => {
		expect(connectionFailure(error)).toEqual(expected);
	});
});

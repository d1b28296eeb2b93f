import { RequestPacer } from '../../nodes/shared/rate-limit';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../nodes/shared/retry';
import { batchesOf } from '../../nodes/shared/send';
import { connectionErrorCode } from '../../nodes/shared/transport';
import type { Outgoing } from '../../nodes/shared/providers/types';

describe('backoff schedule', () => {
	it('doubles from 500 ms up to 30 s, with half of each step random', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, () => 0))).toEqual([
			250, 500, 1000, 2000, 4000, 8000, 15000, 15000,
		]);
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, () => 1))).toEqual([
			500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
		]);
	});

	it('retries 429 and 5xx only', () => {
		expect([400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504].filter(isRetryableStatus)).toEqual([
			429, 500, 502, 503, 504,
		]);
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
		// 50 requests at 10/s: about 5 s, with the 25 ms safety margin per window.
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

	it('calls for a pause of every request only when 429s become the rule, not for a stray one', () => {
		const pacer = new RequestPacer(10);
		expect([false, false, false, false, true, false].map((throttled) => pacer.answered(throttled))).toEqual([
			false, false, false, false, false, false,
		]);
		const throttledAgain = new RequestPacer(10);
		expect([true, true, true].map((throttled) => throttledAgain.answered(throttled))).toEqual([false, false, true]);
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
			message: { to: '+14155550100', content: { kind: 'text', body: String(itemIndex), previewUrl: false } },
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
	it.each([
		[{ code: 'ECONNRESET' }, 'ECONNRESET'],
		[{ message: 'x', cause: { code: 'ECONNREFUSED' } }, 'ECONNREFUSED'],
		[{ message: 'socket hang up' }, 'ECONNRESET'],
		[{ message: 'timeout of 60000ms exceeded', cause: { code: 'ECONNABORTED' } }, 'ECONNABORTED'],
		[{ message: 'Bad request', httpCode: '400' }, undefined],
		[new Error('Node does not have any credentials'), undefined],
	])('%j → %j', (error, code) => {
		expect(connectionErrorCode(error)).toBe(code);
	});
});

/** Pacing shared by executions on one account: the shared pacers, cancellation, the adaptive rate, the 429 budget. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderAdapter } from '../../nodes/shared/adapter';
import { leasePacer, sharedPacerCount } from '../../nodes/shared/pacers';
import { RequestPacer, type Departure } from '../../nodes/shared/rate-limit';
import { sendWithRetries, type Transport } from '../../nodes/shared/transport';
import { virtualTime } from './helpers/virtual-time';

const busiestSecond = (times: number[]) =>
	Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 1000).length));

describe('executions sharing an account share its rate', () => {
	it('two executions sending at once through one pacer stay under the rate together, in a fair queue', async () => {
		const clock = virtualTime();
		const pacer = new RequestPacer(10, clock.now, clock.wait);
		const sent: Array<{ execution: string; at: number }> = [];
		const execution = async (name: string, count: number) => {
			for (let i = 0; i < count; i++) {
				const departure = (await pacer.take()) as Departure;
				sent.push({ execution: name, at: departure.leftAt });
				pacer.answered(departure, false);
			}
		};
		const both = Promise.all([execution('a', 20), execution('b', 20)]);
		await clock.run();
		await both;
		expect(sent).toHaveLength(40);
		expect(busiestSecond(sent.map((s) => s.at))).toBe(10);
		// Neither waits for the other to finish: their requests alternate.
		expect(sent.slice(0, 6).map((s) => s.execution)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
	});

	it('hands the same pacer to every lease of one account and route, and its own to another', () => {
		const a = leasePacer('insider\ncred-A\nconversational', 10);
		const b = leasePacer('insider\ncred-A\nconversational', 10);
		const otherRoute = leasePacer('insider\ncred-A\ntransactional', 1000);
		const otherAccount = leasePacer('insider\ncred-B\nconversational', 10);
		const unshared = leasePacer(undefined, 10);
		expect(a.pacer).toBe(b.pacer);
		expect(otherRoute.pacer).not.toBe(a.pacer);
		expect(otherAccount.pacer).not.toBe(a.pacer);
		expect(unshared.pacer).not.toBe(a.pacer);
		for (const lease of [a, b, otherRoute, otherAccount, unshared]) lease.release();
	});

	it('keeps the lowest rate the executions holding it asked for, and the rest again when that one leaves', () => {
		const key = 'gupshup\ncred-rates\nmessages';
		const fast = leasePacer(key, 10);
		const slow = leasePacer(key, 2);
		expect(fast.pacer.currentRate).toBe(2);
		slow.release();
		slow.release();
		const again = leasePacer(key, 10);
		// The configured rate is back; the current one climbs back from 2 as answers come (adapt), not at once.
		expect(again.pacer.currentRate).toBe(2);
		fast.release();
		again.release();
	});

	it('forgets an account a minute after its last execution let go, so the map does not grow with executions', () => {
		let time = Date.now();
		const now = () => time;
		const before = sharedPacerCount();
		for (let i = 0; i < 50; i++) leasePacer(`kaleyra\ncred-${i}\nmessages`, 10, now).release();
		expect(sharedPacerCount()).toBe(before + 50);
		time += 59_000;
		leasePacer('kaleyra\ncred-0\nmessages', 10, now).release();
		expect(sharedPacerCount()).toBe(before + 50);
		time += 61_000;
		const held = leasePacer('kaleyra\ncred-held\nmessages', 10, now);
		// Every idle entry went (those of the other tests too); only the one just leased is left.
		expect(sharedPacerCount()).toBe(1);
		held.release();
	});
});

describe('cancellation', () => {
	it('a request whose execution is cancelled while it waits leaves the queue, and the next one takes its slot', async () => {
		const clock = virtualTime();
		const pacer = new RequestPacer(2, clock.now, clock.wait);
		const cancel = new AbortController();
		const first = pacer.take();
		const second = pacer.take(cancel.signal);
		const third = pacer.take();
		cancel.abort();
		expect(await second).toBe('cancelled');
		const run = clock.run();
		const departures = [(await first) as Departure, (await third) as Departure];
		await run;
		// At 2/s the slots are 500 ms apart: the third request leaves in the second's slot.
		expect(departures[1].leftAt - departures[0].leftAt).toBe(500);
	});

	it('an execution already cancelled takes no slot at all', async () => {
		const clock = virtualTime();
		const pacer = new RequestPacer(1, clock.now, clock.wait);
		const cancel = new AbortController();
		cancel.abort();
		expect(await pacer.take(cancel.signal)).toBe('cancelled');
		const departure = await pacer.take();
		expect((departure as Departure).leftAt).toBe(clock.now());
	});
});

describe('the rate adapts to a limit it cannot see (other workers on the account)', () => {
	it('slows down while 429s are frequent and speeds up again when they stop', async () => {
		const clock = virtualTime();
		const pacer = new RequestPacer(10, clock.now, clock.wait);
		const send = async (count: number, throttled: (i: number) => boolean) => {
			for (let i = 0; i < count; i++) {
				const take = pacer.take();
				await clock.run(() => false);
				pacer.answered((await take) as Departure, throttled(i));
			}
		};
		// Half the answers 429, as when two workers each send at the account's whole rate.
		await send(60, (i) => i % 2 === 0);
		const slowed = pacer.currentRate;
		expect(slowed).toBeLessThan(5);
		expect(slowed).toBeGreaterThanOrEqual(1);
		await send(200, () => false);
		expect(pacer.currentRate).toBe(10);
	});

	it('does not slow down for stray 429s (a few percent)', async () => {
		const clock = virtualTime();
		const pacer = new RequestPacer(10, clock.now, clock.wait);
		for (let i = 0; i < 200; i++) {
			const take = pacer.take();
			await clock.run();
			pacer.answered((await take) as Departure, i % 25 === 0);
		}
		expect(pacer.currentRate).toBe(10);
	});

	it('keeps its speed through 5% random stray 429s at 50 requests a second (a faulty provider, not a limit)', async () => {
		for (const seed of [1, 2, 3]) {
			const clock = virtualTime();
			const pacer = new RequestPacer(50, clock.now, clock.wait);
			let state = seed;
			const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
			let lowest = pacer.currentRate;
			for (let i = 0; i < 1100; i++) {
				const take = pacer.take();
				await clock.run();
				pacer.answered((await take) as Departure, random() < 0.05);
				lowest = Math.min(lowest, pacer.currentRate);
			}
			// At most one step down, and back (a rate stuck low made such a run take 35 s instead of 22 s).
			expect(lowest).toBeGreaterThanOrEqual(37.5);
			expect(clock.now() - 1_000_000).toBeLessThan(23_000);
		}
	});
});

describe('a 429 is retried for a time budget, other failures a bounded number of times', () => {
	const adapter = {
		displayName: 'Gupshup',
		credentialType: 'gupshupPartnerApi',
		readFailure: (_status: number, body: unknown) => ({ providerCode: null, message: String((body as { message?: string }).message) }),
	} as unknown as ProviderAdapter;

	/** A transport whose provider answers with `statuses` in turn (the last one for ever), on a virtual clock. */
	function transportAnswering(statuses: number[], options: Partial<Transport> = {}) {
		const clock = virtualTime();
		let calls = 0;
		const ctx = {
			helpers: {
				httpRequestWithAuthentication: async () => {
					const statusCode = statuses[Math.min(calls++, statuses.length - 1)];
					return { statusCode, headers: {}, body: { message: statusCode === 200 ? 'ok' : `HTTP ${statusCode}` } };
				},
			},
		} as unknown as IExecuteFunctions;
		const transport: Transport = {
			ctx,
			adapter,
			credentials: {},
			credentialOptions: {},
			maxRetries: 2,
			onUncertain: 'report',
			throttleBudgetMs: 300_000,
			random: () => 0.5,
			now: clock.now,
			wait: clock.wait,
			...options,
		};
		const pacer = new RequestPacer(1000, clock.now, clock.wait);
		const send = async () => {
			const outcome = sendWithRetries(transport, { url: 'http://provider/send', method: 'POST' }, pacer);
			await clock.run();
			return { outcome: await outcome, calls: () => calls, elapsed: clock.now() - 1_000_000 };
		};
		return send;
	}

	it('keeps retrying 429s past Max Retries, and the message goes through once they stop', async () => {
		const { outcome, calls } = await transportAnswering([...new Array(12).fill(429), 200])();
		expect(outcome.ok).toBe(true);
		expect(calls()).toBe(13);
	});

	it('gives up once 429s have lasted longer than the budget, saying so', async () => {
		const { outcome, calls, elapsed } = await transportAnswering([429], { throttleBudgetMs: 60_000 })();
		expect(outcome.ok).toBe(false);
		expect(elapsed).toBeLessThanOrEqual(60_000);
		expect(calls()).toBeGreaterThan(3);
		expect(outcome.ok ? undefined : outcome.failure).toMatchObject({
			httpCode: 429,
			message: 'HTTP 429',
			hint: expect.stringMatching(
				/^Gupshup answered 429 \(too many requests\) for \d+ s, longer than "Max Wait on 429" under Options allows\. A 429 means nothing was sent, so the message can be sent again; raise that option or lower Requests per Second$/,
			),
		});
	});

	it('with a budget of 0 a 429 is not retried', async () => {
		const { outcome, calls } = await transportAnswering([429], { throttleBudgetMs: 0 })();
		expect(outcome.ok).toBe(false);
		expect(calls()).toBe(1);
	});

	it('retries a 5xx at most Max Retries times, since the provider may have processed it', async () => {
		const { outcome, calls } = await transportAnswering([503])();
		expect(outcome.ok ? undefined : outcome.failure.httpCode).toBe(503);
		expect(calls()).toBe(3);
	});

	it('429s in between do not use up the retries of 5xx answers', async () => {
		const { outcome, calls } = await transportAnswering([503, 429, 429, 429, 503, 200])();
		expect(outcome.ok).toBe(true);
		expect(calls()).toBe(6);
	});
});

/**
 * Requests shared by executions (Insider takes many messages a request: NOTES.md "Insider One", `{ messages: [...] }`
 * answered `{ keys: [...] }` one key per message in order): messages of executions waiting for the same account's
 * pacer leave in one request; every key goes back to its own execution and item; a refused request never fails
 * another execution's messages.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { Outgoing } from '../../nodes/shared/adapter';
import { Coalescer, type BatchOutcome } from '../../nodes/shared/coalesce';
import { leasePacer } from '../../nodes/shared/pacers';
import { RequestPacer } from '../../nodes/shared/rate-limit';
import type { Transport } from '../../nodes/shared/transport';
import { insider } from '../../nodes/providers/insider/adapter';
import { virtualTime } from './helpers/virtual-time';

type Answer = { statusCode: number; body: unknown };

/** Insider's side: every request it received (with the execution whose context sent it), answered by `answer`. */
function provider(answer: (phones: string[]) => Answer) {
	const received: Array<{ via: string; phones: string[]; body: IDataObject }> = [];
	const contextOf = (execution: string) =>
		({
			helpers: {
				httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
					const body = request.body as { messages: Array<{ phoneNumber: string }> };
					const phones = body.messages.map((m) => m.phoneNumber);
					received.push({ via: execution, phones, body: request.body as IDataObject });
					return { headers: {}, ...answer(phones) };
				},
			},
		}) as unknown as IExecuteFunctions;
	return { received, contextOf };
}

/** The recipient of an execution's item: +49 15 then the execution's letter code and the item's index. */
const phone = (execution: string, itemIndex: number) => `+4915${execution.charCodeAt(0)}000${itemIndex}`;

const keysFor = (phones: string[]): Answer => ({ statusCode: 200, body: { keys: phones.map((p) => `key-${p}`) } });

function setUp(answer: (phones: string[]) => Answer = keysFor, maxMessages = 1000) {
	const clock = virtualTime();
	const insiderSide = provider(answer);
	// One request a second: the first leaves at once, the ones after it wait for their slot.
	const pacer = new RequestPacer(1, clock.now, clock.wait);
	const coalescer = new Coalescer(pacer, maxMessages);
	const transportOf = (execution: string, cancel?: AbortSignal): Transport => ({
		ctx: insiderSide.contextOf(execution),
		adapter: insider,
		credentials: { baseUrl: 'https://insider.test', apiKey: 'k' },
		credentialOptions: {},
		maxRetries: 1,
		onUncertain: 'report',
		throttleBudgetMs: 60_000,
		random: () => 0.5,
		now: clock.now,
		wait: clock.wait,
		cancel,
	});
	const batchOf = (execution: string, count: number): Outgoing[] =>
		Array.from({ length: count }, (_, itemIndex) => ({
			itemIndex,
			to: phone(execution, itemIndex),
			operation: 'sendText',
			payload: { type: 'text', text: { body: `${execution} item ${itemIndex}` } },
			route: 'conversational',
			settings: {},
		}));
	/** Sends `count` messages for `execution`; the outcome is read after `clock.run()`. */
	const send = (execution: string, count: number, cancel?: AbortSignal) => {
		const batch = batchOf(execution, count);
		let outcome: BatchOutcome | undefined;
		void coalescer.send(transportOf(execution, cancel), batch).then((o) => (outcome = o));
		return { batch, outcome: () => outcome };
	};
	/** Sends one message for execution a and lets its request take the free slot, before the others arrive. */
	const sendFirst = async () => {
		const first = send('a', 1);
		await clock.run();
		return first;
	};
	return { clock, received: insiderSide.received, send, sendFirst };
}

const keys = (outcome: BatchOutcome | undefined) => (outcome && 'answers' in outcome ? outcome.answers.map((a) => a.messageId) : outcome);
const failure = (outcome: BatchOutcome | undefined) => (outcome && 'failure' in outcome ? outcome.failure : undefined);

describe('messages of executions waiting for one account share requests', () => {
	it('a request leaves at once when the pacer is free, and the messages that arrive while the next waits leave together', async () => {
		const { clock, received, send, sendFirst } = setUp();
		const a = await sendFirst();
		const b = send('b', 2);
		const c = send('c', 1);
		await clock.run();
		expect(received.map((r) => [r.via, r.phones])).toEqual([
			['a', [phone('a', 0)]],
			// b's request waited for its slot; c joined it, through b's execution.
			['b', [phone('b', 0), phone('b', 1), phone('c', 0)]],
		]);
		expect(received[1].body).toEqual({
			messages: [
				{ phoneNumber: phone('b', 0), message: { type: 'text', text: { body: 'b item 0' } } },
				{ phoneNumber: phone('b', 1), message: { type: 'text', text: { body: 'b item 1' } } },
				{ phoneNumber: phone('c', 0), message: { type: 'text', text: { body: 'c item 0' } } },
			],
		});
		// Each key goes back to its own execution, in its items' order.
		expect(keys(a.outcome())).toEqual([`key-${phone('a', 0)}`]);
		expect(keys(b.outcome())).toEqual([`key-${phone('b', 0)}`, `key-${phone('b', 1)}`]);
		expect(keys(c.outcome())).toEqual([`key-${phone('c', 0)}`]);
	});

	it('never puts more than its limit into one request: a batch that does not fit waits for the next', async () => {
		const { clock, received, send, sendFirst } = setUp(keysFor, 3);
		await sendFirst();
		send('b', 2);
		send('c', 2);
		send('d', 1);
		await clock.run();
		expect(received.map((r) => r.phones.length)).toEqual([1, 2, 3]);
		expect(received.map((r) => r.via)).toEqual(['a', 'b', 'c']);
		expect(received[2].phones).toEqual([phone('c', 0), phone('c', 1), phone('d', 0)]);
	});

	it('a shared request refused with 400 is sent again per execution: only the execution with the bad message fails', async () => {
		const bad = phone('c', 0);
		const { clock, received, send, sendFirst } = setUp((phones) =>
			phones.includes(bad) ? { statusCode: 400, body: { message: 'invalid phone number' } } : keysFor(phones),
		);
		await sendFirst();
		const b = send('b', 2);
		const c = send('c', 1);
		await clock.run();
		expect(received.map((r) => [r.via, r.phones])).toEqual([
			['a', [phone('a', 0)]],
			['b', [phone('b', 0), phone('b', 1), bad]],
			['b', [phone('b', 0), phone('b', 1)]],
			['c', [bad]],
		]);
		expect(keys(b.outcome())).toEqual([`key-${phone('b', 0)}`, `key-${phone('b', 1)}`]);
		expect(failure(c.outcome())).toEqual({
			httpCode: 400,
			providerCode: null,
			message: 'invalid phone number',
			body: { message: 'invalid phone number' },
		});
	});

	it('a shared request that fails otherwise (5xx after its retries) fails only the messages it carried', async () => {
		let calls = 0;
		const { clock, received, send, sendFirst } = setUp((phones) =>
			++calls === 1 ? keysFor(phones) : { statusCode: 503, body: { message: 'unavailable' } },
		);
		const a = await sendFirst();
		const b = send('b', 1);
		const c = send('c', 1);
		await clock.run();
		// b+c once and once again (Max Retries 1), never split: a 5xx may have been processed.
		expect(received.map((r) => r.phones)).toEqual([[phone('a', 0)], [phone('b', 0), phone('c', 0)], [phone('b', 0), phone('c', 0)]]);
		expect(keys(a.outcome())).toEqual([`key-${phone('a', 0)}`]);
		expect(failure(b.outcome())?.httpCode).toBe(503);
		expect(failure(c.outcome())?.httpCode).toBe(503);
	});

	it('an answer that cannot be matched fails every message of the request, saying each execution how many of its own', async () => {
		let calls = 0;
		const { clock, send, sendFirst } = setUp((phones) => (++calls === 1 ? keysFor(phones) : { statusCode: 200, body: { keys: ['only-one'] } }));
		await sendFirst();
		const b = send('b', 2);
		await clock.run();
		expect(failure(b.outcome())?.message).toBe(
			'the answer could not be matched to the 2 message(s) sent; they may have been accepted, so check before sending again',
		);
	});

	it("a cancelled execution's messages leave the waiting request; a request left empty is never sent", async () => {
		const { clock, received, send, sendFirst } = setUp();
		const cancelB = new AbortController();
		const cancelC = new AbortController();
		const cancelD = new AbortController();
		await sendFirst();
		const b = send('b', 1, cancelB.signal);
		const c = send('c', 1, cancelC.signal);
		cancelB.abort();
		await clock.run();
		// c's message went alone, through c's own execution, once b had dropped out.
		expect(received.map((r) => [r.via, r.phones])).toEqual([
			['a', [phone('a', 0)]],
			['c', [phone('c', 0)]],
		]);
		expect(failure(b.outcome())?.message).toBe('not sent: the execution was cancelled while the request waited for its turn');
		expect(keys(c.outcome())).toEqual([`key-${phone('c', 0)}`]);

		const d = send('d', 1, cancelD.signal);
		cancelD.abort();
		await clock.run();
		expect(received).toHaveLength(2);
		expect(failure(d.outcome())?.message).toBe('not sent: the execution was cancelled while the request waited for its turn');
		cancelC.abort();
	});
});

describe('which executions share requests', () => {
	it('the same coalescer for the same account, route and request shape; its own for another shape', () => {
		const one = leasePacer('insider\ncred-coalesce\nconversational', 10);
		const two = leasePacer('insider\ncred-coalesce\nconversational', 10);
		expect(one.coalescer('1000\n3\n300000', 1000)).toBe(two.coalescer('1000\n3\n300000', 1000));
		expect(one.coalescer('10\n3\n300000', 10)).not.toBe(one.coalescer('1000\n3\n300000', 1000));
		one.release();
		two.release();
	});
});

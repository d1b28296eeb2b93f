/**
 * Requests shared by executions: where a provider takes many messages a request (Insider), the messages that
 * executions of this process send through one account and route while a request waits for its turn at the pacer
 * leave together in that request. A CRM burst of one-message executions then goes out at the provider's rate in
 * requests, not in messages. Nothing waits longer for it: a request leaves when its slot comes, as it would alone,
 * carrying whatever joined it meanwhile.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { answersOf, requestOf } from './actions';
import type { MessageAnswer, Outgoing } from './adapter';
import type { SendFailure } from './errors';
import type { RequestPacer } from './rate-limit';
import { cancelledFailure, sendWithRetries, type RequestOutcome, type Transport } from './transport';

/** One request's worth of answers for a batch, or why it failed. */
export type BatchOutcome = { answers: MessageAnswer[] } | { failure: SendFailure };

// Answers that can be one message's fault: the provider refused the whole request (nothing was sent), so each
// execution's messages are sent again on their own, and one execution's invalid message fails only that execution.
const SPLIT_STATUSES = new Set([400, 413, 422]);

interface Entry {
	transport: Transport;
	batch: Outgoing[];
	resolve(outcome: BatchOutcome): void;
}

/** A request waiting for its slot; messages join it until it leaves (`sealed`). */
interface PendingRequest {
	entries: Entry[];
	size: number;
	sealed: boolean;
	abandon: AbortController;
}

/** Combines the batches of executions with the same settings (the caller keys it) into shared requests. */
export class Coalescer {
	private open: PendingRequest | undefined;

	constructor(
		private readonly pacer: RequestPacer,
		private readonly maxMessages: number,
	) {}

	/** Sends `batch` (one route, at most `maxMessages`) in the next request that has room for it. */
	async send(transport: Transport, batch: Outgoing[]): Promise<BatchOutcome> {
		if (transport.cancel?.aborted) return { failure: cancelledFailure() };
		return await new Promise<BatchOutcome>((resolve) => {
			const open = this.open;
			const joins = open !== undefined && open.size + batch.length <= this.maxMessages;
			const shared = joins ? open : { entries: [], size: 0, sealed: false, abandon: new AbortController() };
			const signal = transport.cancel;
			// An entry whose execution is cancelled before its request leaves drops out; an empty request never leaves.
			// Once it has left, the request is aborted only when every execution in it is cancelled.
			const onAbort = () => {
				if (shared.sealed) {
					if (shared.entries.every((other) => other.transport.cancel?.aborted)) shared.abandon.abort();
					return;
				}
				shared.entries.splice(shared.entries.indexOf(entry), 1);
				shared.size -= batch.length;
				entry.resolve({ failure: cancelledFailure() });
				if (shared.entries.length > 0) return;
				if (this.open === shared) this.open = undefined;
				shared.abandon.abort();
			};
			const entry: Entry = {
				transport,
				batch,
				resolve(outcome) {
					signal?.removeEventListener('abort', onAbort);
					resolve(outcome);
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			shared.entries.push(entry);
			shared.size += batch.length;
			if (joins) return;
			this.open = shared;
			void this.dispatch(shared);
		});
	}

	private async dispatch(shared: PendingRequest): Promise<void> {
		// Its messages' transports differ only in their execution: each try goes through the first execution that is
		// not cancelled, with the request's own cancel signal (n8n would otherwise abort it with that execution's).
		const carrier = (): Transport =>
			(shared.entries.find((entry) => !entry.transport.cancel?.aborted) ?? shared.entries[0]).transport;
		const transport: Transport = {
			...carrier(),
			get ctx() {
				return carrier().ctx;
			},
			cancel: shared.abandon.signal,
		};
		const seal = (): IHttpRequestOptions => {
			shared.sealed = true;
			if (this.open === shared) this.open = undefined;
			const { adapter, credentials } = carrier();
			return adapter.buildRequest(credentials, shared.entries.flatMap((entry) => entry.batch));
		};
		let outcome: RequestOutcome;
		try {
			outcome = await sendWithRetries(transport, seal, this.pacer);
		} catch (error) {
			outcome = { ok: false, failure: thrownFailure(error) };
		}
		const { entries } = shared;
		if (!shared.sealed && !outcome.ok) {
			// It never left (its turn would come too late, or every execution in it was cancelled): it takes no more
			// messages, and the ones still in it fail with the reason.
			shared.sealed = true;
			if (this.open === shared) this.open = undefined;
			for (const entry of [...entries]) entry.resolve({ failure: outcome.failure });
			return;
		}
		if (!outcome.ok && entries.length > 1 && SPLIT_STATUSES.has(outcome.failure.httpCode ?? 0)) {
			await Promise.all(entries.map(async ({ transport: own, batch, resolve }) => resolve(await sendAlone(own, batch, this.pacer))));
			return;
		}
		const answers = outcome.ok ? transport.adapter.readAnswer(outcome.body, entries.flatMap((entry) => entry.batch)) : undefined;
		let offset = 0;
		for (const entry of entries) {
			if (answers) entry.resolve({ answers: answers.slice(offset, offset + entry.batch.length) });
			else entry.resolve({ failure: outcome.ok ? unmatched(outcome.statusCode, outcome.body, entry.batch.length) : outcome.failure });
			offset += entry.batch.length;
		}
	}
}

/** Sends `batch` in a request of its own: where requests cannot be shared (one message a request), or after a refusal. */
export async function sendAlone(transport: Transport, batch: Outgoing[], pacer: RequestPacer): Promise<BatchOutcome> {
	try {
		const outcome = await sendWithRetries(transport, requestOf(transport.adapter, transport.credentials, batch), pacer);
		if (!outcome.ok) return { failure: outcome.failure };
		const answers = answersOf(transport.adapter, outcome.body, batch);
		return answers ? { answers } : { failure: unmatched(outcome.statusCode, outcome.body, batch.length) };
	} catch (error) {
		return { failure: thrownFailure(error) };
	}
}

function unmatched(httpCode: number, body: unknown, count: number): SendFailure {
	const message = `the answer could not be matched to the ${count} message(s) sent; they may have been accepted, so check before sending again`;
	return { httpCode, providerCode: null, message, body };
}

function thrownFailure(error: unknown): SendFailure {
	return { httpCode: null, providerCode: null, message: `the request failed: ${(error as Error).message}`, body: undefined };
}

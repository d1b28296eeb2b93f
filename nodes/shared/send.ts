import type { IDataObject, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import type { Outgoing, ProviderAdapter } from './adapter';
import { type BatchOutcome, sendAlone } from './coalesce';
import { errorItemJson, providerError } from './errors';
import type { SendSettings } from './options';
import { isAction } from './operations';
import { leasePacer, type PacerLease } from './pacers';
import type { Transport } from './transport';

/**
 * Groups messages into requests: up to `batchSize` messages of one route each, in item order. A generator, so
 * that only the requests under way exist at a time, whatever the number of items.
 */
export function* batchesOf(outgoing: Outgoing[], batchSize: number): Generator<Outgoing[]> {
	const pending = new Map<string, Outgoing[]>();
	for (const message of outgoing) {
		const batch = pending.get(message.route) ?? [];
		batch.push(message);
		if (batch.length >= batchSize) {
			pending.delete(message.route);
			yield batch;
		} else {
			pending.set(message.route, batch);
		}
	}
	yield* pending.values();
}

/**
 * Sends every message with bounded concurrency and a rate limit per route, and writes one output item per
 * message into `results` at its item's index. Returns the first provider error when Continue On Fail is off
 * (no new request starts after it; requests already under way finish), or undefined.
 */
export async function sendAll(
	transport: Transport,
	outgoing: Outgoing[],
	settings: SendSettings,
	continueOnFail: boolean,
	results: INodeExecutionData[],
): Promise<NodeApiError | undefined> {
	const { ctx, adapter } = transport;
	const node = ctx.getNode();
	const batchLimit = Math.min(settings.batchSize, adapter.maxBatchSize);
	const batches = batchesOf(outgoing, batchLimit);
	// One lease per route, shared with the other executions of this process on the same account; their messages
	// share requests too when the requests would be alike (same size limit and retry settings).
	const leases: PacerLease[] = [];
	const shape = `${batchLimit}\n${transport.maxRetries}\n${transport.throttleBudgetMs}`;
	const senders = new Map<string, (batch: Outgoing[]) => Promise<BatchOutcome>>();
	const senderFor = (route: string) => {
		let sender = senders.get(route);
		if (!sender) {
			const key = transport.account === undefined ? undefined : `${transport.account}\n${route}`;
			const lease = leasePacer(key, settings.requestsPerSecond || adapter.defaultRequestsPerSecond(route));
			leases.push(lease);
			// One message a request (Gupshup, Kaleyra, or Batch Size 1): nothing to share, so no coalescer's cost.
			if (batchLimit > 1) {
				const coalescer = lease.coalescer(shape, batchLimit);
				sender = (batch) => coalescer.send(transport, batch);
			} else {
				sender = (batch) => sendAlone(transport, batch, lease.pacer);
			}
			senders.set(route, sender);
		}
		return sender;
	};
	const cancel = transport.cancel;
	let stopError: NodeApiError | undefined;

	const sendBatch = async (batch: Outgoing[]) => {
		const outcome = await senderFor(batch[0].route)(batch);
		if ('answers' in outcome) {
			batch.forEach((message, index) => {
				results[message.itemIndex] = {
					json: successJson(adapter, message, outcome.answers[index].messageId, outcome.answers[index].response),
					pairedItem: { item: message.itemIndex },
				};
			});
			return;
		}
		const { failure } = outcome;
		const error = providerError(node, adapter, failure, batch[0].itemIndex, batch.length);
		if (!continueOnFail) {
			stopError ??= error;
			return;
		}
		for (const message of batch) {
			const itemError = providerError(node, adapter, failure, message.itemIndex, batch.length);
			results[message.itemIndex] = { json: errorItemJson(itemError), pairedItem: { item: message.itemIndex } };
		}
	};

	const worker = async () => {
		for (;;) {
			if (stopError || cancel?.aborted) return;
			const next = batches.next();
			if (next.done) return;
			await sendBatch(next.value);
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
	} finally {
		for (const lease of leases) lease.release();
	}
	return stopError;
}

function successJson(adapter: ProviderAdapter, message: Outgoing, messageId: string, response: IDataObject): IDataObject {
	return {
		provider: adapter.provider,
		operation: message.operation,
		to: isAction(message.operation) ? null : adapter.formatRecipient(message.to),
		messageId,
		status: 'accepted',
		response,
	};
}

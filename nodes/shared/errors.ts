import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { ProviderAdapter, ProviderFailure } from './adapter';
import type { Problem } from './checks';
import { isObject } from './json';
import { whatsappErrorHint } from './whatsapp-errors';

/** A request's final failure: the provider's own words, or no answer at all (httpCode null). */
export interface SendFailure extends ProviderFailure {
	httpCode: number | null;
	body: unknown;
}

/** Items are counted from 1 in messages, as people count the rows of n8n's table view. */
export function itemLabel(itemIndex: number): string {
	return `Item ${itemIndex + 1}`;
}

export function invalidItemError(node: INode, itemIndex: number, problems: Problem[]): NodeOperationError {
	const [first, ...others] = problems;
	const more = others.length > 0 ? ` (and ${others.map((problem) => problem.text).join('; ')})` : '';
	return new NodeOperationError(node, `${itemLabel(itemIndex)}: ${first.text}${more}`, {
		itemIndex,
		description: `Check the "${first.field}" parameter. Nothing was sent for this item.`,
	});
}

export function providerError(
	node: INode,
	adapter: ProviderAdapter,
	failure: SendFailure,
	itemIndex: number,
	batchSize: number,
): NodeApiError {
	const code = failure.providerCode ? ` ${failure.providerCode}` : '';
	const what = failure.message || (failure.httpCode ? `HTTP ${failure.httpCode}` : 'no answer');
	const items = batchSize > 1 ? `${itemLabel(itemIndex)} and the ${batchSize - 1} sent with it` : itemLabel(itemIndex);
	const status = failure.httpCode === null ? 'No HTTP answer' : `HTTP ${failure.httpCode}`;
	const hint = failure.hint ?? whatsappErrorHint(failure.providerCode);
	const message = `${adapter.displayName} error${code}: ${what}`;
	const error = new NodeApiError(node, (isObject(failure.body) ? failure.body : { message: what }) as JsonObject, {
		message,
		description: `${status} for ${items}.${hint ? ` ${hint}.` : ''}`,
		httpCode: failure.httpCode === null ? undefined : String(failure.httpCode),
		itemIndex,
	});
	error.context.providerCode = failure.providerCode;
	// n8n swaps a message naming a connection error (ECONNRESET, ETIMEDOUT, …) for its own advice to retry at once,
	// which is wrong for a request that may have been accepted: ours says what happened and what to do.
	error.message = message;
	return error;
}

/** The JSON of an error item under Continue On Fail (CONTRACT.md). */
export function errorItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const httpCode = error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : null;
	const providerCode = (error.context.providerCode as string | null | undefined) ?? null;
	return {
		error: {
			message: error.message,
			description: error.description ?? null,
			httpCode,
			providerCode,
		},
	};
}

/**
 * Dry Run (options.dryRun): every check runs, including the one against the approved template, and each item's
 * output holds the request the provider would receive; nothing is sent or uploaded.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestOf } from './actions';
import type { Outgoing, ProviderAdapter } from './adapter';
import { isAction } from './operations';

export const DRY_RUN_STATUS = 'dryRun';

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to run every check (including the one against the approved template) and output the request each item would send, without sending or uploading anything',
};

export function readDryRun(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('options.dryRun', 0, false) === true;
}

/**
 * Each message's request as the provider would receive it, in its item's output. One request per item: the
 * provider's credential header (added by n8n when sending) is not shown, and a file to upload is named, not read.
 */
export function writeDryRun(
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
	messages: Outgoing[],
	results: INodeExecutionData[],
): void {
	for (const message of messages) {
		const { method, url, qs, headers, body } = requestOf(adapter, credentials, [message]);
		const request: IDataObject = { method: method ?? 'GET', url, headers: headers ?? {}, body: body as IDataObject };
		if (qs) request.qs = qs;
		results[message.itemIndex] = {
			json: {
				provider: adapter.provider,
				operation: message.operation,
				to: isAction(message.operation) ? null : adapter.formatRecipient(message.to),
				messageId: null,
				status: DRY_RUN_STATUS,
				request,
			},
			pairedItem: { item: message.itemIndex },
		};
	}
}

import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import type { Operation } from './message';
import type { Outgoing, ProviderAdapter } from './providers/types';
import type { SendSettings } from './send';
import { buildMessage, type Problem, type RawMessageInput, type ReplyButtonInput } from './validation';

export type PreparedItem = { outgoing: Outgoing; problems?: undefined } | { problems: Problem[] };

/** Reads one item's parameters (only those its operation shows) and checks them into an outgoing message. */
export function prepareItem(
	ctx: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
	credentials: ICredentialDataDecryptedObject,
): PreparedItem {
	const operation = ctx.getNodeParameter('operation', itemIndex) as Operation;
	const built = buildMessage(readRawInput(ctx, itemIndex, operation));
	const item = adapter.readItemSettings(ctx, itemIndex, operation, credentials);
	const problems = [
		...(built.problems ?? []),
		...(built.message ? adapter.checkContent?.(built.message.content) ?? [] : []),
		...(item.problems ?? []),
	];
	if (problems.length > 0 || !built.message || item.problems) return { problems };
	return { outgoing: { itemIndex, message: built.message, route: item.route, settings: item.settings } };
}

function readRawInput(ctx: IExecuteFunctions, itemIndex: number, operation: Operation): RawMessageInput {
	const text = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '');
	const to = text('to');
	switch (operation) {
		case 'sendText':
			return { operation, to, text: text('text'), previewUrl: ctx.getNodeParameter('previewUrl', itemIndex, false) === true };
		case 'sendImage': {
			const imageSource = ctx.getNodeParameter('imageSource', itemIndex, 'url') as 'url' | 'mediaId';
			return {
				operation,
				to,
				imageSource,
				...(imageSource === 'mediaId' ? { mediaId: text('mediaId') } : { imageUrl: text('imageUrl') }),
				caption: text('caption'),
			};
		}
		case 'sendButtons': {
			const headerType = ctx.getNodeParameter('headerType', itemIndex, 'none') as RawMessageInput['headerType'];
			return {
				operation,
				to,
				bodyText: text('bodyText'),
				buttons: ctx.getNodeParameter('buttons.button', itemIndex, []) as ReplyButtonInput[],
				headerType,
				headerText: headerType === 'text' ? text('headerText') : undefined,
				headerMediaUrl: headerType === 'image' || headerType === 'video' || headerType === 'document' ? text('headerMediaUrl') : undefined,
				footerText: text('footerText'),
			};
		}
		default:
			return { operation, to };
	}
}

const SETTING_RANGES = {
	concurrency: { min: 1, max: 50, label: 'Concurrency' },
	requestsPerSecond: { min: 0, max: 10_000, label: 'Requests per Second' },
	maxRetries: { min: 0, max: 10, label: 'Max Retries' },
} as const;

// Max Retries 5: at a 10% rate of transient failures a message then fails for good about once in a million
// (0.1^6), not once in ten thousand as with 3, where one failure stops a whole campaign.
export const DEFAULT_SETTINGS = { concurrency: 5, requestsPerSecond: 0, maxRetries: 5 } as const;

/** The execution-wide sending options, read from the first item, each checked against its range. */
export function readSendSettings(ctx: IExecuteFunctions, adapter: ProviderAdapter): SendSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const read = (name: keyof typeof SETTING_RANGES | 'batchSize', min: number, max: number, label: string, fallback: number) => {
		const value = options[name] ?? fallback;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `Option "${label}" is ${String(value)}; allowed is ${min} to ${max}`, {
				description: `Set "${label}" under Options to a number from ${min} to ${max}.`,
			});
		}
		return value;
	};
	const range = (name: keyof typeof SETTING_RANGES) =>
		read(name, SETTING_RANGES[name].min, SETTING_RANGES[name].max, SETTING_RANGES[name].label, DEFAULT_SETTINGS[name]);
	return {
		// Only providers that take many messages a request offer the option.
		batchSize:
			adapter.maxBatchSize > 1 ? read('batchSize', 1, adapter.maxBatchSize, 'Batch Size', adapter.defaultBatchSize) : 1,
		concurrency: range('concurrency'),
		requestsPerSecond: range('requestsPerSecond'),
		maxRetries: range('maxRetries'),
	};
}

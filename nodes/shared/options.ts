/** How a run sends (the node's Options): one table gives the UI's ranges and defaults and the engine's reading. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import { dryRunOption } from './dry-run';

export interface SendSettings {
	/** Whether failures after which the provider may have accepted a request are retried (may send twice). */
	retryUncertain: boolean;
	batchSize: number;
	concurrency: number;
	/** 0: the provider's documented rate for the route. */
	requestsPerSecond: number;
	maxRetries: number;
	/** Seconds a message is retried while the provider answers 429. */
	maxThrottleWait: number;
}

interface NumberOption {
	displayName: string;
	min: number;
	max: number;
	default: number;
	description: string;
	numberPrecision?: number;
}

const SENDING_OPTIONS: Record<Exclude<keyof SendSettings, 'batchSize' | 'retryUncertain'>, NumberOption> = {
	concurrency: {
		displayName: 'Concurrency',
		min: 1,
		max: 50,
		default: 5,
		description: 'How many requests may be under way at once',
	},
	// 5: at a 10% rate of transient failures a message then fails for good about once in a million (0.1^6), not once
	// in ten thousand as with 3, where one failure stops a whole campaign.
	maxRetries: {
		displayName: 'Max Retries',
		min: 0,
		max: 10,
		default: 5,
		description:
			'How often a request is sent again after a 503 or a connection that failed before the request was sent, with growing pauses (Retry-After is honoured). A 429 is retried for Max Wait on 429 instead. A lost answer, a timeout, a 500, 502 or 504 is retried only with Retry Uncertain Failures; other errors never.',
	},
	// Five minutes: a CRM burst of a few hundred events at 10 requests a second drains in well under that, even
	// with a second worker on the same account.
	maxThrottleWait: {
		displayName: 'Max Wait on 429 (Seconds)',
		min: 0,
		max: 3600,
		default: 300,
		description:
			'How long a message keeps being retried while the provider answers 429 (too many requests), and the longest a request waits for its turn at the credential\'s rate. A 429 means the provider did nothing, so retrying is always safe: bursts become a queue, not lost messages. Other failures follow Max Retries.',
	},
	requestsPerSecond: {
		displayName: 'Requests per Second',
		min: 0,
		max: 10_000,
		default: 0,
		numberPrecision: 2,
		description:
			"The most requests arriving at the provider in any one second, shared by every execution that sends through the same credential in this n8n instance (each queue-mode worker paces on its own and adapts to 429s). 0 uses the provider's documented limit (see the README).",
	},
};

export const DEFAULT_SETTINGS = {
	...Object.fromEntries(Object.entries(SENDING_OPTIONS).map(([name, option]) => [name, option.default])),
	retryUncertain: false,
} as Omit<SendSettings, 'batchSize'>;

function batchSizeOption(adapter: ProviderAdapter): NumberOption {
	return {
		displayName: 'Batch Size',
		min: 1,
		max: adapter.maxBatchSize,
		default: adapter.defaultBatchSize,
		description: `How many messages one request to ${adapter.displayName} carries (1 to ${adapter.maxBatchSize}), also when executions on this credential share requests. It answers one ID per message, in order. Lower it if it answers 413 (request too large); 1 keeps every message in a request of its own.`,
	};
}

/** The options a node offers: Batch Size only where the provider takes many messages a request. */
function optionTable(adapter: ProviderAdapter): Record<string, NumberOption> {
	return adapter.maxBatchSize > 1 ? { ...SENDING_OPTIONS, batchSize: batchSizeOption(adapter) } : SENDING_OPTIONS;
}

// Off by default: a failure after the request may have reached the provider is reported, not sent again, because a
// second send may reach the recipient twice.
const RETRY_UNCERTAIN: INodeProperties = {
	displayName: 'Retry Uncertain Failures',
	name: 'retryUncertain',
	type: 'boolean',
	default: false,
	description:
		'Whether to send a request again, up to Max Retries, after a failure that may have come after the provider accepted it: a lost answer, a timeout, HTTP 500, 502 or 504. Such a message may then reach the recipient twice. Off: it fails with "may have been accepted" and is not sent again.',
};

/** The node's Options collection: the sending options plus what the provider adds, sorted by name. */
export function optionsCollection(adapter: ProviderAdapter): INodeProperties {
	const numbers = Object.entries(optionTable(adapter)).map(
		([name, { displayName, min, max, numberPrecision, default: fallback, description }]): INodeProperties => ({
			displayName,
			name,
			type: 'number',
			typeOptions: { minValue: min, maxValue: max, ...(numberPrecision ? { numberPrecision } : {}) },
			default: fallback,
			description,
		}),
	);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['message'] } },
		options: [...numbers, RETRY_UNCERTAIN, dryRunOption, ...(adapter.options ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The execution-wide sending options, read from the first item, each checked against its range. */
export function readSendSettings(ctx: IExecuteFunctions, adapter: ProviderAdapter): SendSettings {
	const given = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings: Record<string, number | boolean> = { batchSize: 1, retryUncertain: given.retryUncertain === true };
	for (const [name, option] of Object.entries(optionTable(adapter))) {
		const value = given[name] ?? option.default;
		const { min, max, displayName: label } = option;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `Option "${label}" is ${String(value)}; allowed is ${min} to ${max}`, {
				description: `Set "${label}" under Options to a number from ${min} to ${max}.`,
			});
		}
		settings[name] = value;
	}
	return settings as unknown as SendSettings;
}

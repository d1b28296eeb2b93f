import type { INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import { ACTION_NAMES, operationParameters, operationSelector, operationsOf, operationSubtitle } from './operations';
import { optionsCollection } from './options';
import { limitWaitTimeOption } from './wait/limit';

/** The canvas subtitle of a provider's node: the chosen operation. */
export function actionNodeSubtitle(adapter: ProviderAdapter): string {
	return operationSubtitle(operationsOf(adapter.operations));
}

/** Every parameter of a provider's action node, under the names CONTRACT.md fixes for all three. */
export function actionNodeProperties(adapter: ProviderAdapter): INodeProperties[] {
	const operations = operationsOf(adapter.operations);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Message', value: 'message' }],
			default: 'message',
		},
		operationSelector(operations),
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+14155550100',
			// An action (Mark as Read) acts on a received message, not on a recipient.
			displayOptions: { show: { resource: ['message'] }, hide: { operation: [...ACTION_NAMES] } },
			description:
				"The recipient's WhatsApp number with its country code. Spaces, dashes, brackets and a leading 00 are accepted; the number is sent in the form the provider expects.",
		},
		...operationParameters(operations),
		...(adapter.properties ?? []),
		withWaitLimit(optionsCollection(adapter)),
	];
}

/** The Options collection with Send and Wait's Limit Wait Time (shown for that operation only), in name order. */
function withWaitLimit(options: INodeProperties): INodeProperties {
	const all = [...(options.options ?? []), limitWaitTimeOption] as INodeProperties[];
	return { ...options, options: all.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

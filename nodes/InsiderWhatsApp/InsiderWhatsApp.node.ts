import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { messageProperties, OPERATION_SUBTITLE, optionsCollection } from '../shared/descriptions';
import { executeSend } from '../shared/execute';
import { insider } from '../shared/providers/insider';

const endpointOptions = [
	{
		name: 'Conversational',
		value: 'conversational',
		description: 'POST /v1/conversational/send: replies within 24 hours of the user\'s last message (10 requests/s)',
	},
	{
		name: 'Transactional',
		value: 'transactional',
		description: 'POST /v1/send: transactional messages (1000 requests/s)',
	},
];

// The same parameter twice, so that each operation gets the endpoint Insider documents it on as default.
const endpoint: INodeProperties[] = [
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'options',
		options: endpointOptions,
		default: 'conversational',
		displayOptions: { show: { resource: ['message'], operation: ['sendText', 'sendImage'] } },
		description: 'Which Insider API sends the message',
	},
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'options',
		options: endpointOptions,
		default: 'transactional',
		displayOptions: { show: { resource: ['message'], operation: ['sendButtons'] } },
		description: 'Which Insider API sends the message',
	},
];

const batchSize: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: insider.maxBatchSize },
	default: 1000,
	description:
		'How many messages one request to Insider carries (1 to 1000). Insider answers one key per message, in order. Lower it if Insider answers 413 (request too large).',
};

export class InsiderWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insider WhatsApp',
		name: 'insiderWhatsApp',
		icon: { light: 'file:../../icons/insider.svg', dark: 'file:../../icons/insider.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send WhatsApp messages through Insider One',
		defaults: { name: 'Insider WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insiderApi', required: true }],
		properties: [
			{
				displayName:
					'Conversational messages reach only users who wrote to your number in the last 24 hours. Set the status callback URL in InOne to receive delivery statuses.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...messageProperties,
			...endpoint,
			optionsCollection([batchSize]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, insider);
	}
}

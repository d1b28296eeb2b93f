import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { insider } from '../providers/insider/adapter';
import { executeSend } from '../shared/execute';
import { actionNodeProperties, actionNodeSubtitle } from '../shared/properties';

export class InsiderWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insider WhatsApp',
		name: 'insiderWhatsApp',
		icon: { light: 'file:../../icons/insider.svg', dark: 'file:../../icons/insider.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionNodeSubtitle(insider),
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
			...actionNodeProperties(insider),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, insider);
	}
}

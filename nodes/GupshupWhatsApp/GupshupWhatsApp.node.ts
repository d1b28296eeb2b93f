import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { gupshup } from '../providers/gupshup/adapter';
import { templateListMethods } from '../shared/catalogue';
import { executeSend } from '../shared/execute';
import { actionNodeProperties, actionNodeSubtitle } from '../shared/properties';

export class GupshupWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gupshup WhatsApp',
		name: 'gupshupWhatsApp',
		icon: { light: 'file:../../icons/gupshup.svg', dark: 'file:../../icons/gupshup.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionNodeSubtitle(gupshup),
		description: 'Send WhatsApp messages through the Gupshup Partner API (v3)',
		defaults: { name: 'Gupshup WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'gupshupPartnerApi', required: true }],
		properties: [
			{
				displayName:
					'Only Send Template reaches a customer who has not written to you in the last 24 hours; the other operations are replies inside that window. The WhatsApp BSP Trigger can register its own Gupshup subscription for delivery statuses.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...actionNodeProperties(gupshup),
		],
	};

	methods = { loadOptions: templateListMethods(gupshup) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, gupshup);
	}
}

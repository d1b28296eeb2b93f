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
import { templateFormMethods } from '../shared/template-form';
import { actionNodeProperties, actionNodeSubtitle } from '../shared/properties';

export class GupshupWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gupshup WhatsApp',
		name: 'gupshupWhatsApp',
		icon: { light: 'file:../../icons/gupshup.svg', dark: 'file:../../icons/gupshup.dark.svg' },
		group: ['output'],
		// 1.1: Send Template fills in the template's own fields by default (1 fills it by position).
		version: [1, 1.1],
		defaultVersion: 1.1,
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

	methods = { loadOptions: templateListMethods(gupshup), resourceMapping: templateFormMethods(gupshup) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, gupshup);
	}
}

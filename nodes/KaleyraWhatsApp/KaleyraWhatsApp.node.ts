import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { kaleyra } from '../providers/kaleyra/adapter';
import { templateListMethods } from '../shared/catalogue';
import { executeSend } from '../shared/execute';
import { templateFormMethods } from '../shared/template-form';
import { actionNodeProperties, actionNodeSubtitle } from '../shared/properties';

export class KaleyraWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaleyra WhatsApp',
		name: 'kaleyraWhatsApp',
		icon: { light: 'file:../../icons/kaleyra.svg', dark: 'file:../../icons/kaleyra.dark.svg' },
		group: ['output'],
		// 1.1: Send Template fills in the template's own fields by default (1 fills it by position).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: actionNodeSubtitle(kaleyra),
		description: 'Send WhatsApp messages through Kaleyra (WhatsApp API v2)',
		defaults: { name: 'Kaleyra WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kaleyraApi', required: true }],
		properties: [
			{
				displayName:
					'Only Send Template reaches a customer who has not written to you in the last 24 hours; the other operations are replies inside that window. Delivery statuses reach n8n through a Kaleyra callback profile pointing at the WhatsApp BSP Trigger.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...actionNodeProperties(kaleyra),
		],
	};

	methods = { loadOptions: templateListMethods(kaleyra), resourceMapping: templateFormMethods(kaleyra) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, kaleyra);
	}
}

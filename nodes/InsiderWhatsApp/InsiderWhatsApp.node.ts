import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { insider } from '../providers/insider/adapter';
import { templateListMethods } from '../shared/catalogue';
import { executeSend } from '../shared/execute';
import { templateFormMethods } from '../shared/template-form';
import { sendAndWait } from '../shared/operations/sendAndWait';
import { executeSendAndWait } from '../shared/wait/execute';
import { SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook, WAITING_TOOLTIP } from '../shared/wait/webhook';
import { actionNodeProperties, actionNodeSubtitle } from '../shared/properties';

export class InsiderWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insider WhatsApp',
		name: 'insiderWhatsApp',
		icon: { light: 'file:../../icons/insider.svg', dark: 'file:../../icons/insider.dark.svg' },
		group: ['output'],
		// 1.1: Send Template fills in the template's own fields by default (1 fills it by position).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: actionNodeSubtitle(insider),
		description: 'Send WhatsApp messages through Insider One',
		defaults: { name: 'Insider WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insiderApi', required: true }],
		// Send and Wait's waiting webhook, which the WhatsApp BSP Trigger calls when the recipient taps.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: WAITING_TOOLTIP,
		properties: [
			{
				displayName:
					'Only Send Template reaches a customer who has not written to you in the last 24 hours; the other operations are replies inside that window. Set the status callback URL in InOne to receive delivery statuses.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...actionNodeProperties(insider),
		],
	};

	methods = { loadOptions: templateListMethods(insider), resourceMapping: templateFormMethods(insider) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0) === sendAndWait.name) return await executeSendAndWait(this, insider);
		return await executeSend(this, insider);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}

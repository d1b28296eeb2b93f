import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { gupshup } from '../providers/gupshup/adapter';
import { templateListMethods } from '../shared/catalogue';
import { executeSend } from '../shared/execute';
import { templateFormMethods } from '../shared/template-form';
import { sendAndWait } from '../shared/operations/sendAndWait';
import { executeSendAndWait } from '../shared/wait/execute';
import { SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook, WAITING_TOOLTIP } from '../shared/wait/webhook';
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
		// Send and Wait's waiting webhook, which the WhatsApp BSP Trigger calls when the recipient taps.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: WAITING_TOOLTIP,
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
		if (this.getNodeParameter('operation', 0) === sendAndWait.name) return await executeSendAndWait(this, gupshup);
		return await executeSend(this, gupshup);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}

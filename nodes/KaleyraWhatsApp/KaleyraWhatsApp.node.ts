import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { LIMITS } from '../shared/limits';
import { messageProperties, OPERATION_SUBTITLE, optionsCollection } from '../shared/descriptions';
import { executeSend } from '../shared/execute';
import { kaleyra, WA_SOURCES } from '../shared/providers/kaleyra';

const refOption = (name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	hint: `Up to ${LIMITS.kaleyraRef.max} characters`,
	description: "Your own context for the message (a customer ID, a campaign), returned in Kaleyra's reports and callbacks",
});

const kaleyraOptions: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: '+919000000001',
		description: "The business number to send from instead of the credential's Business Number",
	},
	refOption('ref', 'Ref'),
	refOption('ref1', 'Ref 1'),
	refOption('ref2', 'Ref 2'),
	{
		displayName: 'WA Source',
		name: 'waSource',
		type: 'options',
		options: WA_SOURCES.map((value) => ({ name: value, value })),
		default: 'api',
		description: 'Where Kaleyra records the message as coming from',
	},
];

export class KaleyraWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kaleyra WhatsApp',
		name: 'kaleyraWhatsApp',
		icon: { light: 'file:../../icons/kaleyra.svg', dark: 'file:../../icons/kaleyra.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Send WhatsApp messages through Kaleyra (WhatsApp API v2)',
		defaults: { name: 'Kaleyra WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kaleyraApi', required: true }],
		properties: [
			{
				displayName:
					'Messages outside a 24-hour conversation window need an approved template. Delivery statuses reach n8n through a Kaleyra callback profile pointing at the WhatsApp BSP Trigger.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...messageProperties,
			optionsCollection(kaleyraOptions),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSend(this, kaleyra);
	}
}

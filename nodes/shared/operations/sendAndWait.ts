/**
 * Send and Wait for Reply (n8n's own operation name): a question with reply buttons or a list, after which the
 * execution waits for the recipient's tap (shared/wait). This module is the message: its parameters, named as in
 * n8n's own send-and-wait, and its checks, which reuse Send Buttons' and Send List's. The choices' IDs are replaced
 * by signed references just before sending (shared/wait/execute.ts); the IDs given here come back in the output.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkLength, WHATSAPP_LIMITS, type Problem } from '../checks';
import { APPROVAL_CHOICES } from '../wait/constants';
import { readButtons, sendButtons } from './sendButtons';
import { readRows, sectionsOf, sendList } from './sendList';
import type { ItemParameters, OperationModule } from './types';

export const RESPONSE_TYPES = ['approval', 'buttons', 'list'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** A parameter of Send Buttons or Send List as it is, shown for one response type when given. */
function inherited(from: { properties: INodeProperties[] }, name: string, responseType?: ResponseType): INodeProperties {
	const property = from.properties.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`No parameter ${name}`);
	return responseType ? { ...property, displayOptions: { show: { responseType: [responseType] } } } : property;
}

interface ApprovalInput {
	approvalType?: unknown;
	approveLabel?: unknown;
	disapproveLabel?: unknown;
}

function approvalButtons(parameters: ItemParameters, problems: Problem[]): Array<{ id: string; title: string }> {
	const values = parameters.value<ApprovalInput>('approvalOptions.values', {});
	const type = String(values.approvalType ?? 'single');
	if (type !== 'single' && type !== 'double') {
		problems.push({ field: 'approvalOptions', text: `approval type "${type}" is not one of single, double` });
	}
	const approve = String(values.approveLabel ?? 'Approve');
	checkLength(problems, 'approvalOptions', 'approve label', approve, WHATSAPP_LIMITS.buttonTitle);
	const buttons: Array<{ id: string; title: string }> = [{ id: APPROVAL_CHOICES.approve, title: approve }];
	if (type === 'double') {
		const disapprove = String(values.disapproveLabel ?? 'Decline');
		checkLength(problems, 'approvalOptions', 'disapprove label', disapprove, WHATSAPP_LIMITS.buttonTitle);
		if (disapprove === approve) {
			problems.push({ field: 'approvalOptions', text: `both labels are "${approve}"; WhatsApp needs unique button titles` });
		}
		buttons.push({ id: APPROVAL_CHOICES.disapprove, title: disapprove });
	}
	return buttons;
}

export const sendAndWait = {
	name: 'sendAndWait' as const,
	displayName: 'Send and Wait for Reply',
	description: 'Send a question with reply buttons or a list, and wait until the recipient taps one',
	action: 'Send message and wait for reply',
	properties: [
		{
			displayName:
				'The tap reaches n8n through the WhatsApp BSP Trigger: this provider\'s callbacks must go to an active workflow with that trigger, with Authentication set. The execution waits (nothing runs meanwhile, and it survives a restart of n8n) and goes on with the choice, or with timedOut when the Limit Wait Time option passes.',
			name: 'sendAndWaitNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			hint: `Up to ${WHATSAPP_LIMITS.interactiveBody.max} characters with buttons, ${WHATSAPP_LIMITS.listBody.max} with a list`,
			description: 'The question, above the buttons or the list button',
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Approval', value: 'approval', description: 'An Approve button, and optionally a Decline button' },
				{ name: 'Buttons', value: 'buttons', description: 'Up to three reply buttons of your own' },
				{ name: 'List', value: 'list', description: 'A button that opens a list of up to ten options' },
			],
			default: 'approval',
		},
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'fixedCollection',
			placeholder: 'Add option',
			default: {},
			displayOptions: { show: { responseType: ['approval'] } },
			options: [
				{
					displayName: 'Values',
					name: 'values',
					values: [
						{
							displayName: 'Type of Approval',
							name: 'approvalType',
							type: 'options',
							options: [
								{ name: 'Approve Only', value: 'single' },
								{ name: 'Approve and Disapprove', value: 'double' },
							],
							default: 'single',
						},
						{
							displayName: 'Approve Button Label',
							name: 'approveLabel',
							type: 'string',
							default: 'Approve',
							hint: `Up to ${WHATSAPP_LIMITS.buttonTitle.max} characters`,
						},
						{
							displayName: 'Disapprove Button Label',
							name: 'disapproveLabel',
							type: 'string',
							default: 'Decline',
							displayOptions: { show: { approvalType: ['double'] } },
							hint: `Up to ${WHATSAPP_LIMITS.buttonTitle.max} characters`,
						},
					],
				},
			],
		},
		inherited(sendButtons, 'buttons', 'buttons'),
		inherited(sendList, 'listButtonText', 'list'),
		inherited(sendList, 'rows', 'list'),
		inherited(sendList, 'headerText'),
		inherited(sendList, 'footerText'),
	],
	build(parameters, problems) {
		const responseType = parameters.text('responseType') || 'approval';
		const body = parameters.text('message');
		const interactive: IDataObject = {};
		if (responseType === 'list') {
			checkLength(problems, 'message', 'message', body, WHATSAPP_LIMITS.listBody);
			const button = parameters.text('listButtonText');
			checkLength(problems, 'listButtonText', 'list button text', button, WHATSAPP_LIMITS.listButton);
			interactive.type = 'list';
			interactive.action = { button, sections: sectionsOf(readRows(parameters, problems), problems) };
		} else {
			if (responseType !== 'approval' && responseType !== 'buttons') {
				problems.push({ field: 'responseType', text: `response type "${responseType}" is not one of ${RESPONSE_TYPES.join(', ')}` });
			}
			checkLength(problems, 'message', 'message', body, WHATSAPP_LIMITS.interactiveBody);
			const buttons = responseType === 'buttons' ? readButtons(parameters, problems) : approvalButtons(parameters, problems);
			interactive.type = 'button';
			interactive.action = { buttons: buttons.map((reply) => ({ type: 'reply', reply })) };
		}
		const header = parameters.text('headerText');
		checkLength(problems, 'headerText', 'header text', header, { max: WHATSAPP_LIMITS.headerText.max });
		const footer = parameters.text('footerText');
		checkLength(problems, 'footerText', 'footer text', footer, WHATSAPP_LIMITS.footerText);
		// Meta's key order: type, header, body, footer, action.
		return {
			type: 'interactive',
			interactive: {
				type: interactive.type,
				...(header !== '' ? { header: { type: 'text', text: header } } : {}),
				body: { text: body },
				...(footer !== '' ? { footer: { text: footer } } : {}),
				action: interactive.action,
			},
		};
	},
} satisfies OperationModule;

/** Send and Wait's Limit Wait Time option, with the names and choices of n8n's own send-and-wait. */
import { NodeOperationError, WAIT_INDEFINITELY, type IDataObject, type INode, type INodeProperties } from 'n8n-workflow';

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Send and Wait for Reply: how long to wait for the tap. When it passes, the execution goes on with { data: { timedOut: true } }. Without it the execution waits until the tap.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	displayOptions: { show: { '/operation': ['sendAndWait'] } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'The time to wait',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					default: '',
					description: 'Continue the execution with timedOut at this date and time',
				},
			],
		},
	],
};

/** When the wait ends without a tap: the option's date, or n8n's "indefinitely". Refuses a limit it cannot read. */
export function waitLimit(node: INode, values: IDataObject | undefined, now: number): Date {
	if (!values || Object.keys(values).length === 0) return WAIT_INDEFINITELY;
	const refuse = (text: string) =>
		new NodeOperationError(node, `Option "Limit Wait Time" ${text}`, {
			description: 'Set Options → Limit Wait Time to an amount of minutes, hours or days, or to a date and time.',
		});
	if ((values.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = values.resumeAmount ?? 1;
		const unit = UNIT_MS[String(values.resumeUnit ?? 'hours')];
		if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw refuse(`has amount ${String(amount)}; use 0 or more`);
		if (unit === undefined) throw refuse(`has unit "${String(values.resumeUnit)}"; use minutes, hours or days`);
		return new Date(now + amount * unit);
	}
	if (values.limitType !== 'atSpecifiedTime') throw refuse(`has limit type "${String(values.limitType)}"`);
	const at = new Date(String(values.maxDateAndTime ?? ''));
	if (Number.isNaN(at.getTime())) throw refuse(`has "${String(values.maxDateAndTime ?? '')}", which is not a date and time`);
	return at;
}

/**
 * Send List: Meta's interactive list message, a button that opens a list of rows in sections
 * (developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages). Rows with
 * the same Section form one section, in the order the sections first appear.
 */
import type { IDataObject } from 'n8n-workflow';

import { checkLength, WHATSAPP_LIMITS, type Problem } from '../checks';
import { bodyTextProperty } from './header';
import type { ItemParameters, OperationModule } from './types';

/** A row as the node's fixedCollection holds it: any value may be missing or not a string. */
interface RowInput {
	section?: unknown;
	id?: unknown;
	title?: unknown;
	description?: unknown;
}

interface Row {
	section: string;
	id: string;
	title: string;
	description: string;
}

export function readRows(parameters: ItemParameters, problems: Problem[]): Row[] {
	const rows = parameters.value<RowInput[]>('rows.row', []).map((row) => ({
		section: String(row.section ?? '').trim(),
		id: String(row.id ?? ''),
		title: String(row.title ?? ''),
		description: String(row.description ?? ''),
	}));
	const { min, max } = WHATSAPP_LIMITS.listRows;
	if (rows.length < min || rows.length > max) {
		problems.push({ field: 'rows', text: `has ${rows.length} rows; WhatsApp allows ${min} to ${max} in a list` });
	}
	rows.forEach((row, index) => {
		const label = `row ${index + 1}`;
		checkLength(problems, 'rows', `${label} title`, row.title, WHATSAPP_LIMITS.rowTitle);
		checkLength(problems, 'rows', `${label} ID`, row.id, WHATSAPP_LIMITS.rowId);
		checkLength(problems, 'rows', `${label} description`, row.description, WHATSAPP_LIMITS.rowDescription);
		const sameId = rows.findIndex((other) => other.id === row.id);
		if (row.id !== '' && sameId < index) {
			problems.push({ field: 'rows', text: `${label} ID "${row.id}" repeats row ${sameId + 1}; WhatsApp needs unique IDs` });
		}
	});
	return rows;
}

/** The rows grouped by Section, in order of first appearance, after checking the sections' titles and number. */
export function sectionsOf(rows: Row[], problems: Problem[]): IDataObject[] {
	const bySection = new Map<string, Row[]>();
	for (const row of rows) bySection.set(row.section, [...(bySection.get(row.section) ?? []), row]);
	const { max } = WHATSAPP_LIMITS.listSections;
	if (bySection.size > max) {
		problems.push({ field: 'rows', text: `has ${bySection.size} sections; WhatsApp allows at most ${max} in a list` });
	}
	const several = bySection.size > 1;
	if (several && bySection.has('')) {
		const untitled = rows.flatMap((row, index) => (row.section === '' ? [index + 1] : []));
		problems.push({
			field: 'rows',
			text: `row${untitled.length > 1 ? 's' : ''} ${untitled.join(', ')} ha${untitled.length > 1 ? 've' : 's'} no section, but the list has ${bySection.size} sections; WhatsApp needs a title for every section when there are several`,
		});
	}
	return [...bySection].map(([title, sectionRows]) => {
		if (title !== '') checkLength(problems, 'rows', `section "${title}" title`, title, WHATSAPP_LIMITS.sectionTitle);
		const section: IDataObject = title !== '' ? { title } : {};
		section.rows = sectionRows.map(({ id, title: rowTitle, description }) =>
			description !== '' ? { id, title: rowTitle, description } : { id, title: rowTitle },
		);
		return section;
	});
}

export const sendList = {
	name: 'sendList' as const,
	displayName: 'Send List',
	description: 'Send a message with a button that opens a list of up to ten options',
	action: 'Send a list message',
	properties: [
		bodyTextProperty('list button', WHATSAPP_LIMITS.listBody),
		{
			displayName: 'List Button Text',
			name: 'listButtonText',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Choose a slot',
			hint: `Up to ${WHATSAPP_LIMITS.listButton.max} characters`,
			description: 'The label of the button that opens the list',
		},
		{
			displayName: 'Rows',
			name: 'rows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Row' },
			default: {},
			placeholder: 'Add Row',
			hint: `${WHATSAPP_LIMITS.listRows.min} to ${WHATSAPP_LIMITS.listRows.max} rows in all; rows with the same Section form one section (at most ${WHATSAPP_LIMITS.listSections.max})`,
			description: "The options. A choice comes back to the WhatsApp BSP Trigger with the row's ID, title and description.",
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{
							displayName: 'Section',
							name: 'section',
							type: 'string',
							default: '',
							description: `The title of the row's section (up to ${WHATSAPP_LIMITS.sectionTitle.max} characters). Needed when the list has more than one section.`,
						},
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							required: true,
							default: '',
							description: `Your identifier for the row, returned when it is chosen (up to ${WHATSAPP_LIMITS.rowId.max} characters, unique)`,
						},
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							required: true,
							default: '',
							description: `The row's label (up to ${WHATSAPP_LIMITS.rowTitle.max} characters)`,
						},
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							default: '',
							description: `Optional text under the title (up to ${WHATSAPP_LIMITS.rowDescription.max} characters)`,
						},
					],
				},
			],
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			hint: `Optional, up to ${WHATSAPP_LIMITS.headerText.max} characters, no markdown`,
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			hint: `Optional, up to ${WHATSAPP_LIMITS.footerText.max} characters`,
		},
	],
	build(parameters, problems) {
		const body = parameters.text('bodyText');
		checkLength(problems, 'bodyText', 'body text', body, WHATSAPP_LIMITS.listBody);
		const button = parameters.text('listButtonText');
		checkLength(problems, 'listButtonText', 'list button text', button, WHATSAPP_LIMITS.listButton);
		const sections = sectionsOf(readRows(parameters, problems), problems);
		const header = parameters.text('headerText');
		checkLength(problems, 'headerText', 'header text', header, { max: WHATSAPP_LIMITS.headerText.max });
		const footer = parameters.text('footerText');
		checkLength(problems, 'footerText', 'footer text', footer, WHATSAPP_LIMITS.footerText);
		const interactive: IDataObject = { type: 'list' };
		if (header !== '') interactive.header = { type: 'text', text: header };
		interactive.body = { text: body };
		if (footer !== '') interactive.footer = { text: footer };
		interactive.action = { button, sections };
		return { type: 'interactive', interactive };
	},
} satisfies OperationModule;

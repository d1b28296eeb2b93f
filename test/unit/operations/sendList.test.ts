import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

const row = (id: string, title: string, section = '', description = '') => ({ id, title, section, description });
const list = (rows: IDataObject[], extra: IDataObject = {}) => ({
	operation: 'sendList',
	bodyText: 'Which slot suits you?',
	listButtonText: 'Choose a slot',
	rows: { row: rows },
	...extra,
});

describe('sendList', () => {
	it('groups rows into sections by their Section, in order of first appearance', () => {
		const built = build(
			list(
				[
					row('mon-9', 'Monday 9:00', 'Monday', 'Dr. Weber'),
					row('tue-9', 'Tuesday 9:00', 'Tuesday'),
					row('mon-14', 'Monday 14:00', 'Monday', 'Dr. Roth'),
				],
				{ headerText: 'Appointments', footerText: 'Reply STOP to opt out' },
			),
		);
		expect(built.problems).toBeUndefined();
		expect(built.message?.payload).toEqual({
			type: 'interactive',
			interactive: {
				type: 'list',
				header: { type: 'text', text: 'Appointments' },
				body: { text: 'Which slot suits you?' },
				footer: { text: 'Reply STOP to opt out' },
				action: {
					button: 'Choose a slot',
					sections: [
						{
							title: 'Monday',
							rows: [
								{ id: 'mon-9', title: 'Monday 9:00', description: 'Dr. Weber' },
								{ id: 'mon-14', title: 'Monday 14:00', description: 'Dr. Roth' },
							],
						},
						{ title: 'Tuesday', rows: [{ id: 'tue-9', title: 'Tuesday 9:00' }] },
					],
				},
			},
		});
	});

	it('sends one untitled section when no row names one, without header and footer', () => {
		expect(build(list([row('a', 'Yes'), row('b', 'No')])).message?.payload).toEqual({
			type: 'interactive',
			interactive: {
				type: 'list',
				body: { text: 'Which slot suits you?' },
				action: { button: 'Choose a slot', sections: [{ rows: [{ id: 'a', title: 'Yes' }, { id: 'b', title: 'No' }] }] },
			},
		});
	});

	const rows = (count: number, section = (i: number) => '') =>
		Array.from({ length: count }, (_, i) => row(`r${i + 1}`, `Row ${i + 1}`, section(i)));

	it.each<[IDataObject, string[]]>([
		[list(rows(1), { bodyText: '' }), ['bodyText: body text is empty; WhatsApp needs 1 to 4096 characters']],
		[list(rows(1), { bodyText: 'b'.repeat(4097) }), ['bodyText: body text is 4097 characters; WhatsApp allows at most 4096']],
		[list(rows(1), { listButtonText: '' }), ['listButtonText: list button text is empty; WhatsApp needs 1 to 20 characters']],
		[list(rows(1), { listButtonText: 'Pick one of our slots' }), ['listButtonText: list button text is 21 characters; WhatsApp allows at most 20']],
		[list([]), ['rows: has 0 rows; WhatsApp allows 1 to 10 in a list']],
		[list(rows(11)), ['rows: has 11 rows; WhatsApp allows 1 to 10 in a list']],
		[
			list(rows(11, (i) => `S${i}`)),
			['rows: has 11 rows; WhatsApp allows 1 to 10 in a list', 'rows: has 11 sections; WhatsApp allows at most 10 in a list'],
		],
		[list([row('a', 'A very long row title her')]), ['rows: row 1 title is 25 characters; WhatsApp allows at most 24']],
		[list([row('a', '')]), ['rows: row 1 title is empty; WhatsApp needs 1 to 24 characters']],
		[list([row('', 'A')]), ['rows: row 1 ID is empty; WhatsApp needs 1 to 200 characters']],
		[list([row('i'.repeat(201), 'A')]), ['rows: row 1 ID is 201 characters; WhatsApp allows at most 200']],
		[list([row('a', 'A', '', 'd'.repeat(73))]), ['rows: row 1 description is 73 characters; WhatsApp allows at most 72']],
		[list([row('a', 'A'), row('b', 'B'), row('a', 'C')]), ['rows: row 3 ID "a" repeats row 1; WhatsApp needs unique IDs']],
		[
			list([row('a', 'A', 'Appointments in next week')]),
			['rows: section "Appointments in next week" title is 25 characters; WhatsApp allows at most 24'],
		],
		[
			list([row('a', 'A', 'Monday'), row('b', 'B'), row('c', 'C')]),
			['rows: rows 2, 3 have no section, but the list has 2 sections; WhatsApp needs a title for every section when there are several'],
		],
		[list(rows(1), { headerText: 'h'.repeat(61) }), ['headerText: header text is 61 characters; WhatsApp allows at most 60']],
		[list(rows(1), { footerText: 'f'.repeat(61) }), ['footerText: footer text is 61 characters; WhatsApp allows at most 60']],
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});

	it('accepts the limits themselves', () => {
		const full = rows(10, (i) => `Section ${i}`).map((r, i) => ({ ...r, id: `${i}`.padStart(200, 'x'), title: 't'.repeat(24), description: 'd'.repeat(72), section: `${i}`.padStart(24, 's') }));
		expect(
			problemsOf(list(full, { bodyText: 'b'.repeat(4096), listButtonText: 'l'.repeat(20), headerText: 'h'.repeat(60), footerText: 'f'.repeat(60) })),
		).toBeUndefined();
	});
});

import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

describe('sendButtons: WhatsApp limits', () => {
	const buttons = (...titles: string[]) => titles.map((title, index) => ({ id: `id-${index + 1}`, title }));

	it.each<[IDataObject, string[]]>([
		[
			{ operation: 'sendButtons', bodyText: '', buttons: buttons('Yes') },
			['bodyText: body text is empty; WhatsApp needs 1 to 1024 characters'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'b'.repeat(1025), buttons: buttons('Yes') },
			['bodyText: body text is 1025 characters; WhatsApp allows at most 1024'],
		],
		[{ operation: 'sendButtons', bodyText: 'Pick', buttons: [] }, ['buttons: has 0 buttons; WhatsApp allows 1 to 3']],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('A', 'B', 'C', 'D') },
			['buttons: has 4 buttons; WhatsApp allows 1 to 3'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes', 'A title of 23 letters!') },
			['buttons: button 2 title is 22 characters; WhatsApp allows at most 20'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes', 'No', 'Yes') },
			['buttons: button 3 title "Yes" repeats button 1; WhatsApp needs unique titles'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: [{ id: 'a', title: 'Yes' }, { id: 'a', title: 'No' }] },
			['buttons: button 2 ID "a" repeats button 1; WhatsApp needs unique IDs'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: [{ id: 'i'.repeat(257), title: 'Yes' }] },
			['buttons: button 1 ID is 257 characters; WhatsApp allows at most 256'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: [{ id: '', title: '' }] },
			[
				'buttons: button 1 title is empty; WhatsApp needs 1 to 20 characters',
				'buttons: button 1 ID is empty; WhatsApp needs 1 to 256 characters',
			],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes'), headerType: 'text', headerText: 'h'.repeat(61) },
			['headerText: header text is 61 characters; WhatsApp allows at most 60'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes'), headerType: 'text', headerText: '' },
			['headerText: header text is empty; WhatsApp needs 1 to 60 characters'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes'), headerType: 'video', headerMediaUrl: 'not a url' },
			['headerMediaUrl: header video URL "not a url" is not an http or https URL'],
		],
		[
			{ operation: 'sendButtons', bodyText: 'Pick', buttons: buttons('Yes'), footerText: 'f'.repeat(61) },
			['footerText: footer text is 61 characters; WhatsApp allows at most 60'],
		],
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});

	it('builds the full buttons message when every limit is met', () => {
		expect(
			build({
				operation: 'sendButtons',
				to: '0044 7700 900123',
				bodyText: 'Pick one',
				buttons: [
					{ id: 'yes', title: 'Yes' },
					{ id: 'no', title: 'No' },
				],
				headerType: 'document',
				headerMediaUrl: ' https://example.com/a.pdf ',
				footerText: 'Reply any time',
			}),
		).toEqual({
			message: {
				to: '+447700900123',
				operation: 'sendButtons',
				payload: {
					type: 'interactive',
					interactive: {
						type: 'button',
						header: { type: 'document', document: { link: 'https://example.com/a.pdf' } },
						body: { text: 'Pick one' },
						footer: { text: 'Reply any time' },
						action: {
							buttons: [
								{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
								{ type: 'reply', reply: { id: 'no', title: 'No' } },
							],
						},
					},
				},
			},
		});
	});
});

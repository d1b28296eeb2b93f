import { buildMessage, type RawMessageInput } from '../../nodes/shared/validation';
import { normalizePhone } from '../../nodes/shared/phone';

const problemsOf = (input: Partial<RawMessageInput>) =>
	buildMessage({ operation: 'sendText', to: '+14155550100', text: 'hi', ...input } as RawMessageInput).problems?.map(
		(problem) => `${problem.field}: ${problem.text}`,
	);

describe('phone numbers', () => {
	it.each([
		['+1 (415) 555-0100', '+14155550100'],
		['0044 20 7946 0958', '+442079460958'],
		['14155550100', '+14155550100'],
		['+91-98765.43210', '+919876543210'],
		['+49\u00a030 901820', '+4930901820'],
	])('reads %s as %s', (raw, e164) => {
		expect(normalizePhone(raw)).toEqual({ e164 });
	});

	it.each([
		['', 'is empty'],
		['07700 900123', '"07700 900123" is a national number; add the country code (e.g. +44…)'],
		['+1 415 CALL NOW', '"+1 415 CALL NOW" contains characters other than digits'],
		['+0123456789', '"+0123456789" has a 0 right after the country prefix'],
		['+1234567', '"+1234567" has 7 digits; E.164 numbers have 8 to 15'],
		['+1234567890123456', '"+1234567890123456" has 16 digits; E.164 numbers have 8 to 15'],
	])('refuses %j: %s', (raw, problem) => {
		expect(normalizePhone(raw)).toEqual({ problem });
	});
});

describe('WhatsApp limits', () => {
	const buttons = (...titles: string[]) => titles.map((title, index) => ({ id: `id-${index + 1}`, title }));

	it('accepts text at exactly 4096 characters and counts code points, not UTF-16 units', () => {
		expect(problemsOf({ text: 'x'.repeat(4096) })).toBeUndefined();
		expect(problemsOf({ text: '😀'.repeat(4096) })).toBeUndefined();
	});

	it.each<[Partial<RawMessageInput>, string[]]>([
		[{ text: '' }, ['text: text is empty; WhatsApp needs 1 to 4096 characters']],
		[{ text: 'x'.repeat(4097) }, ['text: text is 4097 characters; WhatsApp allows at most 4096']],
		[{ to: '12' }, ['to: recipient number "12" has 2 digits; E.164 numbers have 8 to 15']],
		[
			{ operation: 'sendImage', imageSource: 'url', imageUrl: 'ftp://x/y.png' },
			['imageUrl: image URL "ftp://x/y.png" is not an http or https URL'],
		],
		[{ operation: 'sendImage', imageSource: 'url', imageUrl: '' }, ['imageUrl: image URL is empty; give an http or https URL']],
		[{ operation: 'sendImage', imageSource: 'mediaId', mediaId: ' ' }, ['mediaId: media ID is empty']],
		[
			{ operation: 'sendImage', imageSource: 'url', imageUrl: 'https://x/y.png', caption: 'c'.repeat(1025) },
			['caption: caption is 1025 characters; WhatsApp allows at most 1024'],
		],
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
			buildMessage({
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
				content: {
					kind: 'buttons',
					body: 'Pick one',
					buttons: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'no', title: 'No' },
					],
					header: { type: 'document', link: 'https://example.com/a.pdf' },
					footer: 'Reply any time',
				},
			},
		});
	});
});

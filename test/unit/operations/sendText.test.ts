import type { IDataObject } from 'n8n-workflow';

import { problemsOf } from '../helpers/build-message';

describe('sendText: WhatsApp limits', () => {
	it('accepts text at exactly 4096 characters and counts code points, not UTF-16 units', () => {
		expect(problemsOf({ text: 'x'.repeat(4096) })).toBeUndefined();
		expect(problemsOf({ text: '😀'.repeat(4096) })).toBeUndefined();
	});

	it.each<[IDataObject, string[]]>([
		[{ text: '' }, ['text: text is empty; WhatsApp needs 1 to 4096 characters']],
		[{ text: 'x'.repeat(4097) }, ['text: text is 4097 characters; WhatsApp allows at most 4096']],
		[{ to: '12' }, ['to: recipient number "12" has 2 digits; E.164 numbers have 8 to 15']],
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { problemsOf } from '../helpers/build-message';

describe('sendImage: WhatsApp limits', () => {
	it.each<[IDataObject, string[]]>([
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
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});
});

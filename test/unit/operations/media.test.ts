import type { IDataObject } from 'n8n-workflow';

import { build, problemsOf } from '../helpers/build-message';

// Send Image, Document, Video and Audio share their media source (nodes/shared/operations/media.ts).
describe('media operations: the message and its media object', () => {
	it.each<[IDataObject, IDataObject]>([
		[
			{ operation: 'sendDocument', mediaSource: 'url', mediaUrl: ' https://cdn.example.com/invoice-42.pdf ', caption: 'Your invoice', filename: 'invoice-42.pdf' },
			{ type: 'document', document: { link: 'https://cdn.example.com/invoice-42.pdf', caption: 'Your invoice', filename: 'invoice-42.pdf' } },
		],
		[{ operation: 'sendDocument', mediaSource: 'mediaId', mediaId: '1479537139650973' }, { type: 'document', document: { id: '1479537139650973' } }],
		[
			{ operation: 'sendVideo', mediaSource: 'url', mediaUrl: 'https://cdn.example.com/unboxing.mp4', caption: 'Unboxing' },
			{ type: 'video', video: { link: 'https://cdn.example.com/unboxing.mp4', caption: 'Unboxing' } },
		],
		[{ operation: 'sendAudio', mediaSource: 'mediaId', mediaId: '98765', caption: 'ignored: audio has none' }, { type: 'audio', audio: { id: '98765' } }],
		[{ operation: 'sendImage', imageSource: 'url', imageUrl: 'https://x.example/y.png' }, { type: 'image', image: { link: 'https://x.example/y.png' } }],
	])('%j is sent as %j', (input, payload) => {
		const built = build(input);
		expect(built.problems).toBeUndefined();
		expect(built.message?.payload).toEqual(payload);
		expect(built.message?.uploads).toBeUndefined();
	});

	it.each([
		['sendImage', 'imageSource', 'image'],
		['sendDocument', 'mediaSource', 'document'],
		['sendVideo', 'mediaSource', 'video'],
		['sendAudio', 'mediaSource', 'audio'],
	])('%s from a binary file leaves a placeholder ID and records the upload', (operation, sourceField, kind) => {
		const built = build({ operation, [sourceField]: 'binary', binaryPropertyName: 'attachment', caption: kind === 'audio' ? '' : 'Hi' });
		const media = built.message?.payload[kind] as IDataObject;
		expect(media).toEqual(kind === 'audio' ? { id: '' } : { id: '', caption: 'Hi' });
		expect(built.message?.uploads).toEqual([{ kind, binaryPropertyName: 'attachment', field: 'binaryPropertyName', target: media }]);
		// The placeholder is the payload's own object, which the upload fills in.
		expect(built.message?.uploads?.[0].target).toBe(media);
	});

	it('reads the binary field "data" when the parameter is left out', () => {
		expect(build({ operation: 'sendDocument', mediaSource: 'binary' }).message?.uploads?.[0].binaryPropertyName).toBe('data');
	});
});

describe('media operations: WhatsApp limits', () => {
	it.each<[IDataObject, string[]]>([
		[{ operation: 'sendDocument', mediaSource: 'url', mediaUrl: 'ftp://x/y.pdf' }, ['mediaUrl: document URL "ftp://x/y.pdf" is not an http or https URL']],
		[{ operation: 'sendDocument', mediaSource: 'url', mediaUrl: '' }, ['mediaUrl: document URL is empty; give an http or https URL']],
		[{ operation: 'sendVideo', mediaSource: 'url', mediaUrl: 'file:///tmp/a.mp4' }, ['mediaUrl: video URL "file:///tmp/a.mp4" is not an http or https URL']],
		[{ operation: 'sendAudio', mediaSource: 'url', mediaUrl: 'not a link' }, ['mediaUrl: audio URL "not a link" is not an http or https URL']],
		[{ operation: 'sendAudio', mediaSource: 'mediaId', mediaId: '  ' }, ['mediaId: media ID is empty']],
		[
			{ operation: 'sendDocument', mediaSource: 'mediaId', mediaId: '1', caption: 'c'.repeat(1025) },
			['caption: caption is 1025 characters; WhatsApp allows at most 1024'],
		],
		[
			{ operation: 'sendVideo', mediaSource: 'mediaId', mediaId: '1', caption: '🎬'.repeat(1025) },
			['caption: caption is 1025 characters; WhatsApp allows at most 1024'],
		],
		[{ operation: 'sendVideo', mediaSource: 'file', mediaId: '1' }, ['mediaSource: media source "file" is not one of url, mediaId, binary']],
		[{ operation: 'sendImage', imageSource: 'binary', binaryPropertyName: ' ' }, ['binaryPropertyName: input binary field is empty']],
	])('case %# is refused with exactly the expected problems', (input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});
});

/**
 * Where the media of Send Image, Send Document, Send Video and Send Audio comes from: a public link, the ID of media
 * uploaded to the provider before, or a file of the item's binary data, which the node uploads itself
 * (nodes/shared/uploads.ts) and sends by the media ID it gets back. Meta's media object, which all three providers
 * pass on: `{ link }` or `{ id }`, plus `caption` (image, video, document) and `filename` (document).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkLength, checkLink, MEDIA_LIMITS, WHATSAPP_LIMITS, type MediaKind, type Problem } from '../checks';
import type { MediaUpload } from '../message';
import type { ItemParameters } from './types';

export const DEFAULT_BINARY_PROPERTY = 'data';

export const MEDIA_SOURCES = ['url', 'mediaId', 'binary'] as const;

/** How each kind is named in the UI and in refusals, and the formats people know it by. */
const KINDS: Record<MediaKind, { noun: string; formats: string; placeholder: string }> = {
	image: { noun: 'image', formats: 'JPEG or PNG', placeholder: 'https://example.com/picture.png' },
	video: { noun: 'video', formats: 'MP4 or 3GP (H.264 video, AAC audio)', placeholder: 'https://example.com/clip.mp4' },
	audio: { noun: 'audio', formats: 'AAC, AMR, MP3, M4A or OGG (Opus)', placeholder: 'https://example.com/voice-note.mp3' },
	document: { noun: 'document', formats: 'PDF, TXT, Word, Excel or PowerPoint', placeholder: 'https://example.com/invoice.pdf' },
};

/** The names of the source parameters: Send Image keeps its own (`imageSource`, `imageUrl`), the others share `mediaSource`, `mediaUrl`. */
export interface SourceParameters {
	source: string;
	url: string;
	/** The display names, e.g. "Image Source" and "Image URL". */
	sourceLabel: string;
	urlLabel: string;
}

export const MEDIA_PARAMETERS: SourceParameters = {
	source: 'mediaSource',
	url: 'mediaUrl',
	sourceLabel: 'Media Source',
	urlLabel: 'Media URL',
};

/** What the limits of a kind are, for hints: "JPEG or PNG, at most 5 MB". */
export function mediaHint(kind: MediaKind): string {
	return `${KINDS[kind].formats}, at most ${MEDIA_LIMITS[kind].maxBytes / (1024 * 1024)} MB`;
}

/** The source parameters of a media operation: the source, the link, the media ID and the binary property. */
export function mediaSourceProperties(kind: MediaKind, names: SourceParameters): INodeProperties[] {
	const { noun, placeholder } = KINDS[kind];
	return [
		{
			displayName: names.sourceLabel,
			name: names.source,
			type: 'options',
			options: [
				{ name: 'URL', value: 'url', description: `A public http(s) link to the ${noun}` },
				{ name: 'Media ID', value: 'mediaId', description: 'The ID of media uploaded to the provider before' },
				{
					name: 'Binary File',
					value: 'binary',
					description:
						'A file of the input item (e.g. from Read/Write Files, HTTP Request or Convert to File): the node uploads it to the provider once and sends its media ID',
				},
			],
			default: 'url',
		},
		{
			displayName: names.urlLabel,
			name: names.url,
			type: 'string',
			required: true,
			default: '',
			placeholder,
			displayOptions: { show: { [names.source]: ['url'] } },
			hint: `${mediaHint(kind)}, reachable by the provider`,
			description: `A public http or https link to the ${noun}`,
		},
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { [names.source]: ['mediaId'] } },
			description: `The ID the provider returned when the ${noun} was uploaded`,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: DEFAULT_BINARY_PROPERTY,
			displayOptions: { show: { [names.source]: ['binary'] } },
			hint: `${mediaHint(kind)}. The same file is uploaded once per run, however many items send it.`,
			description: "The name of the input item's binary field that holds the file",
		},
	];
}

/** The Caption parameter of images, videos and documents. */
export function captionProperty(kind: MediaKind): INodeProperties {
	return {
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		hint: `Optional, up to ${WHATSAPP_LIMITS.caption.max} characters`,
		description: `Text shown under the ${KINDS[kind].noun}`,
	};
}

/**
 * Meta's media object for one item: `{ link }`, `{ id }`, or, for a binary file, `{ id: '' }` with the upload
 * recorded in `uploads` (the engine fills the id in). Problems name the parameter.
 */
export function readMediaSource(
	parameters: ItemParameters,
	problems: Problem[],
	uploads: MediaUpload[],
	kind: MediaKind,
	names: SourceParameters,
): IDataObject {
	const source = parameters.value<unknown>(names.source, 'url');
	if (source === 'mediaId') {
		const id = parameters.text('mediaId').trim();
		if (id === '') problems.push({ field: 'mediaId', text: 'media ID is empty' });
		return { id };
	}
	if (source === 'binary') {
		const binaryPropertyName = String(parameters.value<unknown>('binaryPropertyName', DEFAULT_BINARY_PROPERTY) ?? '').trim();
		if (binaryPropertyName === '') problems.push({ field: 'binaryPropertyName', text: 'input binary field is empty' });
		const media: IDataObject = { id: '' };
		uploads.push({ kind, binaryPropertyName, field: 'binaryPropertyName', target: media });
		return media;
	}
	if (source === 'url') {
		const link = parameters.text(names.url).trim();
		checkLink(problems, names.url, `${KINDS[kind].noun} URL`, link);
		return { link };
	}
	problems.push({
		field: names.source,
		text: `${names.sourceLabel.toLowerCase()} "${String(source)}" is not one of ${MEDIA_SOURCES.join(', ')}`,
	});
	return {};
}

/** Adds the item's caption to a media object, after checking it. */
export function addCaption(parameters: ItemParameters, problems: Problem[], media: IDataObject): void {
	const caption = parameters.text('caption');
	checkLength(problems, 'caption', 'caption', caption, WHATSAPP_LIMITS.caption);
	if (caption !== '') media.caption = caption;
}

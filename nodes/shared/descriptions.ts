import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from './limits';

/** Shows the operation under the node's name on the canvas. */
export const OPERATION_SUBTITLE =
	'={{ {"sendText": "Send Text", "sendImage": "Send Image", "sendButtons": "Send Buttons"}[$parameter["operation"]] }}';

const show = (...operation: string[]) => ({ show: { resource: ['message'], operation } });

/** The parameters all three action nodes share, under the same names (CONTRACT.md). */
export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Message', value: 'message' }],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Buttons',
				value: 'sendButtons',
				description: 'Send a message with up to three reply buttons',
				action: 'Send a message with reply buttons',
			},
			{
				name: 'Send Image',
				value: 'sendImage',
				description: 'Send an image by link or media ID, with an optional caption',
				action: 'Send an image message',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description: 'Send a text message',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550100',
		displayOptions: { show: { resource: ['message'] } },
		description:
			"The recipient's WhatsApp number with its country code. Spaces, dashes, brackets and a leading 00 are accepted; the number is sent in the form the provider expects.",
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: show('sendText'),
		hint: `Up to ${LIMITS.textBody.max} characters; WhatsApp formatting such as *bold* works`,
		description: 'The message text. Links must start with http:// or https://.',
	},
	{
		displayName: 'Preview URL',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		displayOptions: show('sendText'),
		description: 'Whether WhatsApp shows a preview of the first link in the text',
	},
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'A public http(s) link to the image' },
			{ name: 'Media ID', value: 'mediaId', description: 'The ID of media uploaded to the provider before' },
		],
		default: 'url',
		displayOptions: show('sendImage'),
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/picture.png',
		displayOptions: { show: { resource: ['message'], operation: ['sendImage'], imageSource: ['url'] } },
		hint: 'JPEG or PNG, at most 5 MB, reachable by the provider',
		description: 'A public http or https link to the image',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { resource: ['message'], operation: ['sendImage'], imageSource: ['mediaId'] } },
		description: "The ID the provider returned when the image was uploaded",
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		displayOptions: show('sendImage'),
		hint: `Optional, up to ${LIMITS.caption.max} characters`,
		description: 'Text shown under the image',
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: show('sendButtons'),
		hint: `Up to ${LIMITS.interactiveBody.max} characters`,
		description: 'The message text above the buttons',
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
		default: {},
		placeholder: 'Add Button',
		displayOptions: show('sendButtons'),
		hint: `${LIMITS.buttons.min} to ${LIMITS.buttons.max} buttons; titles up to ${LIMITS.buttonTitle.max} characters, titles and IDs unique`,
		description: 'The reply buttons. A tap comes back to the WhatsApp BSP Trigger with the button\'s ID and title.',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						required: true,
						default: '',
						description: `Your identifier for the button, returned when it is tapped (up to ${LIMITS.buttonId.max} characters)`,
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						required: true,
						default: '',
						description: `The button's label (up to ${LIMITS.buttonTitle.max} characters)`,
					},
				],
			},
		],
	},
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'none',
		displayOptions: show('sendButtons'),
		description: 'An optional header above the body text',
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { resource: ['message'], operation: ['sendButtons'], headerType: ['text'] } },
		hint: `Up to ${LIMITS.headerText.max} characters, no markdown`,
	},
	{
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/brochure.pdf',
		displayOptions: {
			show: { resource: ['message'], operation: ['sendButtons'], headerType: ['image', 'video', 'document'] },
		},
		hint: 'Image: JPEG/PNG up to 5 MB; video: MP4/3GP up to 16 MB; document: up to 100 MB',
		description: 'A public http or https link to the header media',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		displayOptions: show('sendButtons'),
		hint: `Optional, up to ${LIMITS.footerText.max} characters`,
	},
];

/** How a run sends: the same in all three nodes, read once per execution. Defaults equal DEFAULT_SETTINGS (tested). */
export const sendingOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 5,
		description: 'How many requests may be under way at once',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'How often a request is sent again after a 429, a 5xx or a lost connection, with growing pauses (Retry-After is honoured). Other errors are never retried.',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10000, numberPrecision: 2 },
		default: 0,
		description:
			"The most requests this node sends in any one second. 0 uses the provider's documented limit (see the README).",
	},
];

/** The node's Options collection: the sending options plus what one provider adds, sorted by name. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['message'] } },
		options: [...sendingOptions, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

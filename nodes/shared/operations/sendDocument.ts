/** Send Document: Meta's document message (`document: { link | id, caption, filename }`). */
import { addCaption, captionProperty, MEDIA_PARAMETERS, mediaSourceProperties, readMediaSource } from './media';
import type { OperationModule } from './types';

export const sendDocument = {
	name: 'sendDocument' as const,
	displayName: 'Send Document',
	description: 'Send a document (PDF, Word, Excel, …) by link, media ID or binary file',
	action: 'Send a document message',
	properties: [
		...mediaSourceProperties('document', MEDIA_PARAMETERS),
		captionProperty('document'),
		{
			displayName: 'Filename',
			name: 'filename',
			type: 'string',
			default: '',
			placeholder: 'invoice-1234.pdf',
			description:
				"The file name WhatsApp shows, with its extension. Left empty with a binary file, the file's own name is used.",
		},
	],
	build(parameters, problems, uploads) {
		const document = readMediaSource(parameters, problems, uploads, 'document', MEDIA_PARAMETERS);
		addCaption(parameters, problems, document);
		const filename = parameters.text('filename').trim();
		if (filename !== '') document.filename = filename;
		return { type: 'document', document };
	},
} satisfies OperationModule;

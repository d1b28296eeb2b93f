/** The provider-neutral WhatsApp message every action node sends. */

export type ProviderName = 'insider' | 'kaleyra' | 'gupshup';

export type Operation = 'sendText' | 'sendImage' | 'sendButtons';

export interface TextContent {
	kind: 'text';
	body: string;
	previewUrl: boolean;
}

export interface ImageContent {
	kind: 'image';
	link?: string;
	mediaId?: string;
	caption?: string;
}

export interface ReplyButton {
	id: string;
	title: string;
}

export type ButtonsHeader =
	| { type: 'text'; text: string }
	| { type: 'image' | 'video' | 'document'; link: string };

export interface ButtonsContent {
	kind: 'buttons';
	body: string;
	buttons: ReplyButton[];
	header?: ButtonsHeader;
	footer?: string;
}

export type Content = TextContent | ImageContent | ButtonsContent;

export interface Message {
	/** E.164 with the leading `+`; adapters convert it to their provider's form. */
	to: string;
	content: Content;
}

/** Meta's message object (`type` plus the matching field), which all three providers pass on. */
export function toMetaMessage(content: Content): Record<string, unknown> {
	switch (content.kind) {
		case 'text':
			return { type: 'text', text: { preview_url: content.previewUrl, body: content.body } };
		case 'image': {
			const image: Record<string, string> = content.mediaId
				? { id: content.mediaId }
				: { link: content.link as string };
			if (content.caption) image.caption = content.caption;
			return { type: 'image', image };
		}
		case 'buttons': {
			const interactive: Record<string, unknown> = { type: 'button' };
			if (content.header) interactive.header = metaHeader(content.header);
			interactive.body = { text: content.body };
			if (content.footer) interactive.footer = { text: content.footer };
			interactive.action = {
				buttons: content.buttons.map((button) => ({
					type: 'reply',
					reply: { id: button.id, title: button.title },
				})),
			};
			return { type: 'interactive', interactive };
		}
	}
}

function metaHeader(header: ButtonsHeader): Record<string, unknown> {
	if (header.type === 'text') return { type: 'text', text: header.text };
	return { type: header.type, [header.type]: { link: header.link } };
}

/** A short description of what a message says, for logs and error texts (never the whole body). */
export function describeContent(content: Content): string {
	if (content.kind === 'text') return 'text';
	if (content.kind === 'image') return 'image';
	return `buttons (${content.buttons.length})`;
}

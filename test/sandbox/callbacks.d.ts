// Types for reusing the sandbox's callback body builders from TypeScript.

import type { ProviderName } from './server';

export type CallbackEvent =
	| { kind: 'status'; status: string; messageId: string; recipient: string; error?: { code: number | string; message: string; details?: string }; ref?: string; wamid?: string }
	| { kind: 'message'; from: string; text: string; messageId?: string }
	| { kind: 'button_reply'; from: string; id: string; title: string; contextMessageId?: string; messageId?: string }
	| { kind: 'quick_reply'; from: string; payload: string; text: string; contextMessageId?: string; messageId?: string }
	| { kind: 'list_reply'; from: string; id: string; title: string; description?: string; contextMessageId?: string; messageId?: string }
	| {
			kind: 'media';
			from: string;
			mediaType: 'image' | 'document' | 'video' | 'audio' | 'sticker';
			/** The provider's link to the file (Kaleyra's extra_info.media_url, Gupshup v2's payload.url); Insider and Gupshup v3 send none. */
			url?: string;
			mimeType?: string;
			caption?: string;
			filename?: string;
			mediaId?: string;
			sha256?: string;
			messageId?: string;
	  }
	/** Meta's reaction: `reactedTo` is the wamid reacted to; no emoji = removed. Not for Gupshup v2. */
	| { kind: 'reaction'; from: string; reactedTo: string; emoji?: string; messageId?: string }
	/** A template's status change (Kaleyra, Gupshup; Insider documents none). */
	| { kind: 'template'; status: string; name: string; language?: string; reason?: string; templateId?: string };

export interface CallbackOptions {
	batch?: boolean;
	gupshupVersion?: 2 | 3;
	now?: number;
	appId?: string;
	appName?: string;
	businessNumber?: string;
	wabaId?: string;
	phoneNumberId?: string;
}

export function buildCallbackBodies(provider: ProviderName, events: CallbackEvent[], opts?: CallbackOptions): Record<string, any>[];
export function wamidFor(messageId: string): string;
/** The event kinds that are a customer's message (all but `status`). */
export const INBOUND_KINDS: Array<Exclude<CallbackEvent['kind'], 'status'>>;
export function createPoster(): {
	post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number | null; error?: string }>;
	close(): void;
};

/** Insider One's WhatsApp API, as its pages document it (test/unit/providers/insider cites them). */
import type { OperationName } from '../../shared/operations';

export const INSIDER_DEFAULT_BASE_URL = 'https://whatsapp.useinsider.com';

// Insider's pages: 10 requests/s for conversational, 1000 for transactional.
export const INSIDER_ENDPOINTS = {
	conversational: {
		path: '/v1/conversational/send',
		requestsPerSecond: 10,
		description: "POST /v1/conversational/send: replies within 24 hours of the user's last message (10 requests/s)",
	},
	transactional: {
		path: '/v1/send',
		requestsPerSecond: 1000,
		description: 'POST /v1/send: transactional messages (1000 requests/s)',
	},
} as const;

export type InsiderEndpoint = keyof typeof INSIDER_ENDPOINTS;

/**
 * The operations that default to the conversational endpoint: text and media (Insider documents text and image
 * there, with its file processes); interactive messages and templates default to transactional, where Insider
 * documents buttons and templates. Both endpoints take every message type.
 */
export const CONVERSATIONAL_OPERATIONS: readonly OperationName[] = [
	'sendText',
	'sendImage',
	'sendDocument',
	'sendVideo',
	'sendAudio',
	'sendLocation',
];

/**
 * The typing indicator, which marks the message read too: `POST /v1/{PHONE_NUMBER_ID}/messages` with Meta's
 * `{ messaging_product: "whatsapp", status: "read", message_id, typing_indicator: { type: "text" } }`, every field
 * required ("Send Typing Indicator for Conversational WhatsApp API",
 * https://academy.insiderone.com/docs/send-typing-indicator-for-conversational-whatsapp-api). Insider documents
 * neither its answer nor a rate: the answer is read as Meta's `{ success: true }`, the rate is the conversational
 * endpoint's 10 requests/s. Insider documents no reactions, link buttons or quoted replies.
 */
export const INSIDER_TYPING = {
	route: 'typingIndicator',
	path: (phoneNumberId: string) => `/v1/${phoneNumberId}/messages`,
	requestsPerSecond: 10,
} as const;

/** The operations Insider documents none of (its node does not offer them). */
export const INSIDER_UNDOCUMENTED: readonly OperationName[] = ['sendReaction', 'sendCtaUrl'];

/**
 * Media upload: `POST /v1/media/upload`, multipart `file`, `type` (MIME) and `messaging_product=whatsapp`, answered
 * `{ id }` ("Transactional WhatsApp Message File Processes",
 * https://academy.insiderone.com/docs/transactional-whatsapp-message-file-processes; Cloud API numbers only). No
 * rate is documented for it: the conversational endpoint's 10 requests/s.
 */
export const INSIDER_UPLOAD = { path: '/v1/media/upload', requestsPerSecond: 10 } as const;

/** Insider documents no maximum of messages a request; 1000 keeps a 10,000-message campaign to ten requests. */
export const INSIDER_BATCH = { max: 1000, default: 1000 } as const;

/** Insider's refusals by the word of its answer's `message`, with what to do about each. */
export const INSIDER_REFUSALS = {
	unauthorized: { status: 401, hint: 'Check the Auth Key in the Insider One API credential' },
	'ip-restricted': {
		status: 403,
		code: 1088,
		hint: 'Insider blocked the request (Cloudflare, code 1088): allow-list the IP address of your n8n host in InOne, or check that no proxy replaces the User-Agent header',
	},
} as const;

// Insider documents no maximum body size; a gateway in front of it may still refuse a large body.
export const INSIDER_TOO_LARGE_HINT = 'The request was too large for Insider: lower Batch Size under Options';

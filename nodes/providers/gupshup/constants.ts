/** Gupshup's Partner API, as its pages document it (test/unit/providers/gupshup cites them). */

export const GUPSHUP_DEFAULT_BASE_URL = 'https://partner.gupshup.io';

export const GUPSHUP_CREDENTIAL = 'gupshupPartnerApi';

/** The Partner API's paths under the base URL, for one app. */
export const gupshupAppPath = (appId: string) => `/partner/app/${appId}`;

// Gupshup's partner rate limits: 10 requests per second for the APIs not listed otherwise.
export const GUPSHUP_REQUESTS_PER_SECOND = 10;

/**
 * Media upload: `POST /partner/app/{appId}/media`, multipart `file_type` (MIME) and `file`, answered
 * `{ mediaId, status: "success" }`; at most 100 MB; 10 requests per second per app ("Generate Media ID Using File
 * Upload", https://partner-docs.gupshup.io/reference/post_partner-app-appid-media; "Partner Rate Limits",
 * https://partner-docs.gupshup.io/docs/partner-rate-limits).
 */
export const GUPSHUP_UPLOAD = { path: '/media', requestsPerSecond: 10 } as const;

/**
 * Mark as read, with the typing indicator if asked: `POST /partner/app/{appId}/v1/event` with
 * `{ type: "message-event", message: { messaging_product, status: "read", message_id, typing_indicator? } }`, answered
 * `{ status: "success" }` ("Mark message as Read/Typing indicator", https://partner-docs.gupshup.io/reference/voicecallaction-1).
 * The page's curl names a form content type for a JSON body; the body is sent as JSON, as the page's "Invalid JSON
 * payload" refusal reads it. Rate: the partner APIs' 10 requests per second.
 */
export const GUPSHUP_EVENTS = { route: 'events', path: '/v1/event', requestsPerSecond: 10 } as const;

/** Gupshup's documented refusals, by their message, with what to do about each. */
export const GUPSHUP_HINTS: Record<string, string> = {
	'Authentication Failed': 'Check the App Token in the Gupshup Partner API credential: it must be the partner app token of this app',
	'Callback Billing must be enabled for this API': 'Enable Callback Billing for the app in the Gupshup Partner Portal',
	'Invalid App Details': 'Check the App ID in the Gupshup Partner API credential',
	'Only CAPI apps allowed to generate media ID': 'Gupshup uploads media only for Cloud API apps: send the file by URL instead',
	'File size exceeds the maximum limit!': 'Gupshup takes files up to 100 MB',
	'Outbound event not supported':
		"Gupshup refused the read event: give the ID of a message this app received (the WhatsApp BSP Trigger's messageId), within 30 days",
};

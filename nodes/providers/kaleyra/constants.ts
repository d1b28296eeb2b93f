/** Kaleyra's WhatsApp API v2, as its pages document it (test/unit/providers/kaleyra cites them). */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimSlash } from '../../shared/json';

/** Kaleyra's pods, by the credential's Region value. */
export const KALEYRA_REGIONS = {
	in: { label: 'India', url: 'https://api.in.kaleyra.io' },
	sg: { label: 'Singapore', url: 'https://api.ap.kaleyra.io' },
	eu: { label: 'EU', url: 'https://api.eu.kaleyra.io' },
	na: { label: 'North America', url: 'https://api.na.kaleyra.ai' },
} as const;

export const KALEYRA_DEFAULT_REGION = 'in';

/** The pod of the credential's region, or its own base URL for the custom region. */
export function kaleyraBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? KALEYRA_DEFAULT_REGION);
	if (region === 'custom') return trimSlash(String(credentials.baseUrl ?? ''));
	return trimSlash(KALEYRA_REGIONS[region as keyof typeof KALEYRA_REGIONS]?.url ?? '');
}

/** The path of a send, after the pod's URL. */
export const kaleyraMessagesPath = (sid: string, businessNumber: string) => `/v2/${sid}/whatsapp/${businessNumber}/messages`;

/**
 * The path of a media upload, after the pod's URL: multipart `file` and `type` (MIME), "Upload Media Files",
 * https://developers.kaleyra.io/docs/whatsapp-api-v2-upload-media-files (postpaid accounts only). Its answer is not
 * on the page: the media ID is read from `data.id`, `data.media_id`, `id` or `media_id`.
 */
export const kaleyraMediaPath = (sid: string, businessNumber: string) => `/v2/${sid}/whatsapp/${businessNumber}/media`;

export const WA_SOURCES = [
	'api',
	'braze',
	'clevertap',
	'eloqua',
	'hubspot',
	'leadsquared',
	'moengage',
	'responsys',
	'salesforce',
	'shopify',
	'webengage',
	'zapier',
	'zoho',
];

export const KALEYRA_REFS = ['ref', 'ref1', 'ref2'] as const;

export const KALEYRA_REF_LIMIT = { max: 255 } as const;

// Kaleyra publishes no figure for WhatsApp API v2; this is a conservative start that the node can raise.
export const KALEYRA_REQUESTS_PER_SECOND = 10;

/** Kaleyra's error codes that say what to do, with the advice; the credential test reports the first three. */
export const KALEYRA_HINTS = {
	RBC001: 'Check the SID and API key in the Kaleyra API credential, and that its region is the pod of your account',
	WA401: "The sender number is not registered to this Kaleyra account: check Business Number in the credential or the node's From option",
	'WA-401': 'WhatsApp API v2 is not enabled for this account or number: ask Kaleyra support to enable it',
	E110: 'Your Kaleyra balance is too low: top up the account on kaleyra.io',
} as const satisfies Record<string, string>;

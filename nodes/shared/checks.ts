/**
 * The checks every operation shares, made before anything is sent: WhatsApp's limits (Meta's Cloud API, which all
 * three providers pass on), links and recipient numbers. Lengths count Unicode code points, as WhatsApp does.
 */

export const WHATSAPP_LIMITS = {
	textBody: { min: 1, max: 4096 },
	caption: { max: 1024 },
	interactiveBody: { min: 1, max: 1024 },
	headerText: { min: 1, max: 60 },
	footerText: { max: 60 },
	buttons: { min: 1, max: 3 },
	buttonTitle: { min: 1, max: 20 },
	buttonId: { min: 1, max: 256 },
	phoneDigits: { min: 8, max: 15 },
	// Interactive list messages (Meta: developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages).
	listBody: { min: 1, max: 4096 },
	listButton: { min: 1, max: 20 },
	listRows: { min: 1, max: 10 },
	listSections: { max: 10 },
	sectionTitle: { min: 1, max: 24 },
	rowTitle: { min: 1, max: 24 },
	rowDescription: { max: 72 },
	rowId: { min: 1, max: 200 },
	// Interactive call-to-action URL messages: the button's label (Meta: …/whatsapp/messages/interactive-cta-url-messages).
	ctaButtonText: { min: 1, max: 20 },
	// Location messages: degrees (Meta: …/whatsapp/messages/location-messages).
	latitude: { min: -90, max: 90 },
	longitude: { min: -180, max: 180 },
} as const;

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

const MB = 1024 * 1024;

/**
 * The media WhatsApp takes, by kind: MIME types and the largest file (Meta's "Supported media types",
 * developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#supported-media-types;
 * Insider's button page repeats them for header media). A megabyte is 1,048,576 bytes.
 */
export const MEDIA_LIMITS: Record<MediaKind, { types: readonly string[]; maxBytes: number; label: string }> = {
	image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB, label: 'images' },
	video: { types: ['video/mp4', 'video/3gpp', 'video/3gp'], maxBytes: 16 * MB, label: 'videos' },
	audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB, label: 'audio' },
	document: {
		types: [
			'application/pdf',
			'text/plain',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * MB,
		label: 'documents',
	},
};

/** One thing wrong with one item: the parameter it concerns and a sentence naming the value's problem and the limit. */
export interface Problem {
	field: string;
	text: string;
}

/** Length in code points (a character outside the BMP counts once, not as two UTF-16 units). */
export function charCount(value: string): number {
	return Array.from(value).length;
}

/** Adds a problem when a value's length is outside the limit; `min` absent means the value is optional. */
export function checkLength(
	problems: Problem[],
	field: string,
	label: string,
	value: string,
	limit: { min?: number; max: number },
): void {
	const length = charCount(value);
	if (limit.min !== undefined && length < limit.min) {
		problems.push({
			field,
			text:
				length === 0
					? `${label} is empty; WhatsApp needs ${limit.min} to ${limit.max} characters`
					: `${label} is ${length} characters; WhatsApp needs at least ${limit.min}`,
		});
	} else if (length > limit.max) {
		problems.push({
			field,
			text: `${label} is ${length} characters; WhatsApp allows at most ${limit.max}`,
		});
	}
}

/** Adds a problem unless `link` is an http or https URL. */
export function checkLink(problems: Problem[], field: string, label: string, link: string): void {
	if (link === '') {
		problems.push({ field, text: `${label} is empty; give an http or https URL` });
		return;
	}
	let protocol = '';
	try {
		protocol = new URL(link).protocol;
	} catch {
		protocol = '';
	}
	if (protocol !== 'http:' && protocol !== 'https:') {
		problems.push({ field, text: `${label} "${link}" is not an http or https URL` });
	}
}

/** A MIME type without its parameters, in lower case: `text/plain; charset=utf-8` → `text/plain`. */
export function baseMimeType(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

/** A size for people: `5.2 MB (5,452,595 bytes)`. */
export function describeSize(bytes: number): string {
	const exact = `${bytes.toLocaleString('en-US')} bytes`;
	return bytes < 1024 * 1024 ? exact : `${(bytes / (1024 * 1024)).toFixed(1)} MB (${exact})`;
}

/** What is wrong with a file of this type and size for WhatsApp media of this kind, or undefined when it fits. */
export function mediaFileProblem(kind: MediaKind, mimeType: string, bytes: number): string | undefined {
	const { types, maxBytes, label } = MEDIA_LIMITS[kind];
	const type = baseMimeType(mimeType);
	if (!types.includes(type)) return `is ${type || 'of no known type'}; WhatsApp sends ${label} as ${types.join(', ')}`;
	if (bytes === 0) return 'is empty';
	if (bytes > maxBytes) return `is ${describeSize(bytes)}; WhatsApp allows ${label} up to ${maxBytes / (1024 * 1024)} MB`;
	return undefined;
}

/** Adds a problem unless `value` is a number (or a numeric text) within the range; returns the number. */
export function checkNumber(
	problems: Problem[],
	field: string,
	label: string,
	value: unknown,
	range: { min: number; max: number },
): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(number)) {
		problems.push({ field, text: `${label} ${value === '' || value === undefined ? 'is empty' : `"${String(value)}" is not a number`}` });
	} else if (number < range.min || number > range.max) {
		problems.push({ field, text: `${label} is ${number}; it must be from ${range.min} to ${range.max}` });
	}
	return number;
}

export type RecipientResult = { e164: string; problem?: undefined } | { e164?: undefined; problem: string };

// What people paste around the digits: spaces (incl. no-break), dashes, dots, slashes, parentheses.
const SEPARATORS = /[\s\u00a0\-.()/]/g;

/**
 * A number to send to, from what people paste (`+1 (415) 555-0100`, `0044 20 7946 0958`, `14155550100`), as E.164
 * (`+14155550100`), or what is wrong with it. A number without `+` or `00` is read as already carrying its country
 * code; a single leading 0 is a national number, which cannot be sent without knowing the country, so it is refused
 * rather than guessed.
 */
export function toE164(raw: string): RecipientResult {
	const compact = raw.replace(SEPARATORS, '');
	if (compact === '') return { problem: 'is empty' };
	let digits: string;
	if (compact.startsWith('+')) digits = compact.slice(1);
	else if (compact.startsWith('00')) digits = compact.slice(2);
	else if (compact.startsWith('0'))
		return { problem: `"${raw}" is a national number; add the country code (e.g. +44…)` };
	else digits = compact;
	if (!/^\d+$/.test(digits)) return { problem: `"${raw}" contains characters other than digits` };
	if (digits.startsWith('0')) return { problem: `"${raw}" has a 0 right after the country prefix` };
	const { min, max } = WHATSAPP_LIMITS.phoneDigits;
	if (digits.length < min || digits.length > max)
		return { problem: `"${raw}" has ${digits.length} digits; E.164 numbers have ${min} to ${max}` };
	return { e164: `+${digits}` };
}

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
} as const;

/** One thing wrong with one item: the parameter it concerns and a sentence naming the value's problem and the limit. */
export interface Problem {
	field: string;
	text: string;
}

export function charCount(value: string): number {
	let count = 0;
	for (const _ of value) count++;
	return count;
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

import { LIMITS } from './limits';

/** What is wrong with a phone number, in words a user can act on, or null. */
export type PhoneResult = { e164: string; problem?: undefined } | { e164?: undefined; problem: string };

// What people paste around the digits: spaces (incl. no-break), dashes, dots, slashes, parentheses.
const SEPARATORS = /[\s\u00a0\-.()/]/g;

/**
 * Turns what people paste (`+1 (415) 555-0100`, `0044 20 7946 0958`, `14155550100`) into E.164 (`+14155550100`).
 * A number without `+` or `00` is read as already carrying its country code; a single leading 0 is a national
 * number, which cannot be sent without knowing the country, so it is refused rather than guessed.
 */
export function normalizePhone(raw: string): PhoneResult {
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
	const { min, max } = LIMITS.phoneDigits;
	if (digits.length < min || digits.length > max)
		return { problem: `"${raw}" has ${digits.length} digits; E.164 numbers have ${min} to ${max}` };
	return { e164: `+${digits}` };
}

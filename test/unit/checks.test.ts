import { toE164 } from '../../nodes/shared/checks';

describe('phone numbers', () => {
	it.each([
		['+1 (415) 555-0100', '+14155550100'],
		['0044 20 7946 0958', '+442079460958'],
		['14155550100', '+14155550100'],
		['+91-98765.43210', '+919876543210'],
		['+49\u00a030 901820', '+4930901820'],
	])('reads %s as %s', (raw, e164) => {
		expect(toE164(raw)).toEqual({ e164 });
	});

	it.each([
		['', 'is empty'],
		['07700 900123', '"07700 900123" is a national number; add the country code (e.g. +44…)'],
		['+1 415 CALL NOW', '"+1 415 CALL NOW" contains characters other than digits'],
		['+0123456789', '"+0123456789" has a 0 right after the country prefix'],
		['+1234567', '"+1234567" has 7 digits; E.164 numbers have 8 to 15'],
		['+1234567890123456', '"+1234567890123456" has 16 digits; E.164 numbers have 8 to 15'],
	])('refuses %j: %s', (raw, problem) => {
		expect(toE164(raw)).toEqual({ problem });
	});
});

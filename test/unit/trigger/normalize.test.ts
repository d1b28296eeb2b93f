/**
 * The shared pieces: timestamps, statuses, phone numbers, errors, structure bounds,
 * and the constant-time secret checks.
 */
import * as crypto from 'crypto';

import {
	authorizationHeader,
	checkBasic,
	checkBearer,
	headerValue,
	isAuthorized,
	safeEqual,
} from '../../../nodes/WhatsAppBspTrigger/auth';
import {
	checkStructure,
	embeddedJson,
	errorForStatus,
	CALLBACK_BOUNDS,
	callbackPhone,
	normalizeStatus,
	normalizeTimestamp,
	readError,
} from '../../../nodes/shared/callbacks/normalize';

// Node's crypto exports cannot be spied on: wrap timingSafeEqual to count its calls.
jest.mock('crypto', () => {
	const actual = jest.requireActual<typeof import('crypto')>('crypto');
	return { ...actual, timingSafeEqual: jest.fn((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => actual.timingSafeEqual(a, b)) };
});
const timingSafeEqual = crypto.timingSafeEqual as unknown as jest.Mock;

describe('normalizeTimestamp: ISO 8601 whatever the provider sent', () => {
	it.each([
		[1710930461, '2024-03-20T10:27:41.000Z'],
		['1710930461', '2024-03-20T10:27:41.000Z'],
		[' 1710930461 ', '2024-03-20T10:27:41.000Z'],
		[1710930461.5, '2024-03-20T10:27:41.500Z'],
		[1710930461123, '2024-03-20T10:27:41.123Z'],
		['1710930461123', '2024-03-20T10:27:41.123Z'],
		[1710930461123456, '2024-03-20T10:27:41.123Z'],
		['1710930461123456789', '2024-03-20T10:27:41.123Z'],
		['2024-03-20T10:27:41Z', '2024-03-20T10:27:41.000Z'],
		['2024-03-20T12:27:41+02:00', '2024-03-20T10:27:41.000Z'],
		['2024-03-20T10:27:41.123Z', '2024-03-20T10:27:41.123Z'],
		['2024-03-20 10:27:41', '2024-03-20T10:27:41.000Z'],
		['2024-03-20T10:27', '2024-03-20T10:27:00.000Z'],
	])('%p → %s', (input, expected) => {
		expect(normalizeTimestamp(input)).toBe(expected);
	});

	it.each([undefined, null, '', '   ', 'yesterday', 'TIMESTAMP', 0, -5, '0', Infinity, Number.NaN, 1e30, true, {}, [], 'x'.repeat(100)])(
		'%p → null',
		(input) => {
			expect(normalizeTimestamp(input)).toBeNull();
		},
	);
});

describe('normalizeStatus: lower case, dashes', () => {
	it.each([
		['READ', 'read'],
		[' Delivered ', 'delivered'],
		['not_sent', 'not-sent'],
		['Not Sent', 'not-sent'],
		['not-sent', 'not-sent'],
		['NOTSENT', 'not-sent'],
		['enqueued', 'enqueued'],
	])('%p → %s', (input, expected) => {
		expect(normalizeStatus(input)).toBe(expected);
	});

	it('nothing for what is no word; long words are cut', () => {
		expect(normalizeStatus('')).toBeNull();
		expect(normalizeStatus('  ')).toBeNull();
		expect(normalizeStatus(3)).toBeNull();
		expect(normalizeStatus(null)).toBeNull();
		expect(normalizeStatus('a'.repeat(1000))).toHaveLength(CALLBACK_BOUNDS.maxStatusLength);
	});
});

describe('callbackPhone: E.164 with + when it is a number, else as sent', () => {
	it.each([
		['919876543210', '+919876543210'],
		['+905321234567', '+905321234567'],
		['+1 (415) 555-0100', '+14155550100'],
		[919876543210, '+919876543210'],
		['9191****873', '9191****873'],
		['callbackSetPhone', 'callbackSetPhone'],
		['', null],
		[undefined, null],
	])('%p → %p', (input, expected) => {
		expect(callbackPhone(input)).toBe(expected);
	});
});

describe('readError: { code, message } from each provider\'s shape', () => {
	it.each([
		[[{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours.' } }], { code: '131047', message: 'Re-engagement message: More than 24 hours.' }],
		[[{ code: 131026, title: 'Message undeliverable' }], { code: '131026', message: 'Message undeliverable' }],
		[{ message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'x' }, { code: '100', message: '(#100) Invalid parameter' }],
		[{ code: 1002, reason: 'Number Not Exist On WhatsApp' }, { code: '1002', message: 'Number Not Exist On WhatsApp' }],
		[{ error_code: 'E110', error_message: 'Low balance' }, { code: 'E110', message: 'Low balance' }],
		[{ code: 'WA500' }, { code: 'WA500', message: 'Error WA500' }],
		['plain words', { code: null, message: 'plain words' }],
	])('%j', (input, expected) => {
		expect(readError(input)).toEqual(expected);
	});

	it.each([undefined, null, '', [], [null], {}, { code: '', reason: '' }, 42])('%j → null', (input) => {
		expect(readError(input)).toBeNull();
	});

	it('failed and not-sent always carry an error; other statuses only the provider\'s', () => {
		expect(errorForStatus('failed', null)).toEqual({ code: null, message: 'The provider reported the message as failed without details' });
		expect(errorForStatus('not-sent', null)?.message).toMatch(/not-sent/);
		expect(errorForStatus('delivered', null)).toBeNull();
		expect(errorForStatus('delivered', { code: '1', message: 'x' })).toEqual({ code: '1', message: 'x' });
	});
});

describe('checkStructure: bounded walk, no recursion', () => {
	const nest = (levels: number): unknown => {
		let value: unknown = 'leaf';
		for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
		return value;
	};

	it('accepts the depth of real callbacks and refuses deeper', () => {
		expect(checkStructure(nest(CALLBACK_BOUNDS.maxDepth - 1))).toBeNull();
		expect(checkStructure(nest(CALLBACK_BOUNDS.maxDepth + 1))).toBe(`The body is nested deeper than ${CALLBACK_BOUNDS.maxDepth} levels`);
	});

	it('a million levels do not overflow the stack', () => {
		expect(checkStructure(nest(1_000_000))).toMatch(/nested deeper/);
	});

	it('refuses more values than the bound', () => {
		expect(checkStructure(new Array(CALLBACK_BOUNDS.maxNodes + 1).fill(0))).toMatch(/more than/);
		expect(checkStructure(new Array(1000).fill({ a: 1 }))).toBeNull();
	});

	it('embedded JSON is parsed only when it is bounded JSON', () => {
		expect(embeddedJson('{"a":1}')).toEqual({ a: 1 });
		expect(embeddedJson({ a: 1 })).toEqual({ a: 1 });
		expect(embeddedJson('{broken')).toBeUndefined();
		expect(embeddedJson('plain')).toBeUndefined();
		expect(embeddedJson(`${'['.repeat(100)}${']'.repeat(100)}`)).toBeUndefined();
	});
});

describe('secret checks', () => {
	it('compare SHA-256 digests with crypto.timingSafeEqual', () => {
		timingSafeEqual.mockClear();
		expect(safeEqual('short', 'a much longer secret value')).toBe(false);
		expect(timingSafeEqual).toHaveBeenCalledTimes(1);
		const [a, b] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
		expect([a.length, b.length]).toEqual([32, 32]);
		expect(safeEqual('same', 'same')).toBe(true);
	});

	it('basic auth compares user and password both, always', () => {
		timingSafeEqual.mockClear();
		const header = `Basic ${Buffer.from('wrong:secret').toString('base64')}`;
		expect(checkBasic(header, 'user', 'secret')).toBe(false);
		expect(timingSafeEqual).toHaveBeenCalledTimes(2);
	});

	it('bearer', () => {
		expect(checkBearer('Bearer abc', 'abc')).toBe(true);
		expect(checkBearer('BEARER   abc  ', 'abc')).toBe(true);
		expect(checkBearer('Bearer abc', ' abc\n')).toBe(true);
		expect(checkBearer('Bearer ', '')).toBe(false);
		expect(checkBearer('abc', 'abc')).toBe(false);
		expect(checkBearer('Token abc', 'abc')).toBe(false);
	});

	it('basic: a password may hold colons, the user may not be empty with the password', () => {
		const header = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
		expect(checkBasic(header('u:p:q'), 'u', 'p:q')).toBe(true);
		expect(checkBasic(header(':'), '', '')).toBe(false);
		expect(checkBasic('Basic', 'u', 'p')).toBe(false);
	});

	it('isAuthorized, header lookup and the header for Gupshup\'s meta', () => {
		expect(isAuthorized('none', '', {})).toBe(true);
		expect(isAuthorized('bearerToken', 'Bearer tok_9f2c41d7e8a64b0c', { token: 'tok_9f2c41d7e8a64b0c' })).toBe(true);
		// A short secret is refused even when the callback carries it: a 1-character token can be guessed.
		expect(isAuthorized('bearerToken', 'Bearer t', { token: 't' })).toBe(false);
		expect(isAuthorized('bearerToken', 'Bearer 0123456789abcde', { token: '0123456789abcde' })).toBe(false);
		expect(isAuthorized('basicAuth', `Basic ${Buffer.from('u:p').toString('base64')}`, { user: 'u', password: 'p' })).toBe(false);
		expect(isAuthorized('bearerToken', 'Bearer t', { token: 42 })).toBe(false);
		expect(headerValue({ authorization: ['Bearer a', 'Bearer b'] }, 'Authorization')).toBe('Bearer a');
		expect(headerValue({}, 'authorization')).toBe('');
		expect(authorizationHeader('bearerToken', { token: ' t ' })).toBe('Bearer t');
		expect(authorizationHeader('basicAuth', { user: 'u', password: 'p' })).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
		expect(authorizationHeader('none', {})).toBeUndefined();
	});
});

/**
 * Checks the secret a callback carries. Values are compared as SHA-256 digests with
 * crypto.timingSafeEqual: equal-length buffers whatever the input, so that neither the
 * time taken nor an early exit tells how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'crypto';

export type AuthMode = 'none' | 'bearerToken' | 'basicAuth';

export const AUTH_CREDENTIALS: Record<Exclude<AuthMode, 'none'>, string> = {
	bearerToken: 'whatsAppBspCallbackBearerApi',
	basicAuth: 'whatsAppBspCallbackBasicApi',
};

export interface CallbackSecrets {
	token?: unknown;
	user?: unknown;
	password?: unknown;
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time string equality (both sides hashed to 32 bytes first). */
export function safeEqual(presented: string, expected: string): boolean {
	return timingSafeEqual(digest(presented), digest(expected));
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The first value of a header, as n8n hands headers over (lower-case names). */
export function headerValue(headers: Record<string, unknown>, name: string): string {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
	return typeof value === 'string' ? value : '';
}

/** `Authorization: Bearer <token>`; an empty configured token never matches. */
export function checkBearer(authorization: string, token: string): boolean {
	const match = /^Bearer[ \t]+(.*)$/i.exec(authorization.trim());
	const matches = safeEqual(match ? match[1].trim() : '', token.trim());
	return match !== null && token.trim() !== '' && matches;
}

/** `Authorization: Basic base64(user:password)`; both parts are always compared. */
export function checkBasic(authorization: string, user: string, password: string): boolean {
	const match = /^Basic[ \t]+([A-Za-z0-9+/=_-]+)$/i.exec(authorization.trim());
	const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const colon = decoded.indexOf(':');
	const userMatches = safeEqual(colon >= 0 ? decoded.slice(0, colon) : '', user);
	const passwordMatches = safeEqual(colon >= 0 ? decoded.slice(colon + 1) : '', password);
	return colon >= 0 && (user !== '' || password !== '') && userMatches && passwordMatches;
}

/** Callback secrets shorter than this are refused: the trigger's URL is public, and a short secret can be guessed. */
export const MIN_SECRET_LENGTH = 16;

/** Why the configured secret cannot protect callbacks (too short, or a user HTTP Basic cannot carry), or undefined. */
export function weakSecret(mode: AuthMode, secrets: CallbackSecrets): string | undefined {
	if (mode === 'bearerToken') {
		const length = asText(secrets.token).trim().length;
		if (length < MIN_SECRET_LENGTH) return `the Bearer token has ${length} characters; use a random token of at least ${MIN_SECRET_LENGTH}`;
	}
	if (mode === 'basicAuth') {
		const user = asText(secrets.user);
		const length = asText(secrets.password).length;
		if (user === '') return 'the Basic Auth user is empty';
		if (user.includes(':')) return 'HTTP Basic auth does not allow ":" in the user';
		if (length < MIN_SECRET_LENGTH) return `the Basic Auth password has ${length} characters; use a random password of at least ${MIN_SECRET_LENGTH}`;
	}
	return undefined;
}

/** Whether the request's Authorization header carries the configured secret; a weak secret never matches. */
export function isAuthorized(mode: AuthMode, authorization: string, secrets: CallbackSecrets): boolean {
	if (weakSecret(mode, secrets) !== undefined) return false;
	if (mode === 'bearerToken') return checkBearer(authorization, asText(secrets.token));
	if (mode === 'basicAuth') return checkBasic(authorization, asText(secrets.user), asText(secrets.password));
	return true;
}

/** The Authorization header a provider must send for `mode`, e.g. in Gupshup's subscription meta. */
export function authorizationHeader(mode: AuthMode, secrets: CallbackSecrets): string | undefined {
	if (mode === 'bearerToken') return `Bearer ${asText(secrets.token).trim()}`;
	if (mode === 'basicAuth') {
		return `Basic ${Buffer.from(`${asText(secrets.user)}:${asText(secrets.password)}`, 'utf8').toString('base64')}`;
	}
	return undefined;
}

/** The WWW-Authenticate challenge of a 401 answer. */
export function challenge(mode: AuthMode): string {
	return mode === 'basicAuth' ? 'Basic realm="whatsapp-bsp-trigger"' : 'Bearer realm="whatsapp-bsp-trigger"';
}

/** When and how long to wait before sending a request again. Pure functions: the schedule is tested without clocks. */

export const BACKOFF = { baseMs: 500, maxMs: 30_000 } as const;

/** Beyond this a Retry-After is not waited for: the request fails and says how long the provider asked for. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * What a failed answer says about the request: `retry` when the provider did not process it (429 Too Many Requests,
 * 503 Service Unavailable), `uncertain` when it may have (500, and 502 and 504: a gateway answered for a server that
 * may have taken the request before failing or timing out), `final` for the rest (another 4xx fails the same way).
 */
export function statusVerdict(statusCode: number): 'retry' | 'uncertain' | 'final' {
	if (statusCode === 429 || statusCode === 503) return 'retry';
	if (statusCode >= 500) return 'uncertain';
	return 'final';
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of many
 * concurrent requests spread out yet never fire at once. `retry` counts from 1.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
	const step = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (retry - 1));
	return Math.round(step / 2 + random() * (step / 2));
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	// An HTTP date always names its weekday and month; anything else (e.g. "-1") is unreadable.
	const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

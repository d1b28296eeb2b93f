import {
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import type { SendFailure } from './errors';
import { parseJsonText } from './json';
import type { RequestPacer } from './rate-limit';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry';

export type RequestOutcome = { ok: true; statusCode: number; body: unknown } | { ok: false; failure: SendFailure };

/** Everything one request needs besides the request itself; built once per execution. */
export interface Transport {
	ctx: IExecuteFunctions;
	/** Names the account (provider and credential id, never a secret) whose pacers executions share; none: unshared. */
	account?: string;
	adapter: ProviderAdapter;
	credentials: ICredentialDataDecryptedObject;
	/** The credential read once per execution, so that n8n does not load and decrypt it for every request. */
	credentialOptions: IAdditionalCredentialOptions;
	maxRetries: number;
	/** How long a request is retried while the provider answers 429. */
	throttleBudgetMs: number;
	random: () => number;
	now: () => number;
	wait: (ms: number) => Promise<void>;
	/** The execution's cancel signal: a request waiting for its turn stops waiting. */
	cancel?: AbortSignal;
}

// Failures where the request may not have reached the provider: safe to send again.
const CONNECTION_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

const REQUEST_TIMEOUT_MS = 60_000;

// A 429 without Retry-After waits at most 2 s before it queues again: the pacer, not the wait, slows the account
// down (it lowers its rate while 429s are frequent), and a longer wait only leaves slots unused at the end of a burst.
const THROTTLE_BACKOFF_STEPS = 3;

/** Sent with every request: Insider's Cloudflare blocks missing or generic User-Agents (error 1088). */
export const USER_AGENT = 'n8n-nodes-whatsapp-bsp (+https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp)';

/** What a request that never left says: its execution was cancelled while it waited for its turn. */
export function cancelledFailure(): SendFailure {
	const message = 'not sent: the execution was cancelled while the request waited for its turn';
	return { httpCode: null, providerCode: null, message, body: undefined };
}

/** The connection error code behind an error that n8n's request helper wrapped, if it is one. */
export function connectionErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
		if (typeof message === 'string') {
			const named = [...CONNECTION_CODES].find((name) => message.includes(name));
			if (named) return named;
			if (message.includes('socket hang up')) return 'ECONNRESET';
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** One try; what it threw is handed back rather than rethrown, so the caller decides whether to retry. */
async function attempt(
	{ ctx, adapter, credentialOptions }: Transport,
	request: IHttpRequestOptions,
): Promise<{ response: FullResponse } | { thrown: unknown }> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			adapter.credentialType,
			{ ...request, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: REQUEST_TIMEOUT_MS },
			credentialOptions,
		)) as FullResponse;
		return { response };
	} catch (thrown) {
		return { thrown };
	}
}

/**
 * Sends one request through n8n's authenticated request helper, retrying only what is safe to retry. A 429 means
 * the provider did nothing, so it is retried until `throttleBudgetMs` has passed since the first 429 (Retry-After
 * honoured); a 5xx or a lost connection may have been processed, so those are retried at most `maxRetries` times.
 */
export async function sendWithRetries(
	transport: Transport,
	request: IHttpRequestOptions | (() => IHttpRequestOptions),
	pacer: RequestPacer,
): Promise<RequestOutcome> {
	const { adapter, maxRetries, now, random } = transport;
	let failure: SendFailure | undefined;
	let delayMs = 0;
	let pauseAll = false;
	let retries = 0;
	let throttledAnswers = 0;
	let throttledSince: number | undefined;
	let built: IHttpRequestOptions | undefined;
	for (;;) {
		if (failure) {
			// A 429 with Retry-After, or one of many, means the whole account is too fast: hold every request back.
			if (pauseAll) pacer.pauseUntil(now() + delayMs);
			await transport.wait(delayMs);
		}
		const departure = await pacer.take(transport.cancel);
		if (!departure) return { ok: false, failure: cancelledFailure() };
		// A request given as a function is made when it first leaves (a shared request takes messages until then).
		built ??= typeof request === 'function' ? request() : request;
		const sent = await attempt(transport, built);
		if ('thrown' in sent) {
			const code = connectionErrorCode(sent.thrown);
			if (!code) throw sent.thrown;
			failure = { httpCode: null, providerCode: null, message: `no answer from ${adapter.displayName} (${code})`, body: undefined };
			pauseAll = false;
			if (++retries > maxRetries) break;
			delayMs = backoffDelay(retries, random);
			continue;
		}
		const { response } = sent;
		const throttled = response.statusCode === 429;
		pauseAll = pacer.answered(departure, throttled) || (throttled && response.headers?.['retry-after'] !== undefined);
		const body = parseJsonText(response.body);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return { ok: true, statusCode: response.statusCode, body };
		}
		failure = { httpCode: response.statusCode, ...adapter.readFailure(response.statusCode, body), body };
		if (!isRetryableStatus(response.statusCode)) break;
		const retryAfterMs = parseRetryAfter(response.headers?.['retry-after'], now());
		if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
			failure.hint = `${adapter.displayName} asked to wait ${Math.round(retryAfterMs / 1000)} s before trying again, longer than this node waits`;
			break;
		}
		if (throttled) {
			throttledSince ??= now();
			delayMs = retryAfterMs ?? backoffDelay(Math.min(++throttledAnswers, THROTTLE_BACKOFF_STEPS), random);
			const waitedMs = now() - throttledSince;
			if (waitedMs + delayMs > transport.throttleBudgetMs) {
				failure.hint =
					`${adapter.displayName} answered 429 (too many requests) for ${Math.round(waitedMs / 1000)} s, longer than ` +
					'"Max Wait on 429" under Options allows. A 429 means nothing was sent, so the message can be sent again; ' +
					'raise that option or lower Requests per Second';
				break;
			}
		} else {
			if (++retries > maxRetries) break;
			delayMs = retryAfterMs ?? backoffDelay(retries, random);
		}
	}
	return { ok: false, failure };
}

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
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, statusVerdict } from './retry';

export type RequestOutcome = { ok: true; statusCode: number; body: unknown } | { ok: false; failure: SendFailure };

/** Everything one request needs besides the request itself; built once per execution. */
export interface Transport {
	ctx: IExecuteFunctions;
	/** The sharing key of ./account.ts (provider, credential id, digest of its resolved data); none: unshared. */
	account?: string;
	adapter: ProviderAdapter;
	credentials: ICredentialDataDecryptedObject;
	/** The credential read once per execution, so that n8n does not load and decrypt it for every request. */
	credentialOptions: IAdditionalCredentialOptions;
	maxRetries: number;
	/**
	 * A failure after which the provider may have accepted the request: `report` it as such without sending again (a
	 * message could arrive twice), `retry` it as the user asked (Retry Uncertain Failures), or retry it as `harmless`
	 * when a second copy does no harm (an upload: at worst an unused media ID).
	 */
	onUncertain: 'report' | 'retry' | 'harmless';
	/** How long a request is retried while the provider answers 429, and the longest it waits for its turn. */
	throttleBudgetMs: number;
	random: () => number;
	now: () => number;
	wait: (ms: number) => Promise<void>;
	/** The execution's cancel signal: a request waiting for its turn stops waiting. */
	cancel?: AbortSignal;
}

// Failures before the request was written: it never reached the provider, so it is always safe to send again.
const NOT_SENT_CODES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
] as const;

// Failures on a connection that carried the request: the provider may have taken it and lost only its answer
// (reset, hang-up, the 60 s timeout), so sending again may send twice.
const MAYBE_SENT_CODES = ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET'] as const;

const REQUEST_TIMEOUT_MS = 60_000;

// The least a request waits for its turn at the credential's rate before it fails as late, whatever Max Wait on 429
// says (0 there only stops retrying 429s): a queue of several executions' requests at a low documented rate.
const MIN_TURN_WAIT_MS = 60_000;

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

export type ConnectionFailure = { code: string; sent: 'never' | 'maybe' };

/** The connection failure behind an error that n8n's request helper wrapped, if it is one, and whether it can have reached the provider. */
export function connectionFailure(error: unknown): ConnectionFailure | undefined {
	const known = (text: string): ConnectionFailure | undefined => {
		const never = NOT_SENT_CODES.find((code) => text.includes(code));
		if (never) return { code: never, sent: 'never' };
		const maybe = MAYBE_SENT_CODES.find((code) => text.includes(code));
		if (maybe) return { code: maybe, sent: 'maybe' };
		return text.includes('socket hang up') ? { code: 'ECONNRESET', sent: 'maybe' } : undefined;
	};
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const { code, message, syscall, messages } = current as { code?: unknown; message?: unknown; syscall?: unknown; messages?: unknown };
		// n8n 1.x's NodeApiError keeps the original error only in `messages` (its own message is a generic one).
		const texts = [code, message, ...(Array.isArray(messages) ? messages : [])].filter((text): text is string => typeof text === 'string');
		const found = texts.map(known).find((result) => result !== undefined);
		// Node names the system call: a failed `connect` (refused, or timed out before a connection existed) wrote nothing.
		const connecting = syscall === 'connect' || texts.some((text) => text.startsWith('connect '));
		if (found) return connecting ? { code: found.code, sent: 'never' } : found;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * A failure after which the provider may have accepted the request: it says so, and how to find out before sending
 * again (unless a second copy is harmless, when the provider's own words are enough).
 */
export function uncertainFailure(
	{ adapter, onUncertain }: Transport,
	what: string,
	answer: { httpCode: number | null; providerCode: string | null; body: unknown } = { httpCode: null, providerCode: null, body: undefined },
): SendFailure {
	if (onUncertain === 'harmless') return { ...answer, message: what };
	const check = `check before sending again: ${adapter.uncertainHint ?? "the WhatsApp BSP Trigger's delivery statuses show whether it arrived"}`;
	return {
		...answer,
		message: `${what}; the request may have been accepted by ${adapter.displayName}`,
		hint:
			onUncertain === 'retry'
				? `It was sent again as often as Max Retries allows, so it may have arrived more than once; ${check}`
				: `It was not sent again, since that could deliver it twice; ${check}. To send such requests again automatically, at that risk, switch on "Retry Uncertain Failures" under Options`,
	};
}

/**
 * The context a request is made through. n8n's request helper aborts a request when the context's execution is
 * cancelled (it reads `getExecutionCancelSignal`): a request shared by several executions passes its own signal,
 * which aborts only when every one of them is cancelled.
 */
function requestContext(ctx: IExecuteFunctions, signal: AbortSignal | undefined): IExecuteFunctions {
	if (signal === undefined || signal === ctx.getExecutionCancelSignal?.()) return ctx;
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as IExecuteFunctions;
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** One try; what it threw is handed back rather than rethrown, so the caller decides whether to retry. */
async function attempt(
	{ ctx, adapter, credentialOptions, cancel }: Transport,
	request: IHttpRequestOptions,
): Promise<{ response: FullResponse } | { thrown: unknown }> {
	try {
		const through = requestContext(ctx, cancel);
		const response = (await through.helpers.httpRequestWithAuthentication.call(
			through,
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
 * Sends one request through n8n's authenticated request helper, sending it again only when that cannot send a
 * message twice: a 429 or 503 (the provider did nothing; a 429 is retried until `throttleBudgetMs` has passed since
 * the first, with Retry-After honoured) and a connection that failed before the request was written (at most
 * `maxRetries` times). A failure after which the provider may have accepted it (a lost answer, a timeout, 500, 502,
 * 504, a cancel while under way) is final and says so, unless `retryUncertain` asks for those to be retried too.
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
		const turn = await pacer.take(transport.cancel, turnWaitMs(transport));
		if (turn === 'cancelled') return { ok: false, failure: cancelledFailure() };
		if (turn === 'late') return { ok: false, failure: lateFailure(transport, pacer) };
		// A request given as a function is made when it first leaves (a shared request takes messages until then).
		built ??= typeof request === 'function' ? request() : request;
		const sent = await attempt(transport, built);
		if ('thrown' in sent) {
			if (transport.cancel?.aborted) {
				return { ok: false, failure: uncertainFailure(transport, 'the execution was cancelled while the request was under way') };
			}
			const lost = connectionFailure(sent.thrown);
			if (!lost) throw sent.thrown;
			failure =
				lost.sent === 'never'
					? { httpCode: null, providerCode: null, message: `no connection to ${adapter.displayName} (${lost.code})`, body: undefined }
					: uncertainFailure(transport, `no answer from ${adapter.displayName} (${lost.code})`);
			pauseAll = false;
			if ((lost.sent === 'maybe' && transport.onUncertain === 'report') || ++retries > maxRetries) break;
			delayMs = backoffDelay(retries, random);
			continue;
		}
		const { response } = sent;
		const throttled = response.statusCode === 429;
		pauseAll = pacer.answered(turn, throttled) || (throttled && response.headers?.['retry-after'] !== undefined);
		const body = parseJsonText(response.body);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return { ok: true, statusCode: response.statusCode, body };
		}
		const refusal = adapter.readFailure(response.statusCode, body);
		const verdict = statusVerdict(response.statusCode);
		failure = { httpCode: response.statusCode, ...refusal, body };
		if (verdict === 'final') break;
		if (verdict === 'uncertain') {
			const answer = { httpCode: response.statusCode, providerCode: refusal.providerCode, body };
			failure = uncertainFailure(transport, refusal.message || `HTTP ${response.statusCode}`, answer);
			if (transport.onUncertain === 'report') break;
		}
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

/** How long a request may wait for its turn at the pacer. */
function turnWaitMs(transport: Transport): number {
	return Math.max(transport.throttleBudgetMs, MIN_TURN_WAIT_MS);
}

/** What a request says that would wait longer for its turn than the node allows (a very low rate on the credential). */
function lateFailure(transport: Transport, pacer: RequestPacer): SendFailure {
	const { adapter } = transport;
	const message =
		`not sent: its turn would come more than ${Math.round(turnWaitMs(transport) / 1000)} s after it asked, longer than "Max Wait on ` +
		`429" under Options allows (at least ${MIN_TURN_WAIT_MS / 1000} s); requests on this credential leave at ${pacer.currentRate} per second, the ` +
		'lowest "Requests per Second" of the workflows using it in this n8n instance';
	return {
		httpCode: null,
		providerCode: null,
		message,
		hint: `Nothing was sent, so the message can be sent again: raise "Requests per Second" where a workflow on this ${adapter.displayName} credential lowered it, or raise "Max Wait on 429"`,
		body: undefined,
	};
}

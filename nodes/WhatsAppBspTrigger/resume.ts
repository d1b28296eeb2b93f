/**
 * Send and Wait taps: a button or list reply whose ID is a signed reference (shared/wait/reference.ts) resumes the
 * waiting execution through n8n's waiting-webhook endpoint of this instance. n8n checks the signature (with its own
 * secret) and the execution's state; the node's webhook checks the wait's nonce. This module only decides whether
 * to ask, asks its own instance (never a host from the callback), and says what came of it.
 */
import { sleep, type IDataObject, type INodeProperties, type IWebhookFunctions } from 'n8n-workflow';

import { looksLikeReference, parseReference, phoneDigits, resumeUrl } from '../shared/wait/reference';
import type { TriggerItem } from './callbacks/index';

export const RESUME_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Emit Send and Wait Taps',
		name: 'emitResumedTaps',
		type: 'boolean',
		default: true,
		description:
			'Whether a tap that resumed a waiting Send and Wait for Reply execution also starts this workflow, as an ordinary button or list reply (with sendAndWait.resumed true)',
	},
	{
		displayName: 'Emit Ignored Send and Wait Taps',
		name: 'emitIgnoredTaps',
		type: 'boolean',
		default: false,
		description:
			'Whether a tap on a Send and Wait button that resumed nothing starts this workflow, with sendAndWait.reason saying why: a forged or altered reference, a second tap, a tap from another number than the one asked, an execution no longer waiting, or a callback without Authentication',
	},
];

/** What came of one tap, on its item as `sendAndWait`. */
export interface TapOutcome extends IDataObject {
	resumed: boolean;
	executionId: string | null;
	reason: string | null;
}

/** n8n's answer to the resume request. */
export interface ResumeAnswer {
	status: number;
	body: unknown;
}

export type ResumeCall = (url: string, body: IDataObject) => Promise<ResumeAnswer>;

/**
 * The provider has its 2xx already and will not post the tap again, so a resume request that n8n could not take
 * (a lost connection, a 5xx such as "Database is not ready" under load) is made again: n8n refuses a second resume
 * of an execution that has gone on, so asking again never resumes twice. Pauses in ms before each new attempt.
 */
export const RESUME_RETRY_PAUSES_MS = [250, 1000, 2000, 4000, 8000] as const;

const isTransient = (answer: ResumeAnswer) => answer.status >= 500;

export const IGNORED = {
	unauthenticated: 'The trigger has no Authentication, so the tap may not come from the provider; Send and Wait taps resume executions only on authenticated callbacks',
	malformed: 'The button or row ID looks like a Send and Wait reference but is not a valid one',
	noSender: 'The callback names no sender for the tap',
	noInstanceUrl: "This n8n instance's waiting-webhook URL could not be read",
	refused: "n8n refused the reference's signature: it was forged or altered, or the tap came from another number than the one asked",
	notFound: 'No such execution, or it no longer has this Send and Wait node',
	noLongerWaiting: 'The execution no longer waits for this tap (it was answered already, or it finished)',
} as const;

/** The ID of the Send and Wait choice an item's tap carries, or null for any other event. */
export function tapReferenceId(item: TriggerItem): string | null {
	const id = item.buttonReply?.id ?? item.listReply?.id;
	return typeof id === 'string' && looksLikeReference(id) ? id : null;
}

function reasonOf(answer: ResumeAnswer): string {
	const body = typeof answer.body === 'object' && answer.body !== null ? (answer.body as IDataObject) : {};
	if (answer.status === 401 || answer.status === 403) return IGNORED.refused;
	if (answer.status === 404) return IGNORED.notFound;
	const said = typeof body.reason === 'string' ? body.reason : typeof body.message === 'string' ? body.message : '';
	if (answer.status === 409) return said || IGNORED.noLongerWaiting;
	// n8n answers 200 with a "no action required" page for a Send and Wait execution that has finished.
	if (answer.status >= 200 && answer.status < 300) return IGNORED.noLongerWaiting;
	return `n8n answered ${answer.status}${said ? `: ${said}` : ''}`;
}

/** The trigger's decision for one tap, and the resume request when it makes one. */
export async function resumeTap(
	item: TriggerItem,
	referenceId: string,
	authenticated: boolean,
	waitingBase: string | null,
	call: ResumeCall,
	wait: (ms: number) => Promise<void> = sleep,
): Promise<TapOutcome> {
	const reference = parseReference(referenceId);
	const ignored = (reason: string): TapOutcome => ({ resumed: false, executionId: reference?.executionId ?? null, reason });
	if (!authenticated) return ignored(IGNORED.unauthenticated);
	if (!reference) return ignored(IGNORED.malformed);
	const from = phoneDigits(item.from ?? '');
	if (from === '') return ignored(IGNORED.noSender);
	if (waitingBase === null) return ignored(IGNORED.noInstanceUrl);
	const url = resumeUrl(waitingBase, reference, from);
	let answer: ResumeAnswer | undefined;
	let failure = '';
	for (let attempt = 0; attempt <= RESUME_RETRY_PAUSES_MS.length; attempt++) {
		if (attempt > 0) await wait(RESUME_RETRY_PAUSES_MS[attempt - 1]);
		try {
			answer = await call(url, { respondedAt: item.timestamp });
			if (!isTransient(answer)) break;
		} catch (error) {
			answer = undefined;
			failure = (error as Error).message;
		}
	}
	if (!answer) return ignored(`n8n's waiting-webhook endpoint could not be reached: ${failure}`);
	// An attempt that got no answer may have resumed the execution before n8n refused the next one.
	const unanswered = failure === '' ? '' : ` (an earlier attempt got no answer, "${failure}", and may have resumed it)`;
	const body = answer.body as IDataObject | null;
	if (answer.status === 200 && typeof body === 'object' && body?.resumed === true) {
		return { resumed: true, executionId: reference.executionId, reason: null };
	}
	return ignored(`${reasonOf(answer)}${unanswered}`);
}

/**
 * This instance's waiting-webhook base (…/webhook-waiting), as n8n gives it to expressions ($execution.resumeUrl
 * ends with the execution's ID, a placeholder here): the instance's own configured URL, never the callback's.
 */
function waitingBaseOf(ctx: IWebhookFunctions): string | null {
	try {
		const url = new URL(String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
		url.search = '';
		url.pathname = url.pathname.replace(/\/[^/]*$/, '');
		return url.toString();
	} catch {
		return null;
	}
}

/** Whether any event of a callback is a Send and Wait tap. */
export const hasWaitTaps = (items: TriggerItem[]): boolean => items.some((item) => tapReferenceId(item) !== null);

/**
 * Resumes the executions the callback's taps answer (all at once) and returns the items to emit: every other event
 * as it was, a tap with its `sendAndWait` outcome when the options ask for it.
 */
export async function resumeTaps(ctx: IWebhookFunctions, items: TriggerItem[], authenticated: boolean): Promise<TriggerItem[]> {
	const emitResumed = ctx.getNodeParameter('emitResumedTaps', true) as boolean;
	const emitIgnored = ctx.getNodeParameter('emitIgnoredTaps', false) as boolean;
	const waitingBase = authenticated ? waitingBaseOf(ctx) : null;
	const call: ResumeCall = async (url, body) => {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Under load n8n may take long to answer; an attempt that times out is made again (RESUME_RETRY_PAUSES_MS).
			timeout: 60_000,
		})) as { statusCode: number; body: unknown };
		return { status: response.statusCode, body: response.body };
	};
	const outcomes = await Promise.all(
		items.map(async (item) => {
			const id = tapReferenceId(item);
			return id === null ? null : await resumeTap(item, id, authenticated, waitingBase, call);
		}),
	);
	for (const outcome of outcomes) {
		if (outcome && !outcome.resumed) {
			ctx.logger.info(`WhatsApp BSP Trigger: a Send and Wait tap resumed nothing (execution ${outcome.executionId ?? 'unknown'}): ${outcome.reason}`);
		}
	}
	return items.flatMap((item, index) => {
		const outcome = outcomes[index];
		if (outcome === null) return [item];
		if (outcome.resumed ? !emitResumed : !emitIgnored) return [];
		return [{ ...item, sendAndWait: outcome }];
	});
}

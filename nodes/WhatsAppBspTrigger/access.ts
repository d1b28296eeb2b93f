import type { BodyRead } from './callbacks/body';
import type { CallbackParse, TriggerItem } from './callbacks/index';

/** What the trigger does with one callback. */
export type Verdict =
	| { answer: 'unauthorized' }
	| { answer: 'invalid'; reason: string }
	| { answer: 'accepted'; items: TriggerItem[] };

export interface CallbackFacts {
	/** Whether the request carries the configured secret (always true without authentication). */
	authorized: boolean;
	/** Whether the provider checks a URL without the secret (Gupshup): such a check alone passes without it. */
	checksUrlWithoutSecret: boolean;
	body: BodyRead;
	parse(value: unknown): CallbackParse;
}

/**
 * The trigger's access decision. A request without the secret learns nothing about the body's parsing (it is
 * answered 401 whatever it holds), except a provider's own empty URL check, which starts nothing.
 */
export function judgeCallback(facts: CallbackFacts): Verdict {
	const unauthorized: Verdict = { answer: 'unauthorized' };
	if (!facts.authorized && !facts.checksUrlWithoutSecret) return unauthorized;
	if (!facts.body.ok) return facts.authorized ? { answer: 'invalid', reason: facts.body.reason } : unauthorized;
	const parsed = facts.parse(facts.body.value);
	if (!facts.authorized) {
		const urlCheck = parsed.ok && parsed.connectivityCheck && parsed.items.length === 0;
		return urlCheck ? { answer: 'accepted', items: [] } : unauthorized;
	}
	if (!parsed.ok) return { answer: 'invalid', reason: parsed.reason };
	return { answer: 'accepted', items: parsed.items };
}

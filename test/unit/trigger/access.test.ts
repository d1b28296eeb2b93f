/** The trigger's access decision, case by case: what a callback gets for its secret and its body. */
import { judgeCallback, type Verdict } from '../../../nodes/WhatsAppBspTrigger/access';
import { readJsonBody } from '../../../nodes/WhatsAppBspTrigger/callbacks/body';
import { parseCallback } from '../../../nodes/WhatsAppBspTrigger/callbacks/index';
import { PROVIDERS, type ProviderName } from '../../../nodes/providers';
import { gupshupV3, insider } from '../helpers/trigger-fixtures';

const json = (value: unknown) => readJsonBody({ contentType: 'application/json' }, value);
const junk = readJsonBody({ contentType: 'text/plain', rawBody: Buffer.from('not json') }, 'not json');

function judge(provider: ProviderName, authorized: boolean, body: ReturnType<typeof readJsonBody>): Verdict['answer'] | string {
	const verdict = judgeCallback({
		authorized,
		checksUrlWithoutSecret: PROVIDERS[provider].checksUrlWithoutSecret,
		body,
		parse: (value) => parseCallback(provider, value),
	});
	if (verdict.answer === 'accepted') return `accepted ${verdict.items.length}`;
	if (verdict.answer === 'invalid') return `invalid: ${verdict.reason}`;
	return verdict.answer;
}

describe('judgeCallback', () => {
	it.each<[string, ProviderName, boolean, ReturnType<typeof readJsonBody>, string]>([
		['right secret, a status', 'insider', true, json(insider.sent()), 'accepted 1'],
		['wrong secret, a status', 'insider', false, json(insider.sent()), 'unauthorized'],
		['no secret, a status', 'kaleyra', false, json(insider.sent()), 'unauthorized'],
		['Gupshup: right secret, a status batch', 'gupshup', true, json(gupshupV3.batch()), 'accepted 4'],
		['Gupshup: no secret, a status', 'gupshup', false, json(gupshupV3.batch()), 'unauthorized'],
		['Gupshup: its URL check without the secret', 'gupshup', false, json(gupshupV3.setCallback()), 'accepted 0'],
		['Gupshup: an empty body without the secret', 'gupshup', false, json(undefined), 'accepted 0'],
		['Insider: its empty body without the secret', 'insider', false, json(undefined), 'unauthorized'],
		['junk body with the secret', 'insider', true, junk, 'invalid: The body is not JSON (text/plain)'],
		['junk body without the secret', 'insider', false, junk, 'unauthorized'],
		['Gupshup: junk body without the secret', 'gupshup', false, junk, 'unauthorized'],
		['JSON of no known shape with the secret', 'kaleyra', true, json({ hello: 'world' }), 'invalid: Not a Kaleyra callback: no meta_object, status with message_id, or inbound message'],
		['JSON of no known shape without the secret', 'gupshup', false, json({ hello: 'world' }), 'unauthorized'],
	])('%s', (_case, provider, authorized, body, expected) => {
		expect(judge(provider, authorized, body)).toBe(expected);
	});
});

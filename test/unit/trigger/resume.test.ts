import { generateUrlSignature, prepareUrlForSigning, validateUrlSignature } from 'n8n-core/dist/utils/signature-helpers';
import type { IDataObject } from 'n8n-workflow';

import { formatReference, signatureOf, signedQuery } from '../../../nodes/shared/wait/reference';
import { IGNORED, RESUME_RETRY_PAUSES_MS, resumeTap, tapReferenceId, type ResumeAnswer } from '../../../nodes/WhatsAppBspTrigger/resume';
import type { TriggerItem } from '../../../nodes/WhatsAppBspTrigger/callbacks/index';

const SECRET = 'instance-hmac-secret-for-the-test';
const BASE = 'http://127.0.0.1:5678/webhook-waiting';
const NODE = '52df5f6a-068c-4aaf-897a-ba2ec749e15d';
const ASKED = '+919876543210';
const NONCE = 'Ab3_x-9Q';

type State = 'waiting' | 'running' | 'finished';

/**
 * n8n's waiting-webhook endpoint as 2.41 answers a Send and Wait node (n8n/dist/webhooks/waiting-webhooks.js): 404 for
 * an unknown execution, 401 when the signature does not verify, 409 while it runs, 200 with its "no action required"
 * page once it has finished; else the node's webhook (nonce check) and the execution resumes.
 */
function fakeN8n(states: Map<string, State>) {
	const calls: Array<{ url: string; body: IDataObject }> = [];
	const call = async (url: string, body: IDataObject): Promise<ResumeAnswer> => {
		calls.push({ url, body });
		const parsed = new URL(url);
		const [, , executionId] = parsed.pathname.split('/');
		const state = states.get(executionId);
		if (!state) return { status: 404, body: { code: 404, message: `The execution "${executionId}" does not exist.` } };
		if (!validateUrlSignature(parsed.searchParams.get('signature') ?? '', parsed, SECRET)) return { status: 401, body: '<html>invalid token</html>' };
		if (state === 'running') return { status: 409, body: { code: 409, message: `The execution "${executionId}" is running already.` } };
		if (state === 'finished') return { status: 200, body: '<html>No action required</html>' };
		if (parsed.searchParams.get('n') !== NONCE) return { status: 409, body: { resumed: false, reason: 'The tap answers an earlier question of this node, not the one it waits for' } };
		states.set(executionId, 'running');
		return { status: 200, body: { resumed: true } };
	};
	return { call, calls };
}

/** The ID the node put on choice `choice` of execution `executionId` (n8n-core's signing, as getSignedResumeUrl). */
function referenceId(executionId: string, choice: number, nonce = NONCE): string {
	const url = new URL(`${BASE}/${executionId}/${NODE}`);
	for (const [key, value] of Object.entries(signedQuery(choice, nonce, ASKED.slice(1)))) url.searchParams.set(key, value);
	url.searchParams.set('signature', generateUrlSignature(prepareUrlForSigning(url), SECRET));
	return formatReference({ executionId, nodeId: NODE, choice, nonce, signature: signatureOf(url.toString())! });
}

function tap(id: string, from = ASKED, list = false): TriggerItem {
	return {
		provider: 'kaleyra',
		event: 'message',
		from,
		timestamp: '2026-12-08T10:00:03.000Z',
		buttonReply: list ? null : { id, title: 'Approve' },
		listReply: list ? { id, title: 'Approve', description: null } : null,
	} as unknown as TriggerItem;
}

const swapped = (id: string, index: number, value: string) => id.split('.').map((part, i) => (i === index ? value : part)).join('.');

describe("the trigger's resume decision", () => {
	const refused = { resumed: false, executionId: '41', reason: IGNORED.refused };
	it.each<[string, () => [TriggerItem, boolean, Map<string, State>], IDataObject, number]>([
		['a valid tap resumes', () => [tap(referenceId('41', 0)), true, new Map([['41', 'waiting']])], { resumed: true, executionId: '41', reason: null }, 1],
		['a valid list-row tap resumes', () => [tap(referenceId('41', 1), ASKED, true), true, new Map([['41', 'waiting']])], { resumed: true, executionId: '41', reason: null }, 1],
		['a finished execution (or a second tap)', () => [tap(referenceId('41', 0)), true, new Map([['41', 'finished']])], { resumed: false, executionId: '41', reason: IGNORED.noLongerWaiting }, 1],
		[
			'an execution still running after the first tap',
			() => [tap(referenceId('41', 0)), true, new Map([['41', 'running']])],
			{ resumed: false, executionId: '41', reason: 'The execution "41" is running already.' },
			1,
		],
		['an execution that is gone', () => [tap(referenceId('41', 0)), true, new Map()], { resumed: false, executionId: '41', reason: IGNORED.notFound }, 1],
		['a forged signature', () => [tap(swapped(referenceId('41', 0), 5, 'A'.repeat(43))), true, new Map([['41', 'waiting']])], refused, 1],
		['an altered choice', () => [tap(swapped(referenceId('41', 0), 3, '1')), true, new Map([['41', 'waiting']])], refused, 1],
		['another sender than the one asked', () => [tap(referenceId('41', 0), '+919812345678'), true, new Map([['41', 'waiting']])], refused, 1],
		[
			'an earlier question of the same node',
			() => [tap(referenceId('41', 0, 'Old_none')), true, new Map([['41', 'waiting']])],
			{ resumed: false, executionId: '41', reason: 'The tap answers an earlier question of this node, not the one it waits for' },
			1,
		],
		['an unauthenticated callback', () => [tap(referenceId('41', 0)), false, new Map([['41', 'waiting']])], { resumed: false, executionId: '41', reason: IGNORED.unauthenticated }, 0],
		['junk that looks like a reference', () => [tap('n8nw1.41.<script>.0.x.y'), true, new Map([['41', 'waiting']])], { resumed: false, executionId: null, reason: IGNORED.malformed }, 0],
		['a tap without a sender', () => [tap(referenceId('41', 0), ''), true, new Map([['41', 'waiting']])], { resumed: false, executionId: '41', reason: IGNORED.noSender }, 0],
	])('%s', async (_, given, expected, requests) => {
		const [item, authenticated, states] = given();
		const n8n = fakeN8n(states);
		const id = tapReferenceId(item);
		expect(id).not.toBeNull();
		expect(await resumeTap(item, id!, authenticated, BASE, n8n.call)).toEqual(expected);
		expect(n8n.calls).toHaveLength(requests);
		for (const { url, body } of n8n.calls) {
			// Only ever this instance's own waiting-webhook endpoint, with the tap's time.
			expect(url.startsWith(`${BASE}/41/${NODE}?`)).toBe(true);
			expect(body).toEqual({ respondedAt: '2026-12-08T10:00:03.000Z' });
		}
	});

	it('a replay: the second of two taps resumes nothing', async () => {
		const n8n = fakeN8n(new Map([['41', 'waiting']]));
		const item = tap(referenceId('41', 0));
		expect((await resumeTap(item, tapReferenceId(item)!, true, BASE, n8n.call)).resumed).toBe(true);
		expect(await resumeTap(item, tapReferenceId(item)!, true, BASE, n8n.call)).toEqual({
			resumed: false,
			executionId: '41',
			reason: 'The execution "41" is running already.',
		});
	});

	it('asks again while n8n cannot take the request (5xx, lost connection), then resumes once', async () => {
		const n8n = fakeN8n(new Map([['41', 'waiting']]));
		const answers: Array<() => Promise<ResumeAnswer>> = [
			async () => ({ status: 503, body: { code: 503, message: 'Database is not ready!' } }),
			async () => {
				throw new Error('socket hang up');
			},
		];
		const paused: number[] = [];
		const item = tap(referenceId('41', 0));
		const outcome = await resumeTap(item, tapReferenceId(item)!, true, BASE, (url, body) => answers.shift()?.() ?? n8n.call(url, body), async (ms) => {
			paused.push(ms);
		});
		expect(outcome).toEqual({ resumed: true, executionId: '41', reason: null });
		expect(paused).toEqual(RESUME_RETRY_PAUSES_MS.slice(0, 2));
		expect(n8n.calls).toHaveLength(1);
	});

	it('an unreachable n8n resumes nothing and says so, after the retries', async () => {
		const item = tap(referenceId('41', 0));
		let calls = 0;
		const outcome = await resumeTap(
			item,
			tapReferenceId(item)!,
			true,
			BASE,
			async () => {
				calls++;
				throw new Error('connect ECONNREFUSED 127.0.0.1:5678');
			},
			async () => undefined,
		);
		expect(outcome).toEqual({ resumed: false, executionId: '41', reason: "n8n's waiting-webhook endpoint could not be reached: connect ECONNREFUSED 127.0.0.1:5678" });
		expect(calls).toBe(RESUME_RETRY_PAUSES_MS.length + 1);
	});

	it('says when an attempt that got no answer may have resumed the execution n8n then calls running', async () => {
		const n8n = fakeN8n(new Map([['41', 'waiting']]));
		const item = tap(referenceId('41', 0));
		let first = true;
		const outcome = await resumeTap(
			item,
			tapReferenceId(item)!,
			true,
			BASE,
			async (url, body) => {
				const answer = await n8n.call(url, body);
				if (!first) return answer;
				first = false;
				throw new Error('timeout of 30000ms exceeded');
			},
			async () => undefined,
		);
		expect(outcome).toEqual({
			resumed: false,
			executionId: '41',
			reason: 'The execution "41" is running already. (an earlier attempt got no answer, "timeout of 30000ms exceeded", and may have resumed it)',
		});
	});

	it('a 5xx that persists is the reason', async () => {
		const item = tap(referenceId('41', 0));
		const outcome = await resumeTap(item, tapReferenceId(item)!, true, BASE, async () => ({ status: 503, body: { message: 'Database is not ready!' } }), async () => undefined);
		expect(outcome).toEqual({ resumed: false, executionId: '41', reason: 'n8n answered 503: Database is not ready!' });
	});

	it('ordinary button and row IDs are not taps of Send and Wait', () => {
		expect(tapReferenceId(tap('opt-yes'))).toBeNull();
		expect(tapReferenceId(tap('n8nw1', ASKED, true))).toBeNull();
		expect(tapReferenceId({ buttonReply: null, listReply: null } as unknown as TriggerItem)).toBeNull();
	});
});

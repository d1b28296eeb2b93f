import { WAIT_INDEFINITELY, type IDataObject, type INode } from 'n8n-workflow';

import { InsiderApi } from '../../../credentials/InsiderApi.credentials';
import { InsiderWhatsApp } from '../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { parseReference, resumeUrl } from '../../../nodes/shared/wait/reference';
import { waitLimit } from '../../../nodes/shared/wait/limit';
import { decideResume } from '../../../nodes/shared/wait/webhook';
import type { WaitRecord } from '../../../nodes/shared/wait/execute';
import { FAKE_INSTANCE } from '../helpers/execute-context';
import { Loopback } from '../helpers/loopback';
import { failureOf, nodeRunner } from '../helpers/run-node';
import { validateUrlSignature } from 'n8n-core/dist/utils/signature-helpers';

const run = nodeRunner(new InsiderWhatsApp(), new InsiderApi());
let server: Loopback;
let credentials: Record<string, string>;
let keys = 0;

beforeAll(async () => {
	server = await new Loopback((request) => ({
		status: 200,
		body: { keys: ((request.body as IDataObject).messages as unknown[]).map(() => `whatsapp-key-${++keys}`) },
	})).start();
	credentials = { authKey: 'INS.secret-auth-key', baseUrl: server.url };
});
afterEach(() => server.reset());
afterAll(async () => await server.stop());

/** The record of the double approval question below, sent to +919876543210 and answered with key 1. */
const APPROVAL_RECORD: WaitRecord = {
	status: 'waiting',
	to: '+919876543210',
	messageId: 'whatsapp-key-1',
	responseType: 'approval',
	choices: [{ id: 'approve', title: 'Approve' }, { id: 'disapprove', title: 'Decline' }],
	nonce: 'Ab3_x-9Q',
	waitTill: null,
};

const question = {
	operation: 'sendAndWait',
	to: '+91 98765 43210',
	message: 'Approve the refund of €120?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double' } },
	options: { requestsPerSecond: 1000 },
};

describe('Send and Wait: execute()', () => {
	it('sends the question with signed references, waits, and leaves { data: { timedOut: true } } for the limit', async () => {
		const before = Date.now();
		const { output, executeData, waits } = await run.withContext({
			credentials,
			parameters: { ...question, options: { ...question.options, limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } },
			itemCount: 2,
		});
		const [request] = server.requests;
		const buttons = ((request.body as IDataObject).messages as IDataObject[])[0].message as IDataObject;
		const replies = ((buttons.interactive as IDataObject).action as { buttons: Array<{ reply: { id: string; title: string } }> }).buttons.map((b) => b.reply);
		expect(replies.map((r) => r.title)).toEqual(['Approve', 'Decline']);
		// One question per execution, as n8n's own Send and Wait: the first item's.
		expect(server.requests).toHaveLength(1);
		const references = replies.map((r) => parseReference(r.id));
		expect(references.map((r) => [r?.executionId, r?.nodeId, r?.choice])).toEqual([[FAKE_INSTANCE.executionId, 'node-1', 0], [FAKE_INSTANCE.executionId, 'node-1', 1]]);
		// Each reference is n8n's signature of its resume URL, bound to the recipient's number.
		for (const reference of references) {
			const url = new URL(resumeUrl(FAKE_INSTANCE.waitingBase, reference!, '919876543210'));
			expect(validateUrlSignature(url.searchParams.get('signature')!, url, FAKE_INSTANCE.hmacSecret)).toBe(true);
		}
		expect(waits).toHaveLength(1);
		expect(waits[0].getTime() - before).toBeGreaterThanOrEqual(2 * 3_600_000);
		expect(waits[0].getTime() - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
		const record: WaitRecord = { ...APPROVAL_RECORD, nonce: references[0]!.nonce, waitTill: waits[0].toISOString() };
		expect(output).toEqual([{ json: { sendAndWait: record }, pairedItem: { item: 0 } }]);
		// What n8n forwards when the limit passes (the waiting node resumes disabled and passes on its input).
		expect(executeData.data).toEqual({ main: [[{ json: { data: { timedOut: true } }, pairedItem: { item: 0 }, sendAndWait: record }]] });
	});

	it('waits indefinitely without Limit Wait Time', async () => {
		const { waits } = await run.withContext({ credentials, parameters: question });
		expect(waits).toEqual([WAIT_INDEFINITELY]);
	});

	it('refuses before sending: an invalid question, or a limit it cannot read; nothing is sent, nothing waits', async () => {
		const bad = await run.withContext({ credentials, parameters: { ...question, message: '' } }).catch((error: Error) => error);
		expect((bad as Error).message).toBe('Item 1: message is empty; WhatsApp needs 1 to 1024 characters');
		const badLimit = await failureOf(
			run({ credentials, parameters: { ...question, options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' } } } } }),
		);
		expect(badLimit.message).toBe('Option "Limit Wait Time" has "soon", which is not a date and time');
		expect(server.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a refused question is an error item and nothing waits', async () => {
		const { output, waits } = await run.withContext({ credentials, parameters: { ...question, message: '' }, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Item 1: message is empty; WhatsApp needs 1 to 1024 characters' });
		expect(waits).toHaveLength(0);
	});
});

describe('Send and Wait: the limit (Limit Wait Time, n8n\'s names)', () => {
	const node = { name: 'Ask' } as INode;
	const now = Date.parse('2026-12-08T10:00:00.000Z');
	it.each<[IDataObject | undefined, string]>([
		[undefined, WAIT_INDEFINITELY.toISOString()],
		[{}, WAIT_INDEFINITELY.toISOString()],
		[{ limitType: 'afterTimeInterval', resumeAmount: 0.1, resumeUnit: 'minutes' }, '2026-12-08T10:00:06.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' }, '2026-12-08T10:45:00.000Z'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'days' }, '2026-12-10T10:00:00.000Z'],
		[{ limitType: 'afterTimeInterval' }, '2026-12-08T11:00:00.000Z'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-24T18:00:00.000Z' }, '2026-12-24T18:00:00.000Z'],
	])('%j ends the wait at %s', (values, expected) => {
		expect(waitLimit(node, values, now).toISOString()).toBe(expected);
	});
	it.each<[IDataObject, string]>([
		[{ limitType: 'afterTimeInterval', resumeAmount: -1, resumeUnit: 'hours' }, 'Option "Limit Wait Time" has amount -1; use 0 or more'],
		[{ limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'weeks' }, 'Option "Limit Wait Time" has unit "weeks"; use minutes, hours or days'],
		[{ limitType: 'whenever' }, 'Option "Limit Wait Time" has limit type "whenever"'],
		[{ limitType: 'atSpecifiedTime', maxDateAndTime: '' }, 'Option "Limit Wait Time" has "", which is not a date and time'],
	])('refuses %j', (values, message) => {
		expect(() => waitLimit(node, values, now)).toThrow(message);
	});
});

describe('Send and Wait: the waiting webhook\'s decision (after n8n verified the signature)', () => {
	const record = APPROVAL_RECORD;
	const now = new Date('2026-12-08T10:00:05.000Z');
	const tappedAt = { respondedAt: '2026-12-08T10:00:03.000Z' };

	it.each<[string, WaitRecord | undefined, IDataObject, IDataObject, IDataObject]>([
		[
			'approve',
			record,
			{ i: '0', n: 'Ab3_x-9Q', f: '919876543210' },
			tappedAt,
			{ resume: true, data: { approved: true, choice: { id: 'approve', title: 'Approve' }, from: '+919876543210', respondedAt: '2026-12-08T10:00:03.000Z', messageId: 'whatsapp-key-1' } },
		],
		[
			'decline, without a tap time (now)',
			record,
			{ i: '1', n: 'Ab3_x-9Q', f: '919876543210' },
			{ respondedAt: 'yesterday' },
			{ resume: true, data: { approved: false, choice: { id: 'disapprove', title: 'Decline' }, from: '+919876543210', respondedAt: '2026-12-08T10:00:05.000Z', messageId: 'whatsapp-key-1' } },
		],
		[
			'a buttons question has no approved',
			{ ...record, responseType: 'buttons', choices: [{ id: 'basic', title: 'Basic' }] },
			{ i: '0', n: 'Ab3_x-9Q', f: '919876543210' },
			tappedAt,
			{ resume: true, data: { choice: { id: 'basic', title: 'Basic' }, from: '+919876543210', respondedAt: '2026-12-08T10:00:03.000Z', messageId: 'whatsapp-key-1' } },
		],
		['an earlier question of the node (loop)', record, { i: '0', n: 'Zz9_x-9Q', f: '919876543210' }, tappedAt, { resume: false, status: 409, reason: 'The tap answers an earlier question of this node, not the one it waits for' }],
		['a choice it does not have', record, { i: '2', n: 'Ab3_x-9Q', f: '919876543210' }, tappedAt, { resume: false, status: 400, reason: 'No such choice' }],
		['no record (not waiting)', undefined, { i: '0', n: 'Ab3_x-9Q', f: '919876543210' }, tappedAt, { resume: false, status: 409, reason: 'This node is not waiting for a reply' }],
	])('%s', (_, given, query, body, expected) => {
		expect(decideResume(given, query, body, now)).toEqual(expected);
	});
});

/**
 * The waiting webhook of a Send and Wait node (n8n's restart webhook: path = node ID, served under
 * /webhook-waiting/<execution>/). n8n has verified the URL's signature before this runs; this turns the tap into the
 * node's output, or answers without resuming (the execution keeps waiting).
 */
import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { APPROVAL_CHOICES, WAIT_RECORD_KEY } from './constants';
import type { WaitRecord } from './execute';

export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

export const WAITING_TOOLTIP = 'The execution goes on when the recipient taps a button, through the WhatsApp BSP Trigger';

export type ResumeDecision =
	| { resume: true; data: IDataObject }
	| { resume: false; status: number; reason: string };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Whether a signed tap resumes the execution, and with what. `query` is the signed query (choice `i`, nonce `n`,
 * sender `f`), `body` what the trigger adds (the tap's time).
 */
export function decideResume(record: WaitRecord | undefined, query: IDataObject, body: IDataObject, now: Date): ResumeDecision {
	if (!record || record.status !== 'waiting') return { resume: false, status: 409, reason: 'This node is not waiting for a reply' };
	if (query.n !== record.nonce) {
		return { resume: false, status: 409, reason: 'The tap answers an earlier question of this node, not the one it waits for' };
	}
	const choice = /^\d{1,2}$/.test(String(query.i)) ? record.choices[Number(query.i)] : undefined;
	if (!choice) return { resume: false, status: 400, reason: 'No such choice' };
	const respondedAt = typeof body.respondedAt === 'string' && ISO.test(body.respondedAt) ? body.respondedAt : now.toISOString();
	const data: IDataObject = {};
	if (record.responseType === 'approval') data.approved = choice.id === APPROVAL_CHOICES.approve;
	Object.assign(data, { choice: { id: choice.id, title: choice.title }, from: record.to, respondedAt, messageId: record.messageId });
	return { resume: true, data };
}

/**
 * The wait's record, which execute() put on the item n8n keeps for the waiting node (next to its json, so that the
 * item forwarded when the limit passes is exactly { data: { timedOut: true } }). Webhooks read their input only
 * through expressions; n8n drops the waiting run's own output before calling the webhook.
 */
function readRecord(ctx: IWebhookFunctions): WaitRecord | undefined {
	try {
		const text = ctx.evaluateExpression(`{{ JSON.stringify($input.first()[${JSON.stringify(WAIT_RECORD_KEY)}]) }}`, 0);
		return typeof text === 'string' && text !== '' ? (JSON.parse(text) as WaitRecord) : undefined;
	} catch {
		return undefined;
	}
}

interface JsonResponse {
	status(code: number): JsonResponse;
	json(body: unknown): unknown;
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = (this.getBodyData() ?? {}) as IDataObject;
	const decision = decideResume(readRecord(this), this.getQueryData() as IDataObject, body, new Date());
	if (!decision.resume) {
		(this.getResponseObject() as unknown as JsonResponse).status(decision.status).json({ resumed: false, reason: decision.reason });
		return { noWebhookResponse: true };
	}
	return { webhookResponse: { resumed: true }, workflowData: [[{ json: { data: decision.data }, pairedItem: { item: 0 } }]] };
}

/**
 * Send and Wait's execute(): n8n's own way of waiting. The question goes out through the normal send engine with
 * each choice's ID replaced by a signed reference; then the execution is put to wait (saved by n8n, nothing kept in
 * memory) until the trigger resumes it through this node's waiting webhook (webhook.ts), or the limit passes.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Outgoing, ProviderAdapter } from '../adapter';
import { WHATSAPP_LIMITS, type Problem } from '../checks';
import { sendItem } from '../execute';
import { WAIT_RECORD_KEY } from './constants';
import { waitLimit } from './limit';
import { formatReference, isReferencePart, phoneDigits, signatureOf, signedQuery } from './reference';

export interface Choice extends IDataObject {
	id: string;
	title: string;
}

/** What the waiting node keeps as its own output while the execution waits, and what its webhook reads back. */
export interface WaitRecord extends IDataObject {
	status: 'waiting';
	to: string;
	messageId: string;
	responseType: string;
	choices: Choice[];
	nonce: string;
	waitTill: string | null;
}

/** Where the choices sit in Meta's interactive message: reply buttons, or the rows of a list's sections. */
function choiceSlots(payload: IDataObject): Array<{ slot: IDataObject; limit: number; label: string }> {
	const interactive = (payload.interactive ?? {}) as IDataObject;
	const action = (interactive.action ?? {}) as IDataObject;
	if (Array.isArray(action.buttons)) {
		return (action.buttons as IDataObject[]).map((button, index) => ({
			slot: button.reply as IDataObject,
			limit: WHATSAPP_LIMITS.buttonId.max,
			label: `button ${index + 1}`,
		}));
	}
	const rows = ((action.sections ?? []) as IDataObject[]).flatMap((section) => (section.rows ?? []) as IDataObject[]);
	return rows.map((row, index) => ({ slot: row, limit: WHATSAPP_LIMITS.rowId.max, label: `row ${index + 1}` }));
}

/**
 * Replaces each choice's ID with its reference (in place, in the message about to be sent) and returns the choices
 * as given. A reference longer than WhatsApp allows for the ID (a node ID of unusual length) is a problem.
 */
export function signChoices(payload: IDataObject, reference: (index: number) => string, problems: Problem[]): Choice[] {
	return choiceSlots(payload).map(({ slot, limit, label }, index) => {
		const choice = { id: String(slot.id), title: String(slot.title) };
		const id = reference(index);
		if (id.length > limit) {
			problems.push({
				field: 'operation',
				text: `the signed reference of ${label} has ${id.length} characters; WhatsApp allows ${limit} in an ID. Give the node a shorter ID (Settings → Node ID) or use buttons`,
			});
		}
		slot.id = id;
		return choice;
	});
}

/** n8n 1.x checks a waiting node's signed URL only when the node asks for it; 2.x always does (no such method). */
interface SignatureSwitch {
	setSignatureValidationRequired?: () => void;
}

export async function executeSendAndWait(ctx: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const waitTill = waitLimit(node, (options.limitWaitTime as IDataObject | undefined)?.values as IDataObject | undefined, Date.now());
	const executionId = ctx.getExecutionId();
	const nonce = randomBytes(6).toString('base64url');
	let choices: Choice[] = [];
	let to = '';
	// One question per execution, as in n8n's own Send and Wait: the first item's.
	const sent = await sendItem(ctx, adapter, 0, (outgoing: Outgoing) => {
		const problems: Problem[] = [];
		if (!isReferencePart(String(executionId)) || !isReferencePart(node.id)) {
			problems.push({
				field: 'operation',
				text: `the node ID "${node.id}" or execution ID "${executionId}" cannot travel in a button ID (letters, digits, "-" and "_", up to 64); give the node such an ID`,
			});
			return problems;
		}
		to = outgoing.to;
		choices = signChoices(
			outgoing.payload,
			(choice) => {
				const signed = ctx.getSignedResumeUrl(signedQuery(choice, nonce, phoneDigits(outgoing.to)));
				const signature = signatureOf(signed) ?? '';
				return formatReference({ executionId: String(executionId), nodeId: node.id, choice, nonce, signature });
			},
			problems,
		);
		return problems;
	});
	if (sent.json.status !== 'accepted') return [[sent]];

	(ctx as unknown as SignatureSwitch).setSignatureValidationRequired?.();
	const record: WaitRecord = {
		status: 'waiting',
		to,
		messageId: String(sent.json.messageId),
		responseType: String(ctx.getNodeParameter('responseType', 0, 'approval')),
		choices,
		nonce,
		waitTill: Number.isFinite(waitTill.getTime()) && waitTill.getFullYear() < 3000 ? waitTill.toISOString() : null,
	};
	// What n8n passes on when the limit passes: it resumes the waiting node disabled, which forwards its input, so the
	// input it will forward is replaced (a new object: the items themselves are the previous node's output too). The
	// record rides on that item beside its json, where the waiting webhook reads it (webhook.ts).
	ctx.getExecuteData().data = { main: [[{ json: { data: { timedOut: true } }, pairedItem: { item: 0 }, [WAIT_RECORD_KEY]: record }]] };
	await ctx.putExecutionToWait(waitTill);
	return [[{ json: { [WAIT_RECORD_KEY]: record }, pairedItem: { item: 0 } }]];
}

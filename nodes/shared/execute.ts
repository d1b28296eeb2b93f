import { sleep, type ICredentialDataDecryptedObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Outgoing, ProviderAdapter } from './adapter';
import type { Problem } from './checks';
import { errorItemJson, invalidItemError } from './errors';
import { sharingKey } from './account';
import { executionRecords } from './catalogue';
import { readDryRun, writeDryRun } from './dry-run';
import { buildMessage, isAction, verifyMessages, type OperationName } from './operations';
import type { ItemParameters } from './operations/types';
import { readSendSettings, type SendSettings } from './options';
import { parameterReader } from './parameters';
import { sendAll } from './send';
import type { Transport } from './transport';
import { uploadMedia } from './uploads';

type PreparedItem = { outgoing: Outgoing; problems?: undefined } | { problems: Problem[] };

type Reader = ReturnType<typeof parameterReader>;

function itemParameters(ctx: IExecuteFunctions, read: Reader, itemIndex: number): ItemParameters {
	return {
		text: (name) => String(read(name, itemIndex, '') ?? ''),
		value: <T>(name: string, fallback: T) => read(name, itemIndex, fallback),
		inputJson: () => ctx.getInputData()[itemIndex]?.json ?? {},
	};
}

/** Reads one item's parameters (only those its operation shows) and checks them into an outgoing message. */
function prepareItem(
	ctx: IExecuteFunctions,
	read: Reader,
	adapter: ProviderAdapter,
	itemIndex: number,
	credentials: ICredentialDataDecryptedObject,
): PreparedItem {
	const operation = read<OperationName>('operation', itemIndex, 'sendText');
	const built = buildMessage(operation, itemParameters(ctx, read, itemIndex));
	const item = adapter.readItemSettings(ctx, itemIndex, operation, credentials);
	const problems = [
		...(built.problems ?? []),
		...(built.message ? adapter.checkMessage?.(built.message) ?? [] : []),
		...(item.problems ?? []),
	];
	if (problems.length > 0 || !built.message || item.problems) return { problems };
	return { outgoing: { itemIndex, ...built.message, route: item.route, settings: item.settings } };
}

/** The account executions share (./account.ts: never a secret) and the credential as the request helpers take it. */
function accountOf(ctx: IExecuteFunctions, adapter: ProviderAdapter, credentials: ICredentialDataDecryptedObject) {
	const reference = ctx.getNode().credentials?.[adapter.credentialType];
	// Executions whose credential resolved to the same data share its rate, requests and template reads.
	const account = sharingKey(ctx, adapter, credentials);
	const credentialOptions = reference?.id
		? { credentialsDecrypted: { id: reference.id, name: reference.name, type: adapter.credentialType, data: credentials } }
		: {};
	return { account, credentialOptions };
}

function transportFor(
	ctx: IExecuteFunctions,
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
	settings: SendSettings,
): Transport {
	return {
		ctx,
		adapter,
		credentials,
		...accountOf(ctx, adapter, credentials),
		maxRetries: settings.maxRetries,
		onUncertain: settings.retryUncertain ? 'retry' : 'report',
		throttleBudgetMs: settings.maxThrottleWait * 1000,
		random: Math.random,
		now: Date.now,
		wait: sleep,
		cancel: ctx.getExecutionCancelSignal?.(),
	};
}

/**
 * Send and Wait's send: one item's message, checked as every operation's, then completed by `complete` (which may
 * find problems of its own), sent through the same engine. Its output item, or its error item with Continue On Fail.
 */
export async function sendItem(
	ctx: IExecuteFunctions,
	adapter: ProviderAdapter,
	itemIndex: number,
	complete: (outgoing: Outgoing) => Problem[],
): Promise<INodeExecutionData> {
	const credentials = await ctx.getCredentials(adapter.credentialType);
	const settings = readSendSettings(ctx, adapter);
	const item = prepareItem(ctx, parameterReader(ctx), adapter, itemIndex, credentials);
	const problems = item.problems ?? complete(item.outgoing);
	const continueOnFail = ctx.continueOnFail();
	if (item.problems || problems.length > 0) {
		const error = invalidItemError(ctx.getNode(), itemIndex, problems);
		if (!continueOnFail) throw error;
		return { json: errorItemJson(error), pairedItem: { item: itemIndex } };
	}
	const results = new Array<INodeExecutionData>(itemIndex + 1);
	const failure = await sendAll(transportFor(ctx, adapter, credentials, settings), [item.outgoing], settings, continueOnFail, results);
	if (failure) throw failure;
	return results[itemIndex];
}

/**
 * Messages, then actions (Mark as Read) through the same engine: an action is one request of its own (Batch Size 1),
 * never in a request with messages. The first provider error when Continue On Fail is off, as sendAll.
 */
async function sendMessagesAndActions(
	transport: Transport,
	outgoing: Outgoing[],
	settings: SendSettings,
	continueOnFail: boolean,
	results: INodeExecutionData[],
) {
	const actions = outgoing.filter((message) => isAction(message.operation));
	if (actions.length === 0) return await sendAll(transport, outgoing, settings, continueOnFail, results);
	const messages = outgoing.filter((message) => !isAction(message.operation));
	const failure = await sendAll(transport, messages, settings, continueOnFail, results);
	return failure ?? (await sendAll(transport, actions, { ...settings, batchSize: 1 }, continueOnFail, results));
}

/**
 * The whole of an action node's execute(): every item is checked before anything is sent, then the valid ones
 * are sent, and one output item per input item comes back in input order.
 */
export async function executeSend(ctx: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const credentials = await ctx.getCredentials(adapter.credentialType);
	const settings = readSendSettings(ctx, adapter);
	const continueOnFail = ctx.continueOnFail();
	const results = new Array<INodeExecutionData>(items.length);
	const refuse = (itemIndex: number, problems: Problem[]) => {
		const error = invalidItemError(ctx.getNode(), itemIndex, problems);
		if (!continueOnFail) throw error;
		results[itemIndex] = { json: errorItemJson(error), pairedItem: { item: itemIndex } };
	};
	const prepared: Outgoing[] = [];
	const read = parameterReader(ctx);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = prepareItem(ctx, read, adapter, itemIndex, credentials);
		if (item.problems) refuse(itemIndex, item.problems);
		else prepared.push(item.outgoing);
	}
	const { account, credentialOptions } = accountOf(ctx, adapter, credentials);
	// Checks against the provider's records (an approved template's definition) still come before anything is sent.
	const verified = await verifyMessages(prepared, executionRecords(ctx, adapter, credentials, credentialOptions, account));
	for (const [itemIndex, problems] of verified) refuse(itemIndex, problems);
	const checked = verified.size > 0 ? prepared.filter((message) => !verified.has(message.itemIndex)) : prepared;
	const transport = transportFor(ctx, adapter, credentials, settings);
	// Files of the items' binary data: checked, then each uploaded once, before any message is sent.
	const dryRun = readDryRun(ctx);
	const uploaded = await uploadMedia(transport, checked, settings, continueOnFail, results, refuse, dryRun);
	if (uploaded.failure) throw uploaded.failure;
	const outgoing = uploaded.ready;
	if (dryRun) {
		writeDryRun(adapter, credentials, outgoing, results);
		return [results];
	}
	const failure = await sendMessagesAndActions(transport, outgoing, settings, continueOnFail, results);
	if (failure) {
		// n8n drops the output of a failed node: say what was already accepted, which a re-run would send again.
		const accepted = results.filter((item) => item?.json.status === 'accepted').length;
		if (accepted > 0) {
			failure.description =
				`${failure.description ?? ''} ${accepted} of ${outgoing.length} messages had been accepted when the node stopped; ` +
				`the other ${outgoing.length - accepted} were not sent or failed. A re-run sends all of them again: with ` +
				'Settings → On Error → Continue, every item is sent and comes out with its own result.';
		}
		throw failure;
	}
	return [results];
}

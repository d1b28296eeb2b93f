/** The operations registry: the action nodes' operation list, subtitle, parameters and dispatch derive from it. */
import type { INodeProperties } from 'n8n-workflow';

import { toE164, type Problem, type RecipientResult } from '../checks';
import type { Outgoing } from '../adapter';
import type { MediaUpload, Message } from '../message';
import { sendAndWait } from './sendAndWait';
import { sendAudio } from './sendAudio';
import { markAsRead } from './markAsRead';
import { quoteReply } from './reply';
import { sendButtons } from './sendButtons';
import { sendCtaUrl } from './sendCtaUrl';
import { sendDocument } from './sendDocument';
import { sendImage } from './sendImage';
import { sendList } from './sendList';
import { sendLocation } from './sendLocation';
import { sendReaction } from './sendReaction';
import { sendTemplate } from './sendTemplate';
import { sendText } from './sendText';
import { sendVideo } from './sendVideo';
import type { ItemParameters, OperationModule, ProviderRecords } from './types';

export const OPERATIONS = [
	sendText,
	sendImage,
	sendButtons,
	sendTemplate,
	sendDocument,
	sendVideo,
	sendAudio,
	sendLocation,
	sendList,
	sendReaction,
	sendCtaUrl,
	markAsRead,
	sendAndWait,
] as const;

export type OperationName = (typeof OPERATIONS)[number]['name'];

export const OPERATION_NAMES: readonly OperationName[] = OPERATIONS.map((operation) => operation.name);

const BY_NAME = new Map<string, OperationModule>(OPERATIONS.map((operation) => [operation.name, operation]));

/** Whether the operation is an action (no recipient, a request of its own) rather than a message. */
export function isAction(operationName: string): boolean {
	return BY_NAME.get(operationName)?.kind === 'action';
}

/** The operations that are actions: they have no To parameter. */
export const ACTION_NAMES: readonly OperationName[] = OPERATION_NAMES.filter(isAction);

/** The operations a node offers, in registry order; `all` for a provider that passes every one on. */
export function operationsOf(supported: 'all' | readonly OperationName[]): OperationModule[] {
	return OPERATIONS.filter((operation) => supported === 'all' || supported.includes(operation.name));
}

/** Shows the operation under the node's name on the canvas. */
export function operationSubtitle(operations: OperationModule[]): string {
	const names = Object.fromEntries(operations.map((operation) => [operation.name, operation.displayName]));
	return `={{ ${JSON.stringify(names)}[$parameter["operation"]] }}`;
}

/** The Operation parameter. */
export function operationSelector(operations: OperationModule[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: operations
			.map(({ name, displayName, description, action }) => ({ name: displayName, value: name, description, action }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'sendText',
	};
}

/** Each operation's own parameters, shown only with it. */
export function operationParameters(operations: OperationModule[]): INodeProperties[] {
	return operations.flatMap((operation) =>
		operation.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { resource: ['message'], operation: [operation.name], ...property.displayOptions?.show },
			},
		})),
	);
}

export type BuildResult = { message: Message; problems?: undefined } | { message?: undefined; problems: Problem[] };

/**
 * Checks one item's recipient (none for an action: its `to` is '') and content against WhatsApp's limits: the
 * message, or every problem found.
 */
export function buildMessage(operationName: string, parameters: ItemParameters): BuildResult {
	const problems: Problem[] = [];
	const operation = BY_NAME.get(operationName);
	const recipient: RecipientResult = operation?.kind === 'action' ? { e164: '' } : toE164(parameters.text('to'));
	if (recipient.problem) problems.push({ field: 'to', text: `recipient number ${recipient.problem}` });
	if (!operation) {
		const known = OPERATION_NAMES.join(', ');
		problems.push({ field: 'operation', text: `operation "${operationName}" is not one of ${known}` });
		return { problems };
	}
	const uploads: MediaUpload[] = [];
	const payload = operation.build(parameters, problems, uploads);
	if (problems.length > 0 || recipient.e164 === undefined) return { problems };
	const message: Message = { to: recipient.e164, operation: operation.name as OperationName, payload: quoteReply(operation.name, payload, parameters) };
	if (uploads.length > 0) message.uploads = uploads;
	return { message };
}

/** The checks against the provider's records of every operation that has them: problems by item index. */
export async function verifyMessages(messages: Outgoing[], records: ProviderRecords): Promise<Map<number, Problem[]>> {
	const found = new Map<number, Problem[]>();
	for (const operation of OPERATIONS as readonly OperationModule[]) {
		const mine = messages.filter((message) => message.operation === operation.name);
		if (!operation.verify || mine.length === 0) continue;
		for (const [itemIndex, problems] of await operation.verify(mine, records)) found.set(itemIndex, problems);
	}
	return found;
}

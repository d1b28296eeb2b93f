/**
 * Where the send engine tells an action (Mark as Read) from messages: the request it builds for a batch and the
 * answers it reads. An action travels alone (Batch Size 1, never in a shared request) on its adapter's route.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ActionRequests, MessageAnswer, Outgoing, ProviderAdapter } from './adapter';
import { isAction } from './operations';
import { actionTarget } from './operations/markAsRead';

function actionsOf(adapter: ProviderAdapter): ActionRequests {
	// The node offers an action only where the adapter takes it (test/unit/properties.test.ts).
	if (!adapter.actions) throw new Error(`${adapter.displayName} takes no actions`);
	return adapter.actions;
}

/** The request for a batch: the provider's send request, or its action request for a batch of one action. */
export function requestOf(adapter: ProviderAdapter, credentials: ICredentialDataDecryptedObject, batch: Outgoing[]): IHttpRequestOptions {
	if (!isAction(batch[0].operation)) return adapter.buildRequest(credentials, batch);
	return actionsOf(adapter).request(credentials, batch[0]);
}

/** One answer per message of the batch; an action's names the message it acted on. Undefined when unreadable. */
export function answersOf(adapter: ProviderAdapter, body: unknown, batch: Outgoing[]): MessageAnswer[] | undefined {
	if (!isAction(batch[0].operation)) return adapter.readAnswer(body, batch);
	const response = actionsOf(adapter).readAnswer(body);
	return response && [{ messageId: actionTarget(batch[0].payload), response }];
}

/** What the send engine needs of a provider. Providers implement it; the engine imports no provider. */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { Problem } from './checks';
import type { MediaUpload, Message, MetaPayload, ProviderName } from './message';
import type { OperationName } from './operations';
import type { TemplateDefinition } from './templates';

/** One validated message on its way out, with what the adapter read of its item. */
export interface Outgoing {
	itemIndex: number;
	/** E.164 with the leading `+`; '' for an action (Mark as Read), which has no recipient. */
	to: string;
	operation: OperationName;
	payload: MetaPayload;
	/** Files to upload before the message can be sent (Message.uploads). */
	uploads?: MediaUpload[];
	/** Requests on one route share batches and a rate limit (Insider: its endpoint). */
	route: string;
	settings: IDataObject;
}

export interface MessageAnswer {
	messageId: string;
	response: IDataObject;
}

/** What a provider said when it refused a request, in its own words. */
export interface ProviderFailure {
	providerCode: string | null;
	message: string;
	hint?: string;
}

/** A provider's list of WhatsApp templates. */
export interface TemplateCatalogue {
	/** Whether it lists every template of the account; Kaleyra's lists only those made through Kaleyra. */
	complete: boolean;
	/** Why this credential cannot list templates (a missing field), or undefined when it can. */
	unavailable?(credentials: ICredentialDataDecryptedObject): string | undefined;
	/** One page of the templates named `name` (all of them when the endpoint cannot filter, or without a name). */
	request(credentials: ICredentialDataDecryptedObject, query: { name?: string; page: number }): IHttpRequestOptions;
	/** Templates a page holds when the list is paged: a full page means there may be more. */
	pageSize?: number;
	read(body: unknown): TemplateDefinition[] | undefined;
}

/**
 * A file to upload, from an item's binary data. `open()` reads it anew, in chunks, for every try of the upload, so
 * that a retry sends it whole again and no copy of it is held in memory.
 */
export interface UploadFile {
	fileName: string;
	/** Without parameters, e.g. `application/pdf`. */
	mimeType: string;
	/** The exact size in bytes. */
	size: number;
	/** Its SHA-256, hex: the same bytes are uploaded once per execution. */
	sha256: string;
	open(): AsyncIterable<Uint8Array>;
}

/** How a provider takes media files (multipart uploads that answer a media ID), when it does. */
export interface MediaUploader {
	/** The upload route's documented rate in requests per second (the node's own rate option lowers it). */
	requestsPerSecond: number;
	/**
	 * What an uploaded media ID is good for, when the upload URL names a sender (Kaleyra: the business number): a
	 * file is uploaded once per scope. Absent: once per execution.
	 */
	scope?(message: Outgoing): string;
	/** The upload request for a file; `message` is one of the messages that send it (for its sender). */
	request(credentials: ICredentialDataDecryptedObject, file: UploadFile, message: Outgoing): IHttpRequestOptions;
	/** The media ID of a successful upload's answer, or undefined when the answer has none. */
	readMediaId(body: unknown): string | undefined;
}

/**
 * How a provider takes actions (operations of kind `action`: Mark as Read), one a request, on a route of their own
 * that readItemSettings names; the engine paces, retries and reports them as it does messages.
 */
export interface ActionRequests {
	/** The request for one action; `action.payload` is `{ type, [type]: … }` (operations/markAsRead.ts: actionBody). */
	request(credentials: ICredentialDataDecryptedObject, action: Outgoing): IHttpRequestOptions;
	/** The item's `response` from a successful answer, or undefined when the answer does not confirm the action. */
	readAnswer(body: unknown): IDataObject | undefined;
}

export type ItemSettings = { route: string; settings: IDataObject; problems?: undefined } | { problems: Problem[] };

/** Everything that differs between providers; the rest of the package is shared. */
export interface ProviderAdapter {
	provider: ProviderName;
	displayName: string;
	credentialType: string;
	/** The operations its node offers: `all`, or a list when the provider lacks some. */
	operations: 'all' | readonly OperationName[];
	/** Parameters only this provider's node has, shown after the operations' own. */
	properties?: INodeProperties[];
	/** Options (under the node's Options collection) only this provider has. */
	options?: INodeProperties[];
	/** How many messages one request may carry (1: one message a request). */
	maxBatchSize: number;
	defaultBatchSize: number;
	/** The provider's documented request rate for a route, used when the node sets none. */
	defaultRequestsPerSecond(route: string): number;
	/** The recipient number as this provider documents it, from E.164. */
	formatRecipient(e164: string): string;
	readItemSettings(
		ctx: IExecuteFunctions,
		itemIndex: number,
		operation: OperationName,
		credentials: ICredentialDataDecryptedObject,
	): ItemSettings;
	/** Limits that only this provider has. */
	checkMessage?(message: Message): Problem[];
	buildRequest(credentials: ICredentialDataDecryptedObject, batch: Outgoing[]): IHttpRequestOptions;
	/** One answer per message of the batch, in order, or undefined when the answer cannot be mapped. */
	readAnswer(body: unknown, batch: Outgoing[]): MessageAnswer[] | undefined;
	readFailure(statusCode: number, body: unknown): ProviderFailure;
	/** How a user finds out whether a message whose answer was lost arrived, when the provider offers more than statuses. */
	uncertainHint?: string;
	/** Where the provider lists its templates, when it does. */
	templates?: TemplateCatalogue;
	/** Where the provider takes actions (Mark as Read), when its node offers one. */
	actions?: ActionRequests;
	/** Where the provider takes media files, for binary sources; without it, binary sources are refused. */
	uploads?: MediaUploader;
}

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { Content, Message, Operation, ProviderName } from '../message';
import type { Problem } from '../validation';

/** One validated message on its way out, with what the adapter read of its item. */
export interface Outgoing {
	itemIndex: number;
	message: Message;
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

export type ItemSettings = { route: string; settings: IDataObject; problems?: undefined } | { problems: Problem[] };

/** Everything that differs between providers; the rest of the package is shared. */
export interface ProviderAdapter {
	provider: ProviderName;
	displayName: string;
	credentialType: string;
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
		operation: Operation,
		credentials: ICredentialDataDecryptedObject,
	): ItemSettings;
	/** Limits that only this provider has. */
	checkContent?(content: Content): Problem[];
	buildRequest(credentials: ICredentialDataDecryptedObject, batch: Outgoing[]): IHttpRequestOptions;
	/** One answer per message of the batch, in order, or undefined when the answer cannot be mapped. */
	readAnswer(body: unknown, batch: Outgoing[]): MessageAnswer[] | undefined;
	readFailure(statusCode: number, body: unknown): ProviderFailure;
}

/** Sent with every request: Insider's Cloudflare blocks missing or generic User-Agents (error 1088). */
export const USER_AGENT = 'n8n-nodes-whatsapp-bsp (+https://github.com/wa-bsp/n8n-nodes-whatsapp-bsp)';

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** The first of the values that is a non-empty string or a number, as text; '' when none is. */
export function firstText(...values: unknown[]): string {
	for (const value of values) {
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return '';
}

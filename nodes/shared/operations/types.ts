import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Outgoing } from '../adapter';
import type { Problem } from '../checks';
import type { MediaUpload, MetaPayload } from '../message';
import type { TemplateDefinition } from '../templates';

/** One item's parameters, as an operation reads them (from n8n, or from a plain object in tests). */
export interface ItemParameters {
	/** A parameter as text; '' when it is absent. */
	text(name: string): string;
	/** A parameter as it is, or `fallback` when it is absent. */
	value<T>(name: string, fallback: T): T;
	/** The input item's own JSON (Map Automatically reads fields from it, without an expression per field). */
	inputJson?(): IDataObject;
}

/** What the provider's own records say, read at most once per execution and thing asked. */
export interface ProviderRecords {
	/**
	 * The provider's templates named `name`, or undefined when they cannot be read now (no list endpoint, a 429, a
	 * credential without access): a check that needs them is then skipped, never turned into a refusal.
	 */
	templates(name: string): Promise<{ complete: boolean; templates: TemplateDefinition[] } | undefined>;
}

/**
 * `message`: Meta's message object for one recipient (`to`), which the adapter wraps in its send request. `action`:
 * something done to a conversation rather than sent to a recipient (Mark as Read), with no `to`; its payload is
 * `{ type, [type]: … }` like a message's, and the adapter's `actions` turn it into a request of its own, one a request.
 */
export type OperationKind = 'message' | 'action';

/**
 * One operation of the action nodes: its UI, and how one item's parameters become Meta's message object. `build`
 * adds every problem it finds (naming the parameter and WhatsApp's limit) and returns the payload regardless; the
 * payload is sent only when no problem was found. A file to upload first (an item's binary data) goes into
 * `uploads`: build() is synchronous, so the engine reads, checks and uploads the file later and fills in its id.
 */
export interface OperationModule {
	name: string;
	displayName: string;
	description: string;
	action: string;
	/** What it is; absent: a message. */
	kind?: OperationKind;
	/** Its parameters, without display conditions on resource and operation: the registry adds those. */
	properties: INodeProperties[];
	build(parameters: ItemParameters, problems: Problem[], uploads: MediaUpload[]): MetaPayload;
	/** Checks an execution's messages of this operation against the provider's records: problems by item index. */
	verify?(messages: Outgoing[], records: ProviderRecords): Promise<Map<number, Problem[]>>;
}

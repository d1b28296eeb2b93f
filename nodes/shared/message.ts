/** The provider-neutral WhatsApp message every action node sends. */
import type { IDataObject } from 'n8n-workflow';

import type { MediaKind } from './checks';
import type { OperationName } from './operations';

/** The providers; the registry (nodes/providers/index.ts) must hold exactly these (the compiler checks it). */
export type ProviderName = 'insider' | 'kaleyra' | 'gupshup';

/** Meta's message object (`type` plus the field of that name), which all three providers pass on. */
export interface MetaPayload extends IDataObject {
	type: string;
}

/**
 * A file of the item's binary data that the node uploads to the provider before sending (nodes/shared/uploads.ts).
 * The payload carries a placeholder until then.
 */
export interface MediaUpload {
	kind: MediaKind;
	/** The item's binary property that holds the file. */
	binaryPropertyName: string;
	/** The parameter that names the property, for refusals. */
	field: string;
	/** The payload's Meta media object (`payload.image`, `payload.document`, …): the upload sets its `id`. */
	target: IDataObject;
}

export interface Message {
	/** E.164 with the leading `+`; adapters convert it to their provider's form. '' for an action (no recipient). */
	to: string;
	operation: OperationName;
	payload: MetaPayload;
	/** Files to upload before the message can be sent; absent when there are none. */
	uploads?: MediaUpload[];
}

/** The provider-neutral WhatsApp message every action node sends. */
import type { IDataObject } from 'n8n-workflow';

import type { OperationName } from './operations';

export type { ProviderName } from '../providers';

/** Meta's message object (`type` plus the field of that name), which all three providers pass on. */
export interface MetaPayload extends IDataObject {
	type: string;
}

export interface Message {
	/** E.164 with the leading `+`; adapters convert it to their provider's form. */
	to: string;
	operation: OperationName;
	payload: MetaPayload;
}

import type { IDataObject } from 'n8n-workflow';

import type { EventFields } from '../../shared/callbacks/types';
import type { ProviderName } from '../../providers';

export type { InboundMedia } from '../../shared/callbacks/types';

/**
 * One output item of the trigger. The first sixteen fields are the public contract
 * (CONTRACT.md; `listReply` and `media` since 2026-12, `template` and `reaction` since 2026-12-08); the rest are additions.
 */
export interface TriggerItem extends EventFields, IDataObject {
	provider: ProviderName;
	/** The callback as received; the event's own entry of it when one callback carried several events. */
	raw: IDataObject;
}

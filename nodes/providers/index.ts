/** The provider registry: the trigger's provider options and its callback dispatch derive from it. */
import type { IDataObject } from 'n8n-workflow';

import type { ParseOutcome } from '../shared/callbacks/types';
import type { ProviderName } from '../shared/message';
import { parseGupshup } from './gupshup/callbacks';
import { parseInsider } from './insider/callbacks';
import { parseKaleyra } from './kaleyra/callbacks';

export interface ProviderEntry {
	/** As the trigger's Provider option shows it. */
	label: string;
	/** What the trigger receives from this provider. */
	callbacks: string;
	parseCallback(body: IDataObject): ParseOutcome;
	/** Whether the provider checks a callback URL without the secret it sends with callbacks. */
	checksUrlWithoutSecret: boolean;
}

export const PROVIDERS = {
	insider: { label: 'Insider One', callbacks: 'InOne WhatsApp status callbacks and replies', parseCallback: parseInsider, checksUrlWithoutSecret: false },
	kaleyra: { label: 'Kaleyra', callbacks: 'Kaleyra.io WhatsApp v2 callback profiles', parseCallback: parseKaleyra, checksUrlWithoutSecret: false },
	gupshup: {
		label: 'Gupshup',
		callbacks: 'Gupshup Partner API callback subscriptions (v3, or v2 for older apps)',
		parseCallback: parseGupshup,
		// Setting a subscription's URL makes Gupshup post a check that may lack the subscription's headers.
		checksUrlWithoutSecret: true,
	},
} satisfies Record<ProviderName, ProviderEntry>;

export type { ProviderName };

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

export function isProviderName(value: unknown): value is ProviderName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, value);
}

/**
 * Which executions may share an account's pacer, requests and template reads. n8n resolves expressions in a
 * credential's fields per execution, and n8n 2.x resolves some credentials per user, so one credential id can carry
 * different secrets in different executions: only executions whose resolved credential is the same share anything.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';

/** JSON with sorted keys, so that the same data always gives the same text. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The key executions share under: the provider, the credential's id and a digest of its resolved data (kept in
 * memory only, never logged or output), or undefined when nothing may be shared: a credential without an id, or an
 * execution that carries an end user's identity (n8n resolves its credentials for that user).
 */
export function sharingKey(
	ctx: IExecuteFunctions,
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const id = ctx.getNode().credentials?.[adapter.credentialType]?.id;
	if (!id) return undefined;
	if (ctx.getExecutionContext?.()?.credentials !== undefined) return undefined;
	const digest = createHash('sha256').update(stableJson(credentials)).digest('base64');
	return `${adapter.provider}\n${id}\n${digest}`;
}

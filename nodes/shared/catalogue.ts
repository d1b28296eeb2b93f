/** Reading a provider's template list: for the Template Name dropdown and, once per execution, the send check. */
import {
	NodeOperationError,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import { parseJsonText } from './json';
import type { ProviderRecords } from './operations/types';
import type { TemplateDefinition } from './templates';
import { USER_AGENT } from './transport';

// A list is a convenience: it must not hold a campaign up for long.
const LIST_TIMEOUT_MS = 15_000;

// At 100 templates a page, more than any account has approved.
const MAX_PAGES = 10;

export type CatalogueRead = { ok: true; complete: boolean; templates: TemplateDefinition[] } | { ok: false; reason: string };

/** Every page of one list request, read through n8n's authenticated request helper. Never throws. */
export async function readCatalogue(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
	name?: string,
	credentialOptions?: IAdditionalCredentialOptions,
): Promise<CatalogueRead> {
	const catalogue = adapter.templates;
	if (!catalogue) return { ok: false, reason: `${adapter.displayName} publishes no template list` };
	const unavailable = catalogue.unavailable?.(credentials);
	if (unavailable) return { ok: false, reason: unavailable };
	const templates: TemplateDefinition[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const request = catalogue.request(credentials, { name, page });
		let response: { statusCode: number; body: unknown };
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				adapter.credentialType,
				{
					...request,
					headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, ...request.headers },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: LIST_TIMEOUT_MS,
				},
				credentialOptions,
			)) as { statusCode: number; body: unknown };
		} catch (error) {
			return { ok: false, reason: `${adapter.displayName} did not answer the template list (${(error as Error).message})` };
		}
		if (response.statusCode === 429) {
			return { ok: false, reason: `${adapter.displayName} limits how often templates may be listed (HTTP 429); try again in a minute` };
		}
		const read = response.statusCode >= 200 && response.statusCode < 300 ? catalogue.read(parseJsonText(response.body)) : undefined;
		if (!read) return { ok: false, reason: `${adapter.displayName} answered the template list with HTTP ${response.statusCode}` };
		templates.push(...read);
		if (!catalogue.pageSize || read.length < catalogue.pageSize) break;
	}
	return { ok: true, complete: catalogue.complete, templates };
}

// A CRM burst is many executions checking the same template within seconds: they share one read of the list
// (Gupshup allows 10 lists a minute per app). Short, so that a template approved a moment ago is soon seen.
const SHARED_READ_MS = 10_000;

interface SharedRead {
	at: number;
	read: Promise<CatalogueRead>;
	/** The cancel signal of the execution that made the read (n8n aborts its requests with it). */
	maker?: AbortSignal;
}

const sharedReads = new Map<string, SharedRead>();

/** The read of `key` made by any execution of this process in the last SHARED_READ_MS, or a new one by `make`. */
function sharedRead(key: string, now: () => number, make: () => Promise<CatalogueRead>, maker?: AbortSignal): Promise<CatalogueRead> {
	const at = now();
	for (const [other, entry] of sharedReads) if (at - entry.at >= SHARED_READ_MS) sharedReads.delete(other);
	const found = sharedReads.get(key);
	if (!found) {
		const read = make();
		sharedReads.set(key, { at, read, maker });
		return read;
	}
	return found.read.then(async (result) => {
		// A read that failed because its execution was cancelled says nothing about the list: the others read again.
		if (result.ok || !found.maker?.aborted) return result;
		if (sharedReads.get(key) === found) sharedReads.delete(key);
		return await sharedRead(key, now, make, maker);
	});
}

/**
 * The provider's records for one execution: each list request is made once, however many items ask, and shared
 * for a few seconds with the other executions on the same account (`account`: the sharing key of ./account.ts,
 * never a secret; none: not shared).
 */
export function executionRecords(
	ctx: IExecuteFunctions,
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
	credentialOptions: IAdditionalCredentialOptions,
	account: string | undefined,
	now: () => number = Date.now,
): ProviderRecords {
	const reads = new Map<string, Promise<CatalogueRead>>();
	// Asked once per message: each name is looked up once per execution.
	const byName = new Map<string, ReturnType<ProviderRecords['templates']>>();
	const lookUp = async (name: string): ReturnType<ProviderRecords['templates']> => {
		// Providers whose list cannot filter by name make the same request for every name: it is read once.
		const first = adapter.templates?.request(credentials, { name, page: 1 });
		const key = JSON.stringify([first?.url, first?.qs]);
		let read = reads.get(key);
		if (!read) {
			const make = () => readCatalogue(ctx, adapter, credentials, name, credentialOptions);
			const shared = account === undefined ? make() : sharedRead(`${account}\n${key}`, now, make, ctx.getExecutionCancelSignal?.());
			read = shared.then((result) => {
				if (!result.ok) ctx.logger.debug(`WhatsApp templates not checked before sending: ${result.reason}`);
				return result;
			});
			reads.set(key, read);
		}
		const result = await read;
		if (!result.ok) return undefined;
		return { complete: result.complete, templates: result.templates.filter((template) => template.name === name) };
	};
	return {
		async templates(name) {
			let found = byName.get(name);
			if (!found) {
				found = lookUp(name);
				byName.set(name, found);
			}
			return await found;
		},
	};
}

/** The Template Name and Template Language dropdowns of a provider's node: approved templates only. */
export function templateListMethods(adapter: ProviderAdapter) {
	const approved = async (ctx: ILoadOptionsFunctions, name?: string) => {
		const credentials = await ctx.getCredentials(adapter.credentialType);
		const read = await readCatalogue(ctx, adapter, credentials, name);
		if (!read.ok) {
			throw new NodeOperationError(ctx.getNode(), read.reason, {
				description: 'Type the template name and language instead (switch the field to Expression).',
			});
		}
		return read.templates.filter((template) => template.status === 'APPROVED' && (!name || template.name === name));
	};
	return {
		async getTemplateNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
			const byName = new Map<string, TemplateDefinition[]>();
			for (const template of await approved(this)) byName.set(template.name, [...(byName.get(template.name) ?? []), template]);
			return [...byName]
				.map(([name, translations]) => ({
					name,
					value: name,
					description: `${translations.map((t) => t.language).join(', ')} · ${translations[0].category}`,
				}))
				.sort((a, b) => a.name.localeCompare(b.name));
		},
		async getTemplateLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
			const name = String(this.getCurrentNodeParameter('templateName') ?? '').trim();
			if (name === '') return [];
			return (await approved(this, name))
				.map((template) => ({ name: template.language, value: template.language, description: template.category }))
				.sort((a, b) => a.name.localeCompare(b.name));
		},
	};
}

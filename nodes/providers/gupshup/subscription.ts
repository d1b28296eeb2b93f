/**
 * Registers the trigger's URL as a Gupshup v3 callback subscription when the workflow is
 * activated (Register Subscription on) and removes it on deactivation. The subscription id
 * lives in the node's static data; nothing is kept in memory. All HTTP goes through
 * httpRequestWithAuthentication with the `gupshupPartnerApi` credential.
 *
 * Partner API: GET/POST /partner/app/{appId}/subscription, PUT/DELETE …/subscription/{id};
 * POST and PUT take a form: modes, tag (unique per app), url, version, meta (a JSON string
 * whose `headers` Gupshup sends with every callback).
 */
import { createHash } from 'crypto';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import { field, firstText, isObject, parseJsonText, trimSlash } from '../../shared/json';
import { USER_AGENT } from '../../shared/transport';
import { AUTH_CREDENTIALS, authorizationHeader, type AuthMode, type CallbackSecrets } from '../../WhatsAppBspTrigger/auth';
import { GUPSHUP_CREDENTIAL, GUPSHUP_DEFAULT_BASE_URL, gupshupAppPath } from './constants';

const REQUEST_TIMEOUT_MS = 30_000;
const SUBSCRIPTION_VERSION = '3';

/** Trigger events and the Gupshup subscription modes that deliver them. */
export const GUPSHUP_MODES: ReadonlyArray<readonly [string, string]> = [
	['enqueued', 'ENQUEUED'],
	['sent', 'SENT'],
	['delivered', 'DELIVERED'],
	['read', 'READ'],
	['failed', 'FAILED'],
	['deleted', 'DELETED'],
	['message', 'MESSAGE'],
];

/** The modes for the selected events, in a fixed order; events Gupshup does not send are left out. */
export function gupshupModes(events: readonly string[]): string[] {
	const selected = new Set(events);
	return GUPSHUP_MODES.filter(([event]) => selected.has(event)).map(([, mode]) => mode);
}

/**
 * A tag unique per app: the workflow id (readable in Gupshup's lists) and a short hash of
 * the n8n instance, workflow and node, so that a copy of the workflow on another instance
 * gets its own subscription. Test URLs (manual mode) get their own tag.
 */
export function subscriptionTag(instanceId: string, workflowId: string, nodeId: string, test: boolean): string {
	const hash = createHash('sha256').update(`${instanceId}\n${workflowId}\n${nodeId}`).digest('hex').slice(0, 10);
	return `n8n-${workflowId}-${hash}${test ? '-test' : ''}`;
}

interface Desired {
	url: string;
	tag: string;
	modes: string[];
	authorization: string | undefined;
	/** Where the node's static data keeps the subscription id (test and production apart). */
	staticKey: string;
}

interface Subscription extends IDataObject {
	id: string;
}

interface Answer {
	statusCode: number;
	body: unknown;
}

function isTest(ctx: IHookFunctions): boolean {
	return ctx.getMode() === 'manual';
}

function staticKey(ctx: IHookFunctions): string {
	return isTest(ctx) ? 'gupshupTestSubscriptionId' : 'gupshupSubscriptionId';
}

/** Whether this node registers its URL with Gupshup at all. */
export function registersSubscription(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('provider', '') === 'gupshup' && ctx.getNodeParameter('registerSubscription', false) === true;
}

function instanceId(ctx: IHookFunctions): string {
	try {
		return ctx.getInstanceId();
	} catch (error) {
		ctx.logger.debug('WhatsApp BSP Trigger: no n8n instance id; the subscription tag goes without it', { error });
		return '';
	}
}

function tagFor(ctx: IHookFunctions): string {
	return subscriptionTag(instanceId(ctx), ctx.getWorkflow().id ?? 'unsaved', ctx.getNode().id, isTest(ctx));
}

async function desired(ctx: IHookFunctions): Promise<Desired> {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'The trigger has no webhook URL to register with Gupshup');
	const modes = gupshupModes(ctx.getNodeParameter('events', []) as string[]);
	if (modes.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'None of the selected events is one that a Gupshup subscription delivers', {
			description:
				'Select at least one of Sent, Delivered, Read, Failed, Enqueued, Deleted or Message. Template Status comes through the template events of the app\'s callback settings, which Register Subscription does not set.',
		});
	}
	const mode = ctx.getNodeParameter('authentication', 'bearerToken') as AuthMode;
	const secrets: CallbackSecrets = mode === 'none' ? {} : await ctx.getCredentials(AUTH_CREDENTIALS[mode]);
	return {
		url,
		tag: tagFor(ctx),
		modes,
		authorization: authorizationHeader(mode, secrets),
		staticKey: staticKey(ctx),
	};
}

async function gupshupRequest(
	ctx: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	form?: Record<string, string>,
): Promise<Answer> {
	if (!ctx.getNode().credentials?.[GUPSHUP_CREDENTIAL]) {
		throw new NodeOperationError(ctx.getNode(), 'Register Subscription needs a Gupshup Partner API credential', {
			description:
				'Select one under "Credential to connect with", or turn Register Subscription off and register the URL in Gupshup yourself.',
		});
	}
	const credentials = await ctx.getCredentials(GUPSHUP_CREDENTIAL);
	const baseUrl = trimSlash(firstText(credentials.baseUrl) || GUPSHUP_DEFAULT_BASE_URL);
	const appId = encodeURIComponent(firstText(credentials.appId));
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${gupshupAppPath(appId)}/subscription${path}`,
		headers: {
			Accept: 'application/json',
			'User-Agent': USER_AGENT,
			...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
		},
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (form) request.body = new URLSearchParams(form).toString();
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, GUPSHUP_CREDENTIAL, request)) as {
		statusCode: number;
		body: unknown;
	};
	return { statusCode: response.statusCode, body: parseJsonText(response.body) };
}

const succeeded = (answer: Answer): boolean =>
	answer.statusCode >= 200 && answer.statusCode < 300 && !(isObject(answer.body) && answer.body.status === 'error');

function gupshupMessage(answer: Answer): string {
	const body = answer.body;
	return firstText(isObject(body) ? body.message : undefined, typeof body === 'string' ? body : undefined) || `HTTP ${answer.statusCode}`;
}

function refusal(ctx: IHookFunctions, action: string, answer: Answer): NodeApiError {
	const message = gupshupMessage(answer);
	const response: JsonObject = isObject(answer.body) ? (answer.body as JsonObject) : { message };
	return new NodeApiError(ctx.getNode(), response, {
		message: `Gupshup refused to ${action}: ${message}`,
		description:
			'Check the Gupshup Partner API credential (App ID, App Token) and that Gupshup can reach this n8n instance at its public webhook URL (WEBHOOK_URL).',
		httpCode: String(answer.statusCode),
	});
}

async function listSubscriptions(ctx: IHookFunctions): Promise<Subscription[]> {
	const answer = await gupshupRequest(ctx, 'GET', '');
	if (!succeeded(answer)) throw refusal(ctx, 'list the callback subscriptions', answer);
	const body = answer.body;
	const entries = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.subscriptions) ? body.subscriptions : [];
	return entries
		.filter((s): s is IDataObject => isObject(s) && firstText(s.id) !== '')
		.map((s) => ({ ...s, id: firstText(s.id) }));
}

/** Ours: the one with our tag, else one already pointing at our URL (adopted, not duplicated). */
function findOurs(subscriptions: Subscription[], want: Pick<Desired, 'tag' | 'url'>): Subscription | undefined {
	return subscriptions.find((s) => s.tag === want.tag) ?? subscriptions.find((s) => s.url === want.url);
}

function modesOf(subscription: Subscription): string[] | undefined {
	const modes = subscription.modes;
	if (Array.isArray(modes)) return modes.map((m) => String(m).trim().toUpperCase());
	if (typeof modes === 'string') return modes.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
	return undefined;
}

function authorizationOf(subscription: Subscription): string | undefined {
	let meta: unknown = subscription.meta;
	if (typeof meta === 'string') meta = parseJsonText(meta);
	const headers = isObject(meta) && isObject(meta.headers) ? meta.headers : {};
	const name = Object.keys(headers).find((key) => key.toLowerCase() === 'authorization');
	return name === undefined ? undefined : firstText(headers[name]);
}

/** Whether a subscription already delivers what the node wants, as far as Gupshup's answer shows. */
function isUpToDate(subscription: Subscription, want: Desired): boolean {
	const modes = modesOf(subscription);
	const sameModes = modes !== undefined && modes.length === want.modes.length && want.modes.every((m) => modes.includes(m));
	const version = subscription.version === undefined || String(subscription.version) === SUBSCRIPTION_VERSION;
	const auth = want.authorization === undefined || authorizationOf(subscription) === want.authorization;
	return subscription.tag === want.tag && subscription.url === want.url && subscription.active !== false && version && sameModes && auth;
}

export async function subscriptionExists(ctx: IHookFunctions): Promise<boolean> {
	if (!registersSubscription(ctx)) return true;
	const want = await desired(ctx);
	const data = ctx.getWorkflowStaticData('node');
	const ours = findOurs(await listSubscriptions(ctx), want);
	if (!ours) {
		delete data[want.staticKey];
		return false;
	}
	if (!isUpToDate(ours, want)) return false;
	data[want.staticKey] = ours.id;
	return true;
}

export async function createSubscription(ctx: IHookFunctions): Promise<boolean> {
	if (!registersSubscription(ctx)) return true;
	const want = await desired(ctx);
	const form: Record<string, string> = {
		modes: want.modes.join(','),
		tag: want.tag,
		url: want.url,
		version: SUBSCRIPTION_VERSION,
	};
	if (want.authorization !== undefined) form.meta = JSON.stringify({ headers: { Authorization: want.authorization } });

	const existing = findOurs(await listSubscriptions(ctx), want);
	const answer = existing
		? await gupshupRequest(ctx, 'PUT', `/${encodeURIComponent(existing.id)}`, { ...form, active: 'true' })
		: await gupshupRequest(ctx, 'POST', '', form);
	if (!succeeded(answer)) throw refusal(ctx, existing ? 'update the callback subscription' : 'create the callback subscription', answer);

	const id = firstText(isObject(answer.body) ? field(answer.body.subscription, 'id') : undefined, existing?.id);
	if (id === '') throw refusal(ctx, 'name the new subscription (no id in its answer)', answer);
	ctx.getWorkflowStaticData('node')[want.staticKey] = id;
	return true;
}

const notFound = (answer: Answer): boolean =>
	answer.statusCode === 404 || /does not exist|not found/i.test(gupshupMessage(answer));

async function removeById(ctx: IHookFunctions, id: string): Promise<void> {
	const answer = await gupshupRequest(ctx, 'DELETE', `/${encodeURIComponent(id)}`);
	if (!succeeded(answer) && !notFound(answer)) throw refusal(ctx, 'remove the callback subscription', answer);
}

export async function deleteSubscription(ctx: IHookFunctions): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node');
	const key = staticKey(ctx);
	const recorded = firstText(data[key]);
	if (!registersSubscription(ctx)) {
		// Turned off since it was registered: remove it if the credential still allows, else say so.
		if (recorded === '') return true;
		try {
			await removeById(ctx, recorded);
		} catch (error) {
			ctx.logger.warn(
				`WhatsApp BSP Trigger: could not remove Gupshup subscription ${recorded}; remove it in the Gupshup Partner Portal`,
				{ error },
			);
		}
		delete data[key];
		return true;
	}
	let id = recorded;
	if (id === '') {
		const tag = tagFor(ctx);
		const ours = (await listSubscriptions(ctx)).find((s) => s.tag === tag);
		if (!ours) return true;
		id = ours.id;
	}
	await removeById(ctx, id);
	delete data[key];
	return true;
}

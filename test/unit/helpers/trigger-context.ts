/**
 * Small fakes of n8n's IWebhookFunctions and IHookFunctions for the WhatsApp BSP Trigger:
 * parameters fall back to the node's own defaults, credentials come from a map, and
 * httpRequestWithAuthentication goes out over axios with the Authorization header that
 * the gupshupPartnerApi credential's `authenticate` would add.
 */
import axios from 'axios';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { WhatsAppBspTrigger } from '../../../nodes/WhatsAppBspTrigger/WhatsAppBspTrigger.node';

export type Params = IDataObject;
export type Credentials = Record<string, IDataObject>;

const node = new WhatsAppBspTrigger();

/** The node's parameter defaults (the first declaration of each name). */
const DEFAULTS: IDataObject = {};
for (const property of node.description.properties as INodeProperties[]) {
	if (!(property.name in DEFAULTS)) DEFAULTS[property.name] = property.default as IDataObject[string];
}

function parameterReader(params: Params) {
	return (name: string, fallback?: unknown): unknown => {
		if (name in params) return params[name];
		if (name in DEFAULTS) return DEFAULTS[name];
		if (fallback !== undefined) return fallback;
		throw new Error(`No parameter ${name}`);
	};
}

function credentialReader(credentials: Credentials) {
	return async (type: string): Promise<IDataObject> => {
		const found = credentials[type];
		if (!found) throw new Error(`Node does not have any credentials of type "${type}" set`);
		return { ...found };
	};
}

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

function logger(log: LogEntry[]) {
	const at = (level: LogEntry['level']) => (message: string) => {
		log.push({ level, message });
	};
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), verbose: at('debug') };
}

// ---- webhook ----

export interface CallbackRequestSpec {
	/** Header names in any case; n8n hands them over lower-cased. */
	headers?: Record<string, string>;
	/** What n8n's body parser produced (getBodyData()). Defaults to `json` when that is given. */
	body?: unknown;
	/** A JSON body as a provider sends it: becomes both the parsed body and the raw bytes. */
	json?: unknown;
	/** The bytes as received (n8n's req.rawBody). */
	rawBody?: Buffer | string;
	contentType?: string;
}

export interface WebhookOutcome {
	/** The HTTP status the caller sees. */
	status: number;
	/** The JSON answered to the caller. */
	answer: unknown;
	responseHeaders: Record<string, string>;
	/** The items of the execution that starts, or null when none starts. */
	items: IDataObject[] | null;
	result: IWebhookResponseData;
	log: LogEntry[];
}

export async function callWebhook(
	params: Params,
	request: CallbackRequestSpec,
	credentials: Credentials = {},
): Promise<WebhookOutcome> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
	const contentType = request.contentType ?? (request.json !== undefined ? 'application/json' : undefined);
	if (contentType !== undefined && headers['content-type'] === undefined) headers['content-type'] = contentType;
	const rawBody =
		request.rawBody !== undefined
			? Buffer.from(request.rawBody)
			: request.json !== undefined
				? Buffer.from(JSON.stringify(request.json))
				: undefined;
	const body = request.body !== undefined ? request.body : request.json !== undefined ? request.json : {};
	const req = { headers, body, rawBody, contentType };

	const sent: { status: number | null; body: unknown; headers: Record<string, string> } = {
		status: null,
		body: undefined,
		headers: {},
	};
	const res = {
		status(code: number) {
			sent.status = code;
			return res;
		},
		setHeader(name: string, value: string) {
			sent.headers[name] = value;
			return res;
		},
		json(payload: unknown) {
			sent.body = payload;
			return res;
		},
		end() {
			return res;
		},
	};
	const log: LogEntry[] = [];
	const ctx = {
		getNodeParameter: parameterReader(params),
		getCredentials: credentialReader(credentials),
		getHeaderData: () => headers,
		getBodyData: () => body as IDataObject,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNode: () => ({ id: 'node-1', name: 'WhatsApp BSP Trigger', type: 'n8n-nodes-whatsapp-bsp.whatsAppBspTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getMode: () => 'webhook',
		logger: logger(log),
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]): INodeExecutionData[] =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	} as unknown as IWebhookFunctions;

	const result = await node.webhook.call(ctx);
	if (result.noWebhookResponse) {
		if (sent.status === null) throw new Error('noWebhookResponse without an answer written');
		return { status: sent.status, answer: sent.body, responseHeaders: sent.headers, items: null, result, log };
	}
	if (sent.status !== null) throw new Error('The node wrote an answer and also asked n8n to answer');
	const items = result.workflowData ? result.workflowData[0].map((item) => item.json) : null;
	// responseMode onReceived: n8n answers 200 with webhookResponse.
	return { status: 200, answer: result.webhookResponse, responseHeaders: {}, items, result, log };
}

/** Bearer and Basic `Authorization` header values. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const basic = (user: string, password: string) => ({
	Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

// ---- hooks ----

export interface HookOptions {
	params: Params;
	credentials: Credentials;
	webhookUrl: string;
	staticData: IDataObject;
	mode?: 'trigger' | 'manual' | 'webhook';
	workflowId?: string;
	nodeId?: string;
	instanceId?: string;
}

export interface HookHandle {
	ctx: IHookFunctions;
	log: LogEntry[];
}

/** Applies the gupshupPartnerApi credential's `authenticate` (Authorization: appToken) and sends over axios. */
async function sendWithCredential(credentials: Credentials, type: string, options: IHttpRequestOptions): Promise<unknown> {
	const credential = credentials[type];
	if (!credential) throw new Error(`Node does not have any credentials of type "${type}" set`);
	if (type !== 'gupshupPartnerApi') throw new Error(`The fake only authenticates gupshupPartnerApi, not ${type}`);
	const response = await axios.request({
		method: options.method ?? 'GET',
		url: options.url,
		headers: { ...(options.headers as Record<string, string>), Authorization: String(credential.appToken) },
		data: options.body,
		timeout: options.timeout,
		responseType: 'text',
		transformResponse: (data: unknown) => data,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (status) => status >= 200 && status < 300,
	});
	let body: unknown = response.data;
	if (options.json && typeof body === 'string' && body !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			// left as text, as n8n does
		}
	}
	return options.returnFullResponse ? { statusCode: response.status, headers: response.headers, body } : body;
}

export function hookContext(options: HookOptions): HookHandle {
	const log: LogEntry[] = [];
	const nodeId = options.nodeId ?? '3f1c2a9e-7b7d-4c47-9d55-0a1b2c3d4e5f';
	const ctx = {
		getNodeParameter: parameterReader(options.params),
		getCredentials: credentialReader(options.credentials),
		getNodeWebhookUrl: (name: string) => (name === 'default' ? options.webhookUrl : undefined),
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('The trigger keeps its data per node');
			return options.staticData;
		},
		getWorkflow: () => ({ id: options.workflowId ?? 'wf42', name: 'test', active: true }),
		getNode: () => ({
			id: nodeId,
			name: 'WhatsApp BSP Trigger',
			type: 'n8n-nodes-whatsapp-bsp.whatsAppBspTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			// As n8n does: the node names the credentials selected in it.
			credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `${type}-1`, name: type }])),
		}),
		getInstanceId: () => options.instanceId ?? 'instance-a',
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		logger: logger(log),
		helpers: {
			async httpRequestWithAuthentication(this: unknown, type: string, request: IHttpRequestOptions) {
				return await sendWithCredential(options.credentials, type, request);
			},
		},
	} as unknown as IHookFunctions;
	return { ctx, log };
}

/** Runs one of the node's webhook lifecycle methods with a hook context. */
export async function runHook(method: 'checkExists' | 'create' | 'delete', handle: HookHandle): Promise<boolean> {
	return await node.webhookMethods.default[method].call(handle.ctx);
}

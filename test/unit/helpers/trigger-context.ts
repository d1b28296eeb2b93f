/**
 * Small fakes of n8n's IWebhookFunctions and IHookFunctions for the WhatsApp BSP Trigger:
 * parameters fall back to the node's own defaults, credentials come from a map, and
 * httpRequestWithAuthentication goes out over axios with the Authorization header that
 * the gupshupPartnerApi credential's `authenticate` would add. The webhook's httpRequest
 * goes out over axios as n8n's does (`encoding: 'stream'` a stream, `returnFullResponse`
 * `{ body, headers, statusCode }`), and prepareBinaryData keeps the bytes as n8n's default
 * binary mode does (base64 in `data`).
 */
import axios from 'axios';
import type {
	IBinaryData,
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
	/** The same items with their binary data (Download Media), or null when none starts. */
	executionItems: INodeExecutionData[] | null;
	result: IWebhookResponseData;
	log: LogEntry[];
	/** Every httpRequest the node made, in order. */
	httpRequests: IHttpRequestOptions[];
	/** What happened in order: `answered` (the node wrote its answer) and `GET <url>` (a request began). */
	timeline: string[];
}

export interface WebhookFakes {
	/** Replaces n8n's binary store (to make it fail, say). */
	prepareBinaryData?: (data: Buffer, filePath?: string, mimeType?: string) => Promise<IBinaryData>;
}

/** n8n's httpRequest over axios, for what the trigger uses of it (GET, stream or JSON, full response, status errors ignored). */
async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request({
		method: options.method ?? 'GET',
		url: options.url,
		headers: options.headers as Record<string, string>,
		timeout: options.timeout,
		signal: options.abortSignal as AbortSignal | undefined,
		responseType: options.encoding === 'stream' ? 'stream' : 'arraybuffer',
		maxContentLength: Infinity,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (status) => status >= 200 && status < 300,
	});
	return options.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
}

/** n8n's prepareBinaryData in its default mode: the bytes base64 in `data`, the name and type as given. */
async function prepareBinaryData(data: Buffer, filePath?: string, mimeType?: string): Promise<IBinaryData> {
	const fileName = filePath?.split('/').pop();
	const extension = fileName?.includes('.') ? fileName.split('.').pop() : undefined;
	return {
		data: data.toString('base64'),
		mimeType: mimeType ?? 'application/octet-stream',
		...(fileName ? { fileName } : {}),
		...(extension ? { fileExtension: extension } : {}),
		fileSize: `${data.length} B`,
	};
}

export async function callWebhook(
	params: Params,
	request: CallbackRequestSpec,
	credentials: Credentials = {},
	fakes: WebhookFakes = {},
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

	const timeline: string[] = [];
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
			timeline.push('answered');
			return res;
		},
		end() {
			return res;
		},
	};
	const log: LogEntry[] = [];
	const httpRequests: IHttpRequestOptions[] = [];
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
			httpRequest: async (options: IHttpRequestOptions) => {
				httpRequests.push(options);
				timeline.push(`${options.method ?? 'GET'} ${options.url}`);
				return await httpRequest(options);
			},
			prepareBinaryData: fakes.prepareBinaryData ?? prepareBinaryData,
		},
	} as unknown as IWebhookFunctions;

	const result = await node.webhook.call(ctx);
	// As n8n: an execution starts whenever workflowData is given, also after the node answered itself.
	const executionItems = result.workflowData ? result.workflowData[0] : null;
	const items = executionItems ? executionItems.map((item) => item.json) : null;
	if (result.noWebhookResponse) {
		if (sent.status === null) throw new Error('noWebhookResponse without an answer written');
		return { status: sent.status, answer: sent.body, responseHeaders: sent.headers, items, executionItems, result, log, httpRequests, timeline };
	}
	if (sent.status !== null) throw new Error('The node wrote an answer and also asked n8n to answer');
	// responseMode onReceived: n8n answers 200 with webhookResponse.
	return { status: 200, answer: result.webhookResponse, responseHeaders: {}, items, executionItems, result, log, httpRequests, timeline };
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

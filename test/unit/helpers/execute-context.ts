import axios from 'axios';
// n8n's own signing of waiting-webhook URLs (what getSignedResumeUrl uses and the waiting endpoint verifies).
import { generateUrlSignature, prepareUrlForSigning } from 'n8n-core/dist/utils/signature-helpers';
import { Readable } from 'stream';
import {
	NodeApiError,
	NodeOperationError,
	type IBinaryData,
	type IBinaryKeyData,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

/** Resolves the `={{$credentials.name}}` expressions that our credentials' authenticate blocks use. */
function resolveCredentialExpression(value: string, credentials: ICredentialDataDecryptedObject): string {
	const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	if (!match) throw new Error(`test context cannot resolve ${value}`);
	return String(credentials[match[1]]);
}

export interface ContextOptions {
	/** The node's parameters per item; a single object applies to every item. */
	parameters: IDataObject | IDataObject[];
	itemCount?: number;
	credentialType: string;
	credentialClass: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Each item's binary data (one object applies to every item): in memory (`data` in base64) or by `id`. */
	binary?: IBinaryKeyData | Array<IBinaryKeyData | undefined>;
	/** The files behind binary `id`s, as n8n's filesystem, S3 or database binary modes keep them. */
	binaryFiles?: Record<string, Buffer>;
	/**
	 * The credential's id. Executions on one id share pacers, requests and template reads as in one n8n process;
	 * by default each context has its own, so that one test's provider answers never reach another's.
	 */
	credentialId?: string;
	/** Each item's JSON (default `{ index }`). */
	json?: IDataObject[];
}

let contexts = 0;

export interface FakeExecution {
	ctx: IExecuteFunctions;
	node: INode;
	/** The additional credential options of every request, as the node passed them. */
	credentialOptionsSeen: IAdditionalCredentialOptions[];
	/** What the node wrote to n8n's logger, in order. */
	logged: Array<{ level: string; message: string }>;
	/** The binary ids whose metadata, and whose content (as a stream), the node read, in order. */
	binaryReads: { metadata: string[]; streams: string[] };
	/** The execution's stack entry of the node (getExecuteData), and every putExecutionToWait() date, in order. */
	executeData: IExecuteData;
	waits: Date[];
}

/** The instance secret the fake context signs resume URLs with, and its waiting-webhook base. */
export const FAKE_INSTANCE = { hmacSecret: 'test-instance-hmac-secret-0123456789', waitingBase: 'http://127.0.0.1:5678/webhook-waiting', executionId: '4711' };

/** `size` bytes of a repeating pattern, e.g. a test file. */
export function fileOf(size: number, seed = 1): Buffer {
	const buffer = Buffer.alloc(size);
	for (let i = 0; i < size; i++) buffer[i] = (i * 31 + seed) & 0xff;
	return buffer;
}

/** An item's binary property as n8n keeps it in memory (the default mode of n8n 1.x). */
export function inMemoryBinary(content: Buffer, mimeType: string, fileName?: string): IBinaryData {
	return { data: content.toString('base64'), mimeType, ...(fileName ? { fileName } : {}) };
}

/** An item's binary property as n8n keeps it in filesystem, S3 or database mode: an id, the content elsewhere. */
export function storedBinary(id: string, mimeType: string, fileName?: string): IBinaryData {
	return { id, data: 'filesystem-v2', mimeType, ...(fileName ? { fileName } : {}) };
}

function readPath(source: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
}

/**
 * The parts of IExecuteFunctions the action nodes use, with n8n's semantics: a missing parameter falls back to
 * the given default, and requests go out over HTTP with the credential's own `authenticate` headers applied.
 */
export function makeExecuteContext(options: ContextOptions): FakeExecution {
	const node: INode = {
		id: 'node-1',
		name: 'WhatsApp',
		type: `n8n-nodes-whatsapp-bsp.test`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [options.credentialType]: { id: options.credentialId ?? `cred-${++contexts}`, name: 'Test credential' } },
	};
	const credentialOptionsSeen: IAdditionalCredentialOptions[] = [];
	const logged: FakeExecution['logged'] = [];
	const logAt = (level: string) => (message: string) => void logged.push({ level, message });
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const count = options.itemCount ?? perItem?.length ?? options.json?.length ?? 1;
	const binaryOf = (index: number) => (Array.isArray(options.binary) ? options.binary[index] : options.binary);
	const items: INodeExecutionData[] = Array.from({ length: count }, (_, index) => {
		const binary = binaryOf(index);
		const json = options.json?.[index] ?? { index };
		return binary ? { json, binary } : { json };
	});
	const binaryReads: FakeExecution['binaryReads'] = { metadata: [], streams: [] };
	const storedFile = (id: string) => {
		const file = options.binaryFiles?.[id];
		if (!file) throw new Error(`no binary file ${id}`);
		return file;
	};
	// n8n's binary helpers (n8n-core's binary-helper-functions), with their refusals.
	const binaryHelpers = {
		assertBinaryData(itemIndex: number, propertyName: string): IBinaryData {
			const binary = items[itemIndex].binary;
			if (binary === undefined) {
				throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`);
			}
			if (binary[propertyName] === undefined) throw new NodeOperationError(node, `The item has no binary field '${propertyName}' [item ${itemIndex}]`);
			return binary[propertyName];
		},
		async getBinaryMetadata(id: string) {
			binaryReads.metadata.push(id);
			return { fileSize: storedFile(id).length };
		},
		async getBinaryStream(id: string, chunkSize = 64 * 1024) {
			binaryReads.streams.push(id);
			const file = storedFile(id);
			const chunks: Buffer[] = [];
			for (let at = 0; at < file.length; at += chunkSize) chunks.push(file.subarray(at, at + chunkSize));
			return Readable.from(chunks);
		},
	};
	const authenticate = options.credentialClass.authenticate as { properties: { headers: Record<string, string> } };

	const httpRequestWithAuthentication = async (
		type: string,
		request: IHttpRequestOptions,
		additional?: IAdditionalCredentialOptions,
	) => {
		if (type !== options.credentialType) throw new Error(`unexpected credential type ${type}`);
		if (additional) credentialOptionsSeen.push(additional);
		// Like n8n: credentials handed in are used as they are, otherwise the node's own are loaded.
		const credentials = additional?.credentialsDecrypted?.data ?? options.credentials;
		const headers: Record<string, string> = { ...(request.headers as Record<string, string>) };
		for (const [name, value] of Object.entries(authenticate.properties.headers)) {
			headers[name] = resolveCredentialExpression(value, credentials);
		}
		try {
			const response = await axios.request({
				method: request.method,
				url: request.url,
				params: request.qs,
				headers,
				data: request.body,
				timeout: request.timeout,
				validateStatus: () => request.ignoreHttpStatusErrors === true,
			});
			return request.returnFullResponse
				? { statusCode: response.status, headers: response.headers, body: response.data }
				: response.data;
		} catch (error) {
			// n8n's helper wraps every failure like this.
			throw new NodeApiError(node, error as never);
		}
	};

	const executeData: IExecuteData = { node, data: { main: [items] }, source: null };
	const waits: Date[] = [];
	const ctx = {
		getInputData: () => items,
		getExecutionId: () => FAKE_INSTANCE.executionId,
		getExecuteData: () => executeData,
		putExecutionToWait: async (waitTill: Date) => void waits.push(waitTill),
		// n8n-core's getSignedResumeUrl, with the fake instance's secret.
		getSignedResumeUrl: (parameters: Record<string, string> = {}) => {
			const url = new URL(`${FAKE_INSTANCE.waitingBase}/${FAKE_INSTANCE.executionId}/${encodeURIComponent(node.id)}`);
			for (const [key, value] of Object.entries(parameters)) url.searchParams.set(key, value);
			url.searchParams.set('signature', generateUrlSignature(prepareUrlForSigning(url), FAKE_INSTANCE.hmacSecret));
			return url.toString();
		},
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async (type: string) => {
			if (type !== options.credentialType) throw new Error(`unexpected credential type ${type}`);
			return options.credentials;
		},
		getExecutionCancelSignal: () => undefined,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, parameterOptions?: { rawExpressions?: boolean }) => {
			const source = perItem ? perItem[itemIndex] : (options.parameters as IDataObject);
			// Parameters given per item stand for expressions: as n8n's raw value they read as one.
			if (parameterOptions?.rawExpressions && perItem) return `={{ per-item value of ${name} }}`;
			const value = readPath(source, name);
			// Like n8n, an expression that is exactly {{ $json.<field> }} resolves to the item's field.
			const field = typeof value === 'string' && !parameterOptions?.rawExpressions ? /^=\{\{\s*\$json\.(\w+)\s*\}\}$/.exec(value) : null;
			if (field) return items[itemIndex].json[field[1]];
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		helpers: { httpRequestWithAuthentication, ...binaryHelpers },
		logger: { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error'), verbose: logAt('verbose') },
	};
	return { ctx: ctx as unknown as IExecuteFunctions, node, credentialOptionsSeen, logged, binaryReads, executeData, waits };
}

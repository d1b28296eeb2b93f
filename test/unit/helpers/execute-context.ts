import axios from 'axios';
import {
	NodeApiError,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
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
}

export interface FakeExecution {
	ctx: IExecuteFunctions;
	node: INode;
	/** The additional credential options of every request, as the node passed them. */
	credentialOptionsSeen: IAdditionalCredentialOptions[];
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
		credentials: { [options.credentialType]: { id: 'cred-1', name: 'Test credential' } },
	};
	const credentialOptionsSeen: IAdditionalCredentialOptions[] = [];
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const count = options.itemCount ?? perItem?.length ?? 1;
	const items: INodeExecutionData[] = Array.from({ length: count }, (_, index) => ({ json: { index } }));
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

	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async (type: string) => {
			if (type !== options.credentialType) throw new Error(`unexpected credential type ${type}`);
			return options.credentials;
		},
		getExecutionCancelSignal: () => undefined,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const source = perItem ? perItem[itemIndex] : (options.parameters as IDataObject);
			const value = readPath(source, name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		helpers: { httpRequestWithAuthentication },
	};
	return { ctx: ctx as unknown as IExecuteFunctions, node, credentialOptionsSeen };
}

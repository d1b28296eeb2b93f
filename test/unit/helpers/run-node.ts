import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { makeExecuteContext, type ContextOptions } from './execute-context';

export interface RunOptions {
	parameters: IDataObject | IDataObject[];
	itemCount?: number;
	continueOnFail?: boolean;
	credentials: ICredentialDataDecryptedObject;
	binary?: ContextOptions['binary'];
	binaryFiles?: ContextOptions['binaryFiles'];
	credentialId?: ContextOptions['credentialId'];
	json?: ContextOptions['json'];
}

/** Runs an action node's execute() the way n8n does, and returns its only output. */
export function nodeRunner(node: INodeType, credentialClass: ICredentialType) {
	const credentialType = credentialClass.name;
	const run = async (options: RunOptions) => (await runWithContext(options)).output;
	const runWithContext = async (options: RunOptions) => {
		const execution = makeExecuteContext({ ...options, credentialType, credentialClass });
		const output = await (node.execute as NonNullable<INodeType['execute']>).call(execution.ctx);
		return { ...execution, output: (output as Array<Array<{ json: IDataObject; pairedItem?: unknown }>>)[0] };
	};
	return Object.assign(run, { withContext: runWithContext });
}

/** The error a run throws, for asserting its exact texts. */
export async function failureOf(run: Promise<unknown>): Promise<IDataObject> {
	try {
		await run;
	} catch (error) {
		const { message, description, httpCode, context, itemIndex } = error as IDataObject & { context: IDataObject };
		return {
			name: (error as Error).constructor.name,
			message,
			description,
			httpCode: httpCode ?? null,
			providerCode: context?.providerCode ?? null,
			itemIndex: itemIndex ?? context?.itemIndex,
		};
	}
	throw new Error('expected the run to fail');
}

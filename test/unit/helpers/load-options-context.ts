import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { makeExecuteContext } from './execute-context';

export interface LoadOptionsSetup {
	credentialClass: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	/** The node's parameters as the editor holds them while a dropdown loads (getCurrentNodeParameter). */
	current?: IDataObject;
}

/**
 * The parts of ILoadOptionsFunctions a node's loadOptions methods use: its credential, its node, the parameters
 * currently set, and n8n's authenticated request helper (the same fake as an execution's, which goes out over HTTP
 * with the credential's own `authenticate` headers).
 */
export function makeLoadOptionsContext(setup: LoadOptionsSetup): ILoadOptionsFunctions {
	const { ctx } = makeExecuteContext({
		parameters: {},
		credentialType: setup.credentialClass.name,
		credentialClass: setup.credentialClass,
		credentials: setup.credentials,
	});
	const current = setup.current ?? {};
	const context = {
		getCredentials: ctx.getCredentials,
		getNode: ctx.getNode,
		getCurrentNodeParameter: (name: string) => current[name],
		getCurrentNodeParameters: () => current,
		helpers: ctx.helpers,
		logger: ctx.logger,
	};
	return context as unknown as ILoadOptionsFunctions;
}

/** What a loadOptions method throws, for asserting its exact texts. */
export async function loadFailureOf(load: Promise<unknown>): Promise<IDataObject> {
	try {
		await load;
	} catch (error) {
		const { message, description } = error as IDataObject;
		return { name: (error as Error).constructor.name, message, description };
	}
	throw new Error('expected loading the options to fail');
}

'use strict';
// What the end-to-end tests, the benchmarks and the demo import into n8n: credentials that point at the provider
// sandbox, and the node types of this package. One place, so that every tier talks to the sandbox the same way.

const { DEFAULT_CREDENTIALS } = require('../../sandbox/server');

const PACKAGE = 'n8n-nodes-whatsapp-bsp';

/** Node types as n8n names them for an installed community package. */
const NODE_TYPES = {
	insider: `${PACKAGE}.insiderWhatsApp`,
	kaleyra: `${PACKAGE}.kaleyraWhatsApp`,
	gupshup: `${PACKAGE}.gupshupWhatsApp`,
	trigger: `${PACKAGE}.whatsAppBspTrigger`,
};

/** Fixed ids, so that workflow JSON kept in the repo can reference the credentials. */
const CREDENTIALS = {
	insider: { id: 'waBspSandboxIns1', name: 'Insider One (sandbox)', type: 'insiderApi' },
	kaleyra: { id: 'waBspSandboxKal1', name: 'Kaleyra (sandbox)', type: 'kaleyraApi' },
	gupshup: { id: 'waBspSandboxGup1', name: 'Gupshup (sandbox)', type: 'gupshupPartnerApi' },
	bearer: { id: 'waBspCallbackBrr', name: 'Callback bearer (sandbox)', type: 'whatsAppBspCallbackBearerApi' },
	basic: { id: 'waBspCallbackBas', name: 'Callback basic (sandbox)', type: 'whatsAppBspCallbackBasicApi' },
	// n8n's Ollama credential pointing at the sandbox's chat-model stand-in (test/sandbox/model.js): the AI example's model.
	model: { id: 'waBspSandboxLlm1', name: 'Chat model stand-in (sandbox)', type: 'ollamaApi' },
};

const CALLBACK_SECRETS = {
	token: 'e2e-callback-bearer-token-0123456789',
	user: 'kaleyra-callbacks',
	password: 'e2e-callback-basic-password',
};

/** The credentials for `n8n import:credentials`, all pointing at a sandbox at `sandboxUrl`. */
function sandboxCredentials(sandboxUrl) {
	const data = {
		insider: { authKey: DEFAULT_CREDENTIALS.insider.authKey, phoneNumberId: DEFAULT_CREDENTIALS.insider.phoneNumberId, baseUrl: sandboxUrl },
		kaleyra: {
			sid: DEFAULT_CREDENTIALS.kaleyra.sid,
			apiKey: DEFAULT_CREDENTIALS.kaleyra.apiKey,
			region: 'custom',
			baseUrl: sandboxUrl,
			businessNumber: DEFAULT_CREDENTIALS.kaleyra.businessNumbers[0],
			wabaId: DEFAULT_CREDENTIALS.kaleyra.wabaId,
		},
		gupshup: { appId: DEFAULT_CREDENTIALS.gupshup.appId, appToken: DEFAULT_CREDENTIALS.gupshup.appToken, baseUrl: sandboxUrl },
		bearer: { token: CALLBACK_SECRETS.token },
		basic: { user: CALLBACK_SECRETS.user, password: CALLBACK_SECRETS.password },
		model: { baseUrl: sandboxUrl },
	};
	return Object.entries(CREDENTIALS).map(([key, credential]) => ({ ...credential, data: data[key] }));
}

/** A node's `credentials` entry for one of the credentials above. */
function credentialRef(key) {
	const { id, name, type } = CREDENTIALS[key];
	return { [type]: { id, name } };
}

module.exports = { NODE_TYPES, CREDENTIALS, CALLBACK_SECRETS, sandboxCredentials, credentialRef, PACKAGE };

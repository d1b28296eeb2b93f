'use strict';
// The emulated providers, in one place so the server can route to them by path.

const { createInsider } = require('./insider');
const { createKaleyra } = require('./kaleyra');
const { createGupshup } = require('./gupshup');

const { PROVIDER_NAMES, SANDBOX_WABA_ID } = require('./names');

/** `catalogue`: the WhatsApp templates (templates.js) every provider lists and checks template sends against. */
function createProviders(credentials, newId, catalogue) {
	const list = [
		createInsider({ credentials: credentials.insider, newId, catalogue }),
		createKaleyra({ credentials: credentials.kaleyra, newId, catalogue }),
		createGupshup({ credentials: credentials.gupshup, newId, catalogue }),
	];
	return {
		byName: Object.fromEntries(list.map((p) => [p.name, p])),
		/** The provider and route a request is for, or null. */
		route(method, path) {
			for (const provider of list) {
				const match = provider.match(method, path);
				if (match) return { provider, match };
			}
			return null;
		},
	};
}

module.exports = { createProviders, PROVIDER_NAMES, SANDBOX_WABA_ID };

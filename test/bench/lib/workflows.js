'use strict';
// The benchmark workflows: Manual Trigger → Code (makes N items, each with its own recipient and its own text or
// template values, so the sandbox's exactly-once accounting can tell a lost or doubled message) → the node under
// test, which is either one of our nodes or n8n's HTTP Request node set up the way a careful user would.

const crypto = require('node:crypto');
const path = require('node:path');

const { DEFAULT_CREDENTIALS } = require('../../sandbox/server');
const { DEFAULT_TEMPLATES } = require('../../sandbox/templates');
const { NODE_TYPES, credentialRef } = require('../../e2e/lib/fixtures');
const { REPO } = require('../../e2e/lib/n8n');

/** The node whose run is measured, in every benchmark workflow. */
const MEASURED = 'Send';

/** Generic "Header Auth" credentials, as a user of the HTTP Request node would create them. */
const HEADER_CREDENTIALS = {
	insider: { id: 'waBspBenchHdrIns', name: 'Insider header auth (bench)', header: 'X-INS-AUTH-KEY', value: DEFAULT_CREDENTIALS.insider.authKey },
	kaleyra: { id: 'waBspBenchHdrKal', name: 'Kaleyra header auth (bench)', header: 'api-key', value: DEFAULT_CREDENTIALS.kaleyra.apiKey },
	gupshup: { id: 'waBspBenchHdrGup', name: 'Gupshup header auth (bench)', header: 'Authorization', value: DEFAULT_CREDENTIALS.gupshup.appToken },
};

function headerCredentials() {
	return Object.values(HEADER_CREDENTIALS).map(({ id, name, header, value }) => ({
		id,
		name,
		type: 'httpHeaderAuth',
		data: { name: header, value },
	}));
}

/** Recipient of item i: E.164, unique per item. */
const RECIPIENT_PREFIX = '+4915';
const recipientOf = (i) => `${RECIPIENT_PREFIX}${String(10_000_000 + i)}`;

/**
 * What the Code node puts into each item: `text` (a recipient and a text) or `template` (a recipient and the values
 * of payment_due's three body variables, {{1}} name, {{2}} amount, {{3}} due date, different for every item);
 * `mapped`, the same values in columns named after the variables (`1`, `2`, `3`) and the recipient in `phone`, as
 * a sheet made for Map Automatically has them.
 */
const TEMPLATE_VALUES = [
	"'Customer ' + i",
	"'€' + (10 + (i % 990)) + '.' + String(i % 100).padStart(2, '0')",
	"(1 + (i % 28)) + ' June 2027'",
];
const ITEM_FIELDS = {
	text: "text: 'Benchmark message ' + i",
	template: `name: ${TEMPLATE_VALUES[0]}, amount: ${TEMPLATE_VALUES[1]}, due: ${TEMPLATE_VALUES[2]}`,
	mapped: TEMPLATE_VALUES.map((value, index) => `${index + 1}: ${value}`).join(', '),
};
const RECIPIENT_FIELD = { text: 'to', template: 'to', mapped: 'phone' };

function codeNode(count, kind = 'text') {
	return {
		id: crypto.randomUUID(),
		name: 'Make messages',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			jsCode: [
				`const count = ${count};`,
				'const items = new Array(count);',
				'for (let i = 0; i < count; i++) {',
				`  items[i] = { json: { ${RECIPIENT_FIELD[kind]}: '${RECIPIENT_PREFIX}' + String(10000000 + i), ${ITEM_FIELDS[kind]} } };`,
				'}',
				'return items;',
			].join('\n'),
		},
	};
}

/** `kind`: what the Code node makes, `text` or `template` (see ITEM_FIELDS). */
function workflow(name, count, sendNode, kind = 'text') {
	return {
		id: crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16),
		name,
		nodes: [
			{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			codeNode(count, kind),
			{ id: crypto.randomUUID(), name: MEASURED, position: [440, 0], ...sendNode },
		],
		connections: {
			Start: { main: [[{ node: 'Make messages', type: 'main', index: 0 }]] },
			'Make messages': { main: [[{ node: MEASURED, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Our node for `provider`, sending each item's text to its recipient, with the given Options. */
function ourNode(provider, options) {
	return {
		type: NODE_TYPES[provider],
		typeVersion: 1,
		parameters: { resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: '={{ $json.text }}', options },
		credentials: credentialRef(provider),
	};
}

/**
 * The template of the Send Template rows: payment_due (en_US) of the sandbox's catalogue, "Hi {{1}}, your payment of
 * {{2}} is due on {{3}}." (test/sandbox/templates.js), no header, no buttons.
 */
const BENCH_TEMPLATE = { name: 'payment_due', language: 'en_US', bodyFields: ['name', 'amount', 'due'] };

/**
 * Our node for `provider`, Send Template: BENCH_TEMPLATE to each item's recipient with the item's own values,
 * everything else (Endpoint, Options) left at what the node has unless given in `options`.
 */
function ourTemplateNode(provider, options) {
	return {
		type: NODE_TYPES[provider],
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			to: '={{ $json.to }}',
			templateName: BENCH_TEMPLATE.name,
			templateLanguage: BENCH_TEMPLATE.language,
			headerType: 'none',
			bodyParameters: { parameter: BENCH_TEMPLATE.bodyFields.map((f) => ({ text: `={{ $json.${f} }}` })) },
			options,
		},
		credentials: credentialRef(provider),
	};
}

/**
 * Our node for `provider` at version 1.1, Send Template with the template's own fields (templateFields): BENCH_TEMPLATE
 * to `{{ $json.phone }}`, its fields mapped automatically from the item's columns `1`, `2`, `3` (`autoMapInputData`),
 * or each set to an expression reading that column (`defineBelow`, an expression per slot).
 */
function ourFormTemplateNode(provider, mappingMode, options) {
	// The schema the editor stores, made by the built package from the sandbox's definition of the template.
	const { templateFields, mapperField } = require(path.join(REPO, 'dist/nodes/shared/template-form.js'));
	const { fromMetaTemplate } = require(path.join(REPO, 'dist/nodes/shared/templates.js'));
	const definition = fromMetaTemplate(DEFAULT_TEMPLATES.find((t) => t.name === BENCH_TEMPLATE.name && t.language === BENCH_TEMPLATE.language));
	const schema = templateFields(definition).map(mapperField);
	const value = mappingMode === 'defineBelow' ? Object.fromEntries(schema.map(({ id }) => [id, `={{ $json["${id}"] }}`])) : {};
	return {
		type: NODE_TYPES[provider],
		typeVersion: 1.1,
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			to: '={{ $json.phone }}',
			templateName: BENCH_TEMPLATE.name,
			templateLanguage: BENCH_TEMPLATE.language,
			templateValues: 'fields',
			templateFields: { mappingMode, value, matchingColumns: [], schema, attemptToConvertTypes: false, convertFieldsToString: true },
			options,
		},
		credentials: credentialRef(provider),
	};
}

/** One message a request, in each provider's own request format, written the way the n8n editor shows it. */
function httpRequestTarget(provider, sandboxUrl) {
	const text = '{ "type": "text", "text": { "body": {{ JSON.stringify($json.text) }} } }';
	switch (provider) {
		case 'insider':
			return {
				url: `${sandboxUrl}/v1/conversational/send`,
				jsonBody: `={ "messages": [ { "phoneNumber": "{{ $json.to }}", "message": ${text} } ] }`,
			};
		case 'kaleyra': {
			const { sid, businessNumbers } = DEFAULT_CREDENTIALS.kaleyra;
			return {
				url: `${sandboxUrl}/v2/${sid}/whatsapp/${encodeURIComponent(businessNumbers[0])}/messages`,
				jsonBody:
					'={ "messaging_object": { "messaging_product": "whatsapp", "recipient_type": "individual", ' +
					'"to": "{{ $json.to.slice(1) }}", "type": "text", "text": { "body": {{ JSON.stringify($json.text) }} } } }',
			};
		}
		case 'gupshup':
			return {
				url: `${sandboxUrl}/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`,
				jsonBody:
					'={ "messaging_product": "whatsapp", "recipient_type": "individual", "to": "{{ $json.to.slice(1) }}", ' +
					'"type": "text", "text": { "body": {{ JSON.stringify($json.text) }} } }',
			};
		default:
			throw new Error(`unknown provider ${provider}`);
	}
}

/**
 * n8n's HTTP Request node (4.5), one message a request, Header Auth credential, and Options → Batching:
 * `batchSize` items, then a pause of `batchInterval` ms. `onFailure`: 'stop' (n8n's default), 'retry'
 * (Settings → Retry On Fail, `maxTries` tries `waitBetweenTries` ms apart) or 'continue' (Settings → On Error →
 * Continue).
 */
function httpRequestNode(provider, sandboxUrl, { batchSize, batchInterval, onFailure = 'stop', maxTries = 3, waitBetweenTries = 1000 }) {
	const { url, jsonBody } = httpRequestTarget(provider, sandboxUrl);
	const credential = HEADER_CREDENTIALS[provider];
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		parameters: {
			method: 'POST',
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: { batching: { batch: { batchSize, batchInterval } } },
		},
		credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
		...(onFailure === 'retry' ? { retryOnFail: true, maxTries, waitBetweenTries } : {}),
		...(onFailure === 'continue' ? { onError: 'continueRegularOutput' } : {}),
	};
}

module.exports = { MEASURED, BENCH_TEMPLATE, workflow, ourNode, ourTemplateNode, ourFormTemplateNode, httpRequestNode, headerCredentials, recipientOf };

'use strict';
// The WhatsApp (Meta Cloud API) errors the sandbox raises for template sends and the
// customer-service window, and the two shapes Meta reports them in:
//   - synchronously, as a Graph API error answer:
//       { error: { message: "(#<code>) <title>", type: "OAuthException", code, error_data: { messaging_product, details }, fbtrace_id } }
//   - asynchronously, in a `failed` status webhook: statuses[].errors[] = [{ code, title, message, error_data: { details } }]
// Codes, titles and HTTP statuses: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
// The exact message texts ("Template name does not exist in the translation", "Number of parameters does not
// match the expected number of params") and the `details` wording ("body: number of localizable_params (1) does
// not match the expected number of params (2)", "header: Format mismatch, expected IMAGE, received UNKNOWN") are
// the ones real Cloud API answers carry, as quoted in public issue reports and client code.

const { randomBytes } = require('node:crypto');

const META_ERRORS = Object.freeze({
	100: { title: 'Invalid parameter', httpStatus: 400 },
	131047: { title: 'Re-engagement message', httpStatus: 400 },
	132000: { title: 'Number of parameters does not match the expected number of params', httpStatus: 400 },
	// Meta lists 132001 with HTTP 404, and real answers carry 404.
	132001: { title: 'Template name does not exist in the translation', httpStatus: 404 },
	132012: { title: 'Parameter format does not match format in the created template', httpStatus: 400 },
	132015: { title: 'Template is Paused', httpStatus: 400 },
	132016: { title: 'Template is Disabled', httpStatus: 400 },
});

/** One WhatsApp error: `{ code, title, message, details, httpStatus }` (message is the title, as Meta sends it). */
function metaError(code, details) {
	const known = META_ERRORS[code];
	if (!known) throw new TypeError(`unknown WhatsApp error code ${code}`);
	return { code, title: known.title, message: known.title, details, httpStatus: known.httpStatus };
}

/** The Graph API error object of a synchronous refusal (what Gupshup relays inside its envelope). */
function graphError(err) {
	return {
		message: `(#${err.code}) ${err.message}`,
		type: 'OAuthException',
		code: err.code,
		error_data: { messaging_product: 'whatsapp', details: err.details },
		fbtrace_id: `A${randomBytes(11).toString('base64url')}`,
	};
}

const RE_ENGAGEMENT_DETAILS =
	'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

module.exports = { META_ERRORS, metaError, graphError, RE_ENGAGEMENT_DETAILS };

/**
 * WhatsApp's own error codes that users meet with templates and the 24-hour window, with what to do: for a refused
 * send (a provider relays Meta's code) and for a failed status at the WhatsApp BSP Trigger. Meta's table:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
 */
import { ownEntry } from './json';

const HINTS: Record<string, string> = {
	'131047':
		'More than 24 hours have passed since the customer last wrote: only an approved template may be sent now (use Send Template)',
	'132000':
		"The number of variables given does not match the template's: give one Body Parameter per {{n}} of the approved template (and its header and button variables)",
	'132001':
		'The template does not exist in this language: check Template Name and Template Language (e.g. en_US) against the approved templates',
	'132005': "The template's text with its variables filled in is too long: shorten the values of the body variables",
	'132007': "The variables' values break WhatsApp's formatting policy: remove line breaks, tabs and more than four spaces in a row",
	'132012': "A variable's value has the wrong type for the template: e.g. an image header needs an image link, not text",
	'132015': 'The template is paused for low quality: edit it in your provider\'s template manager and wait for WhatsApp to approve it again',
	'132016': 'The template is disabled for low quality: create a new template and send that',
	'131026':
		'The message could not be delivered: the number may not be on WhatsApp, may use an old app version, or has not accepted the latest terms',
	'131049': 'WhatsApp held back this marketing message to keep engagement healthy: send it later or to fewer recipients',
	'130472': "The customer's number is part of a WhatsApp experiment that receives fewer marketing messages: nothing to fix on your side",
};

/** What to do about a WhatsApp error code, or undefined when it is not one that needs explaining. */
export function whatsappErrorHint(code: string | number | null | undefined): string | undefined {
	return code === null || code === undefined ? undefined : ownEntry(HINTS, String(code));
}

import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { createSubscription, deleteSubscription, subscriptionExists } from '../providers/gupshup/subscription';
import { isProviderName, PROVIDER_NAMES, PROVIDERS } from '../providers';
import { judgeCallback } from './access';
import { AUTH_CREDENTIALS, challenge, headerValue, isAuthorized, weakSecret, type AuthMode, type CallbackSecrets } from './auth';
import { readJsonBody, type CallbackRequest } from './callbacks/body';
import { isSelected, parseCallback } from './callbacks/index';
import { downloadSettings, MEDIA_DOWNLOAD, withMediaFiles } from './media';
import { hasWaitTaps, RESUME_PROPERTIES, resumeTaps } from './resume';

const providerOptions = PROVIDER_NAMES.map((value) => ({
	name: PROVIDERS[value].label,
	value,
	description: PROVIDERS[value].callbacks,
})).sort((a, b) => a.name.localeCompare(b.name));

/** The bits of n8n's (express) response object used to answer without starting an execution. */
interface CallbackResponse {
	status(code: number): CallbackResponse;
	setHeader(name: string, value: string): unknown;
	json(body: unknown): unknown;
}

/** Answers directly and tells n8n to start nothing and send nothing more. */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as CallbackResponse;
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** Refuses to activate with a secret that cannot protect the callback URL. */
async function refuseWeakSecret(ctx: IHookFunctions): Promise<void> {
	const mode = ctx.getNodeParameter('authentication', 'bearerToken') as AuthMode;
	if (mode === 'none') return;
	const weak = weakSecret(mode, (await ctx.getCredentials(AUTH_CREDENTIALS[mode])) as CallbackSecrets);
	if (weak === undefined) return;
	throw new NodeOperationError(ctx.getNode(), `The trigger's authentication credential is too weak: ${weak}`, {
		description: 'Anyone who guesses the secret can post events to this workflow. Put a long random secret in the credential (and in the provider\'s callback settings), then activate again.',
	});
}

export class WhatsAppBspTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp BSP Trigger',
		name: 'whatsAppBspTrigger',
		icon: { light: 'file:../../icons/trigger.svg', dark: 'file:../../icons/trigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"]}}',
		description: 'Starts the workflow on WhatsApp delivery statuses and inbound messages from Insider One, Kaleyra or Gupshup',
		defaults: { name: 'WhatsApp BSP Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'whatsAppBspCallbackBearerApi',
				required: true,
				testedBy: 'whatsAppBspCallbackSecretTest',
				displayOptions: { show: { authentication: ['bearerToken'] } },
			},
			{
				name: 'whatsAppBspCallbackBasicApi',
				required: true,
				testedBy: 'whatsAppBspCallbackSecretTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
			{
				// Optional and keyed on the provider alone: n8n 1.x hides every parameter a credential depends on once
				// it takes a boolean such as Register Subscription for the node's main authentication field.
				name: 'gupshupPartnerApi',
				displayOptions: { show: { provider: ['gupshup'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so that n8n answers with the node's own `webhookResponse` ({ received, events }).
				responseData: '',
				path: 'callback',
			},
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: providerOptions,
				default: 'insider',
				description: 'Which provider posts the callbacks to this trigger',
			},
			{
				displayName:
					'In InOne, set this node\'s Production URL as the WhatsApp status callback URL (the WhatsApp API settings, for each API type you use: conversational and transactional), choose bearer-token authentication and give it the token of this node\'s "WhatsApp BSP Callback Bearer API" credential (Authentication: Bearer Token).',
				name: 'insiderNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: ['insider'] } },
			},
			{
				displayName:
					'In kaleyra.io, open Developers → Callback Profiles and add a WhatsApp callback profile: method POST, this node\'s Production URL, and Basic auth (user and password of a "WhatsApp BSP Callback Basic Auth API" credential) or a bearer token (a "WhatsApp BSP Callback Bearer API" credential), matching Authentication below. Then enter the profile\'s ID as the Callback Profile ID of your WhatsApp number (kaleyra.io → Channels → WhatsApp → Numbers): Kaleyra sends that number\'s delivery statuses and inbound messages to the profile; v2 sends carry no profile of their own.',
				name: 'kaleyraNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: ['kaleyra'] } },
			},
			{
				displayName:
					'Turn on Register Subscription and the trigger registers its Production URL as a Gupshup v3 subscription of your app when the workflow is activated (modes from Events, the secret in its headers), and removes it on deactivation. Or register it yourself (Partner API POST /partner/app/{appId}/subscription, version 3, meta {"headers":{"Authorization":"Bearer &lt;token&gt;"}}).',
				name: 'gupshupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: ['gupshup'], registerSubscription: [false] } },
			},
			{
				displayName:
					'On activation the trigger registers its Production URL with the app of the Gupshup Partner API credential (a v3 subscription, modes from Events, the secret of Authentication sent as a header) and removes it on deactivation. Gupshup must be able to reach this n8n instance. If the public URL of n8n changes, deactivate and activate the workflow again: n8n does not re-register webhooks on restart.',
				name: 'gupshupRegisterNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: ['gupshup'], registerSubscription: [true] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Deleted', value: 'deleted', description: 'The user deleted the message (Gupshup)' },
					{ name: 'Delivered', value: 'delivered', description: 'The message reached the phone' },
					{ name: 'Enqueued', value: 'enqueued', description: 'Gupshup queued the message for WhatsApp (Gupshup)' },
					{ name: 'Failed', value: 'failed', description: 'The message could not be delivered; the item\'s error says why' },
					{
						name: 'Message',
						value: 'message',
						description: 'An inbound message, a reply-button tap, a quick-reply tap or a reaction',
					},
					{ name: 'Not Sent', value: 'not-sent', description: 'Kaleyra did not send the message (Kaleyra)' },
					{ name: 'Read', value: 'read', description: 'The user opened the message' },
					{ name: 'Sent', value: 'sent', description: 'WhatsApp accepted the message' },
					{
						name: 'Template Status',
						value: 'template',
						description: 'A template was approved, rejected, paused or disabled, or its category changed (Gupshup, Kaleyra)',
					},
				],
				default: ['sent', 'delivered', 'read', 'failed', 'message'],
				description: 'Which events start the workflow. Others are acknowledged (2xx) and start nothing.',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Basic Auth', value: 'basicAuth', description: 'Callbacks carry HTTP Basic auth (Kaleyra)' },
					{
						name: 'Bearer Token',
						value: 'bearerToken',
						description: 'Callbacks carry Authorization: Bearer &lt;token&gt; (Insider, Kaleyra, Gupshup)',
					},
					{ name: 'None', value: 'none', description: 'Anyone who knows the URL can post events' },
				],
				default: 'bearerToken',
				description: 'The secret callbacks must carry; a callback without it is answered 401 and starts nothing',
			},
			{
				displayName:
					'Without authentication anyone who learns this URL can post fake delivery statuses and fake inbound messages, and a workflow that replies to inbound messages then sends paid WhatsApp messages to numbers of their choice. Use Bearer Token or Basic Auth unless the URL is reachable only from your provider.',
				name: 'noAuthenticationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'Register Subscription',
				name: 'registerSubscription',
				type: 'boolean',
				default: false,
				displayOptions: { show: { provider: ['gupshup'] } },
				description:
					'Whether to register this trigger\'s URL as a Gupshup callback subscription on activation (and remove it on deactivation). Needs a Gupshup Partner API credential.',
			},
			{
				displayName: 'Download Media',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the file of an inbound image, document, video, audio or sticker into the item\'s binary "data", when the provider sends a link to it (Kaleyra, Gupshup v2) and the callback passed Authentication (never with None). The callback is answered first; a file that cannot be downloaded leaves the item with its media and a mediaDownloadError.',
			},
			{
				displayName: 'Max Download Size (MB)',
				name: 'maxDownloadSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MEDIA_DOWNLOAD.largestMb },
				// MEDIA_DOWNLOAD.defaultMaxMb, written out: n8n's linter takes only a literal default.
				default: 25,
				displayOptions: { show: { downloadMedia: [true] } },
				description: 'Larger files are not downloaded (the item says so in mediaDownloadError); the download stops as soon as a file passes this size',
			},
			...RESUME_PROPERTIES,
		],
	};

	methods = {
		credentialTest: {
			/** The callback credentials are secrets that n8n checks, not logins: test that they are usable. */
			async whatsAppBspCallbackSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const mode = credential.type === AUTH_CREDENTIALS.basicAuth ? 'basicAuth' : 'bearerToken';
				const weak = weakSecret(mode, credential.data ?? {});
				if (weak) return { status: 'Error', message: `${weak.charAt(0).toUpperCase()}${weak.slice(1)}` };
				return {
					status: 'OK',
					message:
						mode === 'basicAuth'
							? 'Callbacks must carry this user and password (HTTP Basic auth)'
							: 'Callbacks must carry Authorization: Bearer followed by this token',
				};
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Called whenever the trigger is activated or listens for a test event: a weak secret stops it there.
				await refuseWeakSecret(this);
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const provider = this.getNodeParameter('provider');
		if (!isProviderName(provider)) return answer(this, 500, { received: false, error: 'Unknown provider' });
		const mode = this.getNodeParameter('authentication', 'bearerToken') as AuthMode;

		let authorized = true;
		if (mode !== 'none') {
			let secrets: CallbackSecrets;
			try {
				secrets = await this.getCredentials(AUTH_CREDENTIALS[mode]);
			} catch (error) {
				this.logger.error('WhatsApp BSP Trigger: the authentication credential could not be read', { error });
				return answer(this, 500, { received: false, error: 'The trigger\'s credential could not be read' });
			}
			const headers = this.getHeaderData() as Record<string, unknown>;
			authorized = isAuthorized(mode, headerValue(headers, 'authorization'), secrets);
			const weak = weakSecret(mode, secrets);
			if (weak) this.logger.warn(`WhatsApp BSP Trigger: every callback is refused, since ${weak}`);
		}
		const verdict = judgeCallback({
			authorized,
			checksUrlWithoutSecret: PROVIDERS[provider].checksUrlWithoutSecret,
			body: readJsonBody(this.getRequestObject() as unknown as CallbackRequest, this.getBodyData()),
			parse: (value) => parseCallback(provider, value),
		});
		if (verdict.answer === 'unauthorized') {
			return answer(this, 401, { received: false, error: 'Unauthorized' }, { 'WWW-Authenticate': challenge(mode) });
		}
		if (verdict.answer === 'invalid') return answer(this, 400, { received: false, error: verdict.reason });

		const selected = new Set(this.getNodeParameter('events', []) as string[]);
		let items = verdict.items.filter((item) => isSelected(item, selected));
		const webhookResponse = { received: true, events: items.length };
		// Send and Wait taps: the provider is answered first, then the waiting executions are resumed (resume.ts).
		const tapped = hasWaitTaps(verdict.items);
		if (tapped) {
			answer(this, 200, webhookResponse);
			const resumed = await resumeTaps(this, verdict.items, mode !== 'none');
			items = resumed.filter((item) => isSelected(item, selected));
		}
		if (items.length === 0) return tapped ? { noWebhookResponse: true } : { webhookResponse };
		const settings = downloadSettings(this);
		// Without a secret anyone may post a callback, and its links would make n8n fetch addresses of their choice.
		const download =
			settings && mode === 'none'
				? { ...settings, refusal: 'Not downloaded: the trigger has no Authentication, so the link may not come from the provider; choose Bearer Token or Basic Auth to download files' }
				: settings;
		if (download !== null && items.some((item) => item.media !== null)) {
			// Answered before the downloads: a provider that waited for them could time out and post the callback again.
			if (!tapped) answer(this, 200, webhookResponse);
			return { noWebhookResponse: true, workflowData: [await withMediaFiles(this, items, download)] };
		}
		const workflowData = [this.helpers.returnJsonArray(items)];
		return tapped ? { noWebhookResponse: true, workflowData } : { webhookResponse, workflowData };
	}
}

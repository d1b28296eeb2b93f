// The conversation requests the sandbox takes in each provider's format: read receipts and the typing indicator,
// reactions, link buttons and quoted replies (the pages are cited in the providers' files).

import { createSandbox, DEFAULT_CREDENTIALS, Sandbox } from '../server';
import { request, CallOptions, INSIDER_HEADERS, KALEYRA_HEADERS, GUPSHUP_HEADERS, KALEYRA_PATH, GUPSHUP_PATH } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
	sb = await createSandbox();
});
afterAll(async () => await sb.close());

const call = (method: string, path: string, options: CallOptions = {}) => request(sb.url, method, path, options);
const WAMID = 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggQjA0QTlFQzY2MzE5NTNBMTc4RDMxQ0RBMkQ4OEIyODEA';
const read = { messaging_product: 'whatsapp', status: 'read', message_id: WAMID };
const typing = { ...read, typing_indicator: { type: 'text' } };
const cta = {
	type: 'interactive',
	interactive: { type: 'cta_url', body: { text: 'Shipped' }, action: { name: 'cta_url', parameters: { display_text: 'Track order', url: 'https://shop.example/t/1' } } },
};
const INSIDER_TYPING = `/v1/${DEFAULT_CREDENTIALS.insider.phoneNumberId}/messages`;
const GUPSHUP_EVENT = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v1/event`;

describe('Insider One typing indicator', () => {
	it('answers { success: true } on /v1/{PHONE_NUMBER_ID}/messages, and 400 without the typing indicator or for another number', async () => {
		expect(await call('POST', INSIDER_TYPING, { headers: INSIDER_HEADERS, body: typing })).toMatchObject({ status: 200, body: { success: true } });
		expect(await call('POST', INSIDER_TYPING, { headers: INSIDER_HEADERS, body: read })).toMatchObject({ status: 400, body: { message: 'body.typing_indicator is required' } });
		expect(await call('POST', '/v1/999/messages', { headers: INSIDER_HEADERS, body: typing })).toMatchObject({ status: 400, body: { message: 'unknown phone number id 999' } });
		expect(await call('POST', INSIDER_TYPING, { headers: { ...INSIDER_HEADERS, 'x-ins-auth-key': 'wrong' }, body: typing })).toMatchObject({ status: 401 });
	});
});

describe('Kaleyra', () => {
	const send = (body: unknown) => call('POST', KALEYRA_PATH, { headers: KALEYRA_HEADERS, body });
	const message = (content: object) => ({ messaging_object: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210', ...content } });

	it('takes a read receipt on the messages endpoint and refuses one with a typing indicator (WA400)', async () => {
		expect(await send({ messaging_object: read, extra_info: { ref: 'r' } })).toMatchObject({ status: 200, body: { code: 'WA200' } });
		expect(await send({ messaging_object: typing })).toMatchObject({ status: 400, body: { code: 'WA400' } });
		expect(await send({ messaging_object: { ...read, status: 'delivered' } })).toMatchObject({ status: 400, body: { code: 'WA400' } });
	});

	it('takes reactions (an empty emoji removes), CTA URL messages and quoted replies; refuses a quoted reaction and a long button', async () => {
		expect(await send(message({ type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' } }))).toMatchObject({ status: 202, body: { code: 'WA202' } });
		expect(await send(message({ type: 'reaction', reaction: { message_id: WAMID, emoji: '' } }))).toMatchObject({ status: 202 });
		expect(await send(message(cta))).toMatchObject({ status: 202 });
		expect(await send(message({ type: 'text', text: { body: 'Yes' }, context: { message_id: WAMID } }))).toMatchObject({ status: 202 });
		expect(await send(message({ type: 'reaction', reaction: { message_id: WAMID, emoji: '👍' }, context: { message_id: WAMID } }))).toMatchObject({ status: 400 });
		const long = { ...cta, interactive: { ...cta.interactive, action: { name: 'cta_url', parameters: { display_text: 'x'.repeat(21), url: 'https://a.example' } } } };
		expect(await send(message(long))).toMatchObject({ status: 400 });
	});
});

describe('Gupshup', () => {
	const event = (body: unknown, raw?: string) => call('POST', GUPSHUP_EVENT, { headers: GUPSHUP_HEADERS, body, raw });

	it('takes a read message-event with or without the typing indicator and refuses others with its documented messages', async () => {
		expect(await event({ type: 'message-event', message: typing })).toMatchObject({ status: 200, body: { status: 'success' } });
		expect(await event({ type: 'message-event', message: read })).toMatchObject({ status: 200, body: { status: 'success' } });
		expect(await event({ type: 'message-event', message: { ...read, status: 'sent' } })).toEqual(expect.objectContaining({ status: 400, body: { message: 'Outbound event not supported', status: 'error' } }));
		expect(await event(undefined, '{"type":')).toEqual(expect.objectContaining({ status: 400, body: { message: 'Invalid JSON payload', status: 'error' } }));
	});

	it('takes reactions and CTA URL messages on /v3/message', async () => {
		const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '919876543210' };
		for (const content of [{ type: 'reaction', reaction: { message_id: WAMID, emoji: '❤️' } }, cta]) {
			expect(await call('POST', GUPSHUP_PATH, { headers: GUPSHUP_HEADERS, body: { ...base, ...content } })).toMatchObject({ status: 200 });
		}
	});
});

describe('chat-model stand-in (Ollama /api/chat), for the AI support bot example', () => {
	const tools = [{ type: 'function', function: { name: 'Reply_on_WhatsApp', parameters: { type: 'object', properties: { text: { type: 'string' }, count: { type: 'number' } } } } }];
	const chat = async (body: unknown) => {
		const res = await fetch(`${sb.url}/api/chat`, { method: 'POST', body: JSON.stringify(body) });
		return { type: res.headers.get('content-type'), lines: (await res.text()).trim().split('\n').map((line) => JSON.parse(line)) };
	};

	it('calls the first tool offered with an answer quoting the customer, then says it is done once the tool answered', async () => {
		const first = await chat({ model: 'llama3.2:latest', messages: [{ role: 'system', content: 'Be kind' }, { role: 'user', content: 'Where is my order?' }], tools });
		expect(first.type).toBe('application/x-ndjson');
		expect(first.lines.map((line) => [line.model, line.done])).toEqual([['llama3.2:latest', false], ['llama3.2:latest', true]]);
		expect(first.lines[0].message).toEqual({
			role: 'assistant',
			content: '',
			tool_calls: [
				{
					function: {
						name: 'Reply_on_WhatsApp',
						arguments: { text: 'Thanks for your message ("Where is my order?"). A colleague will follow up shortly. (Demo: a stand-in for the AI model wrote this.)' },
					},
				},
			],
		});
		const second = await chat({ model: 'm', messages: [{ role: 'user', content: 'Where?' }, { role: 'assistant', content: '' }, { role: 'tool', content: '{}' }], tools });
		expect(second.lines[0].message).toEqual({ role: 'assistant', content: 'I answered the customer on WhatsApp.' });
	});
});

// Shared by the sandbox's own tests: bare HTTP calls, a callback receiver, and a wait for asynchronous callbacks.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CREDENTIALS } from '../server';

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: any;
}

export interface CallOptions {
	headers?: Record<string, string>;
	body?: unknown;
	raw?: string;
}

/** A bare HTTP call: node:http adds no User-Agent of its own, which the Insider 403 tests need. */
export function request(baseUrl: string, method: string, path: string, { headers = {}, body, raw }: CallOptions = {}): Promise<Reply> {
	const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
	return new Promise((resolve, reject) => {
		const req = http.request(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

export const INSIDER_HEADERS = { 'user-agent': 'n8n-nodes-whatsapp-bsp/0.1.0', 'x-ins-auth-key': DEFAULT_CREDENTIALS.insider.authKey };
export const KALEYRA_HEADERS = { 'api-key': DEFAULT_CREDENTIALS.kaleyra.apiKey };
export const GUPSHUP_HEADERS = { authorization: DEFAULT_CREDENTIALS.gupshup.appToken };
export const KALEYRA_PATH = `/v2/${DEFAULT_CREDENTIALS.kaleyra.sid}/whatsapp/%2B919000000001/messages`;
export const GUPSHUP_PATH = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/v3/message`;
export const SUBSCRIPTION_PATH = `/partner/app/${DEFAULT_CREDENTIALS.gupshup.appId}/subscription`;

/** A loopback server that records the callbacks it receives. */
export interface Receiver {
	url: string;
	received: { headers: http.IncomingHttpHeaders; body: any }[];
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Receiver['received'] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Waits for a condition that asynchronous callbacks will make true (no timing is asserted). */
export async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(condition()).toBe(true);
}

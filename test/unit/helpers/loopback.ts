import http from 'http';
import type { AddressInfo } from 'net';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	/** The body's bytes as they arrived (multipart uploads). */
	raw: Buffer;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

/** A scripted HTTP server on 127.0.0.1 that records every request, for asserting exact wire formats. */
export class Loopback {
	readonly requests: ReceivedRequest[] = [];

	private server?: http.Server;

	constructor(private handler: (request: ReceivedRequest, index: number) => Reply) {}

	setHandler(handler: (request: ReceivedRequest, index: number) => Reply): void {
		this.handler = handler;
	}

	get url(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const bytes = Buffer.concat(chunks);
				const raw = bytes.toString('utf8');
				let body: unknown = raw;
				try {
					body = raw === '' ? undefined : JSON.parse(raw);
				} catch {
					body = raw;
				}
				const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, raw: bytes };
				this.requests.push(received);
				const reply = this.handler(received, this.requests.length - 1);
				if (reply === 'drop') {
					req.socket.destroy();
					return;
				}
				res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
				res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		return this;
	}

	reset(): void {
		this.requests.length = 0;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

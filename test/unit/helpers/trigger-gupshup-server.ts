/**
 * A loopback emulation of Gupshup's callback-subscription API
 * (GET/POST /partner/app/:appId/subscription, PUT/DELETE …/subscription/:id), with the
 * answers in Gupshup's documented style, a record of every request, and knobs for the
 * variations the trigger must cope with.
 */
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface RecordedCall {
	method: string;
	path: string;
	authorization: string | undefined;
	contentType: string | undefined;
	form: Record<string, string>;
}

export interface StoredSubscription {
	id: string;
	appId: string;
	tag: string;
	url: string;
	version: number;
	modes: string[];
	meta: string | null;
	active: boolean;
}

export interface GupshupEmulator {
	baseUrl: string;
	appId: string;
	appToken: string;
	calls: RecordedCall[];
	subscriptions: Map<string, StoredSubscription>;
	options: {
		/** List answers carry `modes` (the documented GET of one subscription does). */
		listModes: boolean;
		/** List answers carry `meta`. */
		listMeta: boolean;
		/** The next POST is refused with this message (then the knob resets). */
		refuseNextCreate: string | null;
	};
	close(): Promise<void>;
}

const SUB_PATH = /^\/partner\/app\/([^/]+)\/subscription(?:\/([^/]+))?$/;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export async function startGupshupEmulator(appId = 'app-0001', appToken = 'partner-app-token-0001'): Promise<GupshupEmulator> {
	const calls: RecordedCall[] = [];
	const subscriptions = new Map<string, StoredSubscription>();
	const options: GupshupEmulator['options'] = { listModes: true, listMeta: true, refuseNextCreate: null };
	let nextId = 8166;

	const view = (s: StoredSubscription) => {
		const out: Record<string, unknown> = { active: s.active, appId: s.appId, createdOn: 1705574838954, id: s.id, mode: 2047, modifiedOn: 1705574838954, showOnUI: false, tag: s.tag, url: s.url, version: s.version };
		if (options.listModes) out.modes = s.modes;
		if (options.listMeta && s.meta !== null) out.meta = s.meta;
		return out;
	};

	const server: Server = createServer((req, res) => {
		void (async () => {
			const raw = await readBody(req);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const contentType = req.headers['content-type'];
			const form = contentType === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(raw)) : {};
			const method = req.method ?? 'GET';
			calls.push({ method, path: url.pathname, authorization: req.headers.authorization, contentType, form });
			const send = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const match = SUB_PATH.exec(url.pathname);
			if (!match) return send(404, { status: 'error', message: 'Not Found' });
			if (match[1] !== appId) return send(400, { status: 'error', message: 'Invalid App Details' });
			if (req.headers.authorization !== appToken) return send(401, { status: 'error', message: 'Authentication Failed' });
			const id = match[2];

			if (method === 'GET' && id === undefined) {
				return send(200, { status: 'success', subscriptions: [...subscriptions.values()].map(view) });
			}
			if (method === 'DELETE' && id !== undefined) {
				if (!subscriptions.delete(id)) return send(400, { status: 'error', message: 'Subscription Does Not Exist' });
				return send(200, { status: 'success' });
			}
			if (contentType !== 'application/x-www-form-urlencoded') {
				return send(400, { status: 'error', message: 'Content-Type must be application/x-www-form-urlencoded' });
			}
			const modes = (form.modes ?? '').split(',').map((m) => m.trim()).filter(Boolean);
			if (form.meta !== undefined) {
				try {
					JSON.parse(form.meta);
				} catch {
					return send(400, { status: 'error', message: 'Invalid meta' });
				}
			}
			if (method === 'POST' && id === undefined) {
				if (options.refuseNextCreate !== null) {
					const message = options.refuseNextCreate;
					options.refuseNextCreate = null;
					return send(400, { status: 'error', message });
				}
				if (!form.tag || !form.url || modes.length === 0) return send(400, { status: 'error', message: 'modes, tag and url are required' });
				if ([...subscriptions.values()].some((s) => s.tag === form.tag)) {
					return send(400, { status: 'error', message: 'Subscription with this tag already exists' });
				}
				const created: StoredSubscription = {
					id: String(nextId++),
					appId,
					tag: form.tag,
					url: form.url,
					version: Number(form.version ?? 2),
					modes,
					meta: form.meta ?? null,
					active: true,
				};
				subscriptions.set(created.id, created);
				return send(200, { status: 'success', subscription: view(created) });
			}
			if (method === 'PUT' && id !== undefined) {
				const existing = subscriptions.get(id);
				if (!existing) return send(400, { status: 'error', message: 'Subscription Does Not Exist' });
				if (form.tag !== undefined) existing.tag = form.tag;
				if (form.url !== undefined) existing.url = form.url;
				if (form.version !== undefined) existing.version = Number(form.version);
				if (form.modes !== undefined) existing.modes = modes;
				if (form.meta !== undefined) existing.meta = form.meta;
				if (form.active !== undefined) existing.active = form.active === 'true';
				return send(200, { status: 'success', subscription: view(existing) });
			}
			return send(405, { status: 'error', message: 'Method Not Allowed' });
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		appId,
		appToken,
		calls,
		subscriptions,
		options,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

// Types for TypeScript tests and benchmarks that start the sandbox in-process.

import type { WhatsAppTemplate } from './templates';

export type ProviderName = 'insider' | 'kaleyra' | 'gupshup';

export interface SandboxCredentials {
	insider: { authKey: string; phoneNumberId: string };
	kaleyra: { sid: string; apiKey: string; businessNumbers: string[]; wabaId: string };
	gupshup: { appId: string; appToken: string };
}

export interface AutoCallbacks {
	url: string;
	headers?: Record<string, string>;
	intervalMs?: number;
	gupshupVersion?: 2 | 3;
}

export type FaultKind = '429' | '429-retry-after' | '500' | '503' | 'drop' | 'slow';

export interface FaultSpec {
	provider?: ProviderName | null;
	rate?: number;
	count?: number;
	kinds: FaultKind[];
	retryAfterSeconds?: number;
	slowMs?: number;
	seed?: number;
}

export type RateLimit = number | null;

export interface SandboxOptions {
	port?: number;
	credentials?: { [P in keyof SandboxCredentials]?: Partial<SandboxCredentials[P]> };
	latencyMs?: number;
	autoCallbacks?: AutoCallbacks | null;
	rateLimit?: {
		insider?: RateLimit | { conversational?: RateLimit; transactional?: RateLimit };
		kaleyra?: RateLimit;
		gupshup?: RateLimit;
	};
	faults?: FaultSpec | null;
	/** WhatsApp's 24-hour customer-service window: off (null, the default), or on (true = 24 hours). */
	serviceWindow?: { hours?: number } | boolean | null;
	/** Requests a minute to Gupshup's template list, per app; default 10 (Gupshup's documented limit), null = off. */
	templateListLimit?: { gupshup?: number | null };
	/** The template catalogue; default DEFAULT_TEMPLATES of templates.js. */
	templates?: Partial<WhatsAppTemplate>[];
}

/** A message the provider accepted and Meta then turned down (reported in a `failed` status callback). */
export interface RecordedFailure {
	messageId: string;
	to: string;
	code: number;
	title: string;
	details: string;
}

export interface RecordedRequest {
	seq: number;
	provider: ProviderName | null;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	status: number | null;
	responseBody: unknown;
	fault: FaultKind | null;
	receivedAt: string;
	failures?: RecordedFailure[];
}

/** One media upload the sandbox accepted (GET /__sandbox/uploads): what it carried, not the bytes. */
export interface RecordedUpload {
	mediaId: string;
	provider: ProviderName;
	path: string;
	fields: Record<string, string>;
	file: { field: string; filename?: string; contentType: string | null; size: number; sha256: string };
	uploadedAt: string;
}

export interface ProviderStats {
	requests: number;
	statusCodes: Record<string, number>;
	dropped: number;
	acceptedMessages: number;
	uniqueMessages: number;
	duplicateMessages: number;
	failedMessages: number;
	callbacks: { posted: number; failed: number };
}

export interface Sandbox {
	url: string;
	port: number;
	close(): Promise<void>;
	state: {
		credentials: SandboxCredentials;
		recorder: { list(filter?: { provider?: ProviderName; since?: number }): RecordedRequest[]; clear(): number };
		stats: { toJSON(): Record<ProviderName, ProviderStats>; reset(): void };
		config: { update(patch: object): string | null; toJSON(): object };
		subscriptions: { clear(): void };
		templates: { list(): WhatsAppTemplate[]; upsert(template: Partial<WhatsAppTemplate>): string | null; replace(templates: Partial<WhatsAppTemplate>[]): string | null; reset(): void };
		serviceWindow: { record(provider: ProviderName | null, number: string, at?: number): void; clear(): number };
		uploads: { list(provider?: ProviderName): RecordedUpload[]; has(provider: ProviderName, mediaId: string): boolean; clear(): number };
	};
}

export const DEFAULT_CREDENTIALS: SandboxCredentials;
export function createSandbox(options?: SandboxOptions): Promise<Sandbox>;

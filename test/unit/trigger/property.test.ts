/**
 * Property-based: thousands of random bodies and mutations of valid callbacks. The parser
 * never throws; it answers either events or a clean reason; every item has `provider`,
 * `event` and `raw` and the contract's types; and what it emits can be stored by n8n.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { readJsonBody } from '../../../nodes/WhatsAppBspTrigger/callbacks/body';
import { parseCallback } from '../../../nodes/WhatsAppBspTrigger/callbacks/index';
import type { TriggerItem } from '../../../nodes/WhatsAppBspTrigger/callbacks/types';
import { callWebhook } from '../helpers/trigger-context';
import { ADDED_FIELDS, CONTRACT_FIELDS } from '../helpers/trigger-expect';
import { allValidBodies } from '../helpers/trigger-fixtures';

type Provider = 'insider' | 'kaleyra' | 'gupshup';
const PROVIDERS: Provider[] = ['insider', 'kaleyra', 'gupshup'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const VALID = allValidBodies();

// ---- checks ----

function checkItem(item: TriggerItem, provider: Provider): void {
	expect(Object.keys(item)).toEqual([...CONTRACT_FIELDS, ...ADDED_FIELDS]);
	expect(item.provider).toBe(provider);
	expect(['status', 'message', 'template']).toContain(item.event);
	expect(item.template !== null).toBe(item.event === 'template');
	if (item.template !== null) expect(typeof item.template.status === 'string' && item.template.status !== '').toBe(true);
	if (item.reaction !== null) expect(item.event === 'message' && typeof item.reaction.emoji === 'string').toBe(true);
	expect(typeof item.raw === 'object' && item.raw !== null && !Array.isArray(item.raw)).toBe(true);
	if (item.event === 'status') expect(typeof item.status).toBe('string');
	else expect(item.status).toBeNull();
	for (const key of ['messageId', 'recipient', 'from', 'ref', 'text', 'wamid', 'messageType', 'replyTo', 'contactName'] as const) {
		expect(item[key] === null || (typeof item[key] === 'string' && item[key] !== '')).toBe(true);
	}
	if (item.timestamp !== null) expect(item.timestamp).toMatch(ISO);
	if (item.buttonReply !== null) {
		expect(typeof item.buttonReply.id).toBe('string');
		expect(typeof item.buttonReply.title).toBe('string');
	}
	if (item.error !== null) {
		expect(item.error.code === null || typeof item.error.code === 'string').toBe(true);
		expect(typeof item.error.message).toBe('string');
	}
	if (item.status === 'failed' || item.status === 'not-sent') expect(item.error).not.toBeNull();
}

/** Either items that pass checkItem and serialize, or a short one-line reason. */
function checkParse(provider: Provider, body: unknown): void {
	const parsed = parseCallback(provider, body);
	if (parsed.ok) {
		for (const item of parsed.items) checkItem(item, provider);
		// n8n stores the execution as JSON: the items must serialize.
		expect(() => JSON.stringify(parsed.items)).not.toThrow();
	} else {
		expect(typeof parsed.reason).toBe('string');
		expect(parsed.reason.length).toBeGreaterThan(0);
		expect(parsed.reason.length).toBeLessThanOrEqual(200);
		expect(parsed.reason).not.toMatch(/\n/);
	}
}

// ---- mutations of valid callbacks ----

const INTERESTING_KEYS = [
	'__proto__', 'constructor', 'toString', 'status', 'type', 'event', 'entry', 'changes', 'value', 'statuses', 'messages',
	'meta_object', 'extra_info', 'payload', 'timestamp', 'errors', 'error', 'id', 'gs_id', 'gsId', 'from', 'key', 'message',
	'interactive', 'button', 'button_reply', 'context', 'field', 'ts', 'code', 'reason', 'metadata', 'contacts',
];
const interestingValue = fc.constantFrom<unknown>(
	'sent', 'delivered', 'read', 'failed', 'enqueued', 'not-sent', 'deleted', 'READ', 'not_sent', 'set-callback',
	'message-event', 'message', 'user-event', 'reply', '', ' ', '1710930461', '1710930461000', '2024-03-20 10:27:41',
	'not a date', '{"value":{"statuses":[{"status":"read","id":"x"}]}}', '{broken', -1, 0, 1, 1e20, -1e20, 1.5,
	Number.MAX_SAFE_INTEGER, true, false, null, [], {}, [null], [{}], { status: 'read' },
);
const randomValue = fc.oneof(interestingValue, fc.jsonValue({ maxDepth: 3 }));

type Op =
	| { kind: 'delete'; at: number; which: number }
	| { kind: 'set'; at: number; which: number; value: unknown }
	| { kind: 'addKey'; at: number; key: string; value: unknown }
	| { kind: 'retype'; at: number; value: unknown }
	| { kind: 'duplicate'; at: number; times: number }
	| { kind: 'stringify'; at: number }
	| { kind: 'nest'; at: number; levels: number; asArray: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), which: fc.nat() }),
	fc.record({ kind: fc.constant('set' as const), at: fc.nat(), which: fc.nat(), value: randomValue }),
	fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...INTERESTING_KEYS), fc.string()), value: randomValue }),
	fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: randomValue }),
	fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 50 }) }),
	fc.record({ kind: fc.constant('stringify' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), levels: fc.integer({ min: 1, max: 60 }), asArray: fc.boolean() }),
);

type Slot = { parent: IDataObject | unknown[]; key: string | number };

/** Every place in the body that holds a value (walked with a stack). */
function slots(root: { body: unknown }): Slot[] {
	const found: Slot[] = [{ parent: root as unknown as IDataObject, key: 'body' }];
	const stack: unknown[] = [root.body];
	while (stack.length > 0 && found.length < 5000) {
		const current = stack.pop();
		if (Array.isArray(current)) {
			current.forEach((child, i) => {
				found.push({ parent: current, key: i });
				stack.push(child);
			});
		} else if (typeof current === 'object' && current !== null) {
			for (const key of Object.keys(current)) {
				found.push({ parent: current as IDataObject, key });
				stack.push((current as IDataObject)[key]);
			}
		}
	}
	return found;
}

const get = (slot: Slot): unknown => (slot.parent as Record<string | number, unknown>)[slot.key];
const put = (slot: Slot, value: unknown): void => {
	Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, writable: true, configurable: true });
};

/** A copy of a generated value: fast-check reuses its values while shrinking, and mutate() changes what it inserts. */
const fresh = (value: unknown): unknown => (value === undefined ? undefined : structuredClone(value));

function mutate(body: IDataObject, ops: Op[]): unknown {
	const root = { body: JSON.parse(JSON.stringify(body)) as unknown };
	for (const o of ops) {
		const all = slots(root);
		const slot = all[o.at % all.length];
		const target = get(slot);
		switch (o.kind) {
			case 'delete':
			case 'set': {
				if (typeof target !== 'object' || target === null) break;
				const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
				if (keys.length === 0) break;
				const key = keys[o.which % keys.length];
				if (o.kind === 'set') put({ parent: target as IDataObject, key }, fresh(o.value));
				else if (Array.isArray(target)) target.splice(key as number, 1);
				else delete (target as IDataObject)[key as string];
				break;
			}
			case 'addKey':
				if (typeof target === 'object' && target !== null && !Array.isArray(target)) put({ parent: target as IDataObject, key: o.key }, fresh(o.value));
				break;
			case 'retype':
				put(slot, fresh(o.value));
				break;
			case 'duplicate':
				if (Array.isArray(target) && target.length > 0) for (let i = 0; i < o.times; i++) target.push(JSON.parse(JSON.stringify(target[0])));
				break;
			case 'stringify':
				put(slot, JSON.stringify(target) ?? 'undefined');
				break;
			case 'nest': {
				let wrapped: unknown = target;
				for (let i = 0; i < o.levels; i++) wrapped = o.asArray ? [wrapped] : { a: wrapped };
				put(slot, wrapped);
				break;
			}
		}
	}
	return root.body;
}

const provider = fc.constantFrom<Provider>(...PROVIDERS);

describe('the parser, on mutations of valid callbacks', () => {
	it('never throws; answers events or a clean reason (3,000 mutated bodies)', () => {
		fc.assert(
			fc.property(fc.nat({ max: VALID.length - 1 }), fc.array(op, { minLength: 1, maxLength: 6 }), provider, (index, ops, asProvider) => {
				const [, own, body] = VALID[index];
				const mutated = mutate(body, ops);
				checkParse(own, mutated);
				checkParse(asProvider, mutated);
			}),
			{ numRuns: 3000 },
		);
	});

	it('valid callbacks stay valid: every one gives items of its provider', () => {
		for (const [name, own, body] of VALID) {
			const parsed = parseCallback(own, body);
			if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
			expect(parsed.items.length).toBeGreaterThan(0);
			for (const item of parsed.items) checkItem(item, own);
		}
	});

	it('a batch of many copies gives one item per event, raw the size of the callback', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 400 }), (copies) => {
				const body = VALID.find(([name]) => name === 'gupshup.batch')![2] as any;
				const statuses = body.entry[0].changes[0].value.statuses;
				const many = JSON.parse(JSON.stringify(body));
				many.entry[0].changes[0].value.statuses = Array.from({ length: copies }, (_, i) => statuses[i % statuses.length]);
				const parsed = parseCallback('gupshup', many);
				expect(parsed.ok && parsed.items.length).toBe(copies);
				const size = JSON.stringify(parsed.ok ? parsed.items.map((i) => i.raw) : []).length;
				expect(size).toBeLessThan(JSON.stringify(many).length);
			}),
			{ numRuns: 50 },
		);
	});
});

describe('the parser, on random JSON', () => {
	it('never throws (2,000 random JSON values per provider)', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 6 }), provider, (value, p) => checkParse(p, value)),
			{ numRuns: 2000 },
		);
	});

	it('never throws on random objects with the providers\' own keys', () => {
		const keyed: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
			node: fc.oneof(
				{ depthSize: 'small', withCrossShrink: true },
				randomValue,
				fc.dictionary(fc.constantFrom(...INTERESTING_KEYS), tie('node'), { maxKeys: 5 }),
				fc.array(tie('node'), { maxLength: 4 }),
			),
		})).node;
		fc.assert(fc.property(keyed, provider, (value, p) => checkParse(p, value)), { numRuns: 2000 });
	});
});

describe('the webhook, on random requests', () => {
	const contentTypes = fc.constantFrom(
		undefined,
		'application/json',
		'text/plain',
		'application/x-www-form-urlencoded',
		'application/octet-stream',
		'application/xml',
		'multipart/form-data',
		'x'.repeat(500),
	);

	it('answers 200 (maybe with an execution) or 400 with a reason, never anything else (1,000 requests)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					fc.string({ unit: 'binary' }),
					fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
					fc.tuple(fc.nat({ max: VALID.length - 1 }), fc.array(op, { maxLength: 3 })).map(([i, ops]) => JSON.stringify(mutate(VALID[i][2], ops))),
					fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
				),
				contentTypes,
				provider,
				fc.boolean(),
				async (raw, contentType, p, textBody) => {
					const body = textBody ? raw : {};
					const out = await callWebhook({ provider: p, authentication: 'none' }, { body, rawBody: raw, contentType });
					expect([200, 400]).toContain(out.status);
					if (out.status === 400) {
						expect(out.items).toBeNull();
						expect((out.answer as IDataObject).received).toBe(false);
						const reason = (out.answer as IDataObject).error as string;
						expect(reason.length).toBeGreaterThan(0);
						expect(reason.length).toBeLessThanOrEqual(200);
					} else {
						expect((out.answer as IDataObject).received).toBe(true);
						for (const item of out.items ?? []) checkItem(item as TriggerItem, p);
						expect((out.answer as IDataObject).events).toBe(out.items?.length ?? 0);
					}
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('readJsonBody never throws on what n8n may hand over', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string(), fc.jsonValue(), fc.uint8Array().map((b) => Buffer.from(b)), fc.constant(undefined)),
				fc.oneof(fc.string(), fc.uint8Array().map((b) => Buffer.from(b)), fc.constant(undefined)),
				contentTypes,
				(body, rawBody, contentType) => {
					const read = readJsonBody({ rawBody, contentType, headers: {} }, body);
					expect(read.ok || (typeof read.reason === 'string' && read.reason.length <= 200)).toBe(true);
				},
			),
			{ numRuns: 2000 },
		);
	});
});

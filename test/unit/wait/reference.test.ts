import { generateUrlSignature, prepareUrlForSigning, validateUrlSignature } from 'n8n-core/dist/utils/signature-helpers';

import { WHATSAPP_LIMITS } from '../../../nodes/shared/checks';
import {
	formatReference,
	looksLikeReference,
	parseReference,
	phoneDigits,
	resumeUrl,
	signatureOf,
	signedQuery,
	type WaitReference,
} from '../../../nodes/shared/wait/reference';

const SECRET = 'f3b0c442-98fc-4c1c-9a3e-instance-hmac';
const BASE = 'https://n8n.example.com/webhook-waiting';
const NODE_ID = '52df5f6a-068c-4aaf-897a-ba2ec749e15d';

/** n8n-core's getSignedResumeUrl for execution `executionId`, node NODE_ID and `query`. */
function signedResumeUrl(executionId: string, query: Record<string, string>, nodeId = NODE_ID): string {
	const url = new URL(`${BASE}/${executionId}/${encodeURIComponent(nodeId)}`);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	url.searchParams.set('signature', generateUrlSignature(prepareUrlForSigning(url), SECRET));
	return url.toString();
}

function referenceFor(executionId: string, choice: number, nonce = 'Ab3_x-9Q', to = '+919876543210', nodeId = NODE_ID): WaitReference {
	const signature = signatureOf(signedResumeUrl(executionId, signedQuery(choice, nonce, phoneDigits(to)), nodeId));
	if (!signature) throw new Error('no signature');
	return { executionId, nodeId, choice, nonce, signature };
}

/** What n8n's waiting-webhook endpoint decides for a URL the trigger built. */
const n8nAccepts = (url: string) => validateUrlSignature(new URL(url).searchParams.get('signature') ?? '', new URL(url), SECRET);

describe('Send and Wait references (button and row IDs)', () => {
	it('round-trips, and the trigger rebuilds exactly the URL n8n signed', () => {
		const reference = referenceFor('4711', 1);
		const id = formatReference(reference);
		expect(id).toMatch(/^n8nw1\.4711\.52df5f6a-068c-4aaf-897a-ba2ec749e15d\.1\.Ab3_x-9Q\.[A-Za-z0-9_-]{43}$/);
		expect(looksLikeReference(id)).toBe(true);
		expect(parseReference(id)).toEqual(reference);
		const url = resumeUrl(BASE, reference, '919876543210');
		expect(url).toBe(signedResumeUrl('4711', { i: '1', n: 'Ab3_x-9Q', f: '919876543210' }));
		expect(n8nAccepts(url)).toBe(true);
	});

	it('fits WhatsApp: a reference with a UUID node ID and a 20-digit execution ID fits a row ID (200); the longest possible a button ID (256)', () => {
		const typical = formatReference(referenceFor('9'.repeat(20), 9));
		expect(typical.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowId.max);
		const longest = formatReference(referenceFor('9'.repeat(64), 99, 'n'.repeat(64), '+919876543210', 'x'.repeat(64)));
		expect(longest.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.buttonId.max);
	});

	it('carries no secret: neither the instance secret nor anything the signature is made with but public parts', () => {
		const id = formatReference(referenceFor('4711', 0));
		expect(id).not.toContain(SECRET);
		expect(id).not.toContain(Buffer.from(SECRET).toString('base64url'));
		expect(id).not.toContain(Buffer.from(SECRET).toString('hex'));
		// Nor the recipient's number: the trigger puts in the sender's.
		expect(id).not.toContain('9876543210');
	});

	it.each([
		['another choice', (r: WaitReference) => ({ ...r, choice: 0 }), '919876543210'],
		['another execution', (r: WaitReference) => ({ ...r, executionId: '4712' }), '919876543210'],
		['another nonce (an earlier question)', (r: WaitReference) => ({ ...r, nonce: 'Zz3_x-9Q' }), '919876543210'],
		['a forged signature', (r: WaitReference) => ({ ...r, signature: 'a'.repeat(64) }), '919876543210'],
		['another sender', (r: WaitReference) => r, '919812345678'],
	])('n8n refuses %s', (_, change, from) => {
		const reference = referenceFor('4711', 1);
		expect(n8nAccepts(resumeUrl(BASE, change(reference), from))).toBe(false);
	});

	it.each([
		'yes',
		'n8nw1',
		'n8nw1.4711.node.1.nonce',
		`n8nw1.4711.node.1.nonce.${'A'.repeat(42)}`,
		`n8nw1.47 11.node.1.nonce.${'A'.repeat(43)}`,
		`n8nw1.4711.no/de.1.nonce.${'A'.repeat(43)}`,
		`n8nw1.4711.node.123.nonce.${'A'.repeat(43)}`,
		`n8nw1.4711.node.x.nonce.${'A'.repeat(43)}`,
		`n8nw2.4711.node.1.nonce.${'A'.repeat(43)}`,
		`n8nw1.4711.node.1.nonce.${'A'.repeat(43)}.extra`,
	])('does not read %j as a reference', (id) => {
		expect(parseReference(id)).toBeNull();
	});

	it('builds the path from the reference only: a node ID cannot leave the waiting-webhook path', () => {
		expect(parseReference(`n8nw1.4711.${encodeURIComponent('../../rest')}.1.nonce.${'A'.repeat(43)}`)).toBeNull();
		const url = new URL(resumeUrl(`${BASE}/`, referenceFor('4711', 0), '919876543210'));
		expect(url.origin + url.pathname).toBe(`${BASE}/4711/${NODE_ID}`);
	});
});

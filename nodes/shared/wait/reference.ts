/**
 * The signed reference a Send and Wait button or list row carries as its ID, and the resume URL it stands for.
 *
 * n8n signs a waiting node's resume URL itself (getSignedResumeUrl: an HMAC-SHA256 of the URL's path and query with
 * the instance's own secret, in the `signature` query parameter) and its waiting-webhook endpoint verifies it before
 * anything runs. The reference is that URL taken apart, without its host: execution, node, choice, the wait's nonce
 * and the signature. The signed query also names the recipient (`f`), which the reference does not carry: the
 * trigger puts in the number the tap came from, so that a tap from any other number fails n8n's check. No secret is
 * in it: the signature cannot be turned back into the instance's key.
 */
import { REFERENCE_PREFIX } from './constants';

export interface WaitReference {
	executionId: string;
	nodeId: string;
	/** The choice's position among the buttons or rows, from 0. */
	choice: number;
	/** Different for every wait, so that a tap on an earlier question of the same node in the same execution resumes nothing. */
	nonce: string;
	/** n8n's signature of the resume URL, hex (64 characters). */
	signature: string;
}

/** The query n8n signs, in the order the node gives it (the signature covers the order too). */
export function signedQuery(choice: number, nonce: string, fromDigits: string): Record<string, string> {
	return { i: String(choice), n: nonce, f: fromDigits };
}

/** A phone number as digits only, the form both ends put into the signed query. */
export const phoneDigits = (value: string): string => value.replace(/\D/g, '');

const PART = /^[A-Za-z0-9_-]{1,64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const B64_SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** Whether an execution or node id can travel in a reference (and in a URL path) unchanged. */
export const isReferencePart = (value: string): boolean => PART.test(value);

export function formatReference(reference: WaitReference): string {
	const signature = Buffer.from(reference.signature, 'hex').toString('base64url');
	return [REFERENCE_PREFIX, reference.executionId, reference.nodeId, reference.choice, reference.nonce, signature].join('.');
}

/** The reference in a button or row ID; null when the ID is not one (an ordinary button) or is malformed. */
export function parseReference(id: string): WaitReference | null {
	const parts = id.split('.');
	if (parts.length !== 6 || parts[0] !== REFERENCE_PREFIX) return null;
	const [, executionId, nodeId, choice, nonce, signature] = parts;
	if (!isReferencePart(executionId) || !isReferencePart(nodeId) || !isReferencePart(nonce)) return null;
	if (!/^\d{1,2}$/.test(choice) || !B64_SIGNATURE.test(signature)) return null;
	return { executionId, nodeId, choice: Number(choice), nonce, signature: Buffer.from(signature, 'base64url').toString('hex') };
}

/** Whether a button or row ID claims to be a reference (it may still be malformed or forged). */
export const looksLikeReference = (id: string): boolean => id.startsWith(`${REFERENCE_PREFIX}.`);

/** The hex signature n8n put in a signed resume URL. */
export function signatureOf(signedUrl: string): string | null {
	const signature = new URL(signedUrl).searchParams.get('signature');
	return signature !== null && HEX_SIGNATURE.test(signature) ? signature : null;
}

/**
 * The URL n8n's waiting-webhook endpoint verifies for a reference: `waitingBase` is this instance's own (never a host
 * from a callback), the path and query exactly as getSignedResumeUrl built them.
 */
export function resumeUrl(waitingBase: string, reference: WaitReference, fromDigits: string): string {
	const url = new URL(`${waitingBase.replace(/\/+$/, '')}/${reference.executionId}/${encodeURIComponent(reference.nodeId)}`);
	for (const [name, value] of Object.entries(signedQuery(reference.choice, reference.nonce, fromDigits))) {
		url.searchParams.set(name, value);
	}
	url.searchParams.set('signature', reference.signature);
	return url.toString();
}

import type { ReceivedRequest } from './loopback';

export type ExpectedPart = { name: string; value: string } | { name: string; filename: string; contentType: string; content: Buffer };

/** The boundary of a multipart/form-data request. */
export function boundaryOf(request: ReceivedRequest): string {
	const match = /^multipart\/form-data; boundary=(\S+)$/.exec(String(request.headers['content-type']));
	if (!match) throw new Error(`not multipart/form-data: ${String(request.headers['content-type'])}`);
	return match[1];
}

/** The exact bytes of a multipart/form-data body (RFC 7578) with these parts, in this order. */
export function multipartBytes(boundary: string, parts: ExpectedPart[]): Buffer {
	const chunks: Buffer[] = [];
	parts.forEach((part, index) => {
		const head =
			'content' in part
				? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}`
				: `Content-Disposition: form-data; name="${part.name}"`;
		chunks.push(Buffer.from(`${index === 0 ? '' : '\r\n'}--${boundary}\r\n${head}\r\n\r\n`));
		chunks.push('content' in part ? part.content : Buffer.from(part.value));
	});
	chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
	return Buffer.concat(chunks);
}

/** Asserts that a request is this multipart body, byte for byte, with a matching Content-Length. */
export function expectMultipart(request: ReceivedRequest, parts: ExpectedPart[]): void {
	const expected = multipartBytes(boundaryOf(request), parts);
	expect(request.headers['content-length']).toBe(String(expected.length));
	expect(request.raw.equals(expected)).toBe(true);
}

import type { IDataObject } from 'n8n-workflow';

/** Reading values of unknown shape: provider answers, callbacks, parameters. */

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property of `value` when `value` is an object; undefined otherwise. */
export function field(value: unknown, key: string): unknown {
	return isObject(value) ? value[key] : undefined;
}

/** The first of the values that is a non-empty string or a number, as text; '' when none is. */
export function firstText(...values: unknown[]): string {
	for (const value of values) {
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return '';
}

/** `table[key]` when `key` is the table's own (never an inherited name such as "constructor"); undefined otherwise. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** A body n8n handed over as text parsed as JSON; anything else (or text that is not JSON) as it is. */
export function parseJsonText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

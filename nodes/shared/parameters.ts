/**
 * Reading the node's parameters for many items. n8n 2.x resolves every `{{ … }}` in an isolate, about 0.5 ms per
 * expression and item (BENCHMARKS.md): a campaign's `to` = `{{ $json.phone }}` alone costs 5 s for 10,000 items.
 * Two readings give the same values without that cost:
 * - a parameter with no expression anywhere in it is the same for every item: read once;
 * - a parameter that is exactly `{{ $json.<field> }}` (or `{{ $json["<field>"] }}`) is the item's own field: read
 *   from the item, as n8n's `$json` (the current input item's JSON) would give it.
 * Every other parameter is resolved by n8n for each item, as before.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

// `={{ $json.phone }}`, `={{ $json.customer.phone }}`, `={{ $json["1"] }}`: a path of plain keys into the item.
const FIELD_SEGMENT = String.raw`(?:\.([A-Za-z_$][\w$]*)|\["([^"\\]+)"\]|\['([^'\\]+)'\])`;
const ITEM_FIELD = new RegExp(String.raw`^=\{\{\s*\$json((?:${FIELD_SEGMENT})+)\s*\}\}$`);
const SEGMENTS = new RegExp(FIELD_SEGMENT, 'g');

/** The keys of a `$json` path, or undefined when `raw` is not exactly `{{ $json.<path> }}`. */
export function itemFieldPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = ITEM_FIELD.exec(raw);
	if (!match) return undefined;
	return [...match[1].matchAll(SEGMENTS)].map((segment) => segment[1] ?? segment[2] ?? segment[3]);
}

/** Whether a raw parameter value holds an expression anywhere (a string starting with `=`). */
function hasExpression(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (Array.isArray(raw)) return raw.some(hasExpression);
	if (typeof raw === 'object' && raw !== null) return Object.values(raw).some(hasExpression);
	return false;
}

type Reading = { kind: 'same'; value: unknown } | { kind: 'field'; path: string[] } | { kind: 'n8n' };

/**
 * `get(name, itemIndex, fallback)` with n8n's result for every item, for one execution. The values it returns for
 * parameters without expressions are shared by all items: callers must not change them.
 */
export function parameterReader(ctx: IExecuteFunctions) {
	const readings = new Map<string, Reading>();
	const items = ctx.getInputData();
	const readingOf = (name: string, fallback: unknown): Reading => {
		let reading = readings.get(name);
		if (!reading) {
			const raw = ctx.getNodeParameter(name, 0, fallback as never, { rawExpressions: true }) as unknown;
			const path = itemFieldPath(raw);
			if (path) reading = { kind: 'field', path };
			else if (hasExpression(raw)) reading = { kind: 'n8n' };
			else reading = { kind: 'same', value: ctx.getNodeParameter(name, 0, fallback as never) };
			readings.set(name, reading);
		}
		return reading;
	};
	return <T>(name: string, itemIndex: number, fallback: T): T => {
		const reading = readingOf(name, fallback);
		if (reading.kind === 'same') return reading.value as T;
		if (reading.kind === 'field') {
			let value: unknown = items[itemIndex]?.json;
			for (const key of reading.path) value = typeof value === 'object' && value !== null ? (value as IDataObject)[key] : undefined;
			return (value === undefined ? fallback : value) as T;
		}
		return ctx.getNodeParameter(name, itemIndex, fallback as never) as T;
	};
}

/**
 * Reading parameters for many items (nodes/shared/parameters.ts): values without expressions once per execution,
 * `{{ $json.<field> }}` from the item, every other expression from n8n per item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemFieldPath, parameterReader } from '../../nodes/shared/parameters';

describe('a parameter that is exactly {{ $json.<field> }}', () => {
	it.each<[string, string[] | undefined]>([
		['={{ $json.phone }}', ['phone']],
		['={{$json.phone}}', ['phone']],
		['={{ $json.customer.phone }}', ['customer', 'phone']],
		['={{ $json["1"] }}', ['1']],
		["={{ $json['customer name'] }}", ['customer name']],
		['={{ $json.phone.trim() }}', undefined],
		['={{ $json.phone }} ', undefined],
		['=+{{ $json.phone }}', undefined],
		['={{ $json.phone || $json.mobile }}', undefined],
		['={{ $("Sheet").item.json.phone }}', undefined],
		['{{ $json.phone }}', undefined],
		['+14155550100', undefined],
	])('%s → %j', (raw, path) => {
		expect(itemFieldPath(raw)).toEqual(path);
	});
});

describe('the parameter reader', () => {
	const parameters: IDataObject = {
		operation: 'sendTemplate',
		to: '={{ $json.contact.phone }}',
		templateFields: { mappingMode: 'autoMapInputData', schema: [{ id: '1' }] },
		text: '=Hi {{ $json.name }}',
		nested: { value: { 1: '={{ $json.name }}' } },
	};
	const items = [{ json: { contact: { phone: '+1 415 555 0100' }, name: 'Ana' } }, { json: { contact: { phone: 14155550101 }, name: 'Ben' } }, { json: {} }];

	function fakeContext() {
		const calls: string[] = [];
		const ctx = {
			getInputData: () => items,
			getNodeParameter(name: string, itemIndex: number, fallback: unknown, options?: { rawExpressions?: boolean }) {
				const raw = name.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters) ?? fallback;
				if (options?.rawExpressions) return raw;
				calls.push(`${name}#${itemIndex}`);
				// n8n's resolution, for the expressions this test uses.
				const name_ = String(items[itemIndex].json.name ?? '');
				if (name === 'text') return `Hi ${name_}`;
				if (name === 'nested') return { value: { 1: name_ } };
				return raw;
			},
		};
		return { ctx: ctx as unknown as IExecuteFunctions, calls };
	}

	it('asks n8n once for a value without expressions, and never for {{ $json.<field> }}', () => {
		const { ctx, calls } = fakeContext();
		const read = parameterReader(ctx);
		const got = [0, 1, 2].map((item) => [
			read('operation', item, ''),
			read('to', item, ''),
			read('templateFields.schema', item, []),
		]);
		expect(got).toEqual([
			['sendTemplate', '+1 415 555 0100', [{ id: '1' }]],
			['sendTemplate', 14155550101, [{ id: '1' }]],
			['sendTemplate', '', [{ id: '1' }]],
		]);
		expect(calls).toEqual(['operation#0', 'templateFields.schema#0']);
	});

	it('asks n8n for every item where the parameter holds any other expression, also deep inside', () => {
		const { ctx, calls } = fakeContext();
		const read = parameterReader(ctx);
		expect([0, 1].map((item) => [read('text', item, ''), read('nested', item, {})])).toEqual([
			['Hi Ana', { value: { 1: 'Ana' } }],
			['Hi Ben', { value: { 1: 'Ben' } }],
		]);
		expect(calls).toEqual(['text#0', 'nested#0', 'text#1', 'nested#1']);
	});

	it('gives the fallback for a parameter the node does not have', () => {
		const { ctx } = fakeContext();
		expect(parameterReader(ctx)('options.dryRun', 0, false)).toBe(false);
	});
});

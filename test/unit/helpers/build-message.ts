import type { IDataObject } from 'n8n-workflow';

import { buildMessage } from '../../../nodes/shared/operations';
import type { ItemParameters } from '../../../nodes/shared/operations/types';

// The fixedCollections a test may give as the bare list, and the key n8n keeps that list under.
const COLLECTIONS: Record<string, string> = { buttons: 'button', bodyParameters: 'parameter', buttonParameters: 'parameter' };

/**
 * One item's parameters as the node's fixedCollections hold them; `buttons`, `bodyParameters` and
 * `buttonParameters` may be given as the bare list.
 */
export function parametersOf(values: IDataObject): ItemParameters {
	const source: IDataObject = { ...values };
	for (const [name, key] of Object.entries(COLLECTIONS)) {
		if (Array.isArray(values[name])) source[name] = { [key]: values[name] };
	}
	const read = (name: string) => name.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
	return {
		text: (name) => String(read(name) ?? ''),
		value: <T>(name: string, fallback: T) => (read(name) ?? fallback) as T,
		inputJson: () => (values.$json as IDataObject | undefined) ?? {},
	};
}

/** Builds one item's message from plain parameters (default: a valid Send Text), as the node would. */
export function build(input: IDataObject) {
	const { operation = 'sendText', ...rest } = { to: '+14155550100', text: 'hi', ...input };
	return buildMessage(String(operation), parametersOf(rest as IDataObject));
}

/** The problems found, each as "field: text"; undefined when the item is valid. */
export const problemsOf = (input: IDataObject) => build(input).problems?.map((problem) => `${problem.field}: ${problem.text}`);

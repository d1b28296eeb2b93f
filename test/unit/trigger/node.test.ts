/**
 * The trigger's description (the public parameter names of CONTRACT.md), its credentials,
 * codex and icons, and the n8n verification rules its source must keep.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';

import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WhatsAppBspCallbackBasicApi } from '../../../credentials/WhatsAppBspCallbackBasicApi.credentials';
import { WhatsAppBspCallbackBearerApi } from '../../../credentials/WhatsAppBspCallbackBearerApi.credentials';
import { MEDIA_DOWNLOAD } from '../../../nodes/WhatsAppBspTrigger/media';
import { WhatsAppBspTrigger } from '../../../nodes/WhatsAppBspTrigger/WhatsAppBspTrigger.node';

const ROOT = resolve(__dirname, '../../..');
const node = new WhatsAppBspTrigger();
const { description } = node;
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;
const values = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.value);

describe('description', () => {
	it('is the contract\'s whatsAppBspTrigger, a trigger without inputs', () => {
		expect(description).toMatchObject({
			name: 'whatsAppBspTrigger',
			displayName: 'WhatsApp BSP Trigger',
			group: ['trigger'],
			version: 1,
			inputs: [],
			outputs: ['main'],
		});
		expect(description.usableAsTool).toBeUndefined();
	});

	it('has one POST webhook answered on receipt', () => {
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'callback' },
		]);
		expect(Object.keys(node.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it('has the contract\'s parameters with their values', () => {
		expect(values(property('provider')).sort()).toEqual(['gupshup', 'insider', 'kaleyra']);
		expect(values(property('events')).sort()).toEqual(['deleted', 'delivered', 'enqueued', 'failed', 'message', 'not-sent', 'read', 'sent', 'template']);
		expect(property('events').type).toBe('multiOptions');
		expect(values(property('authentication')).sort()).toEqual(['basicAuth', 'bearerToken', 'none']);
		expect(property('registerSubscription')).toMatchObject({
			type: 'boolean',
			default: false,
			displayOptions: { show: { provider: ['gupshup'] } },
		});
	});

	it('has Download Media (off by default) and its Max Download Size in MB (25 by default, shown with it)', () => {
		expect(property('downloadMedia')).toMatchObject({ displayName: 'Download Media', type: 'boolean', default: false });
		expect(property('downloadMedia').description).toMatch(/^Whether /);
		expect(property('maxDownloadSize')).toMatchObject({
			displayName: 'Max Download Size (MB)',
			type: 'number',
			default: 25,
			typeOptions: { minValue: 1, maxValue: 100 },
			displayOptions: { show: { downloadMedia: [true] } },
		});
		expect(property('maxDownloadSize').default).toBe(MEDIA_DOWNLOAD.defaultMaxMb);
	});

	it('lists options alphabetically', () => {
		for (const name of ['provider', 'events', 'authentication']) {
			const names = (property(name).options as INodePropertyOptions[]).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('shows one notice per provider (two for Gupshup, by registerSubscription)', () => {
		const notices = description.properties.filter((p) => p.type === 'notice');
		const shownFor = notices.map((n) => n.displayOptions?.show?.provider);
		expect(shownFor).toEqual([['insider'], ['kaleyra'], ['gupshup'], ['gupshup']]);
		expect(notices[0].displayName).toMatch(/InOne.*status callback URL.*bearer/i);
		expect(notices[1].displayName).toMatch(/kaleyra\.io.*Developers → Callback Profiles.*Basic auth.*bearer/i);
	});

	it('asks for each credential only where it is used', () => {
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'whatsAppBspCallbackBearerApi', displayOptions: { show: { authentication: ['bearerToken'] } } }),
			expect.objectContaining({ name: 'whatsAppBspCallbackBasicApi', displayOptions: { show: { authentication: ['basicAuth'] } } }),
			{ name: 'gupshupPartnerApi', displayOptions: { show: { provider: ['gupshup'] } } },
		]);
		// n8n 1.x takes a parameter that credentials depend on and that has no "none"-like option (a boolean, say) for
		// the main authentication field, and then hides every parameter credentials depend on, Provider included.
		const dependencies = new Set((description.credentials ?? []).flatMap((credential) => Object.keys(credential.displayOptions?.show ?? {})));
		const boolean = description.properties.filter((property) => dependencies.has(property.name) && property.type === 'boolean');
		expect(boolean).toEqual([]);
		for (const credential of description.credentials ?? []) {
			if (credential.testedBy) expect(Object.keys(node.methods.credentialTest)).toContain(credential.testedBy);
		}
	});

	it('has a codex naming the node and light and dark icons that exist and differ', () => {
		const codex = JSON.parse(readFileSync(join(ROOT, 'nodes/WhatsAppBspTrigger/WhatsAppBspTrigger.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-whatsapp-bsp.whatsAppBspTrigger');
		const icon = description.icon as { light: string; dark: string };
		const light = join(ROOT, 'nodes/WhatsAppBspTrigger', icon.light.replace('file:', ''));
		const dark = join(ROOT, 'nodes/WhatsAppBspTrigger', icon.dark.replace('file:', ''));
		expect(readFileSync(light, 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
		expect(readFileSync(dark, 'utf8')).not.toBe(readFileSync(light, 'utf8'));
	});
});

describe('callback credentials', () => {
	const bearerCredential = new WhatsAppBspCallbackBearerApi();
	const basicCredential = new WhatsAppBspCallbackBasicApi();

	it('have the contract\'s names and fields, secrets as passwords', () => {
		expect(bearerCredential.name).toBe('whatsAppBspCallbackBearerApi');
		expect(bearerCredential.properties.map((p) => [p.name, p.typeOptions?.password === true])).toEqual([['token', true]]);
		expect(basicCredential.name).toBe('whatsAppBspCallbackBasicApi');
		expect(basicCredential.properties.map((p) => [p.name, p.typeOptions?.password === true])).toEqual([
			['user', false],
			['password', true],
		]);
		for (const credential of [bearerCredential, basicCredential]) {
			for (const file of Object.values(credential.icon)) expect(existsSync(join(ROOT, 'credentials', file.replace('file:', '')))).toBe(true);
		}
	});

	it('are tested for being usable secrets', async () => {
		const test = (type: string, data: object) =>
			node.methods.credentialTest.whatsAppBspCallbackSecretTest.call({} as ICredentialTestFunctions, {
				id: '1',
				name: 'c',
				type,
				data,
			} as ICredentialsDecrypted);
		expect(await test('whatsAppBspCallbackBearerApi', { token: 'short' })).toEqual({
			status: 'Error',
			message: 'The Bearer token has 5 characters; use a random token of at least 16',
		});
		expect(await test('whatsAppBspCallbackBearerApi', { token: 'tok_9f2c41d7e8a64b0c93e1f5a2' })).toEqual({
			status: 'OK',
			message: 'Callbacks must carry Authorization: Bearer followed by this token',
		});
		expect(await test('whatsAppBspCallbackBasicApi', { user: 'u', password: '' })).toEqual({
			status: 'Error',
			message: 'The Basic Auth password has 0 characters; use a random password of at least 16',
		});
		expect(await test('whatsAppBspCallbackBasicApi', { user: '', password: 'p4ss-w0rd-long-enough' })).toEqual({
			status: 'Error',
			message: 'The Basic Auth user is empty',
		});
		expect(await test('whatsAppBspCallbackBasicApi', { user: 'a:b', password: 'p4ss-w0rd-long-enough' })).toEqual({
			status: 'Error',
			message: 'HTTP Basic auth does not allow ":" in the user',
		});
		expect(await test('whatsAppBspCallbackBasicApi', { user: 'u', password: 'p' })).toMatchObject({ status: 'Error' });
		expect(await test('whatsAppBspCallbackBasicApi', { user: 'u', password: 'p4ss-w0rd-long-enough' })).toEqual({
			status: 'OK',
			message: 'Callbacks must carry this user and password (HTTP Basic auth)',
		});
	});
});

describe('n8n verification rules in the nodes\' and credentials\' source', () => {
	const files = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
		});
	const sources = [...files(join(ROOT, 'nodes')), ...files(join(ROOT, 'credentials'))].map((path) => [path.slice(ROOT.length + 1), readFileSync(path, 'utf8')] as const);

	it.each(sources)('%s: no console, process, timers, fs or other runtime imports', (_path, source) => {
		expect(source).not.toMatch(/\bconsole\./);
		expect(source).not.toMatch(/\bprocess\./);
		expect(source).not.toMatch(/\b(setTimeout|setInterval|setImmediate|globalThis)\b/);
		const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
		for (const module of imports) expect(module.startsWith('.') || ['n8n-workflow', 'crypto'].includes(module)).toBe(true);
	});

	it.each(sources)('%s: nothing module-level that changes (queue mode)', (_path, source) => {
		expect(source).not.toMatch(/^(export )?(let|var) /m);
	});
});

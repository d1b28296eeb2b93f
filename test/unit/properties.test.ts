import type { INodeProperties, INodeType } from 'n8n-workflow';

import { GupshupWhatsApp } from '../../nodes/GupshupWhatsApp/GupshupWhatsApp.node';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { KaleyraWhatsApp } from '../../nodes/KaleyraWhatsApp/KaleyraWhatsApp.node';
import { gupshup } from '../../nodes/providers/gupshup/adapter';
import { insider } from '../../nodes/providers/insider/adapter';
import { kaleyra } from '../../nodes/providers/kaleyra/adapter';
import { DEFAULT_SETTINGS } from '../../nodes/shared/options';

const nodes: INodeType[] = [new InsiderWhatsApp(), new KaleyraWhatsApp(), new GupshupWhatsApp()];
const optionsOf = (node: INodeType) =>
	(node.description.properties.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[];
const operationsOf = (node: INodeType) =>
	(node.description.properties.find((property) => property.name === 'operation')?.options as Array<{ value: string }>).map((o) => o.value).sort();
const names = (node: INodeType) => node.description.properties.map((property) => property.name);

describe('action node descriptions', () => {
	it('share the contract parameter names in all three nodes', () => {
		const shared = ['resource', 'operation', 'to', 'text', 'previewUrl', 'imageSource', 'imageUrl', 'mediaId', 'caption', 'bodyText', 'buttons', 'headerType', 'headerText', 'headerMediaUrl', 'footerText', 'options'];
		for (const node of nodes) expect(names(node)).toEqual(expect.arrayContaining(shared));
		expect(names(new InsiderWhatsApp())).toContain('endpoint');
		expect(names(new KaleyraWhatsApp())).not.toContain('endpoint');
	});

	it('offer the nine message operations and Send and Wait in all three nodes, with the media, location and list parameters, and the conversation operations their providers document', () => {
		const ten = ['sendAndWait', 'sendAudio', 'sendButtons', 'sendDocument', 'sendImage', 'sendList', 'sendLocation', 'sendTemplate', 'sendText', 'sendVideo'];
		// The README's operations table: Insider documents only its typing indicator (which marks read); Kaleyra and
		// Gupshup document read receipts, reactions and link buttons (test/unit/providers/*/conversations.test.ts).
		expect(nodes.map(operationsOf)).toEqual([
			[...ten, 'markAsRead'].sort(),
			[...ten, 'markAsRead', 'sendCtaUrl', 'sendReaction'].sort(),
			[...ten, 'markAsRead', 'sendCtaUrl', 'sendReaction'].sort(),
		]);
		for (const node of nodes) {
			expect(names(node)).toEqual(
				expect.arrayContaining(['mediaSource', 'mediaUrl', 'binaryPropertyName', 'filename', 'latitude', 'longitude', 'locationName', 'address', 'listButtonText', 'rows']),
			);
		}
		// Send Image keeps imageSource and gains the binary source.
		const imageSource = nodes[0].description.properties.find((p) => p.name === 'imageSource');
		expect((imageSource?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['url', 'mediaId', 'binary']);
	});

	it('hide To for Mark as Read, which acts on a received message', () => {
		for (const node of nodes) {
			const to = node.description.properties.find((property) => property.name === 'to');
			expect(to?.displayOptions).toEqual({ show: { resource: ['message'] }, hide: { operation: ['markAsRead'] } });
		}
	});

	it('offer Reply To Message ID only where the provider documents quoted replies (Kaleyra), hidden for reactions and Mark as Read', () => {
		expect(nodes.map((node) => optionsOf(node).some((option) => option.name === 'replyToMessageId'))).toEqual([false, true, false]);
		const reply = optionsOf(new KaleyraWhatsApp()).find((option) => option.name === 'replyToMessageId');
		expect(reply?.displayOptions).toEqual({ hide: { '/operation': ['markAsRead', 'sendReaction'] } });
	});

	it("show Insider's Endpoint for every message it offers and not for Mark as Read, which has its own endpoint", () => {
		const shown = new InsiderWhatsApp().description.properties
			.filter((property) => property.name === 'endpoint')
			.flatMap((property) => property.displayOptions?.show?.operation as string[]);
		expect(shown.sort()).toEqual(operationsOf(new InsiderWhatsApp()).filter((name) => name !== 'markAsRead'));
	});

	it('offer an action only where the adapter takes actions', () => {
		for (const [node, adapter] of [[new InsiderWhatsApp(), insider], [new KaleyraWhatsApp(), kaleyra], [new GupshupWhatsApp(), gupshup]] as const) {
			expect(operationsOf(node).includes('markAsRead')).toBe(adapter.actions !== undefined);
		}
	});

	it('show the same sending defaults in the UI as the engine uses', () => {
		for (const node of nodes) {
			const defaults = Object.fromEntries(optionsOf(node).map((option) => [option.name, option.default]));
			expect(defaults).toMatchObject({ ...DEFAULT_SETTINGS });
		}
		const batchSize = optionsOf(new InsiderWhatsApp()).find((option) => option.name === 'batchSize');
		expect(batchSize?.default).toBe(insider.defaultBatchSize);
	});

	it('puts Kaleyra\'s from, refs and WA source under options', () => {
		expect(optionsOf(new KaleyraWhatsApp()).map((option) => option.name)).toEqual(
			expect.arrayContaining(['from', 'ref', 'ref1', 'ref2', 'waSource']),
		);
	});

	it('are usable as AI tools and name their credential', () => {
		expect(nodes.map((node) => [node.description.name, node.description.usableAsTool, node.description.credentials?.[0].name])).toEqual([
			['insiderWhatsApp', true, 'insiderApi'],
			['kaleyraWhatsApp', true, 'kaleyraApi'],
			['gupshupWhatsApp', true, 'gupshupPartnerApi'],
		]);
	});
});

describe('Send and Wait in the action nodes', () => {
	it.each(nodes.map((node) => [node.description.name, node] as const))("%s has n8n's waiting webhook and the Limit Wait Time option", (_, node) => {
		expect(node.description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true },
		]);
		const limit = optionsOf(node).find((option) => option.name === 'limitWaitTime');
		expect(limit?.displayOptions).toEqual({ show: { '/operation': ['sendAndWait'] } });
	});
});

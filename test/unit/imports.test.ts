/**
 * The layers of nodes/ (DESIGN.md): shared code imports no provider and no node; a provider imports shared code;
 * nodes import both. Walks every relative import and export (type-only ones too) of every TypeScript file.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../nodes');
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function resolveImport(from: string, specifier: string): string {
	const base = path.resolve(path.dirname(from), specifier);
	for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
	throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which is no TypeScript file`);
}

/** Each file (relative to nodes/) and the files it imports. */
function importGraph(root = ROOT): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of sourceFiles(root)) {
		const text = fs.readFileSync(file, 'utf8');
		const targets = [...text.matchAll(SPECIFIER)].map((m) => path.relative(root, resolveImport(file, m[1] ?? m[2])));
		graph.set(path.relative(root, file), [...new Set(targets)]);
	}
	return graph;
}

/** Every import circle, each as the files around it (found by depth-first search, each circle once). */
function circles(graph: Map<string, string[]>): string[][] {
	const found = new Map<string, string[]>();
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): void => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') {
				const loop = stack.slice(stack.indexOf(next));
				found.set([...loop].sort().join(' '), loop);
			} else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
	return [...found.values()];
}

const layer = (file: string): string => file.split(path.sep)[0];

describe('import layers of nodes/', () => {
	const graph = importGraph();

	it('finds the files and their imports (the walker works)', () => {
		expect(graph.get(path.join('providers', 'index.ts'))).toEqual(
			expect.arrayContaining([path.join('providers', 'gupshup', 'callbacks.ts'), path.join('shared', 'callbacks', 'types.ts')]),
		);
		expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]))).toEqual([
			['a.ts', 'b.ts', 'c.ts'],
		]);
	});

	it('has no import circle among the callback parsers, the provider registry and the trigger', () => {
		const callbackCircles = circles(graph).filter((loop) =>
			loop.some((file) => file.includes('callbacks') || file.startsWith('WhatsAppBspTrigger') || file === path.join('providers', 'index.ts')),
		);
		expect(callbackCircles).toEqual([]);
	});

	it('shared/ imports no provider and no node', () => {
		const upward = [...graph].flatMap(([file, targets]) =>
			layer(file) === 'shared' ? targets.filter((t) => layer(t) !== 'shared').map((t) => `${file} → ${t}`) : [],
		);
		expect(upward).toEqual([]);
	});

	it('a provider imports shared code and its own folder only', () => {
		const known = [
			// The callback secret's header (the lead's auth.ts, issue 18): its own home is the trigger for now.
			`${path.join('providers', 'gupshup', 'subscription.ts')} → ${path.join('WhatsAppBspTrigger', 'auth.ts')}`,
		];
		const outward = [...graph].flatMap(([file, targets]) =>
			layer(file) === 'providers' ? targets.filter((t) => !['shared', 'providers'].includes(layer(t))).map((t) => `${file} → ${t}`) : [],
		);
		expect(outward).toEqual(known);
	});
});

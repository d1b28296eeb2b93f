// The release workflows, parsed and checked (scripts/check-workflows.js), and the checker
// shown to fail on copies of them that lack what a release needs.
import { readFileSync } from 'fs';
import { join } from 'path';

import { checkCiWorkflow, checkPublishWorkflow, checkWorkflows } from '../../../scripts/check-workflows';

const workflows = join(__dirname, '..', '..', '..', '.github', 'workflows');
const publishYml = readFileSync(join(workflows, 'publish.yml'), 'utf8');
const ciYml = readFileSync(join(workflows, 'ci.yml'), 'utf8');

/** The text with `from` (which must occur exactly once, so that no mutation is a silent no-op) replaced. */
function mutate(text: string, from: string, to: string): string {
	const count = text.split(from).length - 1;
	if (count !== 1) throw new Error(`${JSON.stringify(from)} occurs ${count} times in the workflow`);
	return text.replace(from, to);
}

const job = 'publish.yml: job "publish": ';

describe('the repository workflows', () => {
	it('publish.yml and ci.yml have every step a release and CI need', () => {
		expect(checkWorkflows()).toEqual([]);
	});
});

describe('publish.yml checker', () => {
	it.each([
		[
			'npm publish without --provenance',
			'npm publish --provenance --access public',
			'npm publish --access public',
			`${job}npm publish lacks --provenance: n8n verifies only packages with an npm provenance statement`,
		],
		[
			'npm publish without --access public',
			'npm publish --provenance --access public',
			'npm publish --provenance',
			`${job}npm publish lacks --access public`,
		],
		[
			'no id-token permission',
			'  id-token: write # npm trusted publishing (OIDC) and the provenance statement\n',
			'',
			`${job}lacks \`permissions: id-token: write\`, which npm trusted publishing and provenance need`,
		],
		[
			'id-token: read',
			'id-token: write',
			'id-token: read',
			`${job}lacks \`permissions: id-token: write\`, which npm trusted publishing and provenance need`,
		],
		[
			'contents: write',
			'contents: read',
			'contents: write',
			`${job}should have \`permissions: contents: read\` (the checkout) and nothing broader`,
		],
		[
			'no version and changelog check',
			'      - name: Tag, package.json version and CHANGELOG.md agree\n        run: node scripts/release-check.js\n',
			'',
			`${job}does not run the version and changelog check (node scripts/release-check.js) before npm publish`,
		],
		[
			'a version check allowed to fail',
			'        run: node scripts/release-check.js\n',
			'        run: node scripts/release-check.js\n        continue-on-error: true\n',
			`${job}"Tag, package.json version and CHANGELOG.md agree" has an if: or continue-on-error: it must always run and stop the release when it fails`,
		],
		[
			'no npm ci',
			'        run: npm ci\n',
			'        run: npm install\n',
			`${job}does not run npm ci before npm publish`,
		],
		[
			'no build',
			'      - name: Build\n        run: npm run build\n',
			'',
			`${job}does not run the build (npm run build) before npm publish`,
		],
		[
			'no unit tests',
			'        run: npm run test:unit\n',
			'        run: echo skipped\n',
			`${job}does not run the unit tests (npm run test:unit) before npm publish`,
		],
		[
			'no lint',
			'        run: npm run lint\n',
			'        run: echo skipped\n',
			`${job}does not run the lint (npm run lint) before npm publish`,
		],
		[
			'no version tag trigger',
			"    tags:\n      - 'v*'\n",
			"    tags:\n      - 'release-*'\n",
			"publish.yml: does not run on a pushed version tag (on: push: tags: ['v*'])",
		],
		[
			'a branch trigger',
			"    tags:\n      - 'v*'\n",
			"    tags:\n      - 'v*'\n    branches:\n      - main\n",
			'publish.yml: runs on branch pushes: a release must start from a tag only',
		],
		[
			'no workflow_dispatch',
			'  workflow_dispatch:\n',
			'',
			'publish.yml: cannot be run by hand (on: workflow_dispatch)',
		],
		[
			'a pull_request trigger',
			'  workflow_dispatch:\n',
			'  workflow_dispatch:\n  pull_request:\n',
			'publish.yml: also runs on "pull_request": a release must start from a tag or by hand only',
		],
		[
			'a token secret',
			'        run: npm publish --provenance --access public\n',
			'        run: npm publish --provenance --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
			`${job}uses a token secret: npm trusted publishing needs none, and a long-lived token is what it replaces`,
		],
		[
			'a self-hosted runner',
			'runs-on: ubuntu-latest',
			'runs-on: [self-hosted, linux]',
			`${job}runs on a self-hosted runner; npm trusted publishing accepts GitHub-hosted runners only`,
		],
		[
			'publishing on Node 20 (npm 10)',
			'      - name: Node 24 for npm trusted publishing\n        uses: actions/setup-node@v4\n        with:\n          node-version: 24\n          registry-url: https://registry.npmjs.org\n',
			'',
			`${job}npm publish runs on Node 20.0: npm trusted publishing needs Node 22.14 or later with npm 11.5.1 or later (actions/setup-node with node-version: 24 before it)`,
		],
	])('fails with %s', (_what, from, to, problem) => {
		expect(checkPublishWorkflow(mutate(publishYml, from, to))).toEqual([problem]);
	});

	it('fails when the tests run on another Node than 20', () => {
		expect(checkPublishWorkflow(mutate(publishYml, 'node-version: 20', 'node-version: 18'))).toEqual([
			`${job}"Install" does not run on Node 20 (actions/setup-node with node-version: 20 before it)`,
			`${job}"Build" does not run on Node 20 (actions/setup-node with node-version: 20 before it)`,
			`${job}"Unit tests" does not run on Node 20 (actions/setup-node with node-version: 20 before it)`,
			`${job}"Lint (n8n's scanner and n8n-node lint's rules, on the sources and the packed tarball)" does not run on Node 20 (actions/setup-node with node-version: 20 before it)`,
		]);
	});

	it("fails when a job's own permissions drop the workflow's id-token: write", () => {
		const text = mutate(publishYml, '    timeout-minutes: 30\n', '    timeout-minutes: 30\n    permissions:\n      contents: read\n');
		expect(checkPublishWorkflow(text)).toEqual([
			`${job}lacks \`permissions: id-token: write\`, which npm trusted publishing and provenance need`,
		]);
	});

	it('fails when the build runs before npm ci', () => {
		const withoutBuild = mutate(publishYml, '      - name: Build\n        run: npm run build\n', '');
		const text = mutate(withoutBuild, '      - name: Install\n', '      - name: Build\n        run: npm run build\n\n      - name: Install\n');
		expect(checkPublishWorkflow(text)).toEqual([`${job}"Build" runs before npm ci`]);
	});

	it('fails without any npm publish step, and on text that is not YAML', () => {
		expect(checkPublishWorkflow(mutate(publishYml, 'run: npm publish --provenance --access public', 'run: echo'))).toEqual([
			'publish.yml: has no step that runs npm publish',
		]);
		expect(checkPublishWorkflow('on: [push\njobs: {}')).toEqual([
			expect.stringMatching(/^publish\.yml is not valid YAML: /),
		]);
		expect(checkPublishWorkflow('- a list')).toEqual(['publish.yml is not a YAML mapping']);
	});
});

describe('ci.yml checker', () => {
	it.each([
		['no pull_request trigger', '  pull_request:\n', '', 'ci.yml: does not run on pull_request'],
		['no push trigger', 'on:\n  push:\n', 'on:\n', 'ci.yml: does not run on push'],
		['no .ci/run', '        run: bash .ci/run\n', '        run: npm run test:unit\n', 'ci.yml: has no step that runs bash .ci/run'],
		['no checkout', '      - name: Checkout\n        uses: actions/checkout@v4\n', '', 'ci.yml: does not check the repository out before .ci/run'],
		[
			'another Node',
			'container: node:20-bookworm',
			'container: node:22-bookworm',
			'ci.yml: does not run .ci/run on Node 20 (a node:20 container or actions/setup-node)',
		],
	])('fails with %s', (_what, from, to, problem) => {
		expect(checkCiWorkflow(mutate(ciYml, from, to))).toEqual([problem]);
	});
});

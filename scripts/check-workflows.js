// Checks the GitHub Actions workflows a release depends on, so that a broken release
// workflow fails the unit tests (test/unit/release/workflows.test.ts), not on release day.
//
//   publish.yml  on a tag v* and by hand; on Node 20: npm ci, the version/changelog gate
//                (scripts/release-check.js), build, unit tests and lint; then
//                `npm publish --provenance --access public` with npm trusted publishing:
//                `id-token: write`, no token secret, a GitHub-hosted runner, and a Node
//                that npm documents for it (22.14 or later, whose npm is 11.5.1 or later).
//   ci.yml       on pushes and pull requests: `bash .ci/run` on Node 20.
//
//   node scripts/check-workflows.js    prints the problems; exit 0 none, 1 some
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const workflowsDir = path.resolve(__dirname, '..', '.github', 'workflows');

// npm's trusted publishing needs npm 11.5.1 or later on Node 22.14.0 or later
// (https://docs.npmjs.com/trusted-publishers); the tests run on the package's Node 20.
const PUBLISH_NODE = [22, 14];
const TEST_NODE_MAJOR = 20;

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

function parse(text) {
	let document;
	try {
		document = YAML.parse(text);
	} catch (error) {
		return { error: `is not valid YAML: ${error.message.split('\n')[0]}` };
	}
	if (!isObject(document)) return { error: 'is not a YAML mapping' };
	return { document };
}

/** `on:` as a mapping from event to its filters, whichever of GitHub's three forms it is written in. */
function triggers(document) {
	const on = document.on;
	if (typeof on === 'string') return { [on]: null };
	if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [event, null]));
	return isObject(on) ? on : {};
}

function steps(job) {
	return Array.isArray(job.steps) ? job.steps.filter(isObject) : [];
}

function runs(step, pattern) {
	return typeof step.run === 'string' && pattern.test(step.run);
}

function uses(step, action) {
	return typeof step.uses === 'string' && step.uses.startsWith(`${action}@`);
}

/** [major, minor] of a setup-node step's node-version, or null when it names no version number. */
function nodeVersion(step) {
	const match = /^v?(\d+)(?:\.(\d+))?/.exec(String(step.with?.['node-version'] ?? ''));
	return match ? [Number(match[1]), Number(match[2] ?? 0)] : null;
}

function describe(step) {
	return step.name ?? step.run ?? step.uses ?? 'a step';
}

/**
 * The steps a job runs, each with the Node version in effect (from the last setup-node
 * step before it): [{ step, index, node }].
 */
function withNode(job) {
	let node;
	return steps(job).map((step, index) => {
		if (uses(step, 'actions/setup-node')) node = nodeVersion(step);
		return { step, index, node };
	});
}

const PUBLISH = /(^|[\s;&|(])npm\s+publish\b/m;

/** Problems with the publish workflow's text; [] when it does everything a release needs. */
function checkPublishWorkflow(text) {
	const { document, error } = parse(text);
	if (error) return [`publish.yml ${error}`];
	const problems = [];
	const problem = (message) => problems.push(`publish.yml: ${message}`);

	const on = triggers(document);
	const tags = isObject(on.push) ? [].concat(on.push.tags ?? []) : [];
	if (!tags.includes('v*')) problem('does not run on a pushed version tag (on: push: tags: [\'v*\'])');
	if (isObject(on.push) && (has(on.push, 'branches') || has(on.push, 'branches-ignore') || !has(on.push, 'tags'))) {
		problem('runs on branch pushes: a release must start from a tag only');
	}
	if (!has(on, 'workflow_dispatch')) problem('cannot be run by hand (on: workflow_dispatch)');
	for (const event of Object.keys(on)) {
		if (event !== 'push' && event !== 'workflow_dispatch') problem(`also runs on "${event}": a release must start from a tag or by hand only`);
	}

	const jobs = isObject(document.jobs) ? document.jobs : {};
	const publishing = Object.entries(jobs).flatMap(([id, job]) =>
		isObject(job) ? steps(job).filter((step) => runs(step, PUBLISH)).map((step) => ({ id, job, step })) : [],
	);
	if (publishing.length !== 1) {
		problem(publishing.length === 0 ? 'has no step that runs npm publish' : `runs npm publish in ${publishing.length} steps; one is enough`);
		return problems;
	}
	const { id, job, step: publish } = publishing[0];
	const inJob = (message) => problem(`job "${id}": ${message}`);

	if (!/--provenance\b/.test(publish.run)) inJob('npm publish lacks --provenance: n8n verifies only packages with an npm provenance statement');
	if (!/--access[\s=]+public\b/.test(publish.run)) inJob('npm publish lacks --access public');
	if (String(job['runs-on'] ?? '').includes('self-hosted')) inJob('runs on a self-hosted runner; npm trusted publishing accepts GitHub-hosted runners only');

	// A job's permissions replace the workflow's; an undeclared permission is none.
	const permissions = job.permissions ?? document.permissions;
	if (!isObject(permissions) || permissions['id-token'] !== 'write') {
		inJob('lacks `permissions: id-token: write`, which npm trusted publishing and provenance need');
	}
	if (!isObject(permissions) || permissions.contents !== 'read') {
		inJob('should have `permissions: contents: read` (the checkout) and nothing broader');
	}
	if (/\bsecrets\./.test(JSON.stringify(job)) || /NODE_AUTH_TOKEN|NPM_TOKEN/.test(JSON.stringify(job))) {
		inJob('uses a token secret: npm trusted publishing needs none, and a long-lived token is what it replaces');
	}

	const sequence = withNode(job);
	const at = sequence.find((entry) => entry.step === publish);
	const before = sequence.slice(0, at.index);
	const required = [
		{ label: 'checkout (actions/checkout)', test: (step) => uses(step, 'actions/checkout') },
		{ label: 'npm ci', test: (step) => runs(step, /\bnpm\s+ci\b/), node: true },
		{ label: 'the version and changelog check (node scripts/release-check.js)', test: (step) => runs(step, /\bnode\s+scripts\/release-check\.js\b/) },
		{ label: 'the build (npm run build)', test: (step) => runs(step, /\bnpm\s+run\s+build\b/), node: true, afterCi: true },
		{ label: 'the unit tests (npm run test:unit)', test: (step) => runs(step, /\bnpm\s+run\s+test:unit\b/), node: true, afterCi: true },
		{ label: 'the lint (npm run lint)', test: (step) => runs(step, /\bnpm\s+run\s+lint\b/), node: true, afterCi: true },
	];
	const ci = before.find((entry) => required[1].test(entry.step));
	for (const need of required) {
		const found = before.find((entry) => need.test(entry.step));
		if (!found) {
			inJob(`does not run ${need.label} before npm publish`);
			continue;
		}
		if (has(found.step, 'if') || found.step['continue-on-error']) {
			inJob(`"${describe(found.step)}" has an if: or continue-on-error: it must always run and stop the release when it fails`);
		}
		if (need.node && found.node?.[0] !== TEST_NODE_MAJOR) {
			inJob(`"${describe(found.step)}" does not run on Node ${TEST_NODE_MAJOR} (actions/setup-node with node-version: 20 before it)`);
		}
		if (need.afterCi && ci && found.index < ci.index) inJob(`"${describe(found.step)}" runs before npm ci`);
	}
	if (has(publish, 'if') || publish['continue-on-error']) inJob('npm publish has an if: or continue-on-error:');
	const [major, minor] = at.node ?? [0, 0];
	if (major < PUBLISH_NODE[0] || (major === PUBLISH_NODE[0] && minor < PUBLISH_NODE[1])) {
		inJob(`npm publish runs on Node ${at.node ? at.node.join('.') : 'of no stated version'}: npm trusted publishing needs Node ${PUBLISH_NODE.join('.')} or later with npm 11.5.1 or later (actions/setup-node with node-version: 24 before it)`);
	}
	return problems;
}

/** Problems with the CI workflow's text; [] when it runs .ci/run on pushes and pull requests. */
function checkCiWorkflow(text) {
	const { document, error } = parse(text);
	if (error) return [`ci.yml ${error}`];
	const problems = [];
	const problem = (message) => problems.push(`ci.yml: ${message}`);

	const on = triggers(document);
	for (const event of ['push', 'pull_request']) {
		if (!has(on, event)) problem(`does not run on ${event}`);
	}
	const jobs = isObject(document.jobs) ? Object.values(document.jobs).filter(isObject) : [];
	const job = jobs.find((candidate) => steps(candidate).some((step) => runs(step, /\bbash\s+\.ci\/run\b/)));
	if (!job) {
		problem('has no step that runs bash .ci/run');
		return problems;
	}
	const sequence = steps(job);
	const run = sequence.findIndex((step) => runs(step, /\bbash\s+\.ci\/run\b/));
	if (!sequence.slice(0, run).some((step) => uses(step, 'actions/checkout'))) problem('does not check the repository out before .ci/run');
	const image = isObject(job.container) ? job.container.image : job.container;
	const nodeImage = typeof image === 'string' && new RegExp(`^node:${TEST_NODE_MAJOR}(?:[.-]|$)`).test(image);
	const setupNode = sequence.slice(0, run).some((step) => uses(step, 'actions/setup-node') && nodeVersion(step)?.[0] === TEST_NODE_MAJOR);
	if (!nodeImage && !setupNode) problem(`does not run .ci/run on Node ${TEST_NODE_MAJOR} (a node:${TEST_NODE_MAJOR} container or actions/setup-node)`);
	return problems;
}

/** Both workflow files in a folder (.github/workflows by default); a missing file is a problem. */
function checkWorkflows(dir = workflowsDir) {
	const checks = { 'publish.yml': checkPublishWorkflow, 'ci.yml': checkCiWorkflow };
	return Object.entries(checks).flatMap(([file, check]) => {
		const filePath = path.join(dir, file);
		return fs.existsSync(filePath) ? check(fs.readFileSync(filePath, 'utf8')) : [`${file} is missing from ${dir}`];
	});
}

if (require.main === module) {
	const problems = checkWorkflows();
	for (const problem of problems) console.error(problem);
	console.log(`check-workflows: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
	process.exitCode = problems.length === 0 ? 0 : 1;
}

module.exports = { checkPublishWorkflow, checkCiWorkflow, checkWorkflows };

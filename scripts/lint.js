// `npm run lint` (after `npm run build`): n8n's own community-package scan, run locally.
//
// Before n8n verifies a community package it runs @n8n/scan-community-package
// (pinned in devDependencies, exact version). Its analyzePackageByName() lints two
// directories with analyzePackage():
//   1. the source checkout named by the package's npm provenance, with the files
//      SOURCE_FILE_PATTERNS names (package.json, nodes/ and credentials/);
//   2. the tarball from the registry, extracted: every .js file and package.json.
// Both need a published version, so this script runs the same two legs on local
// directories instead: the repo itself, and the tarball `npm pack` makes now,
// extracted the way the scanner extracts it. The rules, parsers, file patterns and
// ESLint options (allowInlineConfig: false) are all the scanner's own: its
// buildScanConfig() adds `no-console: error` to n8n's rule sets, and nothing here
// restates a rule. Only the tarball leg's two patterns, which the scanner keeps
// inline in analyzePackageByName(), are repeated below.
//
// Beside it, the rules of `n8n-node lint` (@n8n/node-cli, pinned), the linter n8n's
// verification guidelines tell authors to use: the ESLint config it exports for
// packages (`@n8n/node-cli/eslint`, the one its own eslint.config.mjs template
// imports) on the same source files. It adds ESLint's and typescript-eslint's
// recommended rules, import-x's, and a newer @n8n/eslint-plugin-community-nodes.
// The `n8n-node lint` command itself does not run here: with `"strict": true` in
// package.json's n8n section it refuses any eslint.config.mjs but its three-line
// template, whose `eslint .` would also lint test/ with rules meant for node code.
//
// The scanner fails a package on errors only; this script fails on any problem,
// warnings included, and prints the count. Exit: 0 clean, 1 problems, 2 could not run.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');

const repo = path.resolve(__dirname, '..');
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [repo] });
const scannerVersion = require('@n8n/scan-community-package/package.json').version;
const nodeCliConfig = require.resolve('@n8n/node-cli/eslint', { paths: [repo] }); // dist/configs/eslint.js
// Read from the file: the package's exports hide its package.json.
const nodeCliVersion = JSON.parse(fs.readFileSync(path.join(nodeCliConfig, '../../../package.json'), 'utf8')).version;
// Resolved from the scanner's own folder, so these are the instances it uses.
const fromScanner = createRequire(scannerPath);
const { ESLint } = fromScanner('eslint');
const tmp = fromScanner('tmp');

// The scanner makes a temporary folder when it is loaded; have it removed at exit.
tmp.setGracefulCleanup();

// analyzePackage() returns a verdict and, on errors only, the formatted text. To count
// warnings too, keep the results of the ESLint run it makes.
let captured = null;
const lintFiles = ESLint.prototype.lintFiles;
ESLint.prototype.lintFiles = async function (...args) {
	const results = await lintFiles.apply(this, args);
	if (captured) captured.push(...results);
	return results;
};

async function leg(scanner, name, dir, patterns) {
	captured = [];
	const verdict = await scanner.analyzePackage(dir, patterns);
	const results = captured;
	captured = null;
	if (verdict.message === 'No files found to analyze') {
		throw new Error(`${name}: no files match ${patterns.join(', ')} in ${dir}`);
	}
	if (results.length === 0) {
		// analyzePackage() caught an ESLint failure (it logs it), or its ESLint is not
		// the instance watched here: either way there is nothing to count.
		throw new Error(`${name}: the scan did not run (${verdict.message ?? 'no ESLint results'})`);
	}
	if (!verdict.passed && !results.some((r) => r.errorCount > 0)) {
		throw new Error(`${name}: the scanner failed it without an error to show (${verdict.message})`);
	}
	return report(name, dir, results, verdict.passed ? 'passes the scanner' : 'FAILS the scanner');
}

async function nodeCliLeg(patterns) {
	const { config } = require(nodeCliConfig);
	// node-cli's own ESLint, the instance its config's plugins were written for.
	const { ESLint } = createRequire(nodeCliConfig)('eslint');
	const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config, allowInlineConfig: false });
	const results = await eslint.lintFiles(patterns);
	if (results.length === 0) throw new Error(`n8n-node lint rules: no files match ${patterns.join(', ')}`);
	const failed = results.some((r) => r.errorCount > 0);
	return report('n8n-node lint rules', repo, results, failed ? 'FAILS n8n-node lint' : 'passes n8n-node lint');
}

/** Prints one leg's results and counts; returns its number of problems. */
async function report(name, dir, results, status) {
	const errors = results.reduce((n, r) => n + r.errorCount, 0); // parse errors included
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	// Paths relative to the folder scanned, and no "fixable with --fix" note: nothing fixes here.
	for (const r of results) {
		r.filePath = path.relative(dir, r.filePath);
		r.fixableErrorCount = 0;
		r.fixableWarningCount = 0;
	}
	const formatter = await new ESLint({ cwd: dir, overrideConfigFile: true }).loadFormatter('stylish');
	const text = (await formatter.format(results)).trim();
	console.log(`${name}: ${results.length} files, ${errors} errors, ${warnings} warnings (${status})`);
	if (text) console.log(`${text}\n`);
	return errors + warnings;
}

function packTarball(into) {
	// --ignore-scripts: pack what `npm run build` just built, as `npm publish` would.
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], {
		cwd: repo,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const tarball = path.join(into, JSON.parse(out)[0].filename);
	const dir = path.join(into, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

async function main() {
	if (!fs.existsSync(path.join(repo, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm run lint` does)');
	}
	const scanner = await import(pathToFileURL(scannerPath).href);
	console.log(`@n8n/scan-community-package ${scannerVersion}: analyzePackage() on the sources and the packed tarball`);
	console.log(`@n8n/node-cli ${nodeCliVersion}: n8n-node lint's ESLint config on the same sources\n`);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bsp-lint-'));
	try {
		const source = await leg(scanner, 'sources', repo, scanner.SOURCE_FILE_PATTERNS);
		const tarball = await leg(scanner, 'npm pack tarball', packTarball(work), ['**/*.js', 'package.json']);
		const nodeCli = await nodeCliLeg(scanner.SOURCE_FILE_PATTERNS);
		const total = source + tarball + nodeCli;
		console.log(
			`lint: ${total} problem${total === 1 ? '' : 's'} (sources ${source}, tarball ${tarball}, n8n-node lint rules ${nodeCli})`,
		);
		return total === 0 ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(`lint: could not run: ${error.message}`);
		process.exitCode = 2;
	},
);

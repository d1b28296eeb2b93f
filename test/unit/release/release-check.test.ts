// scripts/release-check.js: the publish workflow's refusal of a tag that is not package.json's
// version, or a version without a CHANGELOG.md section.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

import { changelogSection, releaseProblems } from '../../../scripts/release-check';

const repo = join(__dirname, '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

const changelog = [
	'# Changelog',
	'',
	'## [Unreleased]',
	'',
	'- Coming.',
	'',
	'## [1.2.0] - 2026-12-08',
	'',
	'### Added',
	'- A thing.',
	'',
	'## [1.1.0] - 2026-11-21',
	'',
	'## 1.0.0',
	'- First.',
	'',
].join('\n');

describe('releaseProblems', () => {
	it("passes this repository's version with its CHANGELOG.md", () => {
		const text = readFileSync(join(repo, 'CHANGELOG.md'), 'utf8');
		expect(releaseProblems({ refType: 'tag', tag: `v${version}`, version, changelog: text })).toEqual([]);
	});

	it('passes a tag vX.Y.Z with a non-empty section, in either heading form', () => {
		expect(releaseProblems({ tag: 'v1.2.0', version: '1.2.0', changelog })).toEqual([]);
		expect(releaseProblems({ tag: 'v1.0.0', version: '1.0.0', changelog })).toEqual([]);
	});

	it('refuses a tag that is not package.json version', () => {
		expect(releaseProblems({ refType: 'tag', tag: 'v1.2.1', version: '1.2.0', changelog })).toEqual([
			'the tag "v1.2.1" is not v1.2.0, the version in package.json: tag the commit whose package.json has the version to release',
		]);
		expect(releaseProblems({ tag: '1.2.0', version: '1.2.0', changelog })).toEqual([
			'the tag "1.2.0" is not v1.2.0, the version in package.json: tag the commit whose package.json has the version to release',
		]);
	});

	it('refuses a version without a CHANGELOG.md section, or with an empty one', () => {
		expect(releaseProblems({ tag: 'v1.3.0', version: '1.3.0', changelog })).toEqual([
			'CHANGELOG.md has no section for 1.3.0: add "## [1.3.0] - YYYY-MM-DD" with the release\'s changes',
		]);
		expect(releaseProblems({ tag: 'v1.1.0', version: '1.1.0', changelog })).toEqual([
			"CHANGELOG.md's section for 1.1.0 is empty: list the release's changes under it",
		]);
	});

	it('gives both reasons when both apply', () => {
		expect(releaseProblems({ tag: 'v2.0.0', version: '1.3.0', changelog })).toHaveLength(2);
	});

	it('refuses a run on a branch', () => {
		expect(releaseProblems({ refType: 'branch', tag: 'main', version: '1.2.0', changelog })).toEqual([
			'this run is on the branch "main", not on a tag: push the tag v1.2.0, or run the workflow by hand with "Use workflow from" set to that tag',
		]);
	});
});

describe('changelogSection', () => {
	it('is the text up to the next version heading, and matches the exact version only', () => {
		expect(changelogSection(changelog, '1.2.0')).toBe('\n### Added\n- A thing.\n');
		expect(changelogSection(changelog, '1.2')).toBeNull();
		expect(changelogSection(changelog, '1.0.0')).toBe('- First.\n');
		expect(changelogSection(changelog.replace('## 1.0.0', '## 1.0.01'), '1.0.0')).toBeNull();
		expect(changelogSection('## [1x2x0]\n- no\n', '1.2.0')).toBeNull();
	});
});

describe('node scripts/release-check.js', () => {
	function run(args: string[], env: Record<string, string>) {
		try {
			const stdout = execFileSync('node', [join(repo, 'scripts', 'release-check.js'), ...args], {
				env: { PATH: process.env.PATH ?? '', ...env },
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			return { code: 0, stdout, stderr: '' };
		} catch (error) {
			const failed = error as { status: number; stdout: string; stderr: string };
			return { code: failed.status, stdout: failed.stdout, stderr: failed.stderr };
		}
	}

	it("takes GitHub's tag from the environment and passes this repository's version", () => {
		expect(run([], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: `v${version}` })).toEqual({
			code: 0,
			stdout: `release-check: v${version} is package.json's version and has a CHANGELOG.md section: ready to publish\n`,
			stderr: '',
		});
	});

	it('exits 1 with the reasons for another tag', () => {
		expect(run(['v0.0.0-other'], {})).toEqual({
			code: 1,
			stdout: '',
			stderr: `release-check: not publishing v0.0.0-other:\n- the tag "v0.0.0-other" is not v${version}, the version in package.json: tag the commit whose package.json has the version to release\n`,
		});
	});
});

// The publish workflow's gate (.github/workflows/publish.yml): a release is published
// only from a tag vX.Y.Z where X.Y.Z is package.json's version and CHANGELOG.md has a
// section for that version, so the npm version, the tag its provenance names and the
// changelog always agree.
//
//   node scripts/release-check.js          in GitHub Actions: the ref that started the run
//   node scripts/release-check.js v1.2.3   anywhere: the tag about to be pushed
//
// Exit: 0 ready to publish, 1 refused (the reasons are printed).
'use strict';

const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The body of CHANGELOG.md's section for a version (`## [1.2.3]`, `## [1.2.3] - 2026-12-08`
 * or `## 1.2.3`), up to the next `## ` heading; null when there is no such heading.
 */
function changelogSection(changelog, version) {
	const heading = new RegExp(`^## \\[?${escapeRegExp(version)}\\]?(?:\\s|$)`);
	const lines = changelog.split(/\r?\n/);
	const start = lines.findIndex((line) => heading.test(line));
	if (start === -1) return null;
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => line.startsWith('## '));
	return (end === -1 ? rest : rest.slice(0, end)).join('\n');
}

/**
 * Why a release may not be published, or [] when it may. `refType` is GitHub's
 * `github.ref_type` ('tag' or 'branch'; omit it for a tag given by hand), `tag` the
 * tag's name, `version` package.json's version, `changelog` CHANGELOG.md's text.
 */
function releaseProblems({ refType = 'tag', tag, version, changelog }) {
	if (refType !== 'tag') {
		return [
			`this run is on the ${refType} "${tag}", not on a tag: push the tag v${version}, or run the workflow by hand with "Use workflow from" set to that tag`,
		];
	}
	const problems = [];
	if (tag !== `v${version}`) {
		problems.push(`the tag "${tag}" is not v${version}, the version in package.json: tag the commit whose package.json has the version to release`);
	}
	const section = changelogSection(changelog, version);
	if (section === null) {
		problems.push(`CHANGELOG.md has no section for ${version}: add "## [${version}] - YYYY-MM-DD" with the release's changes`);
	} else if (section.trim() === '') {
		problems.push(`CHANGELOG.md's section for ${version} is empty: list the release's changes under it`);
	}
	return problems;
}

function main(argv, env) {
	const fromArgs = argv.length > 0;
	const tag = fromArgs ? argv[0] : env.GITHUB_REF_NAME;
	const refType = fromArgs ? 'tag' : env.GITHUB_REF_TYPE;
	if (!tag || !refType) {
		console.error('usage: node scripts/release-check.js vX.Y.Z (in GitHub Actions the tag comes from GITHUB_REF_NAME)');
		return 2;
	}
	const { version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
	const changelog = fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8');
	const problems = releaseProblems({ refType, tag, version, changelog });
	if (problems.length > 0) {
		console.error(`release-check: not publishing ${tag}:`);
		for (const problem of problems) console.error(`- ${problem}`);
		return 1;
	}
	console.log(`release-check: ${tag} is package.json's version and has a CHANGELOG.md section: ready to publish`);
	return 0;
}

if (require.main === module) {
	process.exitCode = main(process.argv.slice(2), process.env);
}

module.exports = { releaseProblems, changelogSection };

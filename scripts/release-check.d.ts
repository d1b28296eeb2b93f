// Types for scripts/release-check.js, for TypeScript tests.

/** Why a release may not be published, or [] when it may. */
export function releaseProblems(release: {
	/** GitHub's github.ref_type, 'tag' or 'branch'; 'tag' when omitted. */
	refType?: string;
	tag: string;
	version: string;
	changelog: string;
}): string[];
/** The body of CHANGELOG.md's section for a version, or null when it has none. */
export function changelogSection(changelog: string, version: string): string | null;

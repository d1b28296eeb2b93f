// For editors and a quick `npx eslint nodes/...` only. The check is `npm run lint`
// (scripts/lint.js), which does not read this file: it runs n8n's scanner,
// @n8n/scan-community-package, on the sources and on the packed tarball.
//
// This gives the same rules to the files the scanner lints in a source checkout,
// straight from the scanner's buildScanConfig(); nothing is restated here.
import { createRequire } from 'node:module';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// Loading the scanner makes a temporary folder; have it removed at exit.
createRequire(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'))(
	'tmp',
).setGracefulCleanup();

export default [
	// Everything but SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/).
	{ ignores: ['*', '!package.json', '!nodes/', '!credentials/'] },
	// The scanner lints with allowInlineConfig: false, so a disable comment hides nothing.
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
	...(await buildScanConfig()),
];

// Kept in step with the scanner's patterns: fail loudly if a new version changes them.
if (JSON.stringify(SOURCE_FILE_PATTERNS) !== '["package.json","{nodes,credentials}/**/*.{js,ts,json}"]') {
	throw new Error(`eslint.config.mjs: the scanner now lints ${SOURCE_FILE_PATTERNS.join(', ')}; update its ignores`);
}

// Types for scripts/check-workflows.js, for TypeScript tests.

/** Problems with .github/workflows/publish.yml's text; [] when a release can be published by it. */
export function checkPublishWorkflow(text: string): string[];
/** Problems with .github/workflows/ci.yml's text; [] when it runs .ci/run on pushes and pull requests. */
export function checkCiWorkflow(text: string): string[];
/** Both files of a folder (.github/workflows by default). */
export function checkWorkflows(dir?: string): string[];

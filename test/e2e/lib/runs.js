'use strict';
// Reading an execution as `n8n execute --rawOutput` prints it, for the end-to-end tests' assertions.

const assert = require('node:assert/strict');

/** The last run of `nodeName` in an execution (fails when the node did not run). */
function nodeRun(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	assert.ok(runs, `node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`);
	return runs[runs.length - 1];
}

/** The node's output items as n8n keeps them: `{ json, pairedItem }`. */
function outputItems(run, nodeName) {
	const last = nodeRun(run, nodeName);
	assert.equal(last.error, undefined, `node "${nodeName}" failed: ${last.error?.message}`);
	return (last.data?.main?.[0] ?? []).map(({ json, pairedItem }) => ({ json, pairedItem }));
}

/** n8n's error of a run, in one line, or '' (for assertion messages). */
function errorText(run) {
	const error = run.data?.resultData?.error;
	return error ? `the execution failed: ${error.message} (${error.description})` : '';
}

function assertSucceeded(run) {
	assert.ok(!run.data.resultData.error, errorText(run));
	assert.equal(run.status, 'success');
}

/** The execution failed at `nodeName` with this message, and n8n says so in both places it keeps errors. */
function assertFailedAt(run, nodeName, message) {
	const error = run.data.resultData.error;
	assert.ok(error, `the execution succeeded, expected "${message}"`);
	assert.equal(error.message, message);
	assert.equal(run.status, 'error');
	assert.equal(run.data.resultData.lastNodeExecuted, nodeName);
	assert.equal(nodeRun(run, nodeName).error?.message, message);
	return error;
}

/** No credential value of `secrets` appears anywhere in the execution data. */
function assertNoSecrets(run, secrets) {
	const text = JSON.stringify(run);
	for (const secret of secrets) assert.ok(!text.includes(secret), 'a credential value appears in the execution data');
}

module.exports = { nodeRun, outputItems, errorText, assertSucceeded, assertFailedAt, assertNoSecrets };

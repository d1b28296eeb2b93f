'use strict';
// One `n8n execute` of a benchmark workflow through the e2e harness, with the n8n process tree watched while it
// runs (peak memory, CPU samples).

const path = require('node:path');

const { watchTree } = require('./procs');

/**
 * Runs `n8n execute --id=<workflowId> --rawOutput` for the instance `n8n` (an N8n of the e2e harness).
 * `profileDir`: write a V8 CPU profile of the n8n process there.
 * @returns {Promise<{ run, elapsedMs, watch: { peaks, rootPeakKiB, cpuSamples } }>}
 */
async function executeWatched(n8n, workflowId, { timeoutMs, env = {}, profileDir }) {
	// A V8 CPU profile of the n8n process (BENCH_CPU_PROF=<dir> for every row), for finding where the time goes.
	const dir = profileDir ?? process.env.BENCH_CPU_PROF;
	let watcher;
	let startedAt;
	let endedAt;
	let exit;
	let stdoutBytes = 0;
	try {
		const run = await n8n.execute(workflowId, {
			env,
			timeoutMs,
			// Through a file: the execution of 100,000 items is tens of MB, which n8n does not finish writing to a pipe.
			stdoutFile: path.join(n8n.userFolder, `execute-${process.pid}-${Date.now()}.json`),
			nodeArgs: dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
			onSpawn: (child) => {
				startedAt = Date.now();
				watcher = watchTree(child.pid, 100);
				child.stdout?.on('data', (chunk) => (stdoutBytes += chunk.length));
				child.once('close', (code, signal) => {
					endedAt = Date.now();
					exit = { code, signal };
				});
			},
		});
		return { run, elapsedMs: endedAt - startedAt, watch: watcher.stop() };
	} catch (error) {
		watcher?.stop();
		// The harness's message keeps only the end of n8n's output; say how the process ended.
		const how = exit ? `exit code ${exit.code}, signal ${exit.signal}` : 'did not end';
		const after = startedAt ? ` after ${((endedAt ?? Date.now()) - startedAt) / 1000} s` : '';
		const wrapped = new Error(`n8n execute --id=${workflowId}: ${how}${after}, ${stdoutBytes} bytes on stdout; ${String(error.message).slice(-400)}`);
		wrapped.cause = error;
		// n8n ended but its execution could not be read from its output: worth another attempt.
		wrapped.retryable = exit !== undefined;
		throw wrapped;
	}
}

module.exports = { executeWatched };

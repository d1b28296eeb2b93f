'use strict';
// One `n8n execute` of a benchmark workflow through the e2e harness, with the n8n process tree watched while it
// runs (peak memory, CPU samples).

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
	try {
		const run = await n8n.execute(workflowId, {
			env,
			timeoutMs,
			nodeArgs: dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [],
			onSpawn: (child) => {
				startedAt = Date.now();
				watcher = watchTree(child.pid, 100);
				child.once('close', () => (endedAt = Date.now()));
			},
		});
		return { run, elapsedMs: endedAt - startedAt, watch: watcher.stop() };
	} catch (error) {
		watcher?.stop();
		throw error;
	}
}

module.exports = { executeWatched };

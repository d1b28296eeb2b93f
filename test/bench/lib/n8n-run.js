'use strict';
// One `n8n execute` of a benchmark workflow, with its process tree watched: the same command the e2e harness
// runs (test/e2e/lib/n8n.js), spawned here so that the n8n process's pid is known while it runs.

const { spawn } = require('node:child_process');

const { freePort } = require('../../e2e/lib/n8n');
const { watchTree } = require('./procs');

const live = new Set();
process.on('exit', () => {
	for (const pid of live) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

/** The execution JSON that `n8n execute --rawOutput` prints after its log lines (as the e2e harness reads it). */
function parseRawOutput(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	if (start === -1) return undefined;
	const end = stdout.slice(start).search(/^\}\s*$/m);
	if (end === -1) return undefined;
	return JSON.parse(stdout.slice(start, start + end + 1));
}

/**
 * Runs `n8n execute --id=<workflowId> --rawOutput` for the instance `n8n` (an N8n of the e2e harness).
 * `profileDir`: write a V8 CPU profile of the n8n process there.
 * @returns {Promise<{ run, code, elapsedMs, startedAt, watch: { peaks, rootPeakKiB, cpuSamples }, pid }>}
 */
async function executeWatched(n8n, workflowId, { timeoutMs, env: extraEnv = {}, profileDir }) {
	const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv };
	const startedAt = Date.now();
	// A V8 CPU profile of the n8n process (BENCH_CPU_PROF=<dir> for every row), for finding where the time goes.
	const dir = profileDir ?? process.env.BENCH_CPU_PROF;
	const profile = dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
	const child = spawn(n8n.install.node, [...profile, n8n.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env,
		cwd: n8n.userFolder,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.add(child.pid);
	const watcher = watchTree(child.pid, 100);
	const stdout = [];
	let stderr = '';
	child.stdout.on('data', (chunk) => stdout.push(chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, timeoutMs);
	const code = await new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, signal) => resolve(c ?? `signal ${signal}`));
	});
	const elapsedMs = Date.now() - startedAt;
	clearTimeout(timer);
	const watch = watcher.stop();
	// The task runner is in n8n's process group: nothing of this run may outlive it.
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		// group already empty
	}
	live.delete(child.pid);
	const out = Buffer.concat(stdout).toString('utf8');
	const run = parseRawOutput(out);
	if (!run) {
		throw new Error(
			`n8n execute printed no execution (exit ${code}${timedOut ? ', timed out' : ''})\n${out.slice(-3000)}\n${stderr.slice(-3000)}`,
		);
	}
	return { run, code, elapsedMs, startedAt, watch, pid: child.pid };
}

module.exports = { executeWatched, parseRawOutput };

'use strict';
// The provider sandbox in a process of its own, so that the runner's work (watching n8n through /proc, reading
// its output) never delays the sandbox's timers: it stamps the rate-limit window after its latency timer.
// Prints { "url": ... } on stdout once listening; stops on SIGTERM or when its parent goes away.

const { createSandbox } = require('../../sandbox/server');

if (require.main === module) {
	createSandbox({ port: 0 }).then((sandbox) => {
		process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
		if (process.env.BENCH_LAG_LOG) {
			// For finding where time goes: every stall of this process's event loop over 30 ms.
			const fs = require('node:fs');
			let last = Date.now();
			setInterval(() => {
				const now = Date.now();
				if (now - last > 40) fs.appendFileSync(process.env.BENCH_LAG_LOG, `${JSON.stringify({ at: now, lag: now - last - 10 })}\n`);
				last = now;
			}, 10).unref();
		}
		const stop = () => sandbox.close().then(() => process.exit(0));
		process.once('SIGTERM', stop);
		process.once('SIGINT', stop);
		process.once('disconnect', stop);
	});
}

/** Starts the sandbox process; resolves to { url, close() }. */
function startSandboxProcess() {
	const { spawn } = require('node:child_process');
	const child = spawn(process.execPath, [__filename], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.once('exit', () => child.kill('SIGKILL'));
	return new Promise((resolve, reject) => {
		let out = '';
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`sandbox process exited (${code}) before it listened`)));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const line = out.split('\n')[0];
			if (!out.includes('\n')) return;
			const { url } = JSON.parse(line);
			resolve({
				url,
				pid: child.pid,
				async close() {
					child.kill('SIGTERM');
					await exited;
				},
			});
		});
	});
}

module.exports = { startSandboxProcess };

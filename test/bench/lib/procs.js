'use strict';
// Watches a process tree through /proc (Linux): the peak resident memory of each process (VmHWM, which the
// kernel keeps as a high-water mark, so a 100 ms poll cannot miss a peak) and the CPU time of the root process
// over time, so that the CPU spent inside a time window (one node's run) can be read afterwards.

const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

let clockTicks;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux). */
function ticksPerSecond() {
	if (clockTicks === undefined) {
		try {
			clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			clockTicks = 100;
		}
	}
	return clockTicks;
}

function readFile(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

/** { ppid, cpuTicks } of a process, or undefined when it is gone. */
function readStat(pid) {
	const stat = readFile(`/proc/${pid}/stat`);
	if (!stat) return undefined;
	// The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
	return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** Peak and current resident memory of a process in KiB, or undefined when it is gone. */
function readMemory(pid) {
	const status = readFile(`/proc/${pid}/status`);
	if (!status) return undefined;
	const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
	return { hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') };
}

/** Every process id under `root` (itself included), from the ppid of every process in /proc. */
function processTree(root) {
	const children = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(entry);
		if (!stat) continue;
		const pid = Number(entry);
		if (!children.has(stat.ppid)) children.set(stat.ppid, []);
		children.get(stat.ppid).push(pid);
	}
	const tree = [];
	const queue = [root];
	while (queue.length) {
		const pid = queue.shift();
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

function commandLine(pid) {
	return (readFile(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}

/**
 * Polls the tree under `rootPid` every `intervalMs` until stop(). Returns
 * { stop(): { peaks: [{ pid, command, hwmKiB }], rootPeakKiB, cpuSamples: [[epochMs, cpuSeconds]] } }.
 */
function watchTree(rootPid, intervalMs = 100) {
	const peaks = new Map();
	const cpuSamples = [];
	const hz = ticksPerSecond();
	let tick = 0;
	const poll = () => {
		const rootStat = readStat(rootPid);
		if (rootStat) cpuSamples.push([Date.now(), rootStat.cpuTicks / hz]);
		// The tree changes rarely (the task runner starts once, in the first seconds): scanning /proc costs a few
		// milliseconds, so rescan it at 0.5, 1, 2, 4 s and then every 5 s only.
		const rescan = peaks.size === 0 || [5, 10, 20, 40].includes(tick) || tick % 50 === 0;
		tick++;
		const pids = rescan ? processTree(rootPid) : [...peaks.keys()];
		for (const pid of pids) {
			const memory = readMemory(pid);
			if (!memory) continue;
			const known = peaks.get(pid);
			if (known) known.hwmKiB = Math.max(known.hwmKiB, memory.hwmKiB);
			else peaks.set(pid, { pid, command: commandLine(pid), hwmKiB: memory.hwmKiB });
		}
	};
	poll();
	const timer = setInterval(poll, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return { peaks: [...peaks.values()], rootPeakKiB: peaks.get(rootPid)?.hwmKiB ?? 0, cpuSamples };
		},
	};
}

/** CPU seconds the sampled process spent between `from` and `to` (epoch ms), interpolating between samples. */
function cpuBetween(samples, from, to) {
	const at = (time) => {
		if (samples.length === 0) return 0;
		if (time <= samples[0][0]) return samples[0][1];
		for (let i = 1; i < samples.length; i++) {
			const [t1, c1] = samples[i];
			if (time <= t1) {
				const [t0, c0] = samples[i - 1];
				return t1 === t0 ? c1 : c0 + ((c1 - c0) * (time - t0)) / (t1 - t0);
			}
		}
		return samples[samples.length - 1][1];
	};
	return Math.max(0, at(to) - at(from));
}

/** Other n8n processes on this machine (not under `ownRoots`): [{ pid, command }]. */
function otherN8nProcesses(ownPids = new Set()) {
	const found = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || ownPids.has(Number(entry)) || Number(entry) === process.pid) continue;
		const command = commandLine(entry);
		if (/n8n\/bin\/n8n\b|@n8n\/task-runner/.test(command)) found.push({ pid: Number(entry), command });
	}
	return found;
}

module.exports = { watchTree, cpuBetween, processTree, otherN8nProcesses, ticksPerSecond };

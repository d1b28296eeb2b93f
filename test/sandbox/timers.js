'use strict';
// Timers the sandbox owns, so close() can cancel every pending one.

function createTimers() {
	const pending = new Set();
	let closed = false;
	const timers = {
		after(ms, fn) {
			if (closed) return;
			const timer = setTimeout(() => {
				pending.delete(timer);
				fn();
			}, ms);
			pending.add(timer);
		},
		/** Resolves after `ms`; once cancelled it never resolves, which ends any chain waiting on it. */
		delay: (ms) => new Promise((resolve) => timers.after(ms, resolve)),
		/** Drops what is pending; new timers still run. */
		cancel() {
			for (const timer of pending) clearTimeout(timer);
			pending.clear();
		},
		close() {
			closed = true;
			timers.cancel();
		},
	};
	return timers;
}

module.exports = { createTimers };

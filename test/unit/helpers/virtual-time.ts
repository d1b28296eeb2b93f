/** A clock that moves only when someone waits on it, with timers that fire in time order. */
export function virtualTime() {
	let time = 1_000_000;
	const timers: Array<{ at: number; resolve: () => void }> = [];
	return {
		now: () => time,
		wait: (ms: number) => new Promise<void>((resolve) => timers.push({ at: time + ms, resolve })),
		/** Runs timers until none is left (or `until` returns true), letting promise callbacks run in between. */
		async run(until: () => boolean = () => false) {
			for (;;) {
				await new Promise((resolve) => setImmediate(resolve));
				if (until() || timers.length === 0) return;
				timers.sort((a, b) => a.at - b.at);
				const next = timers.shift()!;
				time = Math.max(time, next.at);
				next.resolve();
			}
		},
	};
}

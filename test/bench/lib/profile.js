'use strict';
// Reads a V8 CPU profile (node --cpu-prof) of an `n8n execute` run and splits the CPU time of our package's
// code from the n8n code it calls: our code's own (self) time, and the time spent under it (n8n resolving
// parameters for it, n8n's request helper sending for it).

const fs = require('node:fs');

/**
 * @param {string} file a .cpuprofile
 * @param {(url: string) => boolean} isOurs whether a script URL is our package's code
 * @returns {{ ownMs: number, underOursMs: number, parameterMs: number, requestMs: number, totalMs: number }}
 */
function splitProfile(file, isOurs) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const selfUs = new Map();
	let totalUs = 0;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
		totalUs += delta;
	});
	const ours = (id) => isOurs(nodes.get(id).callFrame.url);
	const named = (id, names) => names.includes(nodes.get(id).callFrame.functionName);
	let ownUs = 0;
	let underUs = 0;
	let parameterUs = 0;
	let requestUs = 0;
	for (const [id, us] of selfUs) {
		if (ours(id)) {
			ownUs += us;
			continue;
		}
		// Walk up: is this sample under our code, and under which n8n helper?
		let underParameter = false;
		let underRequest = false;
		for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
			if (named(cur, ['_getNodeParameter', 'getNodeParameter'])) underParameter = true;
			if (named(cur, ['httpRequestWithAuthentication'])) underRequest = true;
			if (ours(cur)) {
				underUs += us;
				if (underParameter) parameterUs += us;
				else if (underRequest) requestUs += us;
				break;
			}
		}
	}
	const ms = (us) => us / 1000;
	return { ownMs: ms(ownUs), underOursMs: ms(underUs), parameterMs: ms(parameterUs), requestMs: ms(requestUs), totalMs: ms(totalUs) };
}

module.exports = { splitProfile };

'use strict';
// Every provider request the sandbox received, in arrival order.

function createRecorder() {
	let records = [];
	let nextSeq = 1;
	return {
		/** Appends a record (status and answer filled in later by `finish`) and returns it. */
		add(entry) {
			const record = { seq: nextSeq++, ...entry, status: null, responseBody: null, fault: null, receivedAt: new Date().toISOString() };
			records.push(record);
			return record;
		},

		finish(record, status, responseBody, fault = null) {
			record.status = status;
			record.responseBody = responseBody;
			record.fault = fault;
		},

		/** Records after `since` (a seq), optionally of one provider. Seqs are contiguous, so `since` is an index. */
		list({ provider, since } = {}) {
			const first = records.length ? records[0].seq : nextSeq;
			const from = since === undefined ? 0 : Math.max(0, since - first + 1);
			const slice = records.slice(from);
			return provider ? slice.filter((r) => r.provider === provider) : slice;
		},

		clear() {
			const count = records.length;
			records = [];
			return count;
		},
	};
}

module.exports = { createRecorder };

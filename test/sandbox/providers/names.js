'use strict';
// The providers the sandbox emulates, by the names used in config, stats and records.

const PROVIDER_NAMES = Object.freeze(['insider', 'kaleyra', 'gupshup']);

module.exports = { PROVIDER_NAMES };

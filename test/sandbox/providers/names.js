'use strict';
// The providers the sandbox emulates, by the names used in config, stats and records.

const PROVIDER_NAMES = Object.freeze(['insider', 'kaleyra', 'gupshup']);

/** The WhatsApp Business Account behind every provider's business number (templates belong to it). */
const SANDBOX_WABA_ID = '100000000000001';

module.exports = { PROVIDER_NAMES, SANDBOX_WABA_ID };

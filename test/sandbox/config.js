'use strict';
// The sandbox's run-time settings (PUT /__sandbox/config) and the objects derived from them.

const { parseFaults, createFaultPlan } = require('./faults');
const { createRateLimits } = require('./rate-limit');

const { PROVIDER_NAMES: PROVIDERS } = require('./providers/names');
const INSIDER_ENDPOINTS = ['conversational', 'transactional'];

const isPositiveInteger = (v) => Number.isInteger(v) && v > 0;

function parseRateLimit(current, patch) {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { problem: 'rateLimit must be an object' };
	const next = { ...current };
	for (const [provider, value] of Object.entries(patch)) {
		if (!PROVIDERS.includes(provider)) return { problem: `rateLimit.${provider}: unknown provider` };
		const perEndpoint = provider === 'insider' && typeof value === 'object' && value !== null;
		const ok = value === null || isPositiveInteger(value) ||
			(perEndpoint && Object.entries(value).every(([k, v]) => INSIDER_ENDPOINTS.includes(k) && (v === null || isPositiveInteger(v))));
		if (!ok) return { problem: `rateLimit.${provider} must be a positive integer (requests per second) or null` };
		next[provider] = value;
	}
	return { rateLimit: next };
}

function parseAutoCallbacks(value) {
	if (value === null) return { autoCallbacks: null };
	if (typeof value !== 'object' || Array.isArray(value) || !/^https?:\/\/\S+$/i.test(value.url ?? '')) {
		return { problem: 'autoCallbacks must be null or { url, headers?, intervalMs?, gupshupVersion? }' };
	}
	const auto = { url: value.url, headers: value.headers ?? {}, intervalMs: value.intervalMs ?? 200, gupshupVersion: value.gupshupVersion ?? 3 };
	if (typeof auto.headers !== 'object' || auto.headers === null) return { problem: 'autoCallbacks.headers must be an object' };
	if (!Number.isInteger(auto.intervalMs) || auto.intervalMs < 0) return { problem: 'autoCallbacks.intervalMs must be a non-negative integer' };
	if (auto.gupshupVersion !== 2 && auto.gupshupVersion !== 3) return { problem: 'autoCallbacks.gupshupVersion must be 2 or 3' };
	return { autoCallbacks: auto };
}

// Free-form messages outside WhatsApp's customer-service window fail (131047) while this is on. `true` = 24 hours.
function parseServiceWindow(value) {
	if (value === null || value === false) return { serviceWindow: null };
	if (value === true) return { serviceWindow: { hours: 24 } };
	if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((k) => k === 'hours')) {
		const hours = value.hours ?? 24;
		if (typeof hours === 'number' && hours > 0 && Number.isFinite(hours)) return { serviceWindow: { hours } };
	}
	return { problem: 'serviceWindow must be true, false, null or { hours } (a positive number)' };
}

// Only Gupshup documents a limit for its template list: 10 requests a minute per app
// (https://partner-docs.gupshup.io/docs/partner-rate-limits).
const LIST_LIMITED = ['gupshup'];

function parseTemplateListLimit(current, patch) {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { problem: 'templateListLimit must be an object' };
	const next = { ...current };
	for (const [provider, value] of Object.entries(patch)) {
		if (!LIST_LIMITED.includes(provider)) return { problem: `templateListLimit.${provider}: only ${LIST_LIMITED.join(', ')} has a template list limit` };
		if (value !== null && !isPositiveInteger(value)) return { problem: `templateListLimit.${provider} must be a positive integer (requests per minute) or null` };
		next[provider] = value;
	}
	return { templateListLimit: next };
}

function createConfig({ latencyMs = 0, rateLimit = {}, faults = null, autoCallbacks = null, serviceWindow = null, templateListLimit = {} } = {}) {
	const settings = {
		latencyMs: 0,
		rateLimit: { insider: null, kaleyra: null, gupshup: null },
		faults: null,
		autoCallbacks: null,
		serviceWindow: null,
		templateListLimit: { gupshup: null },
	};
	const config = {
		settings,
		limits: createRateLimits(settings.rateLimit),
		listLimits: createRateLimits(settings.templateListLimit, 60_000),
		faultPlan: null,

		/** Applies a partial update atomically; returns a problem string, or null on success. */
		update(patch) {
			if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'config must be a JSON object';
			const unknown = Object.keys(patch).find((k) => !(k in settings));
			if (unknown) return `unknown config key: ${unknown}`;
			const next = {};
			if (patch.latencyMs !== undefined) {
				if (!Number.isInteger(patch.latencyMs) || patch.latencyMs < 0) return 'latencyMs must be a non-negative integer';
				next.latencyMs = patch.latencyMs;
			}
			if (patch.rateLimit !== undefined) {
				const { rateLimit, problem } = parseRateLimit(settings.rateLimit, patch.rateLimit);
				if (problem) return problem;
				next.rateLimit = rateLimit;
			}
			if (patch.faults !== undefined) {
				const { spec, problem } = patch.faults === null ? { spec: null } : parseFaults(patch.faults);
				if (problem) return problem;
				next.faults = spec;
			}
			if (patch.autoCallbacks !== undefined) {
				const { autoCallbacks, problem } = parseAutoCallbacks(patch.autoCallbacks);
				if (problem) return problem;
				next.autoCallbacks = autoCallbacks;
			}
			if (patch.serviceWindow !== undefined) {
				const { serviceWindow, problem } = parseServiceWindow(patch.serviceWindow);
				if (problem) return problem;
				next.serviceWindow = serviceWindow;
			}
			if (patch.templateListLimit !== undefined) {
				const { templateListLimit, problem } = parseTemplateListLimit(settings.templateListLimit, patch.templateListLimit);
				if (problem) return problem;
				next.templateListLimit = templateListLimit;
			}
			Object.assign(settings, next);
			// New limits or a new fault plan start from a clean slate (fresh windows, re-seeded PRNG).
			if (next.rateLimit) config.limits = createRateLimits(settings.rateLimit);
			if (next.templateListLimit) config.listLimits = createRateLimits(settings.templateListLimit, 60_000);
			if (next.faults !== undefined) config.faultPlan = next.faults && createFaultPlan(next.faults);
			return null;
		},

		toJSON: () => ({ ...settings, faults: config.faultPlan ? config.faultPlan.toJSON() : null }),
	};
	const problem = config.update({ latencyMs, rateLimit, faults, autoCallbacks, serviceWindow, templateListLimit });
	if (problem) throw new Error(`createSandbox: ${problem}`);
	return config;
}

module.exports = { createConfig };

'use strict';
// A scripted stand-in for a chat model, answering POST /api/chat in Ollama's format (NDJSON chunks of
// { model, created_at, message: { role, content, tool_calls? }, done }, https://github.com/ollama/ollama/blob/main/docs/api.md),
// so that the demo's AI support bot runs where no model is configured: n8n's Ollama Chat Model node talks to it.
// It understands nothing: offered tools, it calls the first one with a fixed answer that quotes the customer's
// last words in every string argument; once a tool has answered, it says it is done.

const { readBody, sendJson } = require('./http');

/** What the stand-in says to one /api/chat request. */
function standInAnswer(body) {
	const messages = Array.isArray(body?.messages) ? body.messages : [];
	const tool = body?.tools?.[0]?.function;
	if (!tool || messages.some((m) => m.role === 'tool')) return { role: 'assistant', content: 'I answered the customer on WhatsApp.' };
	const asked = String([...messages].reverse().find((m) => m.role === 'user')?.content ?? '').trim();
	const answer = `Thanks for your message${asked ? ` ("${asked.slice(0, 200)}")` : ''}. A colleague will follow up shortly. (Demo: a stand-in for the AI model wrote this.)`;
	const properties = Object.entries(tool.parameters?.properties ?? {});
	const args = Object.fromEntries(properties.filter(([, schema]) => schema?.type === 'string').map(([name]) => [name, answer]));
	return { role: 'assistant', content: '', tool_calls: [{ function: { name: tool.name, arguments: args } }] };
}

async function serveModel(req, res) {
	const { raw, aborted } = await readBody(req);
	if (aborted) return;
	let body;
	try {
		body = JSON.parse(raw);
	} catch {
		return sendJson(res, 400, { error: 'invalid JSON' });
	}
	const model = String(body.model ?? 'stand-in');
	const at = new Date().toISOString();
	const chunks = [
		{ model, created_at: at, message: standInAnswer(body), done: false },
		{ model, created_at: at, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 1 },
	];
	res.writeHead(200, { 'content-type': 'application/x-ndjson' });
	res.end(chunks.map((chunk) => `${JSON.stringify(chunk)}\n`).join(''));
}

module.exports = { serveModel };

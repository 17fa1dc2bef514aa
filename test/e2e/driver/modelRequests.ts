import fs from 'node:fs';
import type { ScenarioContext } from './runner';

/**
 * The messages of the last request for `model` the test model server received, joined (waits up
 * to 3 s for the server's log).
 */
export async function lastPrompt(ctx: ScenarioContext, model: string): Promise<string> {
  for (let waited = 0; ; waited += 200) {
    const lines = fs.existsSync(ctx.paths.modelRequests) ? fs.readFileSync(ctx.paths.modelRequests, 'utf8').split('\n').filter(Boolean) : [];
    const requests = lines
      .map((l) => JSON.parse(l) as { path: string; body?: { model?: string; messages?: Array<{ content?: unknown }> } })
      .filter((r) => r.path.endsWith('/chat/completions') && r.body?.model === model);
    const last = requests[requests.length - 1];
    if (last) return (last.body?.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
    if (waited >= 3000) throw new Error(`the test model server recorded no ${model} request in ${ctx.paths.modelRequests}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The prompts of every `/v1/completions` request for `model` the test model server received, in order. */
export function completionPrompts(ctx: ScenarioContext, model: string): string[] {
  const lines = fs.existsSync(ctx.paths.modelRequests) ? fs.readFileSync(ctx.paths.modelRequests, 'utf8').split('\n').filter(Boolean) : [];
  return lines
    .map((l) => JSON.parse(l) as { path: string; body?: { model?: string; prompt?: unknown } })
    .filter((r) => r.path.endsWith('/completions') && !r.path.endsWith('/chat/completions') && r.body?.model === model)
    .map((r) => String(r.body?.prompt ?? ''));
}

/**
 * Runs the local OpenAI-compatible test server as a process (the e2e helper bundles this file with
 * esbuild). Port from argv[2] or GROUNDWORK_FAKE_OPENAI_PORT (default: any free port). Prints one
 * line `GROUNDWORK_FAKE_OPENAI_URL=http://127.0.0.1:PORT/v1` on stdout once it listens; stops on
 * SIGTERM/SIGINT. With GROUNDWORK_FAKE_OPENAI_LOG=1 it logs each request's method and path on stderr;
 * with GROUNDWORK_FAKE_OPENAI_BODIES=FILE it appends each request as a JSON line
 * `{"method","path","body"}` to FILE (what the extension sent, for the e2e scenarios to check).
 */
import { appendFileSync } from 'node:fs';
import { startOpenAIServer } from './openaiServer';

async function main(): Promise<void> {
  const raw = process.argv[2] ?? process.env.GROUNDWORK_FAKE_OPENAI_PORT ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${raw}`);
  const dims = Number(process.env.GROUNDWORK_FAKE_OPENAI_DIMS ?? '32');
  const server = await startOpenAIServer({ port, embeddingDims: dims });
  process.stdout.write(`GROUNDWORK_FAKE_OPENAI_URL=${server.url}\n`);
  const log = process.env.GROUNDWORK_FAKE_OPENAI_LOG === '1';
  const bodies = process.env.GROUNDWORK_FAKE_OPENAI_BODIES;
  if (log || bodies) {
    let seen = 0;
    setInterval(() => {
      for (; seen < server.requests.length; seen++) {
        const r = server.requests[seen]!;
        if (log) process.stderr.write(`[fake-openai] ${r.method} ${r.path}\n`);
        if (bodies) appendFileSync(bodies, `${JSON.stringify({ method: r.method, path: r.path, body: r.body })}\n`);
      }
    }, 100).unref();
  }
  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake OpenAI server failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

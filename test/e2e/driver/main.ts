/**
 * Drives code-server in Debian's Chromium through playwright-core and runs the e2e scenarios.
 * Started by test/e2e/run.sh, which sets:
 *   E2E_URL        the workbench URL (with ?folder=)      E2E_ARTIFACTS  where screenshots go
 *   E2E_USER_DATA  code-server's --user-data-dir (logs)   E2E_WORKSPACE  the opened fixture copy
 *   E2E_CHROMIUM   the browser (default /usr/bin/chromium) E2E_ONLY       regex: run matching scenarios only
 *   E2E_SUMMARY    file that receives the closing "N passed, N failed" line
 *   E2E_MODEL_REQUESTS  JSON lines of every request the test model server received
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { runScenarios } from './runner';
import { scenarios } from './scenarios/index';
import { Workbench } from './workbench';

const started = Date.now();
const log = (message: string): void => {
  process.stdout.write(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run the suite with npm run test:e2e)`);
  return value;
}

async function main(): Promise<number> {
  const paths = {
    artifacts: required('E2E_ARTIFACTS'),
    userData: required('E2E_USER_DATA'),
    workspace: required('E2E_WORKSPACE'),
    modelRequests: required('E2E_MODEL_REQUESTS'),
  };
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
  const selected = scenarios.filter((s) => !only || only.test(s.name));
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => log(`page error: ${err.message}`));
    log(`opening ${required('E2E_URL')}`);
    await page.goto(required('E2E_URL'), { waitUntil: 'domcontentloaded' });
    const summary = await runScenarios(selected, page, new Workbench(page), paths, log);
    for (const failure of summary.failed) log(`FAILED ${failure.name}: ${failure.message}`);
    const line = `${summary.passed.length} passed, ${summary.failed.length} failed`;
    if (process.env.E2E_SUMMARY) fs.writeFileSync(process.env.E2E_SUMMARY, `${line}\n`);
    return summary.failed.length === 0 && selected.length > 0 ? 0 : 1;
  } finally {
    // closing can hang on code-server's open sockets; run.sh kills the process group anyway
    await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`the e2e driver failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);

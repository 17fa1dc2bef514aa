import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** Where the run keeps things: artifacts folder, code-server's user-data dir (logs), the opened workspace. */
export interface E2ePaths {
  artifacts: string;
  userData: string;
  workspace: string;
  /** JSON lines `{"method","path","body"}` of every request the test model server received. */
  modelRequests: string;
}

/** What a scenario gets: the page, its page object, paths, and helpers that write into the artifacts folder. */
export interface ScenarioContext {
  page: Page;
  wb: Workbench;
  paths: E2ePaths;
  /** Saves a screenshot as `<artifacts>/<scenario>-<NN>-<name>.png` and returns its path. */
  shot(name: string): Promise<string>;
  log(message: string): void;
}

/** A named end-to-end check; it throws (with a message a user would understand) when something is wrong. */
export interface Scenario {
  name: string;
  timeoutMs?: number;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface RunSummary {
  passed: string[];
  failed: { name: string; message: string }[];
}

export const slug = (text: string): string =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs scenarios one after another; a failure saves `<artifacts>/FAILED-<scenario>.png` and names it. */
export async function runScenarios(
  scenarios: Scenario[],
  page: Page,
  wb: Workbench,
  paths: E2ePaths,
  log: (message: string) => void,
): Promise<RunSummary> {
  const { artifacts } = paths;
  const summary: RunSummary = { passed: [], failed: [] };
  for (const scenario of scenarios) {
    const name = slug(scenario.name);
    let shots = 0;
    const ctx: ScenarioContext = {
      page,
      wb,
      paths,
      log: (message) => log(`[${scenario.name}] ${message}`),
      shot: async (shotName) => {
        shots += 1;
        const file = path.join(artifacts, `${name}-${String(shots).padStart(2, '0')}-${slug(shotName)}.png`);
        await page.screenshot({ path: file });
        log(`[${scenario.name}] screenshot ${file}`);
        return file;
      },
    };
    const started = Date.now();
    log(`▶ ${scenario.name}`);
    try {
      await withTimeout(scenario.run(ctx), scenario.timeoutMs ?? 180_000, `scenario "${scenario.name}"`);
      summary.passed.push(scenario.name);
      log(`✔ ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      const file = path.join(artifacts, `FAILED-${name}.png`);
      const saved = await page.screenshot({ path: file }).then(
        () => `screenshot: ${file}`,
        (shotErr: unknown) => `no screenshot: ${String(shotErr).split('\n')[0]}`,
      );
      const text = err instanceof Error ? err.message : String(err);
      const [first, ...details] = text.split('\n');
      const message = `${first} (${saved})`;
      summary.failed.push({ name: scenario.name, message });
      log(`✘ ${scenario.name}: ${message}`);
      if (details.length > 0) log(details.join('\n'));
      await wb.dismissOverlays().catch((e: unknown) => log(`could not reset the workbench: ${String(e)}`));
    }
  }
  fs.writeFileSync(path.join(artifacts, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

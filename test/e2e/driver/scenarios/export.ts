import fs from 'node:fs';
import path from 'node:path';
import { pickFolder } from '../folderDialog';
import type { Scenario, ScenarioContext } from '../runner';
import { EXTENSION_ID } from './activation';
import { REVIEWED_FILE, restoreFile, reviewSelection } from './review';

interface Message {
  role: string;
  content: string;
}

/** The extension's feedback log in code-server's global storage (what Apply/Dismiss record). */
function feedbackLog(ctx: ScenarioContext): string {
  return path.join(ctx.paths.userData, 'User', 'globalStorage', EXTENSION_ID, 'feedback', 'feedback.jsonl');
}

function feedbackActions(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { action?: unknown }).action));
}

function readJsonl(file: string): unknown[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
}

/** Export Fine-Tuning Data → the folder dialog → summary notification → JSONL files with the accepted comment. */
export const fineTuningExport: Scenario = {
  name: 'fine-tuning export',
  timeoutMs: 180_000,
  async run(ctx) {
    const { wb, page } = ctx;
    await wb.waitReady('Groundwork');
    const log = feedbackLog(ctx);
    if (!feedbackActions(log).includes('accepted')) {
      // Run alone (E2E_ONLY): make the feedback the review scenario leaves behind.
      ctx.log('no accepted comment in the feedback log yet: reviewing and applying a suggestion first');
      const file = path.join(ctx.paths.workspace, REVIEWED_FILE);
      const original = fs.readFileSync(file, 'utf8');
      await reviewSelection(ctx);
      await wb.commentThreadAction(/Groundwork: (error|warning|info) · /, 'Apply Suggestion');
      await page.waitForTimeout(1_000);
      await wb.commandPalette('File: Revert File');
      restoreFile(file, original);
    }
    const actions = feedbackActions(log);
    ctx.log(`feedback log ${log}: ${JSON.stringify(actions)}`);
    if (!actions.includes('accepted')) throw new Error(`Apply Suggestion recorded nothing in the feedback log ${log}`);

    const outDir = path.join(path.dirname(ctx.paths.workspace), 'fine-tuning-export');
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    await wb.clearNotifications();
    await wb.commandPalette('Groundwork: Export Fine-Tuning Data');
    await pickFolder(page, 'Groundwork: folder for the fine-tuning files', outDir, 'Export Here');

    const summary = await wb.waitNotification(/Groundwork: exported \d+ supervised and \d+ preference examples/, 30_000);
    ctx.log(`notification: "${summary}"`);
    const supervised = Number(/exported (\d+) supervised/.exec(summary)?.[1]);
    if (!(supervised >= 1)) throw new Error(`the export summary counts no supervised example after an accepted suggestion: "${summary}"`);
    await wb.settleToast('Groundwork: exported');
    await wb.notificationToast('Groundwork: exporting').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {
      throw new Error('the "exporting fine-tuning data" progress stayed on screen after the export finished');
    });
    await ctx.shot('export-summary');

    const files = fs.readdirSync(outDir).filter((f) => f.endsWith('.jsonl')).sort();
    ctx.log(`written: ${files.join(', ')}`);
    fs.mkdirSync(path.join(ctx.paths.artifacts, 'fine-tuning-export'), { recursive: true });
    for (const f of files) fs.copyFileSync(path.join(outDir, f), path.join(ctx.paths.artifacts, 'fine-tuning-export', f));
    const sftFiles = files.filter((f) => f.startsWith('sft.'));
    if (sftFiles.length === 0) throw new Error(`the export wrote no sft.*.jsonl in ${outDir} (files: ${files.join(', ') || 'none'})`);

    const assistantSides: string[] = [];
    for (const f of sftFiles) {
      for (const example of readJsonl(path.join(outDir, f)) as Array<{ messages: Message[] }>) {
        const last = example.messages[example.messages.length - 1];
        if (last?.role !== 'assistant') throw new Error(`an example in ${f} does not end with the assistant's answer`);
        assistantSides.push(last.content);
      }
    }
    for (const f of files.filter((name) => name.startsWith('preference.'))) {
      for (const example of readJsonl(path.join(outDir, f)) as Array<{ preferred_output: Message[] }>) {
        assistantSides.push(example.preferred_output.map((m) => m.content).join('\n'));
      }
    }
    const accepted = assistantSides.find((text) => /does not follow standard STD-\d/.test(text) && text.includes('// reviewed'));
    if (!accepted) {
      throw new Error(`no exported example carries the accepted comment (message citing STD-… and its suggestion) on the assistant side: ${JSON.stringify(assistantSides).slice(0, 400)}`);
    }
    ctx.log(`assistant side of the ${REVIEWED_FILE} example: ${accepted.slice(0, 300)}`);
    await wb.clearNotifications();
  },
};

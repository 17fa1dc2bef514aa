/** `groundwork export --log FILE --out DIR [--validation-ratio R] [--json]`: feedback log → fine-tuning JSONL. */
import path from 'node:path';
import { GroundworkError } from '../core/errors';
import { exportFineTuningData, formatExportSummary } from '../core/feedback/export';
import { FeedbackLog } from '../core/feedback/log';
import { flagString, type ParsedArgs } from './args';
import { cliContext, interruptSignal } from './common';

export const EXPORT_USAGE = 'groundwork export --log FEEDBACK.jsonl --out DIR [--validation-ratio 0.2] [--json]';

export async function runExport(args: ParsedArgs): Promise<number> {
  const logFile = flagString(args, 'log');
  const outDir = flagString(args, 'out');
  if (!logFile || !outDir) throw new GroundworkError(`Usage: ${EXPORT_USAGE}`);
  const ratioText = flagString(args, 'validation-ratio');
  const validationRatio = ratioText === undefined ? undefined : Number(ratioText);
  if (validationRatio !== undefined && !(validationRatio >= 0 && validationRatio < 1)) {
    throw new GroundworkError('--validation-ratio must be a number from 0 to below 1.');
  }
  const { logger } = cliContext(args);
  const log = new FeedbackLog(path.resolve(logFile), logger);
  if (!(await log.exists())) throw new GroundworkError(`No feedback log at ${logFile}.`);
  const signal = interruptSignal();
  const { entries, invalidLines } = await log.read(signal);
  if (invalidLines > 0) process.stderr.write(`skipped ${invalidLines} invalid line(s) in ${logFile}\n`);
  const summary = await exportFineTuningData(entries, path.resolve(outDir), {
    signal,
    ...(validationRatio !== undefined ? { validationRatio } : {}),
  });
  process.stdout.write(args.flags.has('json') ? JSON.stringify(summary, null, 2) + '\n' : formatExportSummary(summary));
  return 0;
}

import type { Scenario } from '../runner';
import { activationAndReindex } from './activation';
import { chat } from './chat';
import { inlineCompletion } from './completion';
import { fineTuningExport } from './export';
import { reviewSelectionScenario } from './review';

/**
 * Every scenario, in the order they run. Each starts with `waitReady` and can run alone (E2E_ONLY);
 * the export scenario reuses the feedback the review scenario leaves, or makes its own.
 */
export const scenarios: Scenario[] = [activationAndReindex, reviewSelectionScenario, fineTuningExport, chat, inlineCompletion];

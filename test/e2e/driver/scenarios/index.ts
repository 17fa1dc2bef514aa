import type { Scenario } from '../runner';
import { activationAndReindex } from './activation';

/** Every scenario, in the order they run (later ones assume the workbench and index from the first). */
export const scenarios: Scenario[] = [activationAndReindex];

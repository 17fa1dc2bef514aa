/** Commands of the fine-tuning loop that need the API keys (wired by the composition root). */
import type { CommandHandler } from '../commandRunner';
import type { ApiKeyStore } from '../models/apiKeys';
import type { Services } from '../services';
import { startFineTuningJobCommand } from './fineTuneCommand';
import { proposeLearningsCommand, type ProposalDocuments } from './learningsCommand';

export function fineTuningCommands(services: Services, keys: ApiKeyStore, proposals: ProposalDocuments): Record<string, CommandHandler> {
  return {
    'groundwork.startFineTuningJob': (folder?: unknown) => startFineTuningJobCommand(services, keys, folder),
    'groundwork.proposeLearnings': () => proposeLearningsCommand(services, proposals),
  };
}

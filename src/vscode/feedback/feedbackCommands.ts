/** Commands of the fine-tuning loop that need the API keys (wired by the composition root). */
import type { CommandHandler } from '../commandRunner';
import type { ApiKeyStore } from '../models/apiKeys';
import type { Services } from '../services';
import { startFineTuningJobCommand } from './fineTuneCommand';

export function fineTuningCommands(services: Services, keys: ApiKeyStore): Record<string, CommandHandler> {
  return {
    'groundwork.startFineTuningJob': (folder?: unknown) => startFineTuningJobCommand(services, keys, folder),
  };
}

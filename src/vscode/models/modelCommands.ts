/** The command table of the model features (wired by the composition root). */
import type { Config } from '../../core/config';
import type { Logger } from '../../core/log';
import type { CommandHandler } from '../commandRunner';
import type { ApiKeyStore } from './apiKeys';
import { configureModel } from './configureModel';
import { setApiKey } from './setApiKey';

export function modelCommands(config: () => Config, keys: ApiKeyStore, logger: Logger): Record<string, CommandHandler> {
  return {
    'groundwork.configureModel': (role?: unknown) => configureModel(config(), keys, logger, role),
    'groundwork.setApiKey': (baseUrl?: unknown) => setApiKey(config(), keys, baseUrl),
  };
}

export { createModelClient, createModelClientFactory, PLACEHOLDER_API_KEY, type ModelClientOptions } from './client';
export { isLocalEndpoint, MODEL_PRESETS, type ModelPreset } from './presets';
export { isModelConfigured, resolveModel, type ResolveTarget } from './resolve';
export type {
  ChatMessage, ChatOptions, ChatResult, CompleteOptions, CompleteResult, EmbedOptions, ModelClient, ModelClientFactory,
  ResolvedModel, ResponseFormat, RetryPolicy,
} from './types';

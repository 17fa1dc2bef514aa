/**
 * Endpoint presets offered by "Groundwork: Configure Model". Every provider here speaks the OpenAI
 * wire format; a preset only fills in the base URL and suggests model names.
 */
export interface ModelPreset {
  id: 'openai' | 'azure' | 'ollama' | 'lmstudio' | 'vllm' | 'llamacpp';
  label: string;
  /** Base URL; `{resource}` / `{host}` placeholders must be filled in by the user. */
  baseUrl: string;
  needsKey: boolean;
  /** Suggested model names per role (the user can type any other). */
  models: { chat: string; review: string; completion: string; embedding?: string };
  notes: string;
}

export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    models: { chat: 'gpt-4.1-mini', review: 'gpt-4.1', completion: 'gpt-4.1-mini', embedding: 'text-embedding-3-small' },
    notes: 'API key from platform.openai.com. Fine-tuned models appear as "ft:…" ids; use one as the review model. ' +
      'Chat models do not serve /v1/completions, so completions fall back to a chat template.',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: 'https://{resource}.openai.azure.com/openai/v1',
    needsKey: true,
    models: { chat: 'gpt-4.1-mini', review: 'gpt-4.1', completion: 'gpt-4.1-mini', embedding: 'text-embedding-3-small' },
    notes: 'Replace {resource} with your resource name; the model name is your deployment name. Uses the v1 API, key from the Azure portal.',
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    baseUrl: 'http://localhost:11434/v1',
    needsKey: false,
    models: { chat: 'qwen2.5-coder:7b', review: 'qwen2.5-coder:7b', completion: 'qwen2.5-coder:1.5b-base', embedding: 'nomic-embed-text' },
    notes: 'Run "ollama pull <model>" first. No API key. A fine-tuned model imported with "ollama create" is used by its tag.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    baseUrl: 'http://localhost:1234/v1',
    needsKey: false,
    models: { chat: 'qwen2.5-coder-7b-instruct', review: 'qwen2.5-coder-7b-instruct', completion: 'qwen2.5-coder-1.5b', embedding: 'text-embedding-nomic-embed-text-v1.5' },
    notes: 'Start the local server in LM Studio (Developer tab). No API key. Model names are the loaded model identifiers.',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    needsKey: false,
    models: { chat: 'Qwen/Qwen2.5-Coder-7B-Instruct', review: 'Qwen/Qwen2.5-Coder-7B-Instruct', completion: 'Qwen/Qwen2.5-Coder-7B' },
    notes: 'Serve LoRA adapters with "vllm serve … --enable-lora --lora-modules name=path" and use the adapter name as the model ' +
      '(e.g. in groundwork.models.routes). Set an API key only if the server was started with --api-key.',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    needsKey: false,
    models: { chat: 'default', review: 'default', completion: 'default' },
    notes: 'llama-server serves the one model it was started with; the model name is informational. ' +
      'Start it with --embeddings for the embedding role.',
  },
];

/** True for endpoints on this machine, which may run without an API key. */
export function isLocalEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1' || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

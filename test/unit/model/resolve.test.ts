import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { ConfigError } from '../../../src/core/errors';
import { isLocalEndpoint, MODEL_PRESETS } from '../../../src/core/model/presets';
import { resolveModel } from '../../../src/core/model/resolve';

const base = {
  'models.review': { baseUrl: 'http://localhost:8000/v1/', model: 'qwen-coder' },
  'models.completion': { baseUrl: 'http://localhost:8000/v1', model: 'qwen-base', maxTokens: 64 },
  'models.chat': { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', temperature: 0.7 },
};

describe('resolveModel', () => {
  it('uses the role settings with per-role defaults and a normalised base URL', () => {
    const config = parseConfig(base);
    expect(resolveModel(config, 'review')).toEqual({
      role: 'review', baseUrl: 'http://localhost:8000/v1', model: 'qwen-coder', temperature: 0.1, maxTokens: 4096, timeoutMs: 180_000,
    });
    expect(resolveModel(config, 'chat')).toMatchObject({ temperature: 0.7, maxTokens: 2048 });
    expect(resolveModel(config, 'completion')).toMatchObject({ maxTokens: 64, timeoutMs: 15_000 });
  });

  it('routes review and completion by glob and by language, first match wins', () => {
    const config = parseConfig({
      ...base,
      'models.routes': [
        { glob: 'src/payments/**', roles: ['review'], model: 'payments-lora' },
        { language: 'python', baseUrl: 'http://127.0.0.1:9000/v1', model: 'py-adapter' },
        { glob: '**/*.sql', language: 'sql', model: 'sql-adapter' },
      ],
    });
    expect(resolveModel(config, 'review', { path: 'src/payments/charge.ts', language: 'typescript' })).toMatchObject({
      model: 'payments-lora', baseUrl: 'http://localhost:8000/v1', routedBy: 'glob:src/payments/**',
    });
    // The payments route is review-only: completion keeps its own model.
    expect(resolveModel(config, 'completion', { path: 'src/payments/charge.ts' }).model).toBe('qwen-base');
    expect(resolveModel(config, 'completion', { path: 'tools/x.py', language: 'python' })).toMatchObject({
      model: 'py-adapter', baseUrl: 'http://127.0.0.1:9000/v1', routedBy: 'language:python',
    });
    // Both glob and language given: both must match.
    expect(resolveModel(config, 'review', { path: 'db/a.sql', language: 'plaintext' }).model).toBe('qwen-coder');
    expect(resolveModel(config, 'review', { path: 'db/a.sql', language: 'sql' }).model).toBe('sql-adapter');
    // Chat is never routed.
    expect(resolveModel(config, 'chat', { path: 'src/payments/x.ts', language: 'python' }).model).toBe('gpt-4.1-mini');
    expect(resolveModel(config, 'review', { path: 'src/other.ts' }).routedBy).toBeUndefined();
  });

  it('names the missing setting', () => {
    const config = parseConfig({ 'models.review': { model: 'x' }, 'models.chat': { baseUrl: 'http://localhost:1/v1' } });
    const noUrl = (() => { try { resolveModel(config, 'review'); } catch (e) { return e; } })();
    expect(noUrl).toBeInstanceOf(ConfigError);
    expect((noUrl as ConfigError).setting).toBe('groundwork.models.review');
    expect((noUrl as Error).message).toMatch(/groundwork\.models\.review → "baseUrl"/);
    expect(() => resolveModel(config, 'chat')).toThrow(/groundwork\.models\.chat → "model"/);
    expect(() => resolveModel(config, 'embedding')).toThrow(ConfigError);
  });
});

describe('presets', () => {
  it('covers the six providers with base URLs and notes', () => {
    expect(MODEL_PRESETS.map((p) => p.id)).toEqual(['openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'llamacpp']);
    for (const p of MODEL_PRESETS) {
      expect(p.baseUrl).toMatch(/^https?:\/\/.+\/v1$/);
      expect(p.notes.length).toBeGreaterThan(20);
    }
    expect(MODEL_PRESETS.filter((p) => !p.needsKey).every((p) => isLocalEndpoint(p.baseUrl))).toBe(true);
  });

  it('recognises local endpoints', () => {
    expect(isLocalEndpoint('http://127.0.0.1:8080/v1')).toBe(true);
    expect(isLocalEndpoint('http://localhost:11434/v1')).toBe(true);
    expect(isLocalEndpoint('https://api.openai.com/v1')).toBe(false);
    expect(isLocalEndpoint('not a url')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { ConfigError } from '../../../src/core/errors';
import { apiKeySecretKey, configuredBaseUrls } from '../../../src/vscode/models/secretKey';

describe('API key slots in SecretStorage', () => {
  it('keys by origin: one key per scheme, host and port', () => {
    expect(apiKeySecretKey('https://api.openai.com/v1')).toBe('groundwork.apiKey:https://api.openai.com');
    expect(apiKeySecretKey('https://api.openai.com/v1/')).toBe(apiKeySecretKey('https://api.openai.com/other'));
    expect(apiKeySecretKey('http://localhost:8000/v1')).not.toBe(apiKeySecretKey('http://localhost:8001/v1'));
    expect(() => apiKeySecretKey('not a url')).toThrow(ConfigError);
    expect(() => apiKeySecretKey('file:///etc/passwd')).toThrow(/http/);
  });

  it('offers each configured endpoint once, routes included', () => {
    const config = parseConfig({
      'models.chat': { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini' },
      'models.review': { baseUrl: 'https://api.openai.com/v1', model: 'ft:gpt-4.1:team' },
      'models.completion': { baseUrl: 'http://localhost:11434/v1', model: 'qwen' },
      'models.routes': [{ glob: 'src/payments/**', baseUrl: 'http://gpu-box:8000/v1', model: 'payments-lora' }],
    });
    expect(configuredBaseUrls(config.models)).toEqual(['https://api.openai.com/v1', 'http://localhost:11434/v1', 'http://gpu-box:8000/v1']);
  });
});

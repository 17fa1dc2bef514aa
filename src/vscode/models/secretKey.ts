/** SecretStorage keys for API keys: one per endpoint origin (scheme + host + port). Pure, no `vscode`. */
import { ConfigError } from '../../core/errors';

export const API_KEY_PREFIX = 'groundwork.apiKey:';

export function apiKeySecretKey(baseUrl: string): string {
  const key = apiKeySecretKeyOrUndefined(baseUrl);
  if (!key) throw new ConfigError(`"${baseUrl}" is not a valid http(s) base URL, e.g. https://api.openai.com/v1.`);
  return key;
}

/** The key, or undefined when `baseUrl` is not an http(s) URL. */
export function apiKeySecretKeyOrUndefined(baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl)) return undefined;
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `${API_KEY_PREFIX}${url.origin}`;
}

/** Every base URL named in the model settings and routes, distinct by origin, in settings order. */
export function configuredBaseUrls(models: {
  chat: { baseUrl?: string };
  review: { baseUrl?: string };
  completion: { baseUrl?: string };
  embedding: { baseUrl?: string };
  routes: ReadonlyArray<{ baseUrl?: string }>;
}): string[] {
  const urls = [models.chat, models.review, models.completion, models.embedding, ...models.routes]
    .map((m) => m.baseUrl)
    .filter((u): u is string => typeof u === 'string' && u.length > 0);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const url of urls) {
    const key = apiKeySecretKeyOrUndefined(url);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(url);
  }
  return out;
}

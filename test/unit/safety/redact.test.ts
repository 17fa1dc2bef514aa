import { describe, expect, it } from 'vitest';
import { looksLikeSecret, shannonEntropy } from '../../../src/core/safety/entropy';
import { redactSecrets } from '../../../src/core/safety/redact';

/** Deterministic random-looking characters, so no real-looking token is committed to the repository. */
function chars(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', seed = 7): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((x / 2147483648) * alphabet.length)];
  }
  return out;
}
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const cases: Array<[string, string, string]> = [
  ['openai-key', `const key = "${'sk-'}proj-${chars(48)}";`, 'const key = "[REDACTED:openai-key]";'],
  ['openai-key (legacy)', `OPENAI_API_KEY=${'sk-'}${chars(48, undefined, 3)}`, 'OPENAI_API_KEY=[REDACTED:openai-key]'],
  ['anthropic-key', `x-api-key: ${'sk-ant-'}api03-${chars(80)}-${chars(6, undefined, 2)}AA`, 'x-api-key: [REDACTED:anthropic-key]'],
  ['github-token', `token: ${'gh'}p_${chars(36)}`, 'token: [REDACTED:github-token]'],
  ['github-token (fine-grained)', `${'github_'}pat_${chars(22)}_${chars(59, undefined, 5)}`, '[REDACTED:github-token]'],
  ['gitlab-token', `PRIVATE-TOKEN: ${'gl'}pat-${chars(20)}`, 'PRIVATE-TOKEN: [REDACTED:gitlab-token]'],
  ['slack-token', `slack(${'xo'}xb-1234567890-1234567890123-${chars(24)})`, 'slack([REDACTED:slack-token])'],
  ['slack-webhook', `url = ${'https://hooks.slack'}.com/services/T0${chars(8, UPPER)}/B0${chars(8, UPPER)}/${chars(24)}`, 'url = [REDACTED:slack-webhook]'],
  ['stripe-key', `stripe.setKey('${'sk_'}live_${chars(24)}')`, "stripe.setKey('[REDACTED:stripe-key]')"],
  ['stripe-key (webhook)', `${'whsec'}_${chars(32)}`, '[REDACTED:stripe-key]'],
  ['aws-access-key', `aws_access_key_id = ${'AK'}IA${chars(16, UPPER)}`, 'aws_access_key_id = [REDACTED:aws-access-key]'],
  ['aws-secret-key', `aws_secret_access_key = ${chars(40, B64)}`, 'aws_secret_access_key = [REDACTED:aws-secret-key]'],
  ['google-api-key', `?key=${'AI'}za${chars(35)}&q=1`, '?key=[REDACTED:google-api-key]&q=1'],
  ['google-oauth', `client_secret: ${'GOC'}SPX-${chars(28)}`, 'client_secret: [REDACTED:google-oauth]'],
  ['npm-token', `//registry.npmjs.org/:_authToken=${'np'}m_${chars(36)}`, '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]'],
  ['jwt', `const t = '${'ey'}JhbGciOiJIUzI1NiJ9.${'ey'}JzdWIiOiIxMjM0NTY3ODkwIn0.${chars(43)}';`, "const t = '[REDACTED:jwt]';"],
  ['url-password', 'DATABASE_URL=postgres://admin:s3cr3t!pw@db.internal:5432/app', 'DATABASE_URL=postgres://admin:[REDACTED:url-password]@db.internal:5432/app'],
  ['url-password (no user)', 'redis://:hunter2hunter2@cache:6379', 'redis://:[REDACTED:url-password]@cache:6379'],
  ['password (connection string)', 'Server=db;User Id=sa;Password=Sup3rS3cret;', 'Server=db;User Id=sa;Password=[REDACTED:password];'],
  ['authorization', `Authorization: Bearer ${chars(32)}`, 'Authorization: Bearer [REDACTED:authorization]'],
  ['authorization (basic)', `headers['Authorization'] = "Basic ${chars(20, B64)}=="`, `headers['Authorization'] = "Basic [REDACTED:authorization]"`],
  ['bearer-token', `curl -H "X-Auth: Bearer ${chars(40)}"`, 'curl -H "X-Auth: Bearer [REDACTED:bearer-token]"'],
  ['secret (assignment)', `const apiKey = "${chars(32)}";`, 'const apiKey = "[REDACTED:secret]";'],
  ['secret (yaml)', `  client_secret: ${chars(24)}`, '  client_secret: [REDACTED:secret]'],
  ['secret (hex)', `SECRET_KEY = '${chars(40, HEX)}'`, "SECRET_KEY = '[REDACTED:secret]'"],
  ['secret (json)', `{"accessToken": "${chars(30)}"}`, '{"accessToken": "[REDACTED:secret]"}'],
  ['password (quoted)', 'db.connect({ user: "app", password: "correcthorse" })', 'db.connect({ user: "app", password: "[REDACTED:password]" })'],
  ['password (unquoted)', 'db_password = hunter2', 'db_password = [REDACTED:password]'],
];

describe('redactSecrets: each kind', () => {
  it.each(cases)('%s', (kind, input, expected) => {
    const r = redactSecrets(input);
    expect(r.text).toBe(expected);
    expect(r.count).toBe(1);
    expect(r.kinds).toEqual([kind.replace(/ \(.*\)$/, '').replace(/^secret.*/, 'secret')]);
  });

  it('redacts a whole PEM private key block, and one cut off before its END line', () => {
    const body = Array.from({ length: 5 }, (_, i) => chars(64, B64, i + 11)).join('\n');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    expect(redactSecrets(`before\n${pem}\nafter`).text).toBe('before\n[REDACTED:private-key]\nafter');
    const cut = redactSecrets(`const k = "-----BEGIN OPENSSH PRIVATE KEY-----\\n${chars(64, B64)}\\n${chars(30, B64)}`);
    expect(cut.text).toBe('const k = "[REDACTED:private-key]');
  });

  it('redacts the body of a key even without its header, but not a public certificate header', () => {
    const body = Array.from({ length: 4 }, (_, i) => `  ${chars(64, B64, i + 3)}`).join('\n');
    expect(redactSecrets(`x\n${body}\ny`).text).toBe('x\n  [REDACTED:private-key]\ny');
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(redactSecrets(cert).text).toBe(cert);
  });

  it('counts every secret and lists each kind once', () => {
    const text = `a=${'gh'}p_${chars(36)}\nb=${'gh'}p_${chars(36, undefined, 9)}\nc=postgres://u:pw12345@h/db`;
    const r = redactSecrets(text);
    expect(r.count).toBe(3);
    expect(r.kinds).toEqual(['github-token', 'url-password']);
    expect(r.text).not.toContain('pw12345');
  });
});

describe('redactSecrets: ordinary code is left alone', () => {
  const ordinary = [
    'export function parseConfigFile(path: string, signal?: AbortSignal): Promise<Config> {',
    'const token = await getToken(signal);',
    'headers: { Authorization: `Bearer ${token}` },',
    "headers.set('Authorization', 'Bearer ' + accessToken);",
    'password: string;',
    'const password = form.password.value;',
    'def login(username, password=None):',
    'passwordField: "password-input",',
    'const cacheKey = "user-profile-settings-v2";',
    'const primaryKey = "id";',
    'const tokenUrl = "https://auth.example.com/oauth2/v2/token";',
    'const API_KEY_ENV = "MY_SERVICE_API_KEY_V2";',
    'apiKey: process.env.OPENAI_API_KEY,',
    'mongodb+srv://user:${DB_PASS}@cluster0.example.net/db',
    'postgres://user:<password>@localhost/app',
    'const id = "123e4567-e89b-12d3-a456-426614174000";',
    'const commit = "da39a3ee5e6b4b0d3255bfef95601890afd80709";',
    '"integrity": "sha512-Qw1x7XtkKQ3lTF2e0C8Lf+ifHP3vJvZBZJXAnfyT1hZqCrnH8QE3YxaSDrVd63e+OYzVc0gCYQCf42I3Zgd3cA==",',
    'const cssClass = "sk-spinner-circle-bounce-delay";',
    'const task = "task-1234567890abcdefghij";',
    'Use Bearer authentication for every request.',
    'const keyboardShortcut = "ctrl+shift+p";',
    'if (a === b && c !== d) { return map.get(key) ?? defaultValue; }',
    'x = {"key": "value", "secret": null, "token": ""}',
    'http://localhost:8080/api/v1/items?page=2',
    'git@github.com:owner/repo.git',
  ].join('\n');

  it('returns identifiers, hashes, ids, URLs and placeholders unchanged', () => {
    const r = redactSecrets(ordinary);
    expect(r.text).toBe(ordinary);
    expect(r.count).toBe(0);
    expect(r.kinds).toEqual([]);
  });

  it('handles long inputs of repetitive code (linear patterns)', () => {
    const big = `${'const aa = bb; key=value;'.repeat(20_000)}\n${'a'.repeat(50_000)}\n${'-'.repeat(50_000)}`;
    expect(redactSecrets(big).count).toBe(0);
  });
});

describe('secret heuristics', () => {
  it('measures Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('separates generated values from words and names', () => {
    expect(looksLikeSecret(chars(20))).toBe(true);
    expect(looksLikeSecret(chars(32, HEX))).toBe(true);
    expect(looksLikeSecret('short1A')).toBe(false);
    expect(looksLikeSecret('user-profile-settings-v2')).toBe(false);
    expect(looksLikeSecret('getAccessTokenFromEnvironment')).toBe(false);
    expect(looksLikeSecret('process.env.GITHUB_TOKEN')).toBe(false);
    expect(looksLikeSecret('https://example.com/a1b2c3d4e5')).toBe(false);
  });
});

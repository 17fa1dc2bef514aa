/**
 * Secret redaction before anything leaves the machine. Each secret becomes `[REDACTED:<kind>]`.
 *
 * What is redacted:
 * - provider keys and tokens recognised by their prefix (OpenAI, Anthropic, GitHub, GitLab, Slack,
 *   Stripe secret/restricted/webhook keys, AWS access key ids and secret access keys, Google API keys and OAuth
 *   secrets/tokens, npm, Hugging Face, SendGrid), JWTs, PEM private-key blocks (also when cut off
 *   before their END line) and runs of three or more 64-character base64 lines (a key body);
 * - the password of a URL (`postgres://user:pass@host` keeps `user`) and of a `;Password=…;`
 *   connection string; the credentials of an `Authorization:` header and of `Bearer …`;
 * - values assigned (`=`, `:`, `:=`, `=>`) to a name containing key/secret/token/apikey/auth/
 *   credential/password… when they look generated (see `looksLikeSecret`: ≥ 16 characters,
 *   entropy, digits or mixed case, not words). A UUID or ≥ 20-digit hex value assigned to such a
 *   name counts (API keys are often UUIDs); the same values anywhere else are left alone.
 * - any literal of ≥ 4 characters assigned to a name ending in password/passwd/pwd/passphrase/secret,
 *   quoted, or unquoted with a digit or symbol (`password: hunter2`), unless it is a placeholder
 *   (`${X}`, `$X`, `%X%`, `<x>`, `***`).
 *
 * What is not: identifiers, UUIDs and hashes that are not assigned to a secret-like name (lockfile
 * integrity hashes, commit ids, test ids), names whose last word says the value is metadata
 * (`tokenUrl`, `keyPath`, `secretName`), Stripe publishable keys (`pk_…`, public by design), and
 * public keys or certificates in PEM form.
 *
 * Every pattern is linear: character classes with bounded repeats, no nested quantifiers.
 */
import { splitIdentifier } from '../terms';
import { looksLikeSecret } from './entropy';

export interface RedactResult {
  text: string;
  /** Number of secrets replaced. */
  count: number;
  /** Kinds replaced, in order of first appearance. */
  kinds: string[];
}

interface Rule {
  kind: string;
  /** Global regex. Named groups `pre`/`post` are kept; `secret` (or else the whole match) is replaced. */
  re: RegExp;
  accept?: (secret: string, groups: Record<string, string | undefined>) => boolean;
}

const B = '(?<![A-Za-z0-9_-])'; // token start: not in the middle of a longer token
const E = '(?![A-Za-z0-9_-])';

const mixed = (s: string): boolean => /[0-9]/.test(s) && /[A-Za-z]/.test(s);
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][\w.]*\}?|%[A-Za-z_]\w*%|<[^>]*>?|\*+|x{4,}|\.{3,}|\{\{.*)$/i;

const SECRET_WORDS = new Set([
  'key', 'keys', 'apikey', 'secret', 'secrets', 'token', 'tokens', 'auth', 'credential',
  'credentials', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'private', 'privatekey',
  'accesskey', 'secretkey', 'signature', 'salt', 'pat', 'bearer', 'cookie', 'session',
]);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret']);
const META_WORDS = new Set([
  'url', 'uri', 'path', 'file', 'filename', 'dir', 'name', 'names', 'id', 'ids', 'type', 'types',
  'header', 'prefix', 'suffix', 'length', 'len', 'size', 'count', 'env', 'var', 'field', 'label',
  'endpoint', 'location', 'format', 'kind', 'mode', 'policy', 'hint', 'placeholder', 'regex',
  'pattern', 'version', 'expiry', 'expires', 'ttl', 'timeout', 'hash', 'algorithm', 'alg',
]);

const MAX_VALUE = 512;
const MAX_NAME = 80;

function nameWords(name: string): string[] {
  return splitIdentifier(name.replace(/[.-]/g, '_'));
}

function acceptAssignment(secret: string, g: Record<string, string | undefined>): boolean {
  if (secret.length > MAX_VALUE || (g.name ?? '').length > MAX_NAME) return false;
  const words = nameWords(g.name ?? '');
  const last = words[words.length - 1] ?? '';
  if (META_WORDS.has(last) || !words.some((w) => SECRET_WORDS.has(w))) return false;
  if (PLACEHOLDER.test(secret)) return false;
  if (looksLikeSecret(secret)) return true;
  if (!PASSWORD_WORDS.has(last)) return false;
  if (g.q) return true; // a quoted literal assigned to a password
  return /[0-9]/.test(secret) || /[^A-Za-z0-9_.$]/.test(secret);
}

const RULES: Rule[] = [
  {
    kind: 'private-key',
    re: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,\\-]*)/g,
  },
  { kind: 'anthropic-key', re: new RegExp(`${B}sk-ant-[a-z]{2,10}[0-9]{0,3}-[A-Za-z0-9_-]{20,400}`, 'g') },
  {
    kind: 'openai-key',
    re: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,400}`, 'g'),
    accept: mixed,
  },
  { kind: 'github-token', re: new RegExp(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})`, 'g') },
  {
    kind: 'gitlab-token',
    re: new RegExp(`${B}gl(?:pat|dt|ptt|rt|soat|cbt|imt|agent|ffct|oas)-[A-Za-z0-9_-]{20,255}`, 'g'),
  },
  { kind: 'slack-token', re: new RegExp(`${B}xox[abposre]-[A-Za-z0-9-]{10,255}`, 'g'), accept: mixed },
  { kind: 'slack-webhook', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{10,300}/g },
  { kind: 'stripe-key', re: new RegExp(`${B}(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,255}|whsec_[A-Za-z0-9]{24,255})`, 'g') },
  { kind: 'aws-access-key', re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  {
    kind: 'aws-secret-key',
    re: /(?<pre>(?:aws_?)?secret_?access_?key["']?[ \t]{0,8}[:=][ \t]{0,8}["']?)(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
  },
  { kind: 'google-api-key', re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g') },
  { kind: 'google-oauth', re: new RegExp(`${B}(?:GOCSPX-[A-Za-z0-9_-]{20,64}|ya29\\.[0-9A-Za-z_-]{20,2048})`, 'g') },
  { kind: 'npm-token', re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g') },
  { kind: 'huggingface-token', re: new RegExp(`${B}hf_[A-Za-z]{34}${E}`, 'g') },
  { kind: 'sendgrid-key', re: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`, 'g') },
  { kind: 'jwt', re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{5,4000}\\.eyJ[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{0,2000}`, 'g') },
  {
    kind: 'authorization',
    re: /(?<pre>\bAuthorization["'\]]{0,2}[ \t]{0,4}[:=][ \t]{0,4}["']?(?:Bearer|Basic|Token|Bot|bearer|basic|token)[ \t]{1,4})(?<secret>[A-Za-z0-9._~+/-]{8,4096}=*)/g,
    accept: (s) => !PLACEHOLDER.test(s),
  },
  {
    kind: 'bearer-token',
    re: /(?<pre>\bBearer[ \t]{1,4})(?<secret>[A-Za-z0-9._~+/-]{16,4096}=*)/g,
    accept: (s) => looksLikeSecret(s) || (mixed(s) && s.length >= 24),
  },
  {
    kind: 'url-password',
    re: /(?<pre>\b[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#@'"`<>]{0,128}:)(?<secret>[^\s@/?#'"`<>]{1,256})(?<post>@)/g,
    accept: (s) => !PLACEHOLDER.test(s),
  },
  {
    kind: 'password',
    re: /(?<pre>;[ \t]{0,4}(?:password|pwd)[ \t]{0,4}=[ \t]{0,4})(?<secret>[^;'"\s]{1,256})/gi,
    accept: (s) => !PLACEHOLDER.test(s),
  },
  {
    kind: 'secret',
    // Starts only where a token starts, and takes a whole run of value characters at once, so a
    // failed candidate is passed over in one step instead of being retried at every position.
    re: /(?<![A-Za-z0-9_$.-])(?<pre>(?<name>[A-Za-z_$][A-Za-z0-9_.$-]*)["']?[ \t]{0,8}(?::=|=>|=|:)[ \t]{0,8}(?<q>["'`]?))(?<secret>[^\s"'`,;(){}[\]<>]{4,})(?<post>\k<q>)/g,
    accept: acceptAssignment,
  },
];

/** Replaces secrets with `[REDACTED:<kind>]`. Pure and linear in the length of `text`. */
export function redactSecrets(text: string): RedactResult {
  const kinds: string[] = [];
  let count = 0;
  const note = (kind: string): string => {
    count += 1;
    if (!kinds.includes(kind)) kinds.push(kind);
    return `[REDACTED:${kind}]`;
  };
  let out = redactBase64Blocks(text, note);
  for (const rule of RULES) {
    out = out.replace(rule.re, (...args: unknown[]) => {
      const match = args[0] as string;
      const last = args[args.length - 1];
      const groups = (typeof last === 'object' && last !== null ? last : {}) as Record<string, string | undefined>;
      const secret = groups.secret ?? match;
      if (rule.accept && !rule.accept(secret, groups)) return match;
      const kind = rule.kind === 'secret' && isPasswordName(groups.name) ? 'password' : rule.kind;
      return `${groups.pre ?? ''}${note(kind)}${groups.post ?? ''}`;
    });
  }
  return { text: out, count, kinds };
}

function isPasswordName(name: string | undefined): boolean {
  const words = nameWords(name ?? '');
  return PASSWORD_WORDS.has(words[words.length - 1] ?? '') && words[words.length - 1] !== 'secret';
}

const BASE64_LINE = /^[A-Za-z0-9+/]{64}$/;

/** Three or more consecutive lines of exactly 64 base64 characters: the body of a key, even without its header. */
function redactBase64Blocks(text: string, note: (kind: string) => string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && BASE64_LINE.test((lines[j] ?? '').trim())) j += 1;
    if (j - i >= 3) {
      const indent = /^\s*/.exec(lines[i] ?? '')?.[0] ?? '';
      out.push(indent + note('private-key'));
      i = j;
    } else {
      out.push(...lines.slice(i, Math.max(j, i + 1)));
      i = Math.max(j, i + 1);
    }
  }
  return out.join('\n');
}

/** A small workspace with secrets in it, and a scripted review model that comments twice per review. */
import type { HandlerReply, RecordedRequest } from '../../support/openaiServer';

export const SECRETS = {
  openaiKey: 'sk-proj-Zq8vT3xKp9LmN2rB7wYc4HdF6jS1gA0eQ5uV',
  dbPassword: 'S3cr3tPassw0rd!x',
  awsKey: 'AKIAJ7QWERTYUIOPASDF',
  /** Not in any file: the model "leaks" it in a comment, so only write-time redaction can catch it. */
  echoedToken: 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
};

export const WORKSPACE: Record<string, string> = {
  '.groundwork/standards/team.md':
    '# Team standards\n\n## [STD-1] Use const\nDeclare variables with const or let, never var.\n\n' +
    '## [STD-2] Strict equality\nCompare with === and !==.\n\n## [STD-3] No hard-coded credentials\nRead keys from the environment.\n',
  'src/payments/charge.ts':
    `const apiKey = "${SECRETS.openaiKey}";\nexport function charge(amount: number) {\n  var total = amount * 1.2;\n  if (total == 0) return 0;\n  return total;\n}\n`,
  'src/db/connect.ts':
    `export function connect() {\n  var url = "postgres://admin:${SECRETS.dbPassword}@db:5432/app";\n  return url;\n}\n`,
  'src/util/format.ts':
    'export function formatAmount(value: number) {\n  var text = value.toFixed(2);\n  if (text == "0.00") return "free";\n  return text;\n}\n',
  'src/cloud/upload.ts':
    `const awsKeyId = "${SECRETS.awsKey}";\nexport function upload(name: string) {\n  var target = name.trim();\n  return target;\n}\n`,
  'lib/report.py':
    'def report(rows):\n    total = 0\n    for r in rows:\n        total = total + r\n    return total\n',
};

const textOf = (body: unknown): string =>
  ((body as { messages?: Array<{ content: string }> }).messages ?? []).map((m) => m.content).join('\n');

/** Comment 1 (on the first line, a suggestion, citing a standard) is meant to be accepted; comment 2 dismissed. */
export function scriptedReview(req: RecordedRequest): HandlerReply {
  const prompt = textOf(req.body);
  const m = /Review lines (\d+)-(\d+) of (\S+) \(/.exec(prompt);
  if (!m) return { text: 'Not a review.' };
  const start = Number(m[1]);
  const file = m[3]!;
  const line = new RegExp(`^\\s*${start} \\| ?(.*)$`, 'm').exec(prompt.slice(prompt.lastIndexOf('reviewed code')))?.[1] ?? '';
  const standard = /\[\d+\] standard (STD-\d)/.exec(prompt)?.[1] ?? null;
  return {
    text: JSON.stringify({
      summary: `Two findings in ${file}.`,
      comments: [
        { line: start, endLine: start, severity: 'warning', category: 'standards', message: `ACCEPT-ME: tidy line ${start} of ${file}.`,
          suggestion: `${line} // tidied`, standardId: standard, sources: [] },
        { line: start + 1, endLine: null, severity: 'info', category: 'readability', message: `DISMISS-ME: nit on ${file}; token ${SECRETS.echoedToken} looks odd.`,
          suggestion: null, standardId: null, sources: [] },
      ],
    }),
  };
}

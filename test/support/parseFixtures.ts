import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PARSE_FIXTURES = path.resolve(__dirname, '../fixtures/parse');

/** Every parse fixture as written, with CRLF line ends, and a large class (a skeleton chunk): [name, text]. */
export function parseFixtureVariants(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(PARSE_FIXTURES)) {
    const text = readFileSync(path.join(PARSE_FIXTURES, name), 'utf8');
    out.push([name, text], [`crlf/${name}`, text.replace(/\n/g, '\r\n')]);
  }
  const methods = Array.from({ length: 40 }, (_, i) => `  handleEvent${i}(payloadValue) {\n    const routed = this.routeTable.get(payloadValue);\n    if (!routed) return null;\n    return this.dispatch_${i}(routed);\n  }\n`).join('\n');
  out.push(['big.ts', `export class EventRouter {\n  private routeTable = new Map();\n${methods}}\n`]);
  return out;
}

/** A grammar directory laid out as dist/grammars, copied once per test process into a temp dir. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyGrammars } from '../../scripts/grammars.mjs';

let copied: string | undefined;

export function grammarDir(): string {
  if (!copied) {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'gw-grammars-')), 'grammars');
    copyGrammars(dir);
    copied = dir;
  }
  return copied;
}

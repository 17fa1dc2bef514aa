import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; menus: Record<string, Array<{ command: string }>>; configuration: { properties: Record<string, unknown> } };
  activationEvents: string[];
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const vscodeCode = [path.join(root, 'src/extension.ts'), ...sources(path.join(root, 'src/vscode'))].map((f) => readFileSync(f, 'utf8')).join('\n');

describe('the extension manifest', () => {
  it('registers a handler for every contributed command (in a command table or registerCommand)', () => {
    const missing = manifest.contributes.commands
      .map((c) => c.command)
      .filter((id) => !new RegExp(`['"]${id.replace(/\./g, '\\.')}['"]\\s*[:,)]`).test(vscodeCode));
    expect(missing).toEqual([]);
  });

  it('only puts contributed commands in menus', () => {
    const ids = new Set(manifest.contributes.commands.map((c) => c.command));
    const inMenus = Object.values(manifest.contributes.menus).flat().map((m) => m.command);
    expect(inMenus.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('never reads an API key from settings', () => {
    const keys = Object.keys(manifest.contributes.configuration.properties);
    expect(keys.filter((k) => /api.?key|secret|password|\.token$/i.test(k))).toEqual([]);
  });

  it('keeps the engine free of vscode imports', () => {
    const offenders = sources(path.join(root, 'src/core')).filter((f) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

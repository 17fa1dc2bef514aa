import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/log';
import { discoverStandardFiles, loadStandards } from '../../../src/core/standards/discover';
import { tempDir, writeTree } from '../../support/tmp';

const FIXTURE = path.resolve(__dirname, '../../fixtures/standards/workspace');

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
}

describe('discoverStandardFiles / loadStandards', () => {
  const tmp = tempDir('gw-standards-');
  const root = tmp.dir;

  beforeAll(() => {
    cpSync(FIXTURE, root, { recursive: true });
    writeTree(root, {
      'node_modules/pkg/AGENTS.md': '# Not ours',
      'node_modules/pkg/.github/copilot-instructions.md': 'Not ours either',
      'sub/AGENTS.md': '# Nested, not a default source',
      '.github/instructions/notes.md': 'Not an .instructions.md file',
      '.groundwork/standards/deep/er/rules.md': '## Deep\n\nFound at any depth.',
      '.groundwork/standards/.env.md': 'API_KEY=x',
      '.groundwork/standards/empty.md': '',
      '.github/CONTRIBUTING.md': '## Style\n\nRun the formatter.',
      'docs/CONTRIBUTING.markdown': '## Not a default place for a .markdown guide',
    });
  });
  afterAll(() => tmp.cleanup());

  it('finds every default source and nothing else', async () => {
    expect(await discoverStandardFiles(root, [])).toEqual([
      '.continue/rules/security.md',
      '.continue/rules/tests.md',
      '.cursor/rules/always.mdc',
      '.cursor/rules/python.mdc',
      '.github/CONTRIBUTING.md',
      '.github/copilot-instructions.md',
      '.github/instructions/react.instructions.md',
      '.groundwork/standards/.env.md',
      '.groundwork/standards/backend/sql.md',
      '.groundwork/standards/deep/er/rules.md',
      '.groundwork/standards/empty.md',
      '.groundwork/standards/naming.md',
      'AGENTS.md',
      'CONTRIBUTING.md',
    ]);
  });

  it('adds the include globs, still skipping node_modules', async () => {
    const files = await discoverStandardFiles(root, ['docs/STYLE.md', '**/AGENTS.md']);
    expect(files).toContain('docs/STYLE.md');
    expect(files).toContain('sub/AGENTS.md');
    expect(files).not.toContain('docs/notes.md');
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  it('loads the rules of every file, skipping secret files with a warning', async () => {
    const logger = recordingLogger();
    const standards = await loadStandards(root, ['docs/*.md'], logger);
    const ids = standards.map((s) => s.id);
    expect(ids).toContain('STD-12');
    expect(ids).toContain('SQL-002');
    expect(ids).toContain('standards/deep/er/rules#deep');
    expect(ids).toContain('docs/style');
    expect(ids).toContain('docs/notes');
    expect(new Set(ids).size).toBe(ids.length);
    expect(standards.find((s) => s.id === 'github/copilot-instructions')?.alwaysApply).toBe(true);
    expect(standards.some((s) => s.source === '.groundwork/standards/.env.md')).toBe(false);
    expect(logger.warnings).toEqual([expect.stringContaining('.groundwork/standards/.env.md')]);
  });

  it('makes ids repeated across files unique, with a warning', async () => {
    const other = tempDir('gw-standards-dup-');
    try {
      writeTree(other.dir, { 'AGENTS.md': '## [STD-1] One\n\nA.', 'CONTRIBUTING.md': '## [STD-1] Other\n\nB.' });
      const logger = recordingLogger();
      const standards = await loadStandards(other.dir, [], logger);
      expect(standards.map((s) => [s.id, s.source])).toEqual([
        ['STD-1', 'AGENTS.md'],
        ['STD-1-2', 'CONTRIBUTING.md'],
      ]);
      expect(logger.warnings).toEqual([expect.stringContaining('STD-1')]);
    } finally {
      other.cleanup();
    }
  });

  it('stops with an abort error when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await loadStandards(root, [], recordingLogger(), controller.signal).catch((e: unknown) => e);
    expect(isAbortError(err)).toBe(true);
  });

  it('explains a workspace folder that cannot be read', async () => {
    await expect(discoverStandardFiles(path.join(root, 'missing'), [])).rejects.toThrow(/Could not read the workspace folder/);
  });
});

import { describe, expect, it } from 'vitest';
import { scopeMatcher, standardApplies } from '../../../src/core/standards/scope';

const applies = (scope: string[], path: string) => standardApplies({ scope }, path);

describe('standardApplies', () => {
  it('an empty scope and Copilot/Cursor catch-alls apply to every file', () => {
    for (const scope of [[], ['**'], ['**/*'], ['*']]) {
      expect(applies(scope, 'src/deep/a.ts')).toBe(true);
      expect(applies(scope, '.github/workflows/ci.yml')).toBe(true);
    }
  });

  it('a glob without a slash matches the file name in any folder', () => {
    expect(applies(['*.ts'], 'a.ts')).toBe(true);
    expect(applies(['*.ts'], 'src/core/a.ts')).toBe(true);
    expect(applies(['*.ts'], 'src/core/a.tsx')).toBe(false);
    expect(applies(['Dockerfile'], 'services/api/Dockerfile')).toBe(true);
    expect(applies(['*.{ts,tsx}'], 'web/App.tsx')).toBe(true);
  });

  it('a glob with a slash is relative to the workspace root', () => {
    expect(applies(['src/**/*.ts'], 'src/core/a.ts')).toBe(true);
    expect(applies(['src/**/*.ts'], 'lib/src/a.ts')).toBe(false);
    expect(applies(['./src/db/**'], 'src/db/query.ts')).toBe(true);
    expect(applies(['/src/db/**'], 'src/db/query.ts')).toBe(true);
    expect(applies(['**/*.test.ts'], 'test/unit/a.test.ts')).toBe(true);
    expect(applies(['**/*.test.ts'], 'a.test.ts')).toBe(true);
  });

  it('matches dot folders, Windows separators, and any of several globs', () => {
    expect(applies(['**/*.yml'], '.github/workflows/ci.yml')).toBe(true);
    expect(applies(['src/**'], 'src\\core\\a.ts')).toBe(true);
    expect(applies(['**/*.tsx', 'src/components/**'], 'src/components/button.ts')).toBe(true);
    expect(applies(['**/*.tsx', 'src/components/**'], 'src/lib/button.ts')).toBe(false);
  });

  it('excludes with ! globs', () => {
    expect(applies(['*.ts', '!*.test.ts'], 'src/a.ts')).toBe(true);
    expect(applies(['*.ts', '!*.test.ts'], 'src/a.test.ts')).toBe(false);
    expect(applies(['!generated/**'], 'src/a.ts')).toBe(true);
    expect(applies(['!generated/**'], 'generated/a.ts')).toBe(false);
  });

  it('compiles once for many paths', () => {
    const matches = scopeMatcher(['*.py', 'scripts/**/*.py']);
    expect(['a.py', 'pkg/b.py', 'scripts/x/c.py', 'a.pyc'].map(matches)).toEqual([true, true, true, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { chunkPrior, fileKind, isInlineTest, kindIntent, kindPrior, KIND_PRIOR, rememberedFileKind } from '../../../src/core/retrieve/fileKind';

describe('fileKind', () => {
  it.each([
    ['src/_pytest/python.py', 'code'],
    ['packages/vite/src/node/server/index.ts', 'code'],
    ['src/history.go', 'code'],
    ['src/news.py', 'code'],
    ['CHANGES.md', 'changelog'],
    ['HISTORY.md', 'changelog'],
    ['ChangeLog', 'changelog'],
    ['packages/vite/CHANGELOG.md', 'changelog'],
    ['doc/whats-new.rst', 'changelog'],
    ['doc/whatsnew/2/2.15/index.rst', 'changelog'],
    ['changelog/1234.bugfix.rst', 'changelog'],
    ['README.md', 'doc'],
    ['docs/conf.py', 'doc'],
    ['man/man1/fzf.1', 'doc'],
    ['tests/data/cases/comments.py', 'test'],
    ['testing/test_tmpdir.py', 'test'],
    ['src/terminal_test.go', 'test'],
    ['src/app.spec.ts', 'test'],
    ['conftest.py', 'test'],
    ['src/Humanizer.Tests/Localisation/DateHumanizeTests.cs', 'test'],
    ['test/Serilog.UnitTests/Core/LoggerTests.cs', 'test'],
    ['src/Orders.Specs/Steps.cs', 'test'],
    ['src/Orders.Testing.Abstractions/Clock.cs', 'code'],
    ['package.json', 'config'],
    ['vite.config.ts', 'config'],
    ['setup.cfg', 'config'],
    ['examples/basic/main.py', 'example'],
    ['playground/css/main.js', 'example'],
    ['install', 'unparsed'],
    ['shell/completion.zsh', 'unparsed'],
  ] as const)('%s is %s', (path, kind) => {
    expect(fileKind(path)).toBe(kind);
  });
});

describe('kind priors under a query', () => {
  it('prefers code and discounts changelogs most', () => {
    const none = kindIntent('Fix crash on standalone comment in lambda default arguments.');
    expect(kindPrior('code', none)).toBe(1);
    expect(kindPrior('changelog', none)).toBeLessThan(kindPrior('doc', none));
    expect(kindPrior('test', none)).toBeLessThan(1);
  });

  it('lifts a kind the query asks for, without putting it above code', () => {
    const docs = kindIntent('The README documentation of --preview is wrong');
    expect(docs.doc).toBe(true);
    expect(kindPrior('doc', docs)).toBeGreaterThan(KIND_PRIOR.doc);
    expect(kindPrior('doc', docs)).toBeLessThanOrEqual(1);
    // a docs question may be answered by the changelog too
    expect(kindPrior('changelog', docs)).toBeGreaterThan(KIND_PRIOR.changelog);
  });

  it('reads test intent from explicit phrasing, not from the word alone', () => {
    expect(kindIntent('Add tests for the cache key').test).toBe(true);
    expect(kindIntent('where are the unit tests of the parser').test).toBe(true);
    expect(kindIntent('Dynamically adding xfail marker in test no longer ignores failure').test).toBe(false);
  });

  it('counts a function defined in a config script as code, and the rest of the file as config', () => {
    const filePrior = (path: string) => kindPrior(fileKind(path), kindIntent('validate chunk imports'));
    expect(chunkPrior({ path: 'packages/vite/rolldown.dts.config.ts', kind: 'function' }, filePrior)).toBe(1);
    expect(chunkPrior({ path: 'packages/vite/rolldown.dts.config.ts', kind: 'module' }, filePrior)).toBe(KIND_PRIOR.config);
    // only config scripts: a test's functions and a YAML file keep their kind's prior
    expect(chunkPrior({ path: 'tests/test_cache.py', kind: 'function' }, filePrior)).toBe(KIND_PRIOR.test);
    expect(chunkPrior({ path: '.github/workflows/ci.yml', kind: 'section' }, filePrior)).toBe(KIND_PRIOR.config);
    expect(chunkPrior({ path: 'src/cache.ts', kind: 'module' }, filePrior)).toBe(1);
  });

  it("gives a Rust test in a code file's `mod tests` the test prior, unless the query asks for tests", () => {
    const test = '    #[test]\n    fn max_filesize_does_not_stat_ignored_file() {\n        let td = tmpdir();\n    }';
    const code = '    /// Returns true if the path is hidden.\n    #[cfg(unix)]\n    pub fn is_hidden_path(path: &Path) -> bool {\n        false\n    }';
    const path = 'crates/ignore/src/incremental.rs';
    const plain = kindIntent('where does ripgrep decide a file is binary');
    const filePrior = (p: string) => kindPrior(fileKind(p), plain);
    expect(chunkPrior({ path, kind: 'function', text: test }, filePrior, fileKind, kindPrior('test', plain))).toBe(KIND_PRIOR.test);
    expect(chunkPrior({ path, kind: 'function', text: code }, filePrior, fileKind, kindPrior('test', plain))).toBe(1);
    const asks = kindIntent('add tests for the max filesize option');
    expect(chunkPrior({ path, kind: 'function', text: test }, filePrior, fileKind, kindPrior('test', asks))).toBe(kindPrior('test', asks));
    expect(kindPrior('test', asks)).toBeGreaterThan(KIND_PRIOR.test);
  });
});

describe('isInlineTest', () => {
  it.each([
    ['#[test]\nfn parses() {}', true],
    ['/// Checks the walk.\n#[tokio::test]\nasync fn walks() {}', true],
    ['#[rstest]\n#[case(1)]\nfn cases(#[case] n: u8) {}', true],
    ['#[test_case(1 ; "one")]\nfn one(n: u8) {}', true],
    ['#[cfg(test)]\nfn helper() {}', false],
    ['#[derive(Debug)]\nstruct Test {}', false],
    ['fn test() {\n    #[test]\n}', false],
    ['def test_cache():\n    pass', false],
  ] as const)('%j → %s', (text, expected) => {
    expect(isInlineTest(text)).toBe(expected);
  });
});

describe('rememberedFileKind', () => {
  it('gives the kind fileKind gives, for every path and again from memory', () => {
    const kindOf = rememberedFileKind();
    const paths = ['src/a.ts', 'tests/test_a.py', 'CHANGELOG.md', 'vite.config.ts', 'docs/guide.md', 'examples/x.js', 'Makefile', 'src/a.ts'];
    for (const p of paths) expect(kindOf(p)).toBe(fileKind(p));
    for (const p of paths) expect(kindOf(p)).toBe(fileKind(p));
  });
});

import { describe, expect, it } from 'vitest';
import { matchTerms, rankStandards } from '../../../src/core/standards/rank';
import type { Standard } from '../../../src/core/standards/types';

function rule(id: string, title: string, text: string, extra: Partial<Standard> = {}): Standard {
  return { id, source: 'AGENTS.md', headingPath: [title], title, text: `## ${title}\n\n${text}`, scope: [], alwaysApply: false, line: 1, ...extra };
}

const standards: Standard[] = [
  rule('ERR-1', 'Error handling', 'Wrap errors with context; never swallow an error in an empty catch block.'),
  rule('SQL-2', 'Parameterise queries', 'Never build SQL by concatenation; use bound parameters.', { scope: ['src/db/**'] }),
  rule('LOG-3', 'Logging', 'Log through the injected logger, never console.log.'),
  rule('REACT-4', 'Components', 'Use function components and hooks.', { scope: ['**/*.tsx'] }),
  rule('ALWAYS-5', 'Secrets', 'Never log secrets or tokens.', { alwaysApply: true }),
  rule('ALWAYS-6', 'Size', 'Keep files short.', { alwaysApply: true, scope: ['*.py'] }),
  rule('TEST-7', 'Tests', 'One behaviour per test.', { scope: ['**/*.test.ts'] }),
];
const ids = (r: ReturnType<typeof rankStandards>) => r.map((x) => x.standard.id);

describe('rankStandards', () => {
  it('puts applicable always-apply rules first, then the most relevant rules', () => {
    const code = 'try { await db.query(sql) } catch (err) { }  // swallow the error';
    const result = rankStandards(standards, { path: 'src/api/user.ts', text: code }, 2);
    expect(ids(result)).toEqual(['ALWAYS-5', 'ERR-1']);
    expect(result[1]?.score).toBeGreaterThan(0);
  });

  it('only considers rules whose scope matches the file', () => {
    const text = 'const sql = "SELECT * FROM users WHERE id = " + id; // build sql query';
    expect(ids(rankStandards(standards, { path: 'src/db/users.ts', text }, 3))).toEqual(['ALWAYS-5', 'SQL-2']);
    expect(ids(rankStandards(standards, { path: 'src/web/users.ts', text }, 3))).toEqual(['ALWAYS-5']);
    // The always-apply rule scoped to Python files is the more specific one, so it comes first.
    expect(ids(rankStandards(standards, { path: 'tools/gen.py', text: 'print(1)' }, 3))).toEqual(['ALWAYS-6', 'ALWAYS-5']);
  });

  it('includes a rule scoped to the file even without shared words, after relevant ones', () => {
    const result = rankStandards(standards, { path: 'web/App.tsx', text: 'console.log(user)' }, 5);
    expect(ids(result)).toEqual(['ALWAYS-5', 'LOG-3', 'REACT-4']);
  });

  it('without a path, considers every rule and ranks a question by relevance', () => {
    const result = rankStandards(standards, { text: 'How should I write tests?' }, 1);
    expect(ids(result)).toEqual(['ALWAYS-5', 'ALWAYS-6', 'TEST-7']);
  });

  it('returns always-apply rules even when k is 0, and nothing for no candidates', () => {
    expect(ids(rankStandards(standards, { path: 'a.ts', text: 'error' }, 0))).toEqual(['ALWAYS-5']);
    expect(rankStandards([], { text: 'x' }, 5)).toEqual([]);
  });

  it('with allWhenFew, returns every applicable rule while they fit, the ones sharing no word last', () => {
    // src/web/users.ts: ERR-1 and LOG-3 apply (SQL-2, REACT-4, TEST-7 and ALWAYS-6 are scoped elsewhere)
    const text = 'console.log(user)';
    const team = standards.map((s) => ({ ...s, source: '.groundwork/standards/team.md' }));
    expect(ids(rankStandards(team, { path: 'src/web/users.ts', text }, 3))).toEqual(['ALWAYS-5', 'LOG-3']);
    expect(ids(rankStandards(team, { path: 'src/web/users.ts', text, code: true }, 3, true))).toEqual(['ALWAYS-5', 'LOG-3', 'ERR-1']);
    // more applicable rules than k: relevance alone, as without the option
    expect(ids(rankStandards(team, { path: 'src/web/users.ts', text, code: true }, 1, true))).toEqual(['ALWAYS-5', 'LOG-3']);
    // a contributors' guide's sections (setup, release) still need a word in common
    const guide = [rule('setup', 'Setting up', 'Run npm install, then npm test.', { source: 'CONTRIBUTING.md' }), rule('STD-9', 'Const', 'Never var.', { source: '.groundwork/standards/team.md' })];
    expect(ids(rankStandards(guide, { path: 'src/a.ts', text, code: true }, 8, true))).toEqual(['STD-9']);
  });

  it('in a review, leaves out rules about process and takes at most two sections of a general document', () => {
    const text = 'function loadEnv(mode: string, envDir: string) { // only keys with the prefix are exposed to the client\n  return parseEnvFile(envDir, mode) }';
    const team = [
      rule('STD-1', 'Environment variables', 'Read env files through loadEnv only.', { source: '.groundwork/standards/team.md' }),
      rule('STD-2', 'Commit messages', 'Imperative mood; reference the env issue.', { source: '.groundwork/standards/team.md' }),
      rule('pr', 'Pull request description', 'Explain why the env mode changed.', { source: '.github/copilot-instructions.md', alwaysApply: true }),
    ];
    const guide = [
      rule('g1', 'Test env and helpers', 'Each test gets an env with a mode and a dir; helpers parse env files for the client.', { source: 'CONTRIBUTING.md' }),
      rule('g2', 'Debug logging', 'Set the env variable DEBUG to see the mode.', { source: 'CONTRIBUTING.md' }),
      rule('g3', 'Type support', 'Exposed client types must be in the package.', { source: 'CONTRIBUTING.md' }),
      rule('g4', 'Dependencies', 'Only keys of package.json with a prefix.', { source: 'CONTRIBUTING.md' }),
    ];
    const review = ids(rankStandards([...team, ...guide], { path: 'src/env.ts', text, code: true }, 8, true));
    expect(review).toHaveLength(3);
    expect(review).toEqual(expect.arrayContaining(['STD-1', 'g1']));
    expect(review.filter((id) => id.startsWith('g'))).toHaveLength(2);
    // chat keeps the rules files' rules by relevance alone (the commit rule shares "env") and the
    // guide's sections within half the best of them
    const chat = ids(rankStandards([...team, ...guide], { path: 'src/env.ts', text }, 8));
    expect(chat.sort()).toEqual(['STD-1', 'STD-2', 'g1', 'g3', 'g4', 'pr']);
  });

  it('tells rules about process from rules about code by their titles', () => {
    const process = ['PR Title & Commit Messages', 'Pull Request Guidelines', 'Repo Setup', 'Cloning the repo on Windows', 'Issue Triaging Workflow', 'Prepare a Release', 'Release',
      // axum's and cobra's contributors' guides
      'Conduct', 'Submitting a Bug Report', 'Commit Squashing', 'Discuss and update', 'Filing a bug or feature'];
    const code = ['Release resources in finally blocks', 'Commit or roll back every transaction', 'Test setup and teardown', 'Cloning objects before mutating them', 'License header on every source file', 'Publishing domain events', 'Known issues with async iterators'];
    const rules = [...process, ...code].map((title, i) => rule(`R${i}`, title, 'Applies to every file.', { source: '.groundwork/standards/team.md' }));
    const kept = rankStandards(rules, { path: 'src/a.ts', text: 'const x = 1', code: true }, 20, true).map((r) => r.standard.title);
    expect(kept.sort()).toEqual([...code].sort());
  });

  it("leaves a contributors' guide's sections titled as questions out of a review, not out of chat", () => {
    const guide = [
      rule('patch', 'Have a patch?', 'Write unit tests; push the route patch through the process described above.', { source: 'CONTRIBUTING.md' }),
      rule('docs', 'Want to write docs?', 'The process for docs is the same as for code.', { source: 'CONTRIBUTING.md' }),
      rule('style', 'Code style', 'Keep each route method short; extract the process of matching.', { source: 'CONTRIBUTING.md' }),
      rule('why', 'Why frozen strings?', 'Every route string literal is frozen.', { source: '.groundwork/standards/ruby.md' }),
    ];
    const text = 'def route!(base)\n  process_route(pattern) { route_eval }\nend';
    expect(ids(rankStandards(guide, { path: 'lib/base.rb', text, code: true }, 8, true)).sort()).toEqual(['style', 'why']);
    expect(ids(rankStandards(guide, { path: 'lib/base.rb', text: 'how do I send a route patch?' }, 8))).toContain('patch');
  });

  it('gives an always-apply rule about process to a question only when they share a word', () => {
    // Every section of .github/copilot-instructions.md is always-apply, its PR guidelines too.
    const copilot = [
      rule('style', 'Code Style & Standards', 'Prefer named exports.', { source: '.github/copilot-instructions.md', alwaysApply: true }),
      rule('title', 'PR Title & Commit Messages', 'Use the conventional commit format.', { source: '.github/copilot-instructions.md', alwaysApply: true }),
    ];
    expect(ids(rankStandards(copilot, { text: 'where are env files for a mode loaded?' }, 5))).toEqual(['style']);
    expect(ids(rankStandards(copilot, { text: 'which format should my commit message use?' }, 5))).toEqual(['title', 'style']);
  });

  it("reads the file's name as a word of the question, not its folders", () => {
    const guide = [
      rule('env', 'Env files', 'Each env file is loaded for its mode.', { source: 'CONTRIBUTING.md' }),
      rule('layout', 'Packages layout', 'The packages folder holds the vite package: src/node for the server, src/client for the browser.', { source: 'CONTRIBUTING.md' }),
      rule('migrations', 'Migrations', 'Every migration is reversible.', { source: 'CONTRIBUTING.md' }),
    ];
    expect(ids(rankStandards(guide, { path: 'packages/vite/src/node/env.ts', text: 'how is it loaded?' }, 8))).toEqual(['env']);
    expect(ids(rankStandards(guide, { path: 'src/db/migrations.ts', text: 'what applies here?' }, 8))).toEqual(['migrations']);
  });

  it('matches identifier parts and plural forms, ignoring stop words', () => {
    expect(matchTerms('The parseConfigFiles should return errors')).toEqual(['parse', 'config', 'file', 'parseconfigfile', 'error']);
  });
});

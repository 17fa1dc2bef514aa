import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

const CODE = `export function parseSettings(text: string) {
  var settings = JSON.parse(text);
  return settings;
}
`;

const indexed = useIndexedWorkspace('gw-review-standards-', {
  // applies to every file, but shares no matchable word with any code: const, let, var are stop words
  '.groundwork/standards/team.md': '# Team\n\n## [STD-1] Use const\nDeclare variables with const or let, never var.\n',
  // shares the code's words, but is scoped to Python files
  '.github/instructions/py.instructions.md':
    '---\napplyTo: "**/*.py"\n---\n# Python\n\n## [PY-1] Settings parsing\nParse settings text with parse_settings and validate the settings.\n',
  'src/settings.ts': CODE,
});

const selection = { path: 'src/settings.ts', startLine: 1, endLine: 4, text: CODE.trimEnd() };

describe('standards in a review on a real index', () => {
  it('sends every rule that applies to the file while they are few, and no rules document as code', async () => {
    const r = await indexed().engine.retriever.retrieve({ selection, path: selection.path, includeStandards: true, allApplicableStandards: true });
    expect(r.standards.map((s) => s.id)).toEqual(['STD-1']);
    // the Python rule matches the code's words, yet is scoped elsewhere: not a standard here, and not code context either
    expect(r.chunks.map((c) => c.path).filter((p) => p.startsWith('.github/') || p.startsWith('.groundwork/'))).toEqual([]);
  });

  it('keeps relevance alone for a question, with the rules documents searchable as text', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: 'how are settings parsed', includeStandards: true });
    expect(r.standards.map((s) => s.id)).toEqual(['PY-1']);
    expect(r.chunks.map((c) => c.path)).toContain('src/settings.ts');
  });
});

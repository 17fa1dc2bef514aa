import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/core/index/rows';
import { searchText } from '../../../src/core/terms';
import { CHUNK_HEAD_BOOST, chunkSearch, fileSearch } from '../../../src/core/retrieve/lexical';
import { queryTermSets } from '../../../src/core/retrieve/queryTerms';
import { useIndexedWorkspace } from '../../support/engine';

// Enough files that the clauses rank rows differently, few enough that every match is a candidate:
// the two-step sum must then equal LanceDB's own BooleanQuery sum exactly.
const files: Record<string, string> = {};
for (let i = 0; i < 30; i++) {
  files[`src/config/loader${i}.py`] =
    `def parse_config_${i}(path):\n    """Read the configuration file at path."""\n    return load_yaml(path, retries=${i})\n\n\n` +
    `def validate_${i}(cfg):\n    return cfg.get("name") is not None and cfg.get("size", ${i}) > 0\n`;
}
files['src/render.py'] = 'def render_template(name, context):\n    return name.format(**context)\n';

const indexed = useIndexedWorkspace('gw-lex-', files);

describe('lexical lists', () => {
  it('sum the per-column clauses exactly as a BooleanQuery over the same clauses does', async () => {
    const store = indexed().engine.store;
    // Two lines: the first line's terms get their own clauses (the lead); `parse_config` is code.
    const q = queryTermSets('parse_config fails on an empty configuration file\nthe loader should validate the name first');
    const ours = await chunkSearch(store, q);
    const { BooleanQuery, MatchQuery, Occur } = store.lancedb;
    const clause = (text: string[], column: string, boost: number) => [Occur.Should, new MatchQuery(searchText(text), column, { boost })] as [typeof Occur.Should, InstanceType<typeof MatchQuery>];
    const extra = [...new Set([...q.code, ...q.expanded])];
    const reference = await queryRows<{ id: string; _score: number }>(
      store.chunks
        .query()
        .fullTextSearch(
          new BooleanQuery([
            clause(q.all, 'terms', 1),
            clause(q.all, 'head', CHUNK_HEAD_BOOST),
            clause(q.lead, 'terms', 1),
            clause(q.lead, 'head', CHUNK_HEAD_BOOST),
            ...(extra.length ? [clause(extra, 'terms', 0.5), clause(extra, 'head', 0.5 * CHUNK_HEAD_BOOST)] : []),
          ]),
        )
        .select(['id', '_score'])
        .limit(200),
    );
    expect(q.lead.length).toBeLessThan(q.all.length);
    expect(ours.length).toBe(reference.length);
    expect(ours.length).toBeGreaterThan(40);
    const expected = new Map(reference.map((r) => [r.id, r._score]));
    for (const hit of ours) expect(hit._score).toBeCloseTo(expected.get(hit.id) ?? -1, 3);
    // Whole rows come back, best first.
    expect(ours[0]?.symbol).toMatch(/^parse_config_\d+$/);
    expect(ours[0]?.text).toContain('def parse_config_');
    const scores = ours.map((h) => h._score ?? 0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('rank whole files the same way and return nothing for a query without terms', async () => {
    const store = indexed().engine.store;
    const hits = await fileSearch(store, queryTermSets('render template with a context'));
    expect(hits[0]?.path).toBe('src/render.py');
    expect(await chunkSearch(store, queryTermSets('?? !!'))).toEqual([]);
  });

  it('match a query word to the code in another inflection (the index and the query are stemmed alike)', async () => {
    const store = indexed().engine.store;
    // "rendering templates" shares no exact term with `render_template(name, context)`.
    const hits = await chunkSearch(store, queryTermSets('rendering templates'));
    expect(hits[0]?.symbol).toBe('render_template');
    const files = await fileSearch(store, queryTermSets('validated configurations'));
    expect(files[0]?.path).toMatch(/^src\/config\/loader\d+\.py$/);
  });
});

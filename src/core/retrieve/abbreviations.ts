/**
 * Abbreviations programmers write in names for words people write in prose ("text representation"
 * is `__repr__`, "the configuration" is `config`), used to expand a query both ways.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['repr', 'representation'], ['str', 'string'], ['config', 'configuration'], ['conf', 'configuration'],
  ['init', 'initialize'], ['init', 'initialization'], ['arg', 'argument'], ['args', 'arguments'],
  ['param', 'parameter'], ['params', 'parameters'], ['attr', 'attribute'], ['attrs', 'attributes'],
  ['dir', 'directory'], ['dirs', 'directories'], ['fmt', 'format'], ['msg', 'message'], ['err', 'error'],
  ['env', 'environment'], ['impl', 'implementation'], ['len', 'length'], ['num', 'number'],
  ['tmp', 'temporary'], ['temp', 'temporary'], ['val', 'value'], ['var', 'variable'], ['vars', 'variables'],
  ['func', 'function'], ['fn', 'function'], ['obj', 'object'], ['opt', 'option'], ['opts', 'options'],
  ['pkg', 'package'], ['lib', 'library'], ['util', 'utility'], ['utils', 'utilities'], ['src', 'source'],
  ['dest', 'destination'], ['dst', 'destination'], ['ctx', 'context'], ['req', 'request'], ['resp', 'response'],
  ['db', 'database'], ['idx', 'index'], ['cb', 'callback'], ['auth', 'authentication'], ['spec', 'specification'],
  ['eq', 'equal'], ['cmp', 'compare'], ['calc', 'calculate'], ['prev', 'previous'], ['cur', 'current'],
  ['ref', 'reference'], ['refs', 'references'], ['doc', 'document'], ['docs', 'documentation'],
  ['info', 'information'], ['max', 'maximum'], ['min', 'minimum'], ['col', 'column'], ['cols', 'columns'],
  ['buf', 'buffer'], ['proc', 'process'], ['exec', 'execute'], ['mod', 'module'], ['iter', 'iterate'],
  ['async', 'asynchronous'], ['sync', 'synchronous'], ['dict', 'dictionary'], ['seq', 'sequence'],
  ['char', 'character'], ['chars', 'characters'], ['dep', 'dependency'], ['deps', 'dependencies'],
  ['gen', 'generate'], ['cert', 'certificate'], ['addr', 'address'], ['ext', 'extension'],
];

const BOTH_WAYS: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [a, b] of PAIRS) {
    m.set(a, [...(m.get(a) ?? []), b]);
    m.set(b, [...(m.get(b) ?? []), a]);
  }
  return m;
})();

/** The other spellings of `terms` (abbreviation ↔ word) that the terms themselves do not include. */
export function expandAbbreviations(terms: readonly string[]): string[] {
  const have = new Set(terms);
  const out = new Set<string>();
  for (const t of terms) for (const x of BOTH_WAYS.get(t) ?? []) if (!have.has(x)) out.add(x);
  return [...out];
}

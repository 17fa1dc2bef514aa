/** Renders eval results as one markdown table, with the BM25 reference MRR and the ratio to it. */
import type { EvalResult } from './runEval';
import { referenceFor, referenceLabel, type ReferenceTable } from './reference';

const f3 = (x: number) => x.toFixed(3);

function seconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatReport(results: readonly EvalResult[], reference: ReferenceTable = new Map()): string {
  const lines = [
    '| dataset | level | n | MRR | Acc@1 | Acc@3 | Acc@5 | Acc@10 | BM25 MRR | × BM25 | wall |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const label = referenceLabel(r.dataset, r.kind);
    for (const slice of r.slices) {
      for (const s of slice.scores) {
        const whole = slice.name === 'all';
        const ref = whole ? referenceFor(reference, r.dataset, r.kind, s.level) : undefined;
        const comparable = ref !== undefined && ref.n === s.n;
        lines.push(
          `| ${label}${whole ? '' : ` — ${slice.name}`} | ${s.level} | ${s.n} | ${f3(s.mrr)} | ${f3(s.acc[1] ?? 0)} | ` +
            `${f3(s.acc[3] ?? 0)} | ${f3(s.acc[5] ?? 0)} | ${f3(s.acc[10] ?? 0)} | ` +
            `${ref ? f3(ref.mrr) + (comparable ? '' : ` (n=${ref.n})`) : '–'} | ` +
            `${ref && comparable && ref.mrr > 0 ? (s.mrr / ref.mrr).toFixed(2) : '–'} | ` +
            `${whole && s.level === 'file' ? seconds(r.wallMs) : ''} |`,
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

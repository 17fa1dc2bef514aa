import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import type { RetrievalResult, RetrievedChunk } from '../../../src/core/retrieve/types';
import { buildReviewPrompt } from '../../../src/core/review/prompt';

const chunk = (over: Partial<RetrievedChunk>): RetrievedChunk => ({
  id: over.path ?? 'c', path: 'src/a.ts', language: 'typescript', kind: 'function', symbol: 'f', startLine: 1, endLine: 3,
  text: 'function f() {}', score: 0.5, reasons: ['lexical'], ...over,
});
const LINES = ['export function checkout(total: number) {', '  return charge(total);', '}'];
const target = { path: 'src/orders/checkout.ts', language: 'typescript', startLine: 1, endLine: 3, lines: LINES };

function sourcesFor(chunks: RetrievedChunk[], settings = {}): string[] {
  const retrieval: RetrievalResult = { chunks, standards: [], thin: false } as unknown as RetrievalResult;
  return buildReviewPrompt(target, retrieval, parseConfig(settings)).sources.map((s) => s.path ?? '');
}

describe('buildReviewPrompt', () => {
  it('keeps similar code in the reviewed language family and prose, not another language\'s code', () => {
    const sources = sourcesFor([
      chunk({ path: 'src/money.ts', symbol: 'addCents' }),
      chunk({ path: 'web/cart.jsx', language: 'javascript', symbol: 'Cart' }),
      chunk({ path: 'reports/daily_report.py', language: 'python', symbol: 'totals_by_sku' }),
      chunk({ path: 'README.md', language: 'markdown', kind: 'section', symbol: 'Checkout' }),
      // a definition the code uses is context whatever its language
      chunk({ path: 'native/charge.py', language: 'python', symbol: 'charge', reasons: ['definition:charge'] }),
    ]);
    expect(sources.sort()).toEqual(['README.md', 'native/charge.py', 'src/money.ts', 'web/cart.jsx']);
  });

  it('leaves similar code out when review.includeSimilarCode is off, keeping definitions', () => {
    const sources = sourcesFor(
      [chunk({ path: 'src/money.ts', symbol: 'addCents' }), chunk({ path: 'src/pay.ts', symbol: 'charge', reasons: ['definition:charge'] })],
      { 'review.includeSimilarCode': false },
    );
    expect(sources).toEqual(['src/pay.ts']);
  });
});

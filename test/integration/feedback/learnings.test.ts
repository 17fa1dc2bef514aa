import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recurringAccepted, proposeLearnings, validateLearnings } from '../../../src/core/feedback/learnings';
import type { FeedbackEntry } from '../../../src/core/feedback/types';
import { parseConfig } from '../../../src/core/config';
import { silentLogger } from '../../../src/core/log';
import { createModelClient } from '../../../src/core/model/client';
import { resolveModel } from '../../../src/core/model/resolve';
import { startOpenAIServer, type OpenAIServer } from '../../support/openaiServer';

function entry(i: number, action: FeedbackEntry['action'], message: string, path = `src/f${i}.ts`, category: FeedbackEntry['comment']['category'] = 'bug'): FeedbackEntry {
  return {
    version: 1, reviewId: `r${i}`, commentId: `c${i}`, action, path, language: 'typescript',
    comment: { id: `c${i}`, line: 3, severity: 'warning', category, message },
    range: { startLine: 1, endLine: 10 }, summary: 's', messages: [], model: 'm', timestamp: `2026-11-2${i % 10}T00:00:00Z`,
  };
}

const LOG: FeedbackEntry[] = [
  entry(1, 'accepted', 'Await the promise returned by save(); errors are lost otherwise'),
  entry(2, 'accepted', 'This promise is not awaited, so save errors are lost', 'src/other.ts'),
  entry(3, 'edited', 'Unawaited promise: errors from save are lost'),
  entry(4, 'accepted', 'Use a named constant instead of the magic number 86400', 'src/time.ts', 'readability'),
  entry(5, 'dismissed', 'Await the promise returned by save(); errors are lost otherwise'),
  entry(6, 'dismissed', 'Rename x to something clearer', 'src/a.ts', 'readability'),
];

describe('grouping recurring accepted comments', () => {
  it('groups similar accepted and edited comments of one category and ignores dismissed and one-off ones', () => {
    const groups = recurringAccepted(LOG);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ category: 'bug', count: 3 });
    expect(groups[0]!.paths).toEqual(expect.arrayContaining(['src/f1.ts', 'src/other.ts', 'src/f3.ts']));
  });
});

describe('validating a proposed learnings document', () => {
  it('accepts ## [LRN-n] rules (unwrapping a fenced reply) and rejects documents without rules or with duplicate ids', () => {
    const doc = validateLearnings('```markdown\n## [LRN-1] Await promises\nAlways await.\n```');
    expect(doc).toBe('# Learnings\n\n## [LRN-1] Await promises\nAlways await.\n');
    expect(() => validateLearnings('Here are some thoughts.')).toThrow(/LRN-n/);
    expect(() => validateLearnings('## [LRN-1] A\nx\n## [LRN-1] B\ny')).toThrow(/duplicate/);
  });
});

describe('proposing learnings with the chat model', () => {
  let server: OpenAIServer;
  beforeAll(async () => (server = await startOpenAIServer()));
  afterAll(async () => server.close());

  it('sends the recurring groups as data with the existing document, and returns a validated document', async () => {
    server.setHandler('chat', () => '# Learnings\n\n## [LRN-1] Await promises whose errors matter\nAn unawaited promise loses its errors: await it or handle `.catch`.\n');
    const config = parseConfig({ 'models.chat': { baseUrl: server.url, model: 'chat-model' } });
    const client = createModelClient(resolveModel(config, 'chat'), { logger: silentLogger });
    const existing = '# Learnings\n';
    const { markdown, groups } = await proposeLearnings({ entries: LOG, existing, client });
    expect(groups).toHaveLength(1);
    expect(markdown).toMatch(/^## \[LRN-1\] Await promises whose errors matter$/m);
    const sent = server.requests.find((r) => r.route === 'chat')!.body as { messages: Array<{ role: string; content: string }> };
    const user = sent.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('accepted 3× in 3 file(s)');
    expect(user).toContain('errors are lost');
    expect(user).not.toContain('magic number'); // seen once: not a learning yet
    expect(user).not.toContain('Rename x'); // dismissed
  });

  it('says there is nothing to learn from when no comment recurs', async () => {
    const config = parseConfig({ 'models.chat': { baseUrl: server.url, model: 'chat-model' } });
    const client = createModelClient(resolveModel(config, 'chat'), { logger: silentLogger });
    await expect(proposeLearnings({ entries: LOG.slice(3), existing: '', client })).rejects.toThrow(/nothing to learn/);
  });
});

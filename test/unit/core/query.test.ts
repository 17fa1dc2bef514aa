import { describe, expect, it } from 'vitest';
import { identifiersUsedIn, parseQuery } from '../../../src/core/retrieve/query';

describe('query parsing', () => {
  it('finds paths, dotted names and code identifiers in an issue text', () => {
    const q = parseQuery('`TempPathFactory.getbasetemp` fails in src/_pytest/tmpdir.py when the user name has a backslash; see make_numbered_dir()');
    expect(q.paths).toContain('src/_pytest/tmpdir.py');
    expect(q.dotted).toContain('TempPathFactory.getbasetemp');
    expect(q.identifiers).toEqual(expect.arrayContaining(['TempPathFactory', 'getbasetemp', 'make_numbered_dir']));
    expect(q.identifiers).not.toContain('the');
  });

  it('reads Python, JavaScript and Go stack frames', () => {
    const py = parseQuery('Traceback:\n  File "/app/requests/sessions.py", line 512, in request\n    resp = self.send(prep)');
    expect(py.frames[0]).toEqual({ path: '/app/requests/sessions.py', line: 512, fn: 'request' });
    const js = parseQuery('TypeError: x is undefined\n    at resolveConfig (packages/vite/src/node/config.ts:410:12)');
    expect(js.frames[0]).toMatchObject({ path: 'packages/vite/src/node/config.ts', line: 410, fn: 'resolveConfig' });
    expect(js.identifiers).toContain('resolveConfig');
    const go = parseQuery('goroutine 1 [running]:\nmain.run()\n\t/src/fzf/src/core.go:120 +0x1d');
    expect(go.frames[0]).toMatchObject({ path: '/src/fzf/src/core.go', line: 120 });
  });

  it('lists the names a code selection uses', () => {
    expect(identifiersUsedIn('const total = computeTotal(order.items, TAX_RATE);')).toEqual(
      expect.arrayContaining(['total', 'computeTotal', 'order', 'items', 'TAX_RATE']),
    );
  });
});

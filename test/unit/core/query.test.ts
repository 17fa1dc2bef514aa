import { describe, expect, it } from 'vitest';
import { identifiersUsedIn, nameUses, parseQuery } from '../../../src/core/retrieve/query';

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

describe('nameUses', () => {
  const code = [
    'function start(logger: Logger, cache: Cache) {',
    "  logger.info('starting'); cache?.prune()",
    '  this.flush(); self.flush(); make().run()',
    '  p->next; Type::make; const all = [...items]',
    '  info()',
    '}',
  ].join('\n');

  it('reads the receivers each name is reached through; a bare use adds none', () => {
    const { receivers: members, bare } = nameUses(code, 'typescript');
    expect([...(members.get('prune') ?? [])]).toEqual(['cache']);
    expect([...(members.get('flush') ?? [])].sort()).toEqual(['self', 'this']);
    expect([...(members.get('run') ?? [])]).toEqual(['make']); // make().run(): what make returns
    expect([...(members.get('next') ?? [])]).toEqual(['p']);
    expect([...(members.get('make') ?? [])]).toEqual(['Type']);
    expect([...(members.get('info') ?? [])]).toEqual(['logger']);
    expect([...(members.get('items') ?? [])]).toEqual([]); // a spread is not a member
    expect([...(members.get('logger') ?? [])]).toEqual([]);
    expect([...bare].sort()).toEqual(['Cache', 'Logger', 'Type', 'all', 'cache', 'const', 'function', 'info', 'items', 'logger', 'make', 'p', 'self', 'start', 'starting', 'this']);
  });

  it('reads PHP, TypeScript non-null and broken-line receivers', () => {
    const php = nameUses('$this->helper(); parent::save(); $repo->find(1);', 'php').receivers;
    expect([...(php.get('helper') ?? [])]).toEqual(['this']);
    expect([...(php.get('save') ?? [])]).toEqual(['parent']);
    expect([...(php.get('find') ?? [])]).toEqual(['repo']);
    const ts = nameUses('this.payments!.charge(total)\nquery.\n  where(a)', 'typescript').receivers;
    expect([...(ts.get('charge') ?? [])]).toEqual(['payments']);
    expect([...(ts.get('where') ?? [])]).toEqual(['query']);
    const ruby = nameUses('routes&.each do |r|\n  @request&.path\nend', 'ruby').receivers;
    expect([...(ruby.get('each') ?? [])]).toEqual(['routes']);
    expect([...(ruby.get('path') ?? [])]).toEqual(['request']);
    expect([...(nameUses('super().save(commit=False)', 'python').receivers.get('save') ?? [])]).toEqual(['super']);
    const chains = nameUses('getLogger("x").info(m); this.clients[i].charge(1); (a + b).toFixed(2)', 'typescript').receivers;
    expect([...(chains.get('info') ?? [])]).toEqual(['getLogger']);
    expect([...(chains.get('charge') ?? [])]).toEqual(['clients']);
    expect([...(chains.get('toFixed') ?? [])]).toEqual(['']);
    // what a type's own function returns stands for the type
    const rust = nameUses('MultiLine::new(self, matcher)\n    .run()\nConfig::default().heap_limit\nMAX::get().x()', 'rust').receivers;
    expect([...(rust.get('run') ?? [])]).toEqual(['MultiLine']);
    expect([...(rust.get('heap_limit') ?? [])]).toEqual(['Config']);
    expect([...(rust.get('new') ?? [])]).toEqual(['MultiLine']);
    expect([...(rust.get('x') ?? [])]).toEqual(['get']);
  });

  it('leaves out a name used bare where a bare call can mean a method (implicit this)', () => {
    const members = nameUses(code, 'java').receivers;
    expect(members.has('info')).toBe(false);
    expect(members.has('make')).toBe(false);
    expect([...(members.get('prune') ?? [])]).toEqual(['cache']);
  });
});

import { describe, expect, it } from 'vitest';
import { importedNames } from '../../../src/core/retrieve/imports';

const sorted = (s: Set<string> | undefined) => (s ? [...s].sort() : s);

describe('importedNames', () => {
  it('reads ES imports, type imports, aliases, namespaces and require', () => {
    const ts = [
      "import fs from 'node:fs'",
      "import path, { join, resolve as res } from 'node:path'",
      "import type { Config,\n  Plugin } from './config'",
      "import * as utils from './utils'",
      "import './side-effect'",
      "const { parse } = require('yaml')",
      "const chalk = require('chalk')",
      "export { thing } from './thing'",
    ].join('\n');
    expect(sorted(importedNames(ts, 'typescript'))).toEqual(['Config', 'Plugin', 'chalk', 'fs', 'join', 'parse', 'path', 'res', 'resolve', 'utils']);
  });

  it('reads Python from-imports (with parentheses and aliases) and plain imports', () => {
    const py = ['import os.path', 'import json as j', 'from .nodes import (', '    Leaf,', '    Node as N,', ')', 'from typing import Any  # types', '    from x import late'].join('\n');
    expect(sorted(importedNames(py, 'python'))).toEqual(['Any', 'Leaf', 'N', 'Node', 'j', 'json', 'late', 'os', 'path']);
  });

  it('reads imports with comments inside, TypeScript import-equals, awaited dynamic imports and minified code', () => {
    const ts = [
      "import {\n  resolveEnvPrefix, // don't remove: see #12\n  /* kept */ arraify,\n} from './utils'",
      "import fs = require('fs')",
      "const { load } = await import('./loader')",
      "import{a as b}from'x';const url = 'http://example.com/import'",
    ].join('\n');
    expect(sorted(importedNames(ts, 'typescript'))).toEqual(['a', 'arraify', 'b', 'fs', 'load', 'resolveEnvPrefix']);
  });

  it('reads Python imports across line continuations and with comments inside parentheses', () => {
    const py = ['from x import a, \\', '    b', 'from y import (c,  # see f(y)', '    d)'].join('\n');
    expect(sorted(importedNames(py, 'python'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads a long run of blank lines or spaces after "import" in linear time', () => {
    // the first version's overlapping whitespace patterns took minutes on this
    const text = `import${' '.repeat(20_000)}\n${'\n'.repeat(20_000)}import { x } from 'y'`;
    expect(sorted(importedNames(text, 'typescript'))).toEqual(['x']);
    expect(importedNames(`from a import${' '.repeat(20_000)}`, 'python')).toBeUndefined();
  });

  it('cannot tell for a star import, a file with no import, or another language', () => {
    expect(importedNames('from x import *\nfrom y import z', 'python')).toBeUndefined();
    expect(importedNames('function a() { return b() }', 'javascript')).toBeUndefined();
    expect(importedNames('import java.util.List;', 'java')).toBeUndefined();
  });
});

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

  it('cannot tell for a star import, a file with no import, or another language', () => {
    expect(importedNames('from x import *\nfrom y import z', 'python')).toBeUndefined();
    expect(importedNames('function a() { return b() }', 'javascript')).toBeUndefined();
    expect(importedNames('import java.util.List;', 'java')).toBeUndefined();
  });
});

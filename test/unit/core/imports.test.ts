import { describe, expect, it } from 'vitest';
import { importedNames, rustUseNames } from '../../../src/core/retrieve/imports';

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

  it("reads Rust use trees: groups, self, aliases and pub use, leaving out std's names", () => {
    const text = [
      'use std::{',
      '    cell::RefCell,',
      '    fs::File,',
      '    io::{self, Read},',
      '};',
      '// use crate::commented::Out;',
      'use {encoding_rs_io::DecodeReaderBytesBuilder, grep_matcher::{LineTerminator, Matcher}};',
      'use crate::{',
      '    line_buffer::{self, LineBuffer},',
      '    sink::Sink as Out,',
      '};',
      'pub use self::mmap::MmapChoice;',
      'pub(crate) use super::glue::MultiLine;',
      '',
      '#[cfg(test)]',
      'mod tests {',
      '    use super::*;',
      '    use crate::testutil::KitchenSink;',
      '}',
    ].join('\n');
    expect(sorted(importedNames(text, 'rust'))).toEqual(
      ['DecodeReaderBytesBuilder', 'KitchenSink', 'LineBuffer', 'LineTerminator', 'Matcher', 'MmapChoice', 'MultiLine', 'Out', 'line_buffer'],
    );
    expect(rustUseNames('std::collections::HashMap')).toEqual([]);
    expect(rustUseNames('::regex::Regex as Re')).toEqual(['Re']);
    expect(rustUseNames('crate::flags::*')).toBeUndefined();
    // a glob at the top level: the names in scope are not all listed
    expect(importedNames('use crate::prelude::*;\nuse crate::a::B;', 'rust')).toBeUndefined();
    expect(importedNames('use std::io::prelude::*;\nuse crate::a::B;', 'rust')).toEqual(new Set(['B']));
  });

  it('cannot tell for a star import, a file with no import, or another language', () => {
    expect(importedNames('from x import *\nfrom y import z', 'python')).toBeUndefined();
    expect(importedNames('function a() { return b() }', 'javascript')).toBeUndefined();
    expect(importedNames('import java.util.List;', 'java')).toBeUndefined();
  });
});

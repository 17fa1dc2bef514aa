import { describe, expect, it } from 'vitest';
import { contentTerms } from '../../../src/core/retrieve/coverage';
import { isPreamble, pathOnlyPreamble } from '../../../src/core/retrieve/preamble';

describe('isPreamble', () => {
  it("reads each language's namespace, package and import lines as a preamble", () => {
    const preambles = [
      '<?php\n\n/**\n * Slim Framework\n */\n\ndeclare(strict_types=1);\n\nnamespace Slim\\Error\\Renderers;',
      'using System.Collections.Generic;\nusing System.Linq;\nglobal using System.Threading;',
      'namespace MediatR.NotificationPublishers;',
      'package com.google.gson;\n\nimport java.util.List;\nimport static org.junit.Assert.*;',
      'package main\n\nimport (\n\t"fmt"\n\tstrs "strings"\n)',
      "import {\n  join,\n  relative as rel,\n} from 'node:path';\nimport fs from 'node:fs';\n'use strict';",
      'from __future__ import annotations\n\nimport os\nfrom typing import (\n    Any,\n    Dict,\n)',
      "require 'rack'\nrequire_relative 'base'",
      'use std::{\n    fs::File,\n    io::{self, Read},\n};\n\npub mod glue;\nextern crate regex;',
      '#include <stdio.h>\n#pragma once\n// the platform headers\n#include "util.h"',
      '}  // namespace sinks',
      '// only a comment\n/* and another */',
    ];
    for (const text of preambles) expect(isPreamble(text), text).toBe(true);
  });

  it('reads code and blank text as no preamble', () => {
    const others = [
      'const routes = [\n  home,\n  about,\n];',
      "import os\n\nDEBUG = os.environ.get('DEBUG')",
      'package main\n\nvar version = "1.0"',
      '',
      '\n  \n',
      'app = Flask(__name__)',
    ];
    for (const text of others) expect(isPreamble(text), text).toBe(false);
  });
});

describe('pathOnlyPreamble', () => {
  const namespace = { kind: 'module', path: 'Slim/Error/Renderers/XmlErrorRenderer.php', text: 'namespace Slim\\Error\\Renderers;' };
  const imports = { kind: 'module', path: 'src/app.ts', text: "import debounce from 'lodash/debounce';" };

  it('is a preamble whose words the query shares only with its path', () => {
    expect(pathOnlyPreamble(namespace, contentTerms('render an error page for 404 not found'))).toBe(true);
    expect(pathOnlyPreamble(imports, contentTerms('start the app'))).toBe(true);
  });

  it('is not a preamble that imports what the query names, nor any other chunk', () => {
    expect(pathOnlyPreamble(imports, contentTerms('which files use lodash debounce?'))).toBe(false);
    expect(pathOnlyPreamble({ ...namespace, kind: 'class' }, contentTerms('render an error'))).toBe(false);
    expect(pathOnlyPreamble({ ...imports, text: 'const app = createApp();' }, contentTerms('start the app'))).toBe(false);
  });
});

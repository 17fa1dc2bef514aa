import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { buildReviewPrompt } from '../../../src/core/review/prompt';
import { useIndexedWorkspace } from '../../support/engine';

// parse_settings is defined in config.py and called from two other files; `get` is everywhere.
const CONFIG = `"""Settings."""
import json
from checks import validate


def parse_settings(text):
    def describe(value):
        return type(value).__name__
    # the summary of these settings is printed by the report
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("settings must be an object, not " + describe(data))
    return validate(data)


def get(data, key):
    return data.get(key)


def reparse(text):
    return parse_settings(text)


def reparse_all(texts):
    return [parse_settings(t) for t in texts]
`;
const LOADER = `from config import parse_settings


def load_workspace(path):
    with open(path) as handle:
        return parse_settings(handle.read())
`;
const SERVER = `from config import parse_settings


class Server:
    def reload(self, raw):
        self.settings = parse_settings(raw)
        return self.settings

    def check(self, raw):
        return parse_settings(raw) is not None
`;
const CHECKS = `def validate(data):
    return {key: value for key, value in data.items() if value is not None}
`;
// calls a describe() of its own: not a caller of parse_settings' local helper
const REPORT = `def summary(item):
    return item.describe()
`;
const UNRELATED = `def render_table(rows):
    """Render rows of settings as a table of text."""
    return "\\n".join(str(r) for r in rows)


def parse_settings(rows):
    return [r.split("=") for r in rows]
`;
// `get` used in 45 files: too common a name to say who uses config.get
const GETS = Object.fromEntries(
  Array.from({ length: 45 }, (_, i) => [`uses/use_${i}.py`, `from config import get\n\n\ndef use_${i}(d):\n    return get(d, "k${i}")\n`]),
);

// normalize_path, defined once, used in 45 files: too many to list, worth saying
const PATHS = `def normalize_path(p):\n    return p.replace("\\\\", "/")\n`;
const NORMALIZERS = Object.fromEntries(
  Array.from({ length: 45 }, (_, i) => [`norm/n_${i}.py`, `from paths import normalize_path\n\n\ndef use_path_${i}(p):\n    return normalize_path(p)\n`]),
);

// Site.process and Page.process share a name: a caller of one names its type (`site.process()`).
const SITE = `class Site:
    def process(self):
        self.reset()
        return self.render()
`;
const PAGES = `class Page:
    def process(self):
        return 1


def render_all(pages):
    for page in pages:
        page.process()
`;
const BUILD = `def build(site):
    site.process()
`;

const indexed = useIndexedWorkspace('gw-callers-', {
  // a test's own helper named as the code's function: never what the code calls
  'tests/test_checks.py': 'def validate(data):\n    return data\n\n\ndef test_validate():\n    assert validate({}) == {}\n',
  'site.py': SITE,
  'pages.py': PAGES,
  'build.py': BUILD,
  'paths.py': PATHS,
  ...NORMALIZERS,
  'config.py': CONFIG,
  'loader.py': LOADER,
  'server.py': SERVER,
  'table.py': UNRELATED,
  'report.py': REPORT,
  'checks.py': CHECKS,
  ...GETS,
});

const CONFIG_LINES = CONFIG.split('\n');
const selection = (startLine: number, endLine: number) => ({
  path: 'config.py',
  startLine,
  endLine,
  text: CONFIG_LINES.slice(startLine - 1, endLine).join('\n'),
});

describe('a selection\'s callers and definitions on a real index', () => {
  it('retrieves the chunks that call the function a selection defines, not those calling a name its local helper shares', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(6, 13), includeStandards: false });
    const callers = r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => `${c.path}::${c.symbol}`);
    // the same file's callers outside the selection too, and every caller in a file, not its first only
    expect(callers.sort()).toEqual(['config.py::reparse', 'config.py::reparse_all', 'loader.py::load_workspace', 'server.py::Server.check', 'server.py::Server.reload']);
  });

  it("takes as callers of a method whose name other types share only the chunks that name its type", async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: { path: 'site.py', startLine: 2, endLine: 4, text: SITE.split('\n').slice(1, 4).join('\n') }, includeStandards: false });
    const callers = r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => `${c.path}::${c.symbol}`);
    expect(callers).toEqual(['build.py::build']);
  });

  it('finds the callers of the function a selection inside its body belongs to', async () => {
    // lines 11-12: the check inside parse_settings, not its def line
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(11, 12), includeStandards: false });
    const callers = r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => c.path);
    expect(callers.sort()).toEqual(['config.py', 'config.py', 'loader.py', 'server.py', 'server.py']);
  });

  it('looks up the definitions of the plain names the code calls, not of the words of its comments', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(6, 13), includeStandards: false });
    const definitions = r.chunks.filter((c) => c.reasons.includes('definition')).map((c) => `${c.path}::${c.symbol}`);
    // validate() is called; "summary" (report.py defines one) is only a word of a comment
    expect(definitions).toContain('checks.py::validate');
    expect(definitions).not.toContain('report.py::summary');
    expect(definitions).not.toContain('tests/test_checks.py::validate');
  });

  it('takes a name the selection\'s own file defines for that definition, not a namesake elsewhere', async () => {
    // reparse calls parse_settings, defined in config.py; table.py defines a parse_settings of its own
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(20, 21), includeStandards: false });
    const named = r.chunks.filter((c) => c.reasons.includes('definition')).map((c) => `${c.path}::${c.symbol}`);
    expect(named).toContain('config.py::parse_settings');
    expect(named).not.toContain('table.py::parse_settings');
  });

  it('names no callers for a name used in too many places to mean this definition', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(16, 17), includeStandards: false });
    expect(r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => `${c.path}:${c.startLine}-${c.endLine} ${c.symbol}`)).toEqual([]);
  });

  it('says how many files use a specific name it defines when they are too many to list', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: { path: 'paths.py', startLine: 1, endLine: 2, text: PATHS.trimEnd() }, includeStandards: false });
    expect(r.widelyUsed).toEqual([{ name: 'normalize_path', files: 45 }]);
    expect(r.chunks.filter((c) => c.reasons.includes('caller'))).toEqual([]);
    const prompt = buildReviewPrompt({ path: 'paths.py', language: 'python', startLine: 1, endLine: 2, lines: PATHS.split('\n') }, r, parseConfig({}));
    expect(prompt.messages.map((m) => m.content).join('\n')).toContain('`normalize_path` (referenced in 45 files)');
    // a one-word name (get, 45 files too) is mostly other objects' methods: not claimed
    const get = await indexed().engine.retriever.retrieve({ query: '', selection: selection(16, 17), includeStandards: false });
    expect(get.widelyUsed).toBeUndefined();
  });

  it('puts the callers in the review prompt, labelled, when similar code is left out', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(6, 13), includeStandards: false });
    const config = parseConfig({ 'review.includeSimilarCode': false });
    const prompt = buildReviewPrompt({ path: 'config.py', language: 'python', startLine: 6, endLine: 13, lines: CONFIG_LINES }, r, config);
    const text = prompt.messages.map((m) => m.content).join('\n');
    expect(text).toMatch(/code loader\.py:\d+-\d+ \(function load_workspace\) — uses the selected code/);
    expect(text).toMatch(/code server\.py:\d+-\d+ \(method Server\.reload\) — uses the selected code/);
  });
});

const GUIDE = `# Contributing

## Parsing settings

Settings are parsed from JSON text; parse errors name the settings file.

## Validating data

Validate data before use; drop keys whose value is None.

## Describing values

Describe a value by its type name in error messages about settings.

## Pull request titles

Start the title with the area: settings, data or report.
`;
const guided = useIndexedWorkspace('gw-guide-', { 'config.py': CONFIG, 'checks.py': CHECKS, 'CONTRIBUTING.md': GUIDE });

describe('standards for a chat question about a selection', () => {
  it('ranks them for code: at most two sections of a contributors guide, none about process', async () => {
    const r = await guided().engine.retriever.retrieve({ query: 'what does this do?', selection: selection(6, 13), includeStandards: true });
    const guide = r.standards.filter((s) => s.source === 'CONTRIBUTING.md').map((s) => s.title);
    expect(guide.length).toBeGreaterThan(0);
    expect(guide.length).toBeLessThanOrEqual(2);
    expect(guide).not.toContain('Pull request titles');
  });
});

describe('a chat question about a selection', () => {
  it('searches the question\'s own words too: code the question asks about ranks near the top, not under the selection\'s words', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: 'how are rows rendered as a table?', selection: selection(6, 13), includeStandards: false });
    const top = r.chunks.slice(0, 3).map((c) => `${c.path}::${c.symbol}`);
    expect(top).toContain('table.py::render_table');
    expect(r.chunks.find((c) => c.symbol === 'render_table')?.reasons).toContain('question');
  });

  it('adds no search of its own for a question that only points at the selection', async () => {
    for (const query of ['what does this function do?', 'explain this code', 'where is it called?']) {
      const r = await indexed().engine.retriever.retrieve({ query, selection: selection(6, 13), includeStandards: false });
      expect(r.chunks.filter((c) => c.reasons.includes('question')), query).toEqual([]);
      expect(r.chunks.length, query).toBeGreaterThan(0);
    }
  });
});

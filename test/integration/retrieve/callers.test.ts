import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { buildReviewPrompt } from '../../../src/core/review/prompt';
import { useIndexedWorkspace } from '../../support/engine';

// parse_settings is defined in config.py and called from two other files; `get` is everywhere.
const CONFIG = `"""Settings."""
import json


def parse_settings(text):
    def describe(value):
        return type(value).__name__
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("settings must be an object, not " + describe(data))
    return data


def get(data, key):
    return data.get(key)
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
`;
// calls a describe() of its own: not a caller of parse_settings' local helper
const REPORT = `def summary(item):
    return item.describe()
`;
const UNRELATED = `def render_table(rows):
    """Render rows of settings as a table of text."""
    return "\\n".join(str(r) for r in rows)
`;
// `get` used in 45 files: too common a name to say who uses config.get
const GETS = Object.fromEntries(
  Array.from({ length: 45 }, (_, i) => [`uses/use_${i}.py`, `from config import get\n\n\ndef use_${i}(d):\n    return get(d, "k${i}")\n`]),
);

const indexed = useIndexedWorkspace('gw-callers-', {
  'config.py': CONFIG,
  'loader.py': LOADER,
  'server.py': SERVER,
  'table.py': UNRELATED,
  'report.py': REPORT,
  ...GETS,
});

const CONFIG_LINES = CONFIG.split('\n');
const selection = (startLine: number, endLine: number) => ({
  path: 'config.py',
  startLine,
  endLine,
  text: CONFIG_LINES.slice(startLine - 1, endLine).join('\n'),
});

describe('callers of a selection on a real index', () => {
  it('retrieves the chunks that call the function a selection defines, not those calling a name its local helper shares', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(5, 11), includeStandards: false });
    const callers = r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => `${c.path}::${c.symbol}`);
    expect(callers.sort()).toEqual(['loader.py::load_workspace', 'server.py::Server.reload']);
  });

  it('finds the callers of the function a selection inside its body belongs to', async () => {
    // lines 9-10: the check inside parse_settings, not its def line
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(9, 10), includeStandards: false });
    const callers = r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => c.path);
    expect(callers.sort()).toEqual(['loader.py', 'server.py']);
  });

  it('names no callers for a name used in too many places to mean this definition', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(14, 15), includeStandards: false });
    expect(r.chunks.filter((c) => c.reasons.includes('caller')).map((c) => `${c.path}:${c.startLine}-${c.endLine} ${c.symbol}`)).toEqual([]);
  });

  it('puts the callers in the review prompt, labelled, when similar code is left out', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: '', selection: selection(5, 11), includeStandards: false });
    const config = parseConfig({ 'review.includeSimilarCode': false });
    const prompt = buildReviewPrompt({ path: 'config.py', language: 'python', startLine: 5, endLine: 11, lines: CONFIG_LINES }, r, config);
    const text = prompt.messages.map((m) => m.content).join('\n');
    expect(text).toMatch(/code loader\.py:\d+-\d+ \(function load_workspace\) — uses the selected code/);
    expect(text).toMatch(/code server\.py:\d+-\d+ \(method Server\.reload\) — uses the selected code/);
  });
});

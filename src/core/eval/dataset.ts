/**
 * The evaluation datasets of ../shared/eval (JSONL): SWE-bench Lite rows, commit-message rows
 * (snapshot or per-commit) and docstring rows, normalised to one shape.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GroundworkError } from '../errors';

export type DatasetKind = 'swebench' | 'snapshot' | 'per_commit' | 'doc';

/** A doc comment to blank in the indexed tree (docstring sets), 1-based inclusive lines. */
export interface DocStrip {
  path: string;
  lines: [number, number];
  lang: string;
}

export interface EvalRow {
  id: string;
  repo: string;
  query: string;
  /** The commit whose tree is indexed for this row. */
  commit: string;
  goldFiles: string[];
  goldFunctions: string[];
  /** SWE-bench: the issue names no file (Agentless `file_location` = None). */
  namesNoFile: boolean;
  strip?: DocStrip;
}

export interface Dataset {
  name: string;
  kind: DatasetKind;
  rows: EvalRow[];
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The kind of a dataset from its file name, falling back to the fields of its first row. */
export function datasetKind(file: string, first: Raw | undefined): DatasetKind {
  const base = path.basename(file);
  if (/\.per_commit\./.test(base)) return 'per_commit';
  if (/\.snapshot\./.test(base)) return 'snapshot';
  if (/\.doc\./.test(base)) return 'doc';
  if (first && str(first.base_commit)) return 'swebench';
  if (first && Array.isArray(first.doc_lines)) return 'doc';
  if (first && str(first.snapshot_commit)) return 'snapshot';
  return 'per_commit';
}

function commitOf(raw: Raw, kind: DatasetKind): string | undefined {
  switch (kind) {
    case 'swebench':
      return str(raw.base_commit);
    case 'snapshot':
      return str(raw.snapshot_commit);
    case 'per_commit':
      return str(raw.parent_commit);
    case 'doc':
      return str(raw.commit);
  }
}

export function normaliseRow(raw: Raw, kind: DatasetKind, lineNo: number): EvalRow {
  const id = str(raw.instance_id) ?? str(raw.id);
  const repo = str(raw.repo);
  const query = str(raw.query) ?? str(raw.problem_statement);
  const commit = commitOf(raw, kind);
  if (!id || !repo || !query || !commit) {
    throw new GroundworkError(`Dataset line ${lineNo} lacks an id, repo, query or ${kind} commit.`);
  }
  const labels = raw.agentless_labels as Raw | undefined;
  const goldFiles = strList(raw.gold_files);
  const docLines = raw.doc_lines;
  let strip: DocStrip | undefined;
  if (kind === 'doc' && Array.isArray(docLines) && docLines.length === 2 && goldFiles[0]) {
    strip = { path: goldFiles[0], lines: [Number(docLines[0]), Number(docLines[1])], lang: str(raw.lang) ?? '' };
  }
  return {
    id,
    repo,
    query,
    commit,
    goldFiles,
    goldFunctions: strList(raw.gold_functions),
    namesNoFile: kind === 'swebench' && labels?.file_location === 'None',
    strip,
  };
}

export function parseDataset(file: string, text: string): Dataset {
  const lines = text.split('\n');
  const raws: Array<{ raw: Raw; lineNo: number }> = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      raws.push({ raw: JSON.parse(line) as Raw, lineNo: i + 1 });
    } catch (err) {
      throw new GroundworkError(`Dataset ${file} line ${i + 1} is not valid JSON.`, { cause: err });
    }
  });
  const kind = datasetKind(file, raws[0]?.raw);
  return {
    name: path.basename(file).replace(/\.jsonl(\.gz)?$/, ''),
    kind,
    rows: raws.map(({ raw, lineNo }) => normaliseRow(raw, kind, lineNo)),
  };
}

export async function loadDataset(file: string): Promise<Dataset> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new GroundworkError(`Cannot read dataset ${file}.`, { cause: err });
  }
  return parseDataset(file, text);
}

/** Blanks doc comments the way docstring_queries.py does: line numbers kept, a Python docstring becomes `""`. */
export function blankDocLines(text: string, spans: ReadonlyArray<DocStrip>): string {
  const lines = text.split('\n');
  for (const { lines: [start, end], lang } of spans) {
    for (let k = start - 1; k < Math.min(end, lines.length); k++) {
      if (lang === 'python' && k === start - 1) {
        const line = lines[k]!;
        lines[k] = ' '.repeat(line.length - line.trimStart().length) + '""';
      } else {
        lines[k] = '';
      }
    }
  }
  return lines.join('\n');
}

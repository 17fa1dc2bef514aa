/**
 * A parsed file as a parse worker posts it. Most chunk texts are slices of the file's text, which
 * the indexer's thread sent and still holds, and most chunks' terms are slices of the file's terms,
 * which travel anyway: those go as offsets, not copies. Posting every chunk's text and terms was a
 * second and third copy of each file through the structured clone (serialized in the worker,
 * rebuilt in the indexer's thread) on top of the file's own.
 */
import type { ParsedFile } from './types';

export interface WireFile {
  /** The parsed file with '' for each chunk text and terms that `spans` gives. */
  file: ParsedFile;
  /** Per chunk: text from, to (in the file's text) and terms from, to (in its terms); -1 where sent as is. */
  spans: Int32Array;
}

/** Where each line of `text` starts (line breaks '\n'; a '\r' before one is part of its line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

export function toWire(parsed: ParsedFile, text: string): WireFile {
  const n = parsed.chunks.length;
  const spans = new Int32Array(n * 4).fill(-1);
  const starts = lineStarts(text);
  const chunks = parsed.chunks.map((c, i) => {
    if (c.startLine < 1 || c.endLine > starts.length || c.startLine > c.endLine) return c;
    const from = starts[c.startLine - 1] as number;
    const to = c.endLine < starts.length ? (starts[c.endLine] as number) - 1 : text.length;
    // A chunk joined from lines that ended in '\r\n' is shorter than its span: sent as is.
    if (c.text.length !== to - from || !text.startsWith(c.text, from)) return c;
    spans[4 * i] = from;
    spans[4 * i + 1] = to;
    return { ...c, text: '' };
  });
  const search = parsed.search;
  if (!search) return { file: { ...parsed, chunks }, spans };
  const termSpans = search.chunkSpans;
  const chunkTerms = search.chunks.map((t, i) => {
    const from = termSpans?.[2 * i] ?? -1;
    if (from < 0) return t;
    spans[4 * i + 2] = from;
    spans[4 * i + 3] = termSpans?.[2 * i + 1] as number;
    return '';
  });
  const { chunkSpans: _spans, ...rest } = search;
  return { file: { ...parsed, chunks, search: { ...rest, chunks: chunkTerms } }, spans };
}

/** The parsed file back from its wire form (as the worker parsed it), with `text` the file's text the worker was sent. */
export function fromWire(wire: WireFile, text: string): ParsedFile {
  const { file, spans } = wire;
  const chunks = file.chunks.map((c, i) => {
    const from = spans[4 * i] as number;
    return from < 0 ? c : { ...c, text: text.slice(from, spans[4 * i + 1]) };
  });
  const search = file.search;
  if (!search) return { ...file, chunks };
  const chunkSpans = new Int32Array(chunks.length * 2);
  const chunkTerms = search.chunks.map((t, i) => {
    const from = spans[4 * i + 2] as number;
    const to = spans[4 * i + 3] as number;
    chunkSpans[2 * i] = from;
    chunkSpans[2 * i + 1] = to;
    return from < 0 ? t : search.file.slice(from, to);
  });
  return { ...file, chunks, search: { ...search, chunks: chunkTerms, chunkSpans } };
}

import type { Node, Query, QueryMatch } from 'web-tree-sitter';
import { endLine, errorClassName, implTypeName, lastSegment, objectOwner, receiverTypeOf, startLine } from './names';
import type { SyntaxSpec } from './syntax';
import type { ParsedReference, ParsedSymbol } from './types';

/** When one node is captured as several kinds (Rust: method and function), the first listed wins. */
const KIND_PRIORITY = ['method', 'interface', 'class', 'module', 'function'];
const MAX_NAME = 200;

function priority(kind: string): number {
  const i = KIND_PRIORITY.indexOf(kind);
  return i < 0 ? KIND_PRIORITY.length : i;
}

/** The name of the type that encloses a definition (class, impl, Go receiver, C++ `Type::`, a JS object of functions). */
function containerOf(node: Node, nameNode: Node, spec: SyntaxSpec, language: string, componentName: string | undefined): string | undefined {
  const receiver = receiverTypeOf(node, language) ?? objectOwner(node, componentName);
  if (receiver) return receiver;
  const scope = nameNode.parent;
  if (scope?.type === 'qualified_identifier' && scope.childForFieldName('name')?.equals(nameNode)) {
    const text = scope.childForFieldName('scope')?.text;
    if (text) return lastSegment(text);
  }
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'ERROR') {
      const name = errorClassName(p);
      if (name) return name;
    }
    if (spec.qualifiers.has(p.type)) return implTypeName(p.childForFieldName('type')?.text ?? '') || undefined;
    if (spec.classes.has(p.type)) {
      const name = p.childForFieldName('name')?.text ?? (p.type === 'mixin_declaration' ? p.namedChildren.find((c) => c?.type === 'identifier')?.text : undefined);
      if (name) return name;
      if (p.type === 'companion_object') return 'Companion';
    }
  }
  return undefined;
}

/** C/C++ tags capture the declarator; the definition spans the whole function. */
function definitionSpan(node: Node): Node {
  if (node.type !== 'function_declarator') return node;
  let p = node.parent;
  while (p && p.type.endsWith('declarator')) p = p.parent;
  return p && p.type === 'function_definition' ? p : node;
}

/** A definition's last line: in Dart, its sibling `function_body`'s (the signature is the node captured). */
function spanEnd(span: Node, language: string): number {
  if (language === 'dart') {
    const holder = span.parent?.type === 'method_signature' ? span.parent : span;
    const next = holder.nextNamedSibling;
    if (next?.type === 'function_body') return endLine(next);
  }
  return endLine(span);
}

function skip(match: QueryMatch): boolean {
  // `(#is-not? local)` (Ruby) needs scope analysis we do not do: every identifier would become a call.
  return match.refutedProperties !== undefined && 'local' in match.refutedProperties;
}

/** Reference rows kept per name and file: one per definition that uses the name, the first ones. */
const MAX_SITES_PER_NAME = 8;

/**
 * Definitions and references of a tree, from its tags query. A definition match captures `@name`
 * and `@definition.<kind>`; a reference match captures `@reference.<kind>` on the name itself (our
 * lean queries) or on an enclosing node next to `@name` (package queries). Names are sliced from
 * `text` (the parsed source) rather than read through `Node.text`. A name referenced several times
 * is listed once per definition it is used in (the innermost), at its first line there, at most
 * MAX_SITES_PER_NAME times: a review's callers are the functions that use what it selected, and
 * with one row per name and file (until session 16) only the first caller in each file was ever
 * found — in the selection's own file, where most callers live, usually none.
 */
export function extractSymbols(
  query: Query,
  root: Node,
  spec: SyntaxSpec,
  language: string,
  text: string,
  /** A Vue or Svelte component's name: the container of its `export default {…}`'s functions. */
  componentName?: string,
): { symbols: ParsedSymbol[]; references: ParsedReference[] } {
  const defs = new Map<string, ParsedSymbol & { rank: number }>();
  const refs = new Map<string, number[]>();
  for (const match of query.matches(root)) {
    if (skip(match)) continue;
    let nameNode: Node | undefined;
    let role: Node | undefined;
    let capture = '';
    for (const c of match.captures) {
      if (c.name === 'name') nameNode = c.node;
      else if (c.name.startsWith('definition.') || c.name.startsWith('reference.')) {
        role = c.node;
        capture = c.name;
      }
    }
    if (!role) continue;
    const isReference = capture.startsWith('reference.');
    if (isReference) nameNode ??= role;
    if (!nameNode) continue;
    const name = text.slice(nameNode.startIndex, nameNode.endIndex);
    if (!name || name.length > MAX_NAME || /\s/.test(name)) continue;
    if (isReference) {
      const lines = refs.get(name);
      if (lines) lines.push(startLine(nameNode));
      else refs.set(name, [startLine(nameNode)]);
      continue;
    }
    let kind = capture.slice('definition.'.length);
    const container = containerOf(role, nameNode, spec, language, componentName);
    if (kind === 'function' && container) kind = 'method';
    const span = definitionSpan(role);
    const rank = priority(kind);
    const key = `${role.startIndex}:${nameNode.startIndex}`;
    const seen = defs.get(key);
    if (seen && seen.rank <= rank) continue;
    defs.set(key, { name, kind, container, line: startLine(span), endLine: spanEnd(span, language), rank });
  }
  const symbols = [...defs.values()]
    .sort((a, b) => a.line - b.line || a.name.localeCompare(b.name))
    .map(({ rank: _rank, ...s }) => (s.container === undefined ? { name: s.name, kind: s.kind, line: s.line, endLine: s.endLine } : s));
  return { symbols, references: referenceSites(refs, symbols) };
}

/** Each name's first line in each definition that uses it (the innermost; outside any: one more), at most MAX_SITES_PER_NAME. */
function referenceSites(refs: ReadonlyMap<string, number[]>, symbols: readonly ParsedSymbol[]): ParsedReference[] {
  let last = 0;
  for (const lines of refs.values()) for (const line of lines) last = Math.max(last, line);
  // The innermost definition holding each line: larger spans first, smaller ones written over them.
  const owner = new Int32Array(last + 1).fill(-1);
  const bySize = symbols.map((s, i) => ({ i, from: s.line, to: Math.min(s.endLine ?? s.line, last) })).sort((a, b) => b.to - b.from - (a.to - a.from));
  for (const { i, from, to } of bySize) owner.fill(i, from, to + 1);
  const out: ParsedReference[] = [];
  for (const [name, lines] of refs) {
    const first = new Map<number, number>();
    for (const line of lines) {
      const site = owner[line] as number;
      const seen = first.get(site);
      if (seen === undefined || line < seen) first.set(site, line);
    }
    const sites = [...first.values()].sort((a, b) => a - b).slice(0, MAX_SITES_PER_NAME);
    for (const line of sites) out.push({ name, line });
  }
  return out.sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
}

import type { Node, Query, QueryMatch } from 'web-tree-sitter';
import { endLine, implTypeName, lastSegment, objectOwner, receiverTypeOf, startLine } from './names';
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
function containerOf(node: Node, nameNode: Node, spec: SyntaxSpec, language: string): string | undefined {
  const receiver = receiverTypeOf(node, language) ?? objectOwner(node);
  if (receiver) return receiver;
  const scope = nameNode.parent;
  if (scope?.type === 'qualified_identifier' && scope.childForFieldName('name')?.equals(nameNode)) {
    const text = scope.childForFieldName('scope')?.text;
    if (text) return lastSegment(text);
  }
  for (let p = node.parent; p; p = p.parent) {
    if (spec.qualifiers.has(p.type)) return implTypeName(p.childForFieldName('type')?.text ?? '') || undefined;
    if (spec.classes.has(p.type)) {
      const name = p.childForFieldName('name')?.text;
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

function skip(match: QueryMatch): boolean {
  // `(#is-not? local)` (Ruby) needs scope analysis we do not do: every identifier would become a call.
  return match.refutedProperties !== undefined && 'local' in match.refutedProperties;
}

/**
 * Definitions and references of a tree, from its tags query. A definition match captures `@name`
 * and `@definition.<kind>`; a reference match captures `@reference.<kind>` on the name itself (our
 * lean queries) or on an enclosing node next to `@name` (package queries). Names are sliced from
 * `text` (the parsed source) rather than read through `Node.text`. A name referenced several times
 * is listed once, at its first line (the symbols table holds one reference row per name and file;
 * the rest only cost the copy to the indexer's thread).
 */
export function extractSymbols(
  query: Query,
  root: Node,
  spec: SyntaxSpec,
  language: string,
  text: string,
): { symbols: ParsedSymbol[]; references: ParsedReference[] } {
  const defs = new Map<string, ParsedSymbol & { rank: number }>();
  const refs = new Map<string, ParsedReference>();
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
      const line = startLine(nameNode);
      const seen = refs.get(name);
      if (!seen || line < seen.line) refs.set(name, { name, line });
      continue;
    }
    let kind = capture.slice('definition.'.length);
    const container = containerOf(role, nameNode, spec, language);
    if (kind === 'function' && container) kind = 'method';
    const span = definitionSpan(role);
    const rank = priority(kind);
    const key = `${role.startIndex}:${nameNode.startIndex}`;
    const seen = defs.get(key);
    if (seen && seen.rank <= rank) continue;
    defs.set(key, { name, kind, container, line: startLine(span), endLine: endLine(span), rank });
  }
  const symbols = [...defs.values()]
    .sort((a, b) => a.line - b.line || a.name.localeCompare(b.name))
    .map(({ rank: _rank, ...s }) => (s.container === undefined ? { name: s.name, kind: s.kind, line: s.line, endLine: s.endLine } : s));
  const references = [...refs.values()].sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
  return { symbols, references };
}

import type { Node } from 'web-tree-sitter';
import { LIMITS, SourceLines, spanChunks } from './lines';
import { bodyOf, calledFunctionBody, type Definition, definitionOf, endLine, errorClassName, startLine } from './names';
import { skeletonText } from './skeleton';
import type { SyntaxSpec } from './syntax';
import type { ParsedChunk } from './types';

/** Lines of text a run of lines no chunk holds needs to become a chunk of its own (`uncoveredRuns`). */
const GAP_LINES = 3;

/** Languages whose files may be wrapped whole in a function called at once (`calledFunctionBody`). */
const WRAPPED_LANGUAGES = new Set(['javascript', 'typescript', 'tsx']);

/** Whether `node` wraps `inner` (an `export`, a decorator list, a template around a definition). */
function isWrapperOf(node: Node, inner: Node): boolean {
  return node.startIndex <= inner.startIndex && node.endIndex >= inner.endIndex;
}

/** The header lines of a container whose members are visited: they open its first group. */
interface Opening {
  start: number;
  end: number;
  /** Whether the header is a chunk even when no other line joins it (a trait impl, a multi-line header). */
  keepAlone: boolean;
}

/**
 * Siblings with every ERROR node replaced by its children: definitions inside them still count. An
 * ERROR that opens with a class's header stays: it is that class (`errorClassName`).
 */
function withoutErrors(nodes: ReadonlyArray<Node | null>, depth = 0): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    if (!node) continue;
    if (node.type === 'ERROR' && depth < 8 && !errorClassName(node)) out.push(...withoutErrors(node.namedChildren, depth + 1));
    else out.push(node);
  }
  return out;
}

/**
 * Turns a syntax tree into chunks with a shallow walk: only top-level nodes, namespace members
 * and the members of large classes are visited from JS; everything below stays inside the
 * chunk's text.
 */
export class TreeChunker {
  private readonly chunks: ParsedChunk[] = [];
  /** Dart: a signature's node id → its sibling `function_body` (`pairBodies`). */
  private readonly bodies = new Map<number, Node>();

  constructor(
    private readonly language: string,
    private readonly spec: SyntaxSpec,
    private readonly source: SourceLines,
    /** A Vue or Svelte component's name: its `export default {…}` is a class of that name. */
    private readonly componentName?: string,
  ) {}

  chunk(root: Node): ParsedChunk[] {
    this.visit(root.namedChildren, [], false);
    const gaps = this.uncoveredRuns();
    if (gaps.length === 0) return this.chunks;
    for (const [start, end] of gaps) this.chunks.push(...spanChunks(this.source, 'module', '', undefined, start, end));
    return this.chunks.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  }

  /**
   * Runs of lines no chunk holds with at least GAP_LINES lines of text, trimmed of blank lines: a
   * safety net, so that what the walk does not reach (a syntax error's debris, the modules of a
   * bundle passed to its loader as arguments) is still searchable, as line windows. Closing braces
   * and `end`s between chunks are shorter and stay out.
   */
  private uncoveredRuns(): Array<[number, number]> {
    const lines = this.source.lines.length;
    const covered = new Uint8Array(lines + 2);
    for (const c of this.chunks) covered.fill(1, c.startLine, c.endLine + 1);
    const out: Array<[number, number]> = [];
    let start = 0;
    let text = 0;
    const close = (end: number) => {
      if (start > 0 && text >= GAP_LINES) {
        let s = start;
        let e = end;
        while (s < e && this.source.isBlank(s, s)) s++;
        while (e > s && this.source.isBlank(e, e)) e--;
        out.push([s, e]);
      }
      start = 0;
      text = 0;
    };
    for (let line = 1; line <= lines; line++) {
      if (covered[line]) {
        close(line - 1);
        continue;
      }
      if (start === 0) start = line;
      if (!this.source.isBlank(line, line)) text++;
    }
    close(lines);
    return out;
  }

  /**
   * Visits sibling nodes; `inClass` members that are not definitions stay in the class skeleton.
   * `opening` lines (a container's header) start the first group of "other" lines.
   */
  private visit(nodes: ReadonlyArray<Node | null>, chain: readonly string[], inClass: boolean, opening?: Opening): void {
    let group: { start: number; end: number } | undefined = opening && { start: opening.start, end: opening.end };
    // A header alone that says nothing of its own (`impl Graph {`, `namespace app {`) is no chunk.
    let bareOpening = opening !== undefined && !opening.keepAlone;
    let leading: Node[] = [];
    const flushGroup = () => {
      if (group && !bareOpening) this.chunks.push(...spanChunks(this.source, 'module', '', chain.at(-1), group.start, group.end));
      group = undefined;
      bareOpening = false;
    };
    const addOther = (start: number, end: number) => {
      bareOpening = false;
      if (inClass) return;
      if (group && end - group.start + 1 > LIMITS.moduleMax) flushGroup();
      group = group ? { start: group.start, end: Math.max(end, group.end) } : { start, end };
    };
    const flushLeading = () => {
      for (const n of leading) addOther(startLine(n), endLine(n));
      leading = [];
    };

    for (const node of this.pairBodies(this.withGuardsOpened(withoutErrors(nodes)))) {
      if (this.spec.trivia.has(node.type)) {
        const last = leading.at(-1);
        if (last && startLine(node) > endLine(last) + 1) flushLeading();
        leading.push(node);
        continue;
      }
      let def = definitionOf(node, this.spec, this.language);
      if (def?.defaultExport && this.componentName) def = { ...def, role: 'class', name: this.componentName };
      const wrapped = !def && !inClass && this.wraps(node) ? calledFunctionBody(node) : undefined;
      if (wrapped) {
        flushLeading();
        flushGroup();
        this.visit(wrapped.namedChildren, chain, false);
        continue;
      }
      if (!def) {
        flushLeading();
        addOther(startLine(node), endLine(node));
        continue;
      }
      if (def.role === 'namespace' || def.role === 'qualifier') {
        flushLeading();
        const body = bodyOf(def.node, this.spec);
        const members = body?.namedChildren ?? def.node.namedChildren;
        const inner = def.role === 'qualifier' && def.name ? [...chain, def.name] : chain;
        // The container's header (`impl<S> FromRequestParts<S> for Path<T> where … {`, `namespace
        // app {`, `#ifdef _WIN32`) is in no member's lines: it opens the members' first group,
        // with the comments and statements right above it, so that no chunk loses it.
        const first = members.find((m): m is Node => m !== null);
        const start = group && group.end >= startLine(node) - 1 ? group.start : startLine(node);
        const headerEnd = Math.min(body && body !== def.node ? startLine(body) : startLine(node), first ? startLine(first) - 1 : endLine(node));
        if (group && start !== group.start) flushGroup();
        group = undefined;
        const header = this.source.slice(start, headerEnd);
        const keepAlone = header.split('\n').filter((l) => !/^\s*\{?\s*$/.test(l)).length > 1 || (this.language === 'rust' && def.role === 'qualifier' && / for /.test(header));
        this.visit(members, inner, false, headerEnd >= startLine(node) ? { start, end: headerEnd, keepAlone } : undefined);
        continue;
      }
      let start = startLine(node);
      const last = leading.at(-1);
      if (last && (endLine(last) >= start - 1 || this.isDocAcrossBlankLine(last, start))) {
        start = startLine(leading[0] as Node);
        leading = [];
      } else {
        flushLeading();
      }
      flushGroup();
      if (def.role === 'function') this.emitFunction(def, start, this.endOf(node), chain);
      else this.emitClass(def, start, endLine(node), chain);
    }
    flushLeading();
    flushGroup();
  }

  /**
   * Siblings with each guard statement that holds a definition (`try: … def dumps … except
   * ImportError: … def dumps`, `if (!function_exists('app')) { function app() … }`) replaced by
   * its parts' members, in order: its condition and other statements are "other" like any, its
   * functions and classes chunks of their own. A guard without definitions stays one statement
   * (`if __name__ == "__main__": main()`).
   */
  private withGuardsOpened(nodes: readonly Node[], depth = 0): Node[] {
    const guards = this.spec.guards;
    if (!guards || depth > 3) return [...nodes];
    const out: Node[] = [];
    for (const node of nodes) {
      const members = guards.has(node.type) ? this.guardMembers(node) : undefined;
      const holdsDefinition = members?.some((m) => definitionOf(m, this.spec, this.language) !== undefined || guards.has(m.type));
      if (members && holdsDefinition) out.push(...this.withGuardsOpened(withoutErrors(members), depth + 1));
      else out.push(node);
    }
    return out;
  }

  /** A guard statement's children with its parts (blocks, clauses) replaced by their own children. */
  private guardMembers(node: Node, depth = 0): Node[] {
    const parts = this.spec.guardParts ?? new Set<string>();
    const out: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (parts.has(child.type) && depth < 4) out.push(...this.guardMembers(child, depth + 1));
      else out.push(child);
    }
    return out;
  }

  /**
   * Dart gives a function's signature and its `function_body` as siblings: each body is taken out
   * of the list and kept with its signature (`endOf`, `withBody`), so that the function is one
   * definition from its signature to its body's end.
   */
  private pairBodies(nodes: Node[]): Node[] {
    if (this.language !== 'dart') return nodes;
    const out: Node[] = [];
    for (const node of nodes) {
      const last = out.at(-1);
      if (node.type === 'function_body' && last && (last.type === 'function_signature' || last.type === 'method_signature')) {
        this.bodies.set(last.id, node);
        continue;
      }
      out.push(node);
    }
    return out;
  }

  /** A definition's last line: its body's, when the body is a sibling (Dart). */
  private endOf(node: Node): number {
    const body = this.bodies.get(node.id);
    return body ? endLine(body) : endLine(node);
  }

  /** A member and its sibling body (Dart), for a skeleton to collapse. */
  private withBody(node: Node): Node[] {
    const body = this.bodies.get(node.id);
    return body ? [node, body] : [node];
  }

  /** The function and class members of an object read as a namespace (Vue's `methods: {…}`), for a skeleton to collapse. */
  private memberNodes(object: Node): Node[] {
    return withoutErrors(object.namedChildren).filter((m) => {
      const d = definitionOf(m, this.spec, this.language);
      return d?.role === 'function' || d?.role === 'class';
    });
  }

  /** A JS/TS statement long enough to be a whole file's wrapper (an IIFE, a UMD factory) worth reading inside. */
  private wraps(node: Node): boolean {
    return WRAPPED_LANGUAGES.has(this.language) && endLine(node) - startLine(node) >= LIMITS.moduleMax;
  }

  /**
   * A doc comment (`/** … *\/`, `///`) that ends one blank line above a definition documents it:
   * Express writes every JSDoc so, and had each one as a chunk of its own, its function without it.
   * Not a licence or copyright header.
   */
  private isDocAcrossBlankLine(comment: Node, start: number): boolean {
    const end = endLine(comment);
    if (end !== start - 2 || !this.source.isBlank(end + 1, end + 1)) return false;
    const first = this.source.lines[startLine(comment) - 1]?.trimStart() ?? '';
    if (!/^(\/\*\*(?!\*)|\/\/\/)/.test(first)) return false;
    return !/\b(copyright|licen[cs]ed?|spdx)\b/i.test(this.source.slice(startLine(comment), end));
  }

  private emitFunction(def: Definition, start: number, end: number, chain: readonly string[]): void {
    const qual = def.qualifier ? [...chain, def.qualifier] : chain;
    const symbol = [...qual, def.name].filter(Boolean).join('.');
    const kind = qual.length > 0 ? 'method' : 'function';
    this.chunks.push(...spanChunks(this.source, kind, symbol, qual.at(-1), start, end));
  }

  private emitClass(def: Definition, start: number, end: number, chain: readonly string[]): void {
    const symbol = [...chain, def.name].filter(Boolean).join('.');
    const container = chain.at(-1);
    const body = bodyOf(def.node, this.spec);
    if (body) {
      // Members inside `#if … #endif` (C#) or `if TYPE_CHECKING:` (Python) are members too.
      const members = this.pairBodies(this.withGuardsOpened(withoutErrors(body.namedChildren)));
      // Vue's `methods: {…}` (a namespace inside the object) holds members too.
      const defs = members
        .map((m) => definitionOf(m, this.spec, this.language))
        .filter((d): d is Definition => d !== undefined && (d.role === 'function' || d.role === 'class' || (d.role === 'namespace' && d.node.type === 'object')));
      // A wrapper that holds only types (Ruby's `module Jekyll` around `class Site`, a Java class
      // around its nested classes) says nothing a skeleton would show: its types are chunked
      // under its name, and no chunk of its own takes a result's place.
      // Ruby's `class << self` holds the enclosing class's own methods: `Base.compile!`, as
      // `def self.compile!` is named (and as the symbols table has them), not `Base.self.compile!`;
      // its skeleton would be a second, partial skeleton of the class.
      if (def.node.type === 'singleton_class' && defs.length > 0) {
        this.visit(members, chain, true);
        return;
      }
      if (defs.length > 0 && defs.every((d) => d.role === 'class') && members.every((m) => this.spec.trivia.has(m.type) || defs.some((d) => d.node === m || m.equals(d.node) || isWrapperOf(m, d.node)))) {
        // Comments between the header and the body (Ruby keeps them outside `body_statement`) lead the first type.
        const before = def.node.namedChildren.filter((c): c is Node => c !== null && this.spec.trivia.has(c.type) && c.startIndex < body.startIndex);
        this.visit([...before, ...members], [...chain, def.name], true);
        return;
      }
      // A class with methods becomes a skeleton (bodies collapsed) plus one chunk per method, so
      // that retrieval and function-level rankings point at the method itself.
      if (defs.length > 0) {
        const collapsed = defs.flatMap((d) => (d.role === 'namespace' ? this.memberNodes(d.node) : this.withBody(d.node)));
        const text = skeletonText(this.source, start, end, collapsed, this.spec);
        this.chunks.push({ kind: 'class', symbol, container, startLine: start, endLine: end, text });
        this.visit(members, [...chain, def.name], true);
        return;
      }
    }
    this.chunks.push(...spanChunks(this.source, 'class', symbol, container, start, end));
  }
}

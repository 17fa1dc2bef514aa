import type { Node } from 'web-tree-sitter';
import { dartFunctionName, SWIFT_UNNAMED } from './mobileNames';
import type { SyntaxSpec } from './syntax';

/** What a top-level (or class-member) node is, for the chunker. */
export interface Definition {
  role: 'function' | 'class' | 'namespace' | 'qualifier';
  /** The definition node itself (inside any wrapper). */
  node: Node;
  name: string;
  /** A qualifier the name itself carries: Go receiver, C++ `Type::method`. */
  qualifier?: string;
  /**
   * The object a module's `export default` gives (`export default {…}`, `export default
   * defineComponent({…})`): the module's own functions, or in a Vue component the component's.
   */
  defaultExport?: boolean;
}

const FUNCTION_VALUES = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
]);
const CLASS_VALUES = new Set(['class', 'class_expression']);
/** Nodes that hold a function as their `value`: an object's `key: function`, a class field `onClick = () => …`. */
const FUNCTION_HOLDERS = new Set(['pair', 'public_field_definition', 'field_definition']);

/** The 1-based first line of a node. */
export function startLine(node: Node): number {
  return node.startPosition.row + 1;
}

/** The 1-based last line of a node (a node that ends at column 0 ends on the line before). */
export function endLine(node: Node): number {
  const { row, column } = node.endPosition;
  return column === 0 && row > node.startPosition.row ? row : row + 1;
}

const CLASS_KEYWORDS = new Set(['class', 'interface', 'object', 'struct', 'enum', 'trait', 'record', 'protocol']);
const NAME_TYPES = new Set(['identifier', 'type_identifier', 'simple_identifier', 'constant']);
/** What may stand before a class keyword in its declaration: modifiers, annotations, comments. */
const LEADING = /modifier|annotation|comment|decorator|attribute/;

/**
 * The name of a class whose declaration the grammar could not finish: an ERROR node that opens with
 * the class's header (modifiers, `class`, its name, a `{` soon after) and holds its members.
 * Kotlin's grammar fails on moshi's `public class Options\n  private constructor(…)` and wraps the
 * whole enclosing `JsonReader` in an ERROR: its 30 methods lost their class. Undefined for any
 * other ERROR (a statement's debris, a header that is not at its start).
 */
export function errorClassName(node: Node): string | undefined {
  if (node.type !== 'ERROR') return undefined;
  const children = node.children;
  for (let i = 0; i < Math.min(children.length, 12); i++) {
    const c = children[i];
    if (!c) continue;
    if (!c.isNamed && CLASS_KEYWORDS.has(c.type)) {
      const name = children[i + 1];
      if (!name || !NAME_TYPES.has(name.type)) return undefined;
      for (let j = i + 2; j < Math.min(children.length, i + 12); j++) if (children[j]?.type === '{') return name.text;
      return undefined;
    }
    if (c.isNamed && !LEADING.test(c.type)) return undefined;
  }
  return undefined;
}

/** The body of a class-like or function-like node: its `body` field or a child of a known body type. */
export function bodyOf(node: Node, spec: SyntaxSpec): Node | null {
  // An object literal written as an API (`functionsObject`) is its own body; its `key: function`
  // members have the function's body.
  if (node.type === 'object') return node;
  // A class inside an ERROR node (`errorClassName`): its members are the node's children.
  if (node.type === 'ERROR') return node;
  if (FUNCTION_HOLDERS.has(node.type)) {
    const value = node.childForFieldName('value');
    return value ? bodyOf(value, spec) : null;
  }
  const field = node.childForFieldName('body');
  if (field) return field;
  for (const child of node.namedChildren) if (child && spec.bodies.has(child.type)) return child;
  return null;
}

/**
 * The type a Rust `impl` is for, as methods are named after it: `Path<T>` → `Path`, `&'a mut
 * Buf<T>` → `Buf`, `dyn Error` → `Error`; a slice, array or tuple as written, without its
 * lifetimes (`&'static [u8]` → `[u8]`, `(Response<()>, R)` stays whole).
 */
export function implTypeName(text: string): string {
  const t = text.trim().replace(/^&\s*('\w+\s+)?(mut\s+)?/, '').replace(/^(dyn|impl)\s+/, '');
  if (/^[([]/.test(t)) return t.replace(/&\s*'\w+\s+/g, '&').replace(/\s+/g, ' ');
  return stripGenerics(t);
}

function stripGenerics(text: string): string {
  return text.replace(/<[^]*$/, '').replace(/\[[^]*$/, '').trim();
}

/** `(…)` and `!…` around an expression, looked through. */
function unwrapped(node: Node | null): Node | null {
  for (let depth = 0; node && depth < 4 && (node.type === 'parenthesized_expression' || node.type === 'unary_expression'); depth++) {
    node = node.namedChildren.at(-1) ?? null;
  }
  return node;
}

/**
 * JS/TS: the body of the function a top-level statement calls at once — an IIFE (`(function () { … })()`,
 * `!function () { … }()`) or a UMD wrapper's factory (`(function (root, factory) { … })(this, function () { … })`):
 * the largest function body among the callee and the arguments. Older libraries (jQuery, Underscore,
 * Backbone, Moment) wrap their whole file so; undefined for any other statement.
 */
export function calledFunctionBody(node: Node): Node | undefined {
  if (node.type !== 'expression_statement') return undefined;
  const call = unwrapped(node.namedChild(0));
  if (call?.type !== 'call_expression') return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  let best: Node | undefined;
  for (const candidate of [call.childForFieldName('function'), ...args].map(unwrapped)) {
    if (!candidate || !FUNCTION_VALUES.has(candidate.type)) continue;
    const body = candidate.childForFieldName('body');
    if (body?.type === 'statement_block' && (!best || body.endIndex - body.startIndex > best.endIndex - best.startIndex)) best = body;
  }
  return best;
}

/** C/C++: follow `declarator` fields down to the function declarator's name. */
function cDeclaratorName(node: Node): string {
  let current: Node | null = node.childForFieldName('declarator');
  for (let depth = 0; current && depth < 8; depth++) {
    if (current.type === 'function_declarator') {
      return current.childForFieldName('declarator')?.text ?? '';
    }
    // C++'s reference declarator (`Foo &operator=(…)`, `const T &name() const`) holds its inner
    // declarator as a plain child, not a `declarator` field.
    current = current.childForFieldName('declarator') ?? current.namedChildren.find((c) => c?.type.endsWith('declarator')) ?? null;
  }
  return '';
}

/**
 * The type a function outside any class body belongs to, as its definition says: a Go method's
 * receiver (`func (t *Terminal) Loop()`), a Kotlin extension function's receiver type (`fun
 * Buffer.readLine()`), a JS prototype method's constructor (`Router.prototype.handle = function`).
 * The chunker's symbols and the tags queries' containers both come from here.
 */
export function receiverTypeOf(node: Node, language: string): string | undefined {
  if (language === 'go') return node.type === 'method_declaration' ? goReceiverType(node) : undefined;
  if (language === 'kotlin') return kotlinReceiverType(node);
  if (node.type === 'assignment_expression') return prototypeOwner(node.childForFieldName('left')?.text ?? '');
  return undefined;
}

/**
 * The receiver type of a Kotlin extension function (`fun Buffer.readLine()`, `fun <T> List<T>.second()`):
 * the type written before the name, without its type arguments. Undefined for a plain function.
 */
function kotlinReceiverType(node: Node): string | undefined {
  if (node.type !== 'function_declaration') return undefined;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'modifiers' || child.type === 'type_parameters') continue;
    if (child.type !== 'user_type' && child.type !== 'nullable_type') return undefined; // the name comes first
    const text = child.text.replace(/<[^]*$/, '').replace(/\?$/, '').trim();
    return text.slice(text.lastIndexOf('.') + 1) || undefined;
  }
  return undefined;
}

function goReceiverType(node: Node): string | undefined {
  const receiver = node.childForFieldName('receiver')?.text;
  const m = receiver ? /([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*$/.exec(receiver) : null;
  return m?.[1];
}

function goTypeName(node: Node): { name: string; isClass: boolean } {
  const spec = node.namedChildren.find((c) => c?.type === 'type_spec');
  const type = spec?.childForFieldName('type')?.type ?? '';
  return {
    name: spec?.childForFieldName('name')?.text ?? '',
    isClass: type === 'struct_type' || type === 'interface_type',
  };
}

/** `a::b::C` → `C`. */
export function lastSegment(scoped: string): string {
  const i = scoped.lastIndexOf('::');
  return i < 0 ? scoped : scoped.slice(i + 2);
}

function nameOf(node: Node): string {
  const name = node.childForFieldName('name')?.text;
  if (name !== undefined) return name;
  // Dart's `mixin Logger { … }` has no name field.
  if (node.type === 'mixin_declaration') return node.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '';
  return '';
}

/** `Router.prototype.handle` → `Router`: the constructor a prototype method belongs to (JS); else undefined. */
function prototypeOwner(target: string): string | undefined {
  return /^([A-Za-z_$][\w$]*)\.prototype\.[A-Za-z_$][\w$]*$/.exec(target)?.[1];
}

/** A `key: function` member of an object literal (`parseDate: function (text) {…}`, `get: async () => …`). */
function isFunctionPair(node: Node): boolean {
  return node.type === 'pair' && FUNCTION_VALUES.has(node.childForFieldName('value')?.type ?? '');
}

/**
 * Vue's and Pinia's option groups: an object of functions under one of these keys holds the
 * component's (the store's) own methods, called as `this.addTodo()`, not `this.methods.addTodo()`.
 */
const OPTION_GROUPS = new Set(['methods', 'computed', 'watch', 'getters', 'actions', 'mutations']);

/** Looks through `as const`, `satisfies T` and parentheses. */
function unwrapValue(value: Node | null): Node | null {
  let v = value;
  for (let depth = 0; v && depth < 3 && (v.type === 'as_expression' || v.type === 'satisfies_expression' || v.type === 'parenthesized_expression'); depth++) {
    v = v.namedChild(0);
  }
  return v;
}

/**
 * A pair whose value is an object of functions: `methods: { add() {…} }`, `users: { get: () => … }`;
 * one level down only (a config's `build: { rollupOptions: { output: { manualChunks() …` is not an API).
 */
function objectPair(node: Node, depth = 0): Node | undefined {
  return node.type === 'pair' && depth < 1 ? functionsObject(node.childForFieldName('value'), depth + 1) : undefined;
}

/**
 * An object literal written as an API — one with a method, a `key: function` member or an object
 * of such members (`module.exports = { parseDate(text) {…} }`, `export const api = { fetchUser:
 * async (id) => … }`, a Vue component's `methods: {…}`); looked through `as const`, `satisfies T`
 * and parentheses.
 */
function functionsObject(value: Node | null, depth = 0): Node | undefined {
  const v = unwrapValue(value);
  if (v?.type !== 'object') return undefined;
  return v.namedChildren.some((m) => m !== null && (m.type === 'method_definition' || isFunctionPair(m) || objectPair(m, depth) !== undefined)) ? v : undefined;
}

/**
 * The object of functions a module's `export default` gives: `export default {…}`, or the object
 * passed to `defineComponent({…})`, `Vue.extend({…})`, `defineStore('id', {…})`.
 */
function defaultExportObject(node: Node): Node | undefined {
  if (node.type !== 'export_statement' || !node.children.some((c) => c?.type === 'default')) return undefined;
  let value = unwrapValue(node.childForFieldName('value'));
  if (value?.type === 'call_expression') {
    value = value.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'object') ?? null;
  }
  return functionsObject(value);
}

/**
 * The name an object literal of functions is known by, for one of its function members: `api` for
 * `const api = { get() {…} }` or `exports.api = { … }`, as the chunker names the member `api.get`;
 * `users` for a member of `api`'s `users: {…}`; the component's name (`componentName`) for a
 * member of a component's `export default {…}` or of its `methods: {…}`; none for
 * `module.exports = { … }` or another module's `export default {…}`, whose functions are the
 * module's own.
 */
export function objectOwner(member: Node, componentName?: string): string | undefined {
  const object = member.parent;
  if (object?.type !== 'object' || (member.type !== 'method_definition' && !isFunctionPair(member))) return undefined;
  return ownerOfObject(object, componentName, 0);
}

function ownerOfObject(object: Node, componentName: string | undefined, depth: number): string | undefined {
  let holder = object.parent;
  for (let d = 0; holder && d < 3 && (holder.type === 'as_expression' || holder.type === 'satisfies_expression' || holder.type === 'parenthesized_expression'); d++) {
    holder = holder.parent;
  }
  if (holder?.type === 'variable_declarator') return nameOf(holder) || undefined;
  if (holder?.type === 'pair') {
    const key = keyName(holder);
    const outer = holder.parent;
    if (OPTION_GROUPS.has(key) && outer?.type === 'object' && depth < 3) return ownerOfObject(outer, componentName, depth + 1);
    return key || undefined;
  }
  if (holder?.type === 'arguments') holder = holder.parent?.parent ?? null; // `defineComponent({…})` in an export
  if (holder?.type === 'export_statement') return componentName;
  if (holder?.type !== 'assignment_expression') return undefined;
  const target = holder.childForFieldName('left')?.text ?? '';
  return target === 'module.exports' ? undefined : target.slice(target.lastIndexOf('.') + 1) || undefined;
}

/** The name of an object member (`parse`, `'parse-date'` → `parse-date`, `[Symbol.iterator]` as written). */
function keyName(pair: Node): string {
  return (pair.childForFieldName('key')?.text ?? '').replace(/^(['"`])(.*)\1$/, '$2');
}

/**
 * JS/TS: `const f = () => …`, `const C = class {…}`, `exports.f = function …`, `a.f = a.g = function …`;
 * an object literal of functions as a class (`const api = { get() {…} }`: `api.get`) or, assigned
 * to `module.exports`, as the module's own functions; a `key: function` member as a function.
 */
function variableDefinition(node: Node): Definition | undefined {
  if (node.type === 'lexical_declaration' || node.type === 'variable_declaration') {
    const declarators = node.namedChildren.filter((c) => c?.type === 'variable_declarator');
    if (declarators.length !== 1 || !declarators[0]) return undefined;
    const value = declarators[0].childForFieldName('value');
    const name = nameOf(declarators[0]);
    if (value && FUNCTION_VALUES.has(value.type)) return { role: 'function', node, name };
    if (value && CLASS_VALUES.has(value.type)) return { role: 'class', node: value, name };
    const object = functionsObject(value);
    if (object && name) return { role: 'class', node: object, name };
    return undefined;
  }
  if (isFunctionPair(node)) return { role: 'function', node, name: keyName(node) };
  // An object of functions inside one: Vue's `methods: {…}` holds the component's own methods;
  // any other (`users: { get() {…} }`) is a class of its own inside its owner (`api.users.get`).
  const inner = objectPair(node);
  if (inner) {
    const key = keyName(node);
    return OPTION_GROUPS.has(key) ? { role: 'namespace', node: inner, name: '' } : { role: 'class', node: inner, name: key };
  }
  // A class field holding a function (`private _onResponse = async (response) => {…}`): a method.
  if ((node.type === 'public_field_definition' || node.type === 'field_definition') && FUNCTION_VALUES.has(node.childForFieldName('value')?.type ?? '')) {
    const name = (node.childForFieldName('name') ?? node.childForFieldName('property'))?.text ?? '';
    return name ? { role: 'function', node, name } : undefined;
  }
  if (node.type === 'expression_statement') {
    const inner = node.namedChild(0);
    if (inner?.type === 'internal_module') return { role: 'namespace', node: inner, name: nameOf(inner) };
    if (inner?.type !== 'assignment_expression') return undefined;
    const target = inner.childForFieldName('left')?.text ?? '';
    const object = functionsObject(inner.childForFieldName('right'));
    if (object) {
      // `module.exports = {…}`: its functions are the module's own; `exports.dates = {…}`: a class `dates`.
      const name = target.slice(target.lastIndexOf('.') + 1);
      return target === 'module.exports' ? { role: 'namespace', node: object, name: '' } : { role: 'class', node: object, name };
    }
    // `res.set = res.header = function header(…)`: the function at the end of the chain, named first.
    let right = inner.childForFieldName('right');
    for (let depth = 0; right?.type === 'assignment_expression' && depth < 4; depth++) right = right.childForFieldName('right');
    if (!right || !FUNCTION_VALUES.has(right.type)) return undefined;
    return { role: 'function', node, name: target.slice(target.lastIndexOf('.') + 1), qualifier: receiverTypeOf(inner, 'javascript') };
  }
  return undefined;
}

function classify(node: Node, spec: SyntaxSpec, language: string): Definition | undefined {
  const type = node.type;
  if (type === 'ERROR') {
    const name = errorClassName(node);
    return name ? { role: 'class', node, name } : undefined;
  }
  if (language === 'dart' && (type === 'function_signature' || type === 'method_signature' || type === 'declaration')) {
    const name = dartFunctionName(node);
    return name ? { role: 'function', node, name } : undefined;
  }
  if (spec.functions.has(type)) {
    if (language === 'c' || language === 'cpp') {
      const full = cDeclaratorName(node);
      const sep = full.lastIndexOf('::');
      if (sep < 0) return { role: 'function', node, name: full };
      const scope = full.slice(0, sep);
      return { role: 'function', node, name: full.slice(sep + 2), qualifier: lastSegment(scope) };
    }
    if (type === 'secondary_constructor') return { role: 'function', node, name: 'constructor' };
    // Swift's `init`, `deinit` and `subscript` have no name of their own.
    const unnamed = SWIFT_UNNAMED[type];
    if (unnamed) return { role: 'function', node, name: unnamed };
    return { role: 'function', node, name: nameOf(node), qualifier: receiverTypeOf(node, language) };
  }
  if (language === 'swift') {
    // `extension MemoryStore: Codable { … }` adds methods to a type defined elsewhere: they are
    // `MemoryStore.prune`, chunked one by one as a Rust `impl`'s are, with no class chunk of its own.
    if (type === 'class_declaration' && node.childForFieldName('declaration_kind')?.text === 'extension') {
      return { role: 'qualifier', node, name: stripGenerics(nameOf(node)) };
    }
    // A computed property (`var body: some View { … }`) is code: a function by its name.
    if (type === 'property_declaration' && node.childForFieldName('computed_value')) {
      return { role: 'function', node, name: node.childForFieldName('name')?.text ?? '' };
    }
  }
  if (spec.classes.has(type)) {
    if (language === 'go') {
      const { name, isClass } = goTypeName(node);
      return isClass ? { role: 'class', node, name } : undefined;
    }
    // C's `struct foo;`, `enum e x;` are uses, not definitions; elsewhere a type needs no body:
    // C#'s `record Point(int X);`, Kotlin's `data class Point(val x: Int)`, Ruby's `class Error < StandardError; end`, Rust's `struct Unit;`.
    if ((language === 'c' || language === 'cpp') && !bodyOf(node, spec)) return undefined;
    const name = type === 'companion_object' ? nameOf(node) || 'Companion' : nameOf(node);
    return { role: 'class', node, name: type === 'singleton_class' ? 'self' : name };
  }
  if (spec.namespaces.has(type)) return { role: 'namespace', node, name: nameOf(node) };
  if (spec.qualifiers.has(type)) {
    return { role: 'qualifier', node, name: implTypeName(node.childForFieldName('type')?.text ?? '') };
  }
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') return variableDefinition(node);
  return undefined;
}

/** Classifies a node, looking through wrappers (`export`, decorators, `template<…>`, `typedef`). */
export function definitionOf(node: Node, spec: SyntaxSpec, language: string): Definition | undefined {
  if (!spec.wrappers.has(node.type)) return classify(node, spec, language);
  const exported = defaultExportObject(node);
  if (exported) return { role: 'namespace', node: exported, name: '', defaultExport: true };
  const direct = node.childForFieldName('declaration') ?? node.childForFieldName('definition');
  const candidates = direct ? [direct] : node.namedChildren;
  for (const child of candidates) {
    if (!child) continue;
    const def = definitionOf(child, spec, language);
    if (!def) continue;
    if (node.type === 'type_definition' && !def.name) {
      def.name = node.childForFieldName('declarator')?.text ?? '';
    }
    return def;
  }
  return undefined;
}

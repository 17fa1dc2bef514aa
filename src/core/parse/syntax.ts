/**
 * Per-language node types that the chunker's shallow walk looks for. Everything not listed is
 * "other" and is merged into `module` chunks.
 */
export interface SyntaxSpec {
  /** Function-like definitions: one chunk each (a method inside a class). */
  functions: ReadonlySet<string>;
  /** Class-like definitions: one chunk; a large one becomes a skeleton plus member chunks. */
  classes: ReadonlySet<string>;
  /** Containers whose members are chunked one by one and not qualified (namespaces, `#ifdef`). */
  namespaces: ReadonlySet<string>;
  /** Containers whose members are chunked one by one and qualified by the container (Rust `impl`). */
  qualifiers: ReadonlySet<string>;
  /** Nodes that wrap a definition (`export`, decorators, `template<…>`): the chunk spans the wrapper. */
  wrappers: ReadonlySet<string>;
  /** Comments and attributes that belong to the definition right below them. */
  trivia: ReadonlySet<string>;
  /** Body node types, when the grammar has no `body` field. */
  bodies: ReadonlySet<string>;
  /**
   * Statements that may hold definitions in their branches and are read inside when they do
   * (Python's `try: import x … except ImportError:` and `if sys.version_info …:`, PHP's
   * `if (!function_exists('f'))`, Ruby's `begin … rescue LoadError`); otherwise they are "other".
   */
  guards?: ReadonlySet<string>;
  /** The parts of a guard statement that hold its members (blocks, `else`/`except` clauses). */
  guardParts?: ReadonlySet<string>;
}

const set = (...types: string[]): ReadonlySet<string> => new Set(types);
const NONE = set();

const JS_LIKE: SyntaxSpec = {
  functions: set('function_declaration', 'generator_function_declaration', 'method_definition', 'function_signature'),
  classes: set('class_declaration', 'abstract_class_declaration', 'interface_declaration', 'enum_declaration', 'class', 'type_alias_declaration'),
  namespaces: set('internal_module', 'module', 'ambient_declaration'),
  qualifiers: NONE,
  wrappers: set('export_statement'),
  trivia: set('comment', 'decorator'),
  bodies: set('class_body', 'statement_block', 'interface_body', 'enum_body'),
};

const C_LIKE: SyntaxSpec = {
  functions: set('function_definition'),
  classes: set('struct_specifier', 'union_specifier', 'enum_specifier', 'class_specifier'),
  namespaces: set(
    'namespace_definition',
    'linkage_specification',
    'preproc_ifdef',
    'preproc_if',
    'preproc_else',
    'preproc_elif',
  ),
  qualifiers: NONE,
  wrappers: set('template_declaration', 'type_definition'),
  trivia: set('comment'),
  bodies: set('field_declaration_list', 'compound_statement'),
};

const SPECS: Record<string, SyntaxSpec> = {
  typescript: JS_LIKE,
  tsx: JS_LIKE,
  javascript: JS_LIKE,
  python: {
    functions: set('function_definition'),
    classes: set('class_definition'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: set('decorated_definition'),
    trivia: set('comment'),
    bodies: set('block'),
    guards: set('if_statement', 'try_statement'),
    guardParts: set('block', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause'),
  },
  go: {
    functions: set('function_declaration', 'method_declaration'),
    classes: set('type_declaration'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment'),
    bodies: set('block'),
  },
  rust: {
    functions: set('function_item', 'macro_definition'),
    classes: set('struct_item', 'enum_item', 'union_item', 'trait_item'),
    namespaces: set('mod_item', 'foreign_mod_item'),
    qualifiers: set('impl_item'),
    wrappers: NONE,
    trivia: set('line_comment', 'block_comment', 'attribute_item'),
    bodies: set('declaration_list', 'block'),
  },
  java: {
    functions: set('method_declaration', 'constructor_declaration', 'compact_constructor_declaration'),
    classes: set(
      'class_declaration',
      'interface_declaration',
      'enum_declaration',
      'record_declaration',
      'annotation_type_declaration',
    ),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('line_comment', 'block_comment'),
    bodies: set('class_body', 'interface_body', 'enum_body', 'block'),
  },
  c: C_LIKE,
  cpp: C_LIKE,
  csharp: {
    functions: set(
      'method_declaration',
      'constructor_declaration',
      'destructor_declaration',
      'operator_declaration',
      'local_function_statement',
    ),
    classes: set(
      'class_declaration',
      'struct_declaration',
      'interface_declaration',
      'record_declaration',
      'enum_declaration',
    ),
    namespaces: set('namespace_declaration', 'file_scoped_namespace_declaration'),
    qualifiers: NONE,
    wrappers: set('global_statement'),
    trivia: set('comment'),
    bodies: set('declaration_list', 'block'),
    // `#if NET6_0 … #else … #endif` around a whole file, a namespace or a class's members.
    guards: set('preproc_if'),
    guardParts: set('preproc_elif', 'preproc_else'),
  },
  ruby: {
    functions: set('method', 'singleton_method'),
    classes: set('class', 'module', 'singleton_class'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment'),
    bodies: set('body_statement'),
    guards: set('if', 'unless', 'begin'),
    guardParts: set('then', 'else', 'elsif', 'rescue', 'ensure'),
  },
  php: {
    functions: set('function_definition', 'method_declaration'),
    classes: set('class_declaration', 'interface_declaration', 'trait_declaration', 'enum_declaration'),
    namespaces: set('namespace_definition'),
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment', 'attribute_list'),
    bodies: set('declaration_list', 'compound_statement'),
    guards: set('if_statement'),
    guardParts: set('compound_statement', 'colon_block', 'else_clause', 'else_if_clause'),
  },
  bash: {
    functions: set('function_definition'),
    classes: NONE,
    // A script wrapped whole in `{ … }` so that a half-downloaded copy never runs (nvm.sh).
    namespaces: set('compound_statement'),
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment'),
    bodies: set('compound_statement'),
    guards: set('if_statement'),
    guardParts: set('elif_clause', 'else_clause'),
  },
  kotlin: {
    functions: set('function_declaration', 'secondary_constructor'),
    classes: set('class_declaration', 'object_declaration', 'companion_object'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('line_comment', 'block_comment', 'multiline_comment'),
    bodies: set('class_body', 'enum_class_body', 'function_body'),
  },
  // tree-sitter-swift reads class, struct, enum, actor and extension all as `class_declaration`
  // (`declaration_kind`); an extension is a qualifier of the type it extends (`names.ts`).
  swift: {
    // A protocol's requirements (`protocol_function_declaration`) stay in its chunk, as a TypeScript
    // interface's do: one-line signatures are no chunks of their own (the symbols table has them).
    functions: set('function_declaration', 'init_declaration', 'deinit_declaration', 'subscript_declaration'),
    classes: set('class_declaration', 'protocol_declaration'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment', 'multiline_comment'),
    bodies: set('class_body', 'enum_class_body', 'protocol_body', 'function_body', 'computed_property'),
  },
  // tree-sitter-dart gives a function's signature and its `function_body` as siblings: the chunker
  // pairs them (`dartBodies`). A `declaration` holding a signature is one without a body (abstract,
  // external, a constructor with an initializer list).
  dart: {
    functions: set('function_signature', 'method_signature'),
    classes: set('class_definition', 'mixin_declaration', 'extension_declaration', 'enum_declaration'),
    namespaces: NONE,
    qualifiers: NONE,
    wrappers: NONE,
    trivia: set('comment', 'documentation_comment', 'annotation'),
    bodies: set('class_body', 'extension_body', 'enum_body', 'block'),
  },
};

export function syntaxFor(language: string): SyntaxSpec | undefined {
  return SPECS[language];
}

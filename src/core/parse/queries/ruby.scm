; Lean tags query for Ruby: tree-sitter-ruby/queries/tags.scm without the doc-comment patterns and
; without the "every identifier is a call unless local" pattern (`#is-not? local` needs scope
; analysis we do not do, so its matches were always dropped); references capture only the name.

[
  (method
    name: (_) @name)
  (singleton_method
    name: (_) @name)
] @definition.method

(alias
  name: (_) @name) @definition.method

[
  (class
    name: [
      (constant) @name
      (scope_resolution
        name: (_) @name)
    ])
  (singleton_class
    value: [
      (constant) @name
      (scope_resolution
        name: (_) @name)
    ])
] @definition.class

(module
  name: [
    (constant) @name
    (scope_resolution
      name: (_) @name)
  ]) @definition.module

(call
  method: (identifier) @reference.call)

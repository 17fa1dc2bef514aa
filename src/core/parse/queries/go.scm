; Lean tags query for Go: tree-sitter-go/queries/tags.scm without the doc-comment patterns and
; the patterns that capture no definition or reference; references capture only the name.

(function_declaration
  name: (identifier) @name) @definition.function

(method_declaration
  name: (field_identifier) @name) @definition.method

(call_expression
  function: [
    (identifier) @reference.call
    (parenthesized_expression (identifier) @reference.call)
    (selector_expression field: (field_identifier) @reference.call)
    (parenthesized_expression (selector_expression field: (field_identifier) @reference.call))
  ])

(type_spec
  name: (type_identifier) @name) @definition.type

(type_identifier) @reference.type

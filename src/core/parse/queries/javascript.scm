; Lean tags query for JavaScript (also the first part of TypeScript's and TSX's).
; Derived from tree-sitter-javascript/queries/tags.scm without the doc-comment patterns
; (`(comment)* @doc`, `#strip!`, `#select-adjacent!`): chunks already carry leading comments.
; References capture only the name (one Node per match instead of two).

(method_definition
  name: (property_identifier) @name
  (#not-eq? @name "constructor")) @definition.method

[
  (class
    name: (_) @name)
  (class_declaration
    name: (_) @name)
] @definition.class

[
  (function_expression
    name: (identifier) @name)
  (function_declaration
    name: (identifier) @name)
  (generator_function
    name: (identifier) @name)
  (generator_function_declaration
    name: (identifier) @name)
] @definition.function

(lexical_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression)]) @definition.function)

(variable_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression)]) @definition.function)

(assignment_expression
  left: [
    (identifier) @name
    (member_expression
      property: (property_identifier) @name)
  ]
  right: [(arrow_function) (function_expression)]) @definition.function

(pair
  key: (property_identifier) @name
  value: [(arrow_function) (function_expression)]) @definition.function

(call_expression
  function: (identifier) @reference.call
  (#not-eq? @reference.call "require"))

(call_expression
  function: (member_expression
    property: (property_identifier) @reference.call)
  arguments: (_))

(new_expression
  constructor: (_) @reference.class)

(export_statement
  value: (assignment_expression
    left: (identifier) @name
    right: [
      (number)
      (string)
      (identifier)
      (undefined)
      (null)
      (new_expression)
      (binary_expression)
      (call_expression)
    ])) @definition.constant

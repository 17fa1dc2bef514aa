(namespace_definition
  name: (namespace_identifier) @name) @definition.module

(call_expression
  function: (identifier) @name) @reference.call

(call_expression
  function: (field_expression field: (field_identifier) @name)) @reference.call

(call_expression
  function: (qualified_identifier name: (identifier) @name)) @reference.call

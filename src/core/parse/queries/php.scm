(function_call_expression
  function: (name) @name) @reference.call

(enum_declaration
  name: (name) @name) @definition.enum

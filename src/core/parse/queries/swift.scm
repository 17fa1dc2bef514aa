; Swift: definitions and calls (ours; tree-sitter-swift reads class, struct, enum and actor as
; class_declaration — an extension names a user_type and is no definition).

(class_declaration
  name: (type_identifier) @name) @definition.class

(protocol_declaration
  name: (type_identifier) @name) @definition.interface

(function_declaration
  name: (simple_identifier) @name) @definition.function

(protocol_function_declaration
  name: (simple_identifier) @name) @definition.function

(init_declaration
  "init" @name) @definition.function

(property_declaration
  name: (pattern
    bound_identifier: (simple_identifier) @name)
  computed_value: (computed_property)) @definition.function

(typealias_declaration
  name: (type_identifier) @name) @definition.type

(call_expression
  (simple_identifier) @name) @reference.call

(call_expression
  (navigation_expression
    suffix: (navigation_suffix
      suffix: (simple_identifier) @name))) @reference.call

(inheritance_specifier
  inherits_from: (user_type
    (type_identifier) @name)) @reference.type

; Dart: definitions and calls (ours). A function's signature is captured; its body is a sibling,
; which symbols.ts adds to the definition's span.

(class_definition
  name: (identifier) @name) @definition.class

(mixin_declaration
  (identifier) @name) @definition.class

(extension_declaration
  name: (identifier) @name) @definition.class

(enum_declaration
  name: (identifier) @name) @definition.class

(function_signature
  name: (identifier) @name) @definition.function

(getter_signature
  name: (identifier) @name) @definition.function

(setter_signature
  name: (identifier) @name) @definition.function

(type_alias
  (type_identifier) @name) @definition.type

; `foo(…)` and `a.foo(…)`: a name followed by an argument list.
(_
  (identifier) @name
  .
  (selector
    (argument_part))) @reference.call

(_
  (selector
    (unconditional_assignable_selector
      (identifier) @name))
  .
  (selector
    (argument_part))) @reference.call

(superclass
  (type_identifier) @name) @reference.type

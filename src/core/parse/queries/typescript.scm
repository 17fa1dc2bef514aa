(type_alias_declaration
  name: (type_identifier) @name) @definition.type

(enum_declaration
  name: (identifier) @name) @definition.enum

(abstract_method_signature
  name: (property_identifier) @name) @definition.method

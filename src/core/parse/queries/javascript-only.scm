; JavaScript only (TypeScript's grammar names these nodes otherwise): a class field holding a
; function, `onClick = () => {…}`, is a method.
(field_definition
  property: (property_identifier) @name
  value: [(arrow_function) (function_expression)]) @definition.method

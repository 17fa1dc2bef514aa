/**
 * Names the grammars of Swift and Dart leave for us to find: functions without a name of their own
 * (Swift's `init`), and Dart's signatures, whose name sits one level down and whose constructors
 * are named after their class.
 */
import type { Node } from 'web-tree-sitter';

/** Swift's `init`, `deinit` and `subscript` have no name of their own. */
export const SWIFT_UNNAMED: Readonly<Record<string, string>> = { init_declaration: 'init', deinit_declaration: 'deinit', subscript_declaration: 'subscript' };

/** Dart signature node types, as a `method_signature` or a bodiless `declaration` holds one. */
const DART_SIGNATURES = new Set([
  'function_signature',
  'getter_signature',
  'setter_signature',
  'constructor_signature',
  'factory_constructor_signature',
  'redirecting_factory_constructor_signature',
  'constant_constructor_signature',
  'operator_signature',
]);

/**
 * The name of a Dart function, method, accessor or constructor: `build`, `doubled` (a getter),
 * `Counter` or `named` (`Counter.named(…)`), `make` (`factory Counter.make()`), `operator ==` as `==`.
 */
export function dartFunctionName(node: Node): string | undefined {
  const signature = DART_SIGNATURES.has(node.type) ? node : node.namedChildren.find((c) => c !== null && DART_SIGNATURES.has(c.type));
  if (!signature) return undefined;
  if (signature.type === 'operator_signature') return signature.namedChildren.find((c) => c?.type === 'binary_operator' || c?.type === 'operator')?.text ?? 'operator';
  const named = signature.childrenForFieldName('name').filter((c): c is Node => c !== null);
  const last = named.at(-1) ?? signature.namedChildren.filter((c): c is Node => c?.type === 'identifier').at(-1);
  return last?.text;
}


export interface GrammarSource {
  id: string;
  pkg: string;
  wasm: string;
  tags?: Array<[string, string]>;
  own?: string[];
}
export declare const GRAMMARS: GrammarSource[];
/** Copies web-tree-sitter.wasm, the grammar .wasm files and queries/<lang>.scm into outDir; throws if any is missing. */
export declare function copyGrammars(outDir: string): string[];

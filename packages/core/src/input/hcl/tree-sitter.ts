import { Language, Parser, type Node } from 'web-tree-sitter';

/**
 * The tree-sitter HCL parser (WASM), loaded once from node_modules: no network at run time.
 * Internal to the core: no tree-sitter type is part of the public API.
 * Grammar: @tree-sitter-grammars/tree-sitter-hcl, its Terraform dialect (`tree-sitter-terraform.wasm`).
 */
export type SyntaxNode = Node;

let loading: Promise<void> | undefined;
let parser: Parser | undefined;

/** Loads the HCL parser. Idempotent; later calls return the same promise. */
export function loadHclSupport(): Promise<void> {
  loading ??= (async () => {
    const runtime = require.resolve('web-tree-sitter/tree-sitter.wasm');
    const grammar = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(grammar);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The loaded parser; a programmer error when `loadHclSupport()` has not completed. */
export function hclParser(): Parser {
  if (!parser) throw new Error('HCL support is not loaded: call await loadHclSupport() before analysing .tf files');
  return parser;
}

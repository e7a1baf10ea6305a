import { findNodeAtLocation, parseTree, visit, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A 1-based position in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface JsonProblem extends TextPosition {
  readonly message: string;
}

/** Path into a JSON value: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/**
 * A parsed JSON text that can answer "where is this value" lazily. Values come from the native
 * `JSON.parse` (fast); positions come from a jsonc-parser tree built only when a finding needs one.
 */
export class JsonDocument {
  private tree: Node | undefined;
  private lineStarts: number[] | undefined;

  private constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}

  /**
   * Parses strict JSON. Syntax errors and duplicate object keys (which `JSON.parse` silently
   * collapses, keeping the last) are returned as problems with line and column.
   */
  static parse(text: string): { ok: true; document: JsonDocument; duplicates: readonly JsonDuplicateKey[] } | { ok: false; problems: readonly JsonProblem[] } {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, problems: syntaxProblems(text) };
    }
    return { ok: true, document: new JsonDocument(text, value), duplicates: findDuplicateKeys(text) };
  }

  /** Position of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: JsonPath): TextPosition {
    const tree = (this.tree ??= parseTree(this.text, [], { disallowComments: true, allowTrailingComma: false }));
    if (!tree) return { line: 1, column: 1 };
    for (let depth = path.length; depth >= 0; depth--) {
      const node = findNodeAtLocation(tree, path.slice(0, depth) as (string | number)[]);
      if (node) return this.positionAt(node.offset);
    }
    return { line: 1, column: 1 };
  }

  /** 1-based line and column of a character offset. */
  positionAt(offset: number): TextPosition {
    return offsetToPosition((this.lineStarts ??= computeLineStarts(this.text)), offset);
  }
}

export interface JsonDuplicateKey extends TextPosition {
  readonly key: string;
  /** Path of the object holding the repeated key. */
  readonly path: JsonPath;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetToPosition(starts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function syntaxProblems(text: string): JsonProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const starts = computeLineStarts(text);
  if (errors.length === 0) {
    // jsonc-parser accepted what JSON.parse rejected (e.g. a lone BOM or control characters).
    return [{ line: 1, column: 1, message: 'not valid JSON' }];
  }
  return errors.slice(0, 5).map((e) => ({ ...offsetToPosition(starts, e.offset), message: describeParseError(e, text) }));
}

function describeParseError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  if (error.offset >= text.length - 1 && /Expected|EndOfFile/.test(code)) return `unexpected end of JSON (${code}): the file looks truncated`;
  return `invalid JSON: ${code}`;
}

/** One scanner pass (no tree) that reports every key repeated within one object. */
function findDuplicateKeys(text: string): JsonDuplicateKey[] {
  const duplicates: JsonDuplicateKey[] = [];
  const keyStack: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void keyStack.push(new Set()),
      onObjectEnd: () => void keyStack.pop(),
      onObjectProperty: (property, _offset, _length, startLine, startCharacter, pathSupplier) => {
        const keys = keyStack[keyStack.length - 1];
        if (!keys) return;
        if (keys.has(property)) {
          duplicates.push({ key: property, line: startLine + 1, column: startCharacter + 1, path: pathSupplier().slice() });
        } else {
          keys.add(property);
        }
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return duplicates;
}

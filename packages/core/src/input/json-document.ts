import { parseTree, visit, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

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
  private lineStarts: number[] | undefined;
  private readonly subtrees = new Map<number, Node | undefined>();
  private readonly objectIndex = new WeakMap<Node, Map<string, Node>>();

  private constructor(
    readonly text: string,
    readonly value: unknown,
    /** Start and end offsets of every node down to SHALLOW_DEPTH, by joined path. */
    private readonly shallow: ReadonlyMap<string, readonly [number, number]>,
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
    const { duplicates, shallow } = scan(text);
    return { ok: true, document: new JsonDocument(text, value, shallow), duplicates };
  }

  /**
   * Position of the value at `path`, or of its nearest existing ancestor. Shallow nodes (Terraform
   * blocks, plan resources) are located from the scan; below them only that one node's text is
   * parsed, so a position costs the size of its block, not of the file.
   */
  positionOf(path: JsonPath): TextPosition {
    let depth = Math.min(path.length, SHALLOW_DEPTH);
    let span: readonly [number, number] | undefined;
    for (; depth >= 0; depth--) {
      span = this.shallow.get(pathKey(path.slice(0, depth)));
      if (span) break;
    }
    if (!span) return { line: 1, column: 1 };
    if (depth === path.length) return this.positionAt(span[0]);
    let node = this.subtree(span);
    if (!node) return this.positionAt(span[0]);
    for (const segment of path.slice(depth)) {
      const child = this.child(node, segment);
      if (!child) break;
      node = child;
    }
    return this.positionAt(span[0] + node.offset);
  }

  private subtree(span: readonly [number, number]): Node | undefined {
    if (!this.subtrees.has(span[0])) {
      this.subtrees.set(span[0], parseTree(this.text.slice(span[0], span[1]), [], { disallowComments: true, allowTrailingComma: false }));
    }
    return this.subtrees.get(span[0]);
  }

  /** Child by key or index; each object is indexed once. The first occurrence of a key wins. */
  private child(node: Node, segment: string | number): Node | undefined {
    if (node.type === 'array') return typeof segment === 'number' ? node.children?.[segment] : undefined;
    if (node.type !== 'object' || typeof segment !== 'string') return undefined;
    let index = this.objectIndex.get(node);
    if (!index) {
      index = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value && !index.has(key.value)) index.set(key.value, value);
      }
      this.objectIndex.set(node, index);
    }
    return index.get(segment);
  }

  /** 1-based line and column of a character offset. */
  positionAt(offset: number): TextPosition {
    return offsetToPosition((this.lineStarts ??= computeLineStarts(this.text)), offset);
  }
}

/** Deep enough for `resource.TYPE.NAME` and `planned_values.root_module.resources.I`. */
const SHALLOW_DEPTH = 4;

function pathKey(path: JsonPath): string {
  return path.join('\u0000');
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

/**
 * One scanner pass (no tree) that reports every key repeated within one object and records where
 * each shallow node starts and ends.
 */
function scan(text: string): { duplicates: JsonDuplicateKey[]; shallow: Map<string, readonly [number, number]> } {
  const duplicates: JsonDuplicateKey[] = [];
  const shallow = new Map<string, readonly [number, number]>();
  const keyStack: Set<string>[] = [];
  const openStack: (string | undefined)[] = [];
  let depth = 0;
  const begin = (offset: number, pathSupplier: () => JsonPath) => {
    const key = depth <= SHALLOW_DEPTH ? pathKey(pathSupplier()) : undefined;
    if (key !== undefined) shallow.set(key, [offset, offset]);
    openStack.push(key);
    depth++;
  };
  const end = (offset: number, length: number) => {
    depth--;
    const key = openStack.pop();
    if (key !== undefined) shallow.set(key, [shallow.get(key)![0], offset + length]);
  };
  visit(
    text,
    {
      onObjectBegin: (offset, _l, _sl, _sc, pathSupplier) => {
        keyStack.push(new Set());
        begin(offset, pathSupplier);
      },
      onObjectEnd: (offset, length) => {
        keyStack.pop();
        end(offset, length);
      },
      onArrayBegin: (offset, _l, _sl, _sc, pathSupplier) => begin(offset, pathSupplier),
      onArrayEnd: (offset, length) => end(offset, length),
      onLiteralValue: (_v, offset, length, _sl, _sc, pathSupplier) => {
        if (depth <= SHALLOW_DEPTH) shallow.set(pathKey(pathSupplier()), [offset, offset + length]);
      },
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
  return { duplicates, shallow };
}

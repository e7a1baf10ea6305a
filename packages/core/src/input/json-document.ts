import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A 1-based position in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A span in a text: start and end (exclusive), 1-based. */
export interface TextRange extends TextPosition {
  readonly endLine: number;
  readonly endColumn: number;
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

  /** The span of the value at `path`, or of its nearest existing ancestor. */
  rangeOf(path: JsonPath): TextRange {
    let depth = Math.min(path.length, SHALLOW_DEPTH);
    let span: readonly [number, number] | undefined;
    for (; depth >= 0; depth--) {
      span = this.shallow.get(pathKey(path.slice(0, depth)));
      if (span) break;
    }
    if (!span) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    let start = span[0];
    let end = span[1];
    if (depth < path.length) {
      let node = this.subtree(span);
      if (node) {
        for (const segment of path.slice(depth)) {
          const child = this.child(node, segment);
          if (!child) break;
          node = child;
        }
        start = span[0] + node.offset;
        end = start + node.length;
      }
    }
    const from = this.positionAt(start);
    const to = this.positionAt(end);
    return { ...from, endLine: to.line, endColumn: to.column };
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

const SMALL_OBJECT = 12;

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
  // UTF-16 read as UTF-8, or a binary file: say so rather than list parser errors.
  const nul = text.indexOf('\u0000');
  if (nul !== -1 || text.includes('\uFFFD')) {
    const at = offsetToPosition(computeLineStarts(text), nul !== -1 ? nul : text.indexOf('\uFFFD'));
    return [{ ...at, message: 'not UTF-8 text (NUL bytes or invalid UTF-8): a binary file, or JSON saved as UTF-16? Save it as UTF-8' }];
  }
  if (text.trim() === '') return [{ line: 1, column: 1, message: 'the file is empty, not JSON (did a command that should have written it fail?)' }];
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const starts = computeLineStarts(text);
  if (errors.length === 0) {
    // jsonc-parser accepted what JSON.parse rejected (e.g. a lone BOM or control characters).
    return [{ line: 1, column: 1, message: 'not valid JSON' }];
  }
  // One error per position: the parser reports follow-on errors at the same place.
  const seen = new Set<number>();
  const unique = errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset));
  return unique.slice(0, 3).map((e) => ({ ...offsetToPosition(starts, e.offset), message: describeParseError(e, text) }));
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

function describeParseError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  const what = PARSE_ERRORS[code] ?? code;
  // At (or past) the last character, or inside a string/number/comment that never ends: cut short.
  if (error.offset >= text.trimEnd().length || code.startsWith('UnexpectedEndOf')) return `unexpected end of JSON (${what}): the file looks truncated`;
  return `invalid JSON: ${what}`;
}

/**
 * One pass over text that `JSON.parse` has already accepted: reports every key repeated within one
 * object and records where each shallow node starts and ends. A tight character loop, because it
 * runs over every input (a 10,000-workload stack is ~18 MB).
 */
function scan(text: string): { duplicates: JsonDuplicateKey[]; shallow: Map<string, readonly [number, number]> } {
  const duplicates: { key: string; offset: number; path: (string | number)[] }[] = [];
  const shallow = new Map<string, readonly [number, number]>();
  // One frame per open container: its keys (objects), next index (arrays), start and shallow key.
  // Keys seen per open object (a short array, promoted to a Set past SMALL_OBJECT keys); undefined for arrays.
  const keys: (string[] | Set<string> | undefined)[] = [];
  const indices: number[] = [];
  const starts: number[] = [];
  const shallowKeys: (string | undefined)[] = [];
  const path: (string | number)[] = [];
  let expectKey = false;
  let pendingKey: string | undefined;
  const n = text.length;
  const valueStarts = (): string | undefined => {
    // The path of the value starting here: the enclosing key or index is the last segment.
    const depth = keys.length;
    if (depth > SHALLOW_DEPTH) return undefined;
    if (depth > 0) {
      if (keys[depth - 1]) path[depth - 1] = pendingKey!;
      else path[depth - 1] = indices[depth - 1]!;
    }
    path.length = depth;
    return depth <= SHALLOW_DEPTH ? pathKey(path) : undefined;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Space, newline, tab, carriage return (all <= 0x20 in valid JSON outside strings) and ':'.
    if (c <= 0x20 || c === 0x3a /* : */) continue;
    if (c === 0x22 /* " */) {
      // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j === -1) {
          j = n;
          break;
        }
        let backslashes = 0;
        for (let k = j - 1; k > i && text.charCodeAt(k) === 0x5c; k--) backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (expectKey) {
        const rawKey = text.slice(i + 1, j);
        const key = rawKey.includes('\\') ? (JSON.parse(text.slice(i, j + 1)) as string) : rawKey;
        const seen = keys[keys.length - 1]!;
        if (Array.isArray(seen)) {
          if (seen.includes(key)) duplicates.push({ key, offset: i, path: path.slice(0, keys.length - 1) });
          else if (seen.length < SMALL_OBJECT) seen.push(key);
          else keys[keys.length - 1] = new Set([...seen, key]);
        } else if (seen.has(key)) duplicates.push({ key, offset: i, path: path.slice(0, keys.length - 1) });
        else seen.add(key);
        pendingKey = key;
        expectKey = false;
      } else {
        const shallowKey = valueStarts();
        if (shallowKey !== undefined) shallow.set(shallowKey, [i, j + 1]);
      }
      i = j;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      shallowKeys.push(valueStarts());
      starts.push(i);
      if (c === 0x7b) {
        keys.push([]);
        indices.push(0);
        expectKey = true;
      } else {
        keys.push(undefined);
        indices.push(0);
      }
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      keys.pop();
      indices.pop();
      const start = starts.pop()!;
      const shallowKey = shallowKeys.pop();
      if (shallowKey !== undefined) shallow.set(shallowKey, [start, i + 1]);
      expectKey = false;
      continue;
    }
    if (c === 0x2c /* , */) {
      const depth = keys.length;
      if (keys[depth - 1]) expectKey = true;
      else indices[depth - 1]!++;
      continue;
    }
    // A number, true, false or null.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      j++;
    }
    const shallowKey = valueStarts();
    if (shallowKey !== undefined) shallow.set(shallowKey, [i, j]);
    i = j - 1;
  }
  const lineStarts = duplicates.length > 0 ? computeLineStarts(text) : [];
  return {
    duplicates: duplicates.map((d) => ({ key: d.key, path: d.path, ...offsetToPosition(lineStarts, d.offset) })),
    shallow,
  };
}

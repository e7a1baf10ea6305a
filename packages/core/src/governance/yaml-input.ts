/**
 * Reads a small YAML file against a shape: every unknown key, wrong type, bad value or missing
 * required key becomes a problem with file, 1-based line and column and the dotted key path.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { InputError } from '../engine/analysis';

export type Shape =
  | { readonly t: 'string'; readonly pattern?: RegExp; readonly patternText?: string }
  | { readonly t: 'number'; readonly integer?: boolean; readonly min?: number; readonly unit?: string }
  | { readonly t: 'boolean' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'date' }
  | { readonly t: 'list'; readonly of: Shape }
  | { readonly t: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly t: 'record'; readonly of: Shape; readonly key?: (key: string) => string | undefined }
  | { readonly t: 'boolean-or-string' }
  /** Validated by a function: returns the value, or a problem message. */
  | { readonly t: 'custom'; readonly check: (value: unknown) => { readonly value: unknown } | { readonly message: string } };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export interface YamlReadResult {
  readonly value: unknown;
  readonly problems: InputError[];
  /** False when the text is not YAML at all (syntax errors): no validation was done. */
  readonly parsed: boolean;
  /** Position of the node at a path (`['teams', 1, 'id']`), or 1:1. */
  readonly positionOf: (path: readonly (string | number)[]) => { readonly line: number; readonly column: number };
}

/** Parses `text` and reads its root against `shape` (an empty document reads as `{}`). */
export function readYaml(text: string, file: string, shape: Shape): YamlReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const problems: InputError[] = [];
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file, ...at(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` });
    return { value: undefined, problems, parsed: false, positionOf: () => ({ line: 1, column: 1 }) };
  }
  const problem = (node: YamlNode | null | undefined, message: string, fallback = 0) => {
    problems.push({ file, ...at(node?.range?.[0] ?? fallback), message });
  };
  const positionOf = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true) as YamlNode | undefined;
    return at(node?.range?.[0] ?? 0);
  };
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && root.value === null)) return { value: shape.t === 'object' ? {} : undefined, problems, parsed: true, positionOf };
  const value = read(root, shape, '', problem);
  return { value, problems, parsed: true, positionOf };
}

type Report = (node: YamlNode | null | undefined, message: string, fallback?: number) => void;

function describe(path: string): string {
  return path === '' ? 'the file' : `'${path}'`;
}

function shown(node: YamlNode): string {
  if (isScalar(node)) return node.value === null ? 'nothing' : JSON.stringify(node.value);
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'another value';
}

function read(node: YamlNode, shape: Shape, path: string, problem: Report): unknown {
  const where = describe(path);
  switch (shape.t) {
    case 'string': {
      if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
        problem(node, `${where} must be a non-empty text, got ${shown(node)}`);
        return undefined;
      }
      if (shape.pattern && !shape.pattern.test(node.value)) {
        problem(node, `${where} must be ${shape.patternText ?? `text matching ${shape.pattern}`}, got ${JSON.stringify(node.value)}`);
        return undefined;
      }
      return node.value;
    }
    case 'number': {
      const v = isScalar(node) ? node.value : undefined;
      const ok = typeof v === 'number' && Number.isFinite(v) && (!shape.integer || Number.isInteger(v)) && (shape.min === undefined || v >= shape.min);
      if (!ok) {
        const what = `${shape.integer ? 'a whole number' : 'a number'}${shape.unit ? ` of ${shape.unit}` : ''}${shape.min !== undefined ? ` (at least ${shape.min})` : ''}`;
        problem(node, `${where} must be ${what}, got ${shown(node)}`);
        return undefined;
      }
      return v;
    }
    case 'boolean': {
      if (!isScalar(node) || typeof node.value !== 'boolean') {
        problem(node, `${where} must be true or false, got ${shown(node)}`);
        return undefined;
      }
      return node.value;
    }
    case 'boolean-or-string': {
      if (!isScalar(node) || (typeof node.value !== 'boolean' && (typeof node.value !== 'string' || node.value.trim() === ''))) {
        problem(node, `${where} must be true, false or a policy ARN, got ${shown(node)}`);
        return undefined;
      }
      return node.value;
    }
    case 'enum': {
      if (!isScalar(node) || typeof node.value !== 'string' || !shape.values.includes(node.value)) {
        problem(node, `${where} must be one of ${shape.values.map((v) => `'${v}'`).join(', ')}, got ${shown(node)}`);
        return undefined;
      }
      return node.value;
    }
    case 'date': {
      if (!isScalar(node) || typeof node.value !== 'string' || !isIsoDate(node.value)) {
        problem(node, `${where} must be a date written YYYY-MM-DD, got ${shown(node)}`);
        return undefined;
      }
      return node.value;
    }
    case 'custom': {
      const raw = isScalar(node) ? node.value : node.toJSON();
      const r = shape.check(raw);
      if ('message' in r) {
        problem(node, `${where} ${r.message}`);
        return undefined;
      }
      return r.value;
    }
    case 'list': {
      if (!isSeq(node)) {
        problem(node, `${where} must be a list, got ${shown(node)}`);
        return undefined;
      }
      const out: unknown[] = [];
      let bad = false;
      node.items.forEach((item, i) => {
        const v = read(item as YamlNode, shape.of, `${path}[${i}]`, problem);
        if (v === undefined) bad = true;
        else out.push(v);
      });
      return bad ? undefined : out;
    }
    case 'object':
    case 'record': {
      if (!isMap(node)) {
        problem(node, `${where} must be a mapping of keys to values, got ${shown(node)}`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      let bad = false;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
          problem(keyNode, `keys of ${where} must be plain text`, node.range?.[0] ?? 0);
          bad = true;
          continue;
        }
        const key = String(keyNode.value);
        const childPath = path === '' ? key : `${path}.${key}`;
        let childShape: Shape | undefined;
        if (shape.t === 'object') {
          childShape = shape.fields[key];
          if (!childShape) {
            problem(keyNode, `unknown key '${key}' in ${path === '' ? 'the top level' : `'${path}'`} (known keys: ${Object.keys(shape.fields).join(', ')})`);
            bad = true;
            continue;
          }
        } else {
          const keyProblem = shape.key?.(key);
          if (keyProblem) {
            problem(keyNode, `${describe(childPath)}: ${keyProblem}`);
            bad = true;
            continue;
          }
          childShape = shape.of;
        }
        const valueNode = pair.value as YamlNode | null;
        if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) {
          problem(valueNode ?? keyNode, `${describe(childPath)} has no value`);
          bad = true;
          continue;
        }
        const v = read(valueNode, childShape, childPath, problem);
        if (v === undefined) bad = true;
        else out[key] = v;
      }
      if (shape.t === 'object') {
        for (const key of shape.required ?? []) {
          if (!node.items.some((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key)) {
            problem(node, `missing required key '${key}' in ${path === '' ? 'the top level' : `'${path}'`}`);
            bad = true;
          }
        }
      }
      return bad && shape.t === 'object' && path !== '' ? undefined : out;
    }
  }
}

import { describe, expect, it } from 'vitest';
import { JsonDocument } from '../src/input/json-document';

function problems(text: string) {
  const parsed = JsonDocument.parse(text);
  if (parsed.ok) throw new Error('expected a parse failure');
  return parsed.problems;
}

describe('JsonDocument.parse', () => {
  it('parses valid JSON and has no duplicates', () => {
    const parsed = JsonDocument.parse('{"a": [1, {"b": true}]}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.value).toEqual({ a: [1, { b: true }] });
    expect(parsed.duplicates).toEqual([]);
  });

  it.each([
    { name: 'an unclosed object', text: '{\n  "Version": "2012-10-17",\n  "Statement": [\n' },
    { name: 'an unclosed string', text: '{"Version": "2012-' },
    { name: 'a missing value', text: '{"Version":' },
  ])('truncated JSON ($name) looks truncated, with line and column', ({ text }) => {
    const [first] = problems(text);
    expect(first!.message).toMatch(/looks truncated/);
    expect(first!.line).toBeGreaterThanOrEqual(1);
    expect(first!.column).toBeGreaterThanOrEqual(1);
  });

  it('a truncated multi-line document points at its last line', () => {
    const [first] = problems('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"');
    expect(first!.message).toMatch(/looks truncated/);
    expect(first!.line).toBe(4);
  });

  it('an error in the middle is not "truncated" and has its position', () => {
    const [first] = problems('{\n  "a": 1,\n  "b": ,\n  "c": 3\n}');
    expect(first!.message).toMatch(/^invalid JSON/);
    expect(first!.message).not.toMatch(/truncated/);
    expect(first).toMatchObject({ line: 3, column: 8 });
  });

  it('a trailing comma is an error (strict JSON), not a truncated file', () => {
    expect(problems('{\n  "a": 1,\n}\n')[0]!.message).toMatch(/^invalid JSON/);
    // The same without a final newline: the closing brace is the last character.
    expect(problems('{"a": 1,}')[0]!.message).toMatch(/^invalid JSON/);
  });

  it('comments are errors (strict JSON)', () => {
    expect(problems('{"a": 1 // no\n}').length).toBeGreaterThan(0);
  });

  it('reports every duplicate key with line, column and the path of its object', () => {
    const text = ['{', '  "a": 1,', '  "a": 2,', '  "o": {', '    "x": 1,', '    "x": 2', '  },', '  "l": [{"k": 1, "k": 2}]', '}'].join('\n');
    const parsed = JsonDocument.parse(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.value).toEqual({ a: 2, o: { x: 2 }, l: [{ k: 2 }] });
    expect(parsed.duplicates).toEqual([
      { key: 'a', line: 3, column: 3, path: [] },
      { key: 'x', line: 6, column: 5, path: ['o'] },
      { key: 'k', line: 8, column: 18, path: ['l', 0] },
    ]);
  });

  it('the same key in sibling objects is not a duplicate', () => {
    const parsed = JsonDocument.parse('[{"a": 1}, {"a": 2}]');
    expect(parsed.ok && parsed.duplicates).toEqual([]);
  });
});

describe('JsonDocument.positionOf', () => {
  const text = ['{', '  "Statement": [', '    {"Effect": "Allow"},', '    {', '      "Effect": "Deny"', '    }', '  ]', '}'].join('\n');
  const parsed = JsonDocument.parse(text);
  if (!parsed.ok) throw new Error('fixture');
  const doc = parsed.document;

  it('finds a value by path (1-based line and column)', () => {
    expect(doc.positionOf(['Statement', 1, 'Effect'])).toEqual({ line: 5, column: 17 });
    expect(doc.positionOf(['Statement', 0])).toEqual({ line: 3, column: 5 });
  });

  it('falls back to the nearest existing ancestor', () => {
    expect(doc.positionOf(['Statement', 1, 'Action'])).toEqual({ line: 4, column: 5 });
    expect(doc.positionOf(['Nope'])).toEqual({ line: 1, column: 1 });
  });

  it('converts offsets to positions', () => {
    expect(doc.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(doc.positionAt(text.indexOf('"Statement"'))).toEqual({ line: 2, column: 3 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasWildcard, wildcardMatch } from '../src/policy/wildcard-match';

/** Reference: classic dynamic programming over (pattern, text); obviously correct, O(n·m). */
function reference(pattern: string, text: string, caseInsensitive = false): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = caseInsensitive ? text.toLowerCase() : text;
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    const c = p[i - 1];
    if (c === '*') {
      next[0] = row[0]!;
      for (let j = 1; j <= t.length; j++) next[j] = row[j]! || next[j - 1]!;
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = row[j - 1]! && (c === '?' || c === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

const cases: { pattern: string; text: string; ci?: boolean; expected: boolean }[] = [
  { pattern: 's3:GetObject', text: 's3:GetObject', expected: true },
  { pattern: 's3:GetObject', text: 's3:GetObjects', expected: false },
  { pattern: 's3:Get*', text: 's3:GetObject', expected: true },
  { pattern: 's3:Get*', text: 's3:Get', expected: true },
  { pattern: 's3:Get*', text: 's3:PutObject', expected: false },
  { pattern: '*', text: '', expected: true },
  { pattern: '*', text: 'anything', expected: true },
  { pattern: '', text: '', expected: true },
  { pattern: '', text: 'a', expected: false },
  { pattern: 'iam:Put*Policy', text: 'iam:PutRolePolicy', expected: true },
  { pattern: 'iam:Put*Policy', text: 'iam:PutRolePermissionsBoundary', expected: false },
  { pattern: 'iam:*Policy*', text: 'iam:PutPolicy', expected: true },
  { pattern: 'sqs:?endMessage', text: 'sqs:SendMessage', expected: true },
  { pattern: 'sqs:?endMessage', text: 'sqs:endMessage', expected: false },
  { pattern: 'a*b*c', text: 'abc', expected: true },
  { pattern: 'a*b*c', text: 'acb', expected: false },
  { pattern: 'a*ab', text: 'aab', expected: true },
  { pattern: '*a?b*', text: 'xxaXb', expected: true },
  { pattern: 'ab*ba', text: 'aba', expected: false },
  { pattern: 'S3:*', text: 's3:GetObject', ci: true, expected: true },
  { pattern: 'S3:*', text: 's3:GetObject', expected: false },
  { pattern: 'IAM:PassRole', text: 'iam:passrole', ci: true, expected: true },
  { pattern: 'arn:aws:s3:::bucket/*', text: 'arn:aws:s3:::bucket/a/b.txt', expected: true },
  { pattern: 'arn:aws:s3:::bucket/*', text: 'arn:aws:s3:::Bucket/a', expected: false },
  { pattern: 'arn:aws:iam::*:role/app-?', text: 'arn:aws:iam::111122223333:role/app-1', expected: true },
];

describe('wildcardMatch', () => {
  it.each(cases)('$pattern ~ $text (ci: $ci) → $expected', ({ pattern, text, ci, expected }) => {
    expect(wildcardMatch(pattern, text, ci ?? false)).toBe(expected);
    expect(reference(pattern, text, ci ?? false)).toBe(expected);
  });

  it('agrees with a dynamic-programming reference on random inputs', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', ':', '*', '?');
    const textAlphabet = fc.constantFrom('a', 'b', 'A', ':', '*', '?');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), fc.string({ unit: textAlphabet, maxLength: 16 }), fc.boolean(), (pattern, text, ci) => {
        expect(wildcardMatch(pattern, text, ci)).toBe(reference(pattern, text, ci));
      }),
      { numRuns: 5000 },
    );
  });

  it('a pattern matches itself with wildcards removed to their minimum', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '*'), maxLength: 20 }), (pattern) => {
        expect(wildcardMatch(pattern, pattern.replace(/\*/g, ''))).toBe(true);
      }),
    );
  });

  it('finishes fast on a pathological input (no backtracking)', () => {
    const pattern = 'a*'.repeat(2_000) + 'b';
    const text = 'a'.repeat(50_000);
    const started = performance.now();
    expect(wildcardMatch(pattern, text)).toBe(false);
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(100_000))).toBe(false);
    expect(wildcardMatch('*?*?*?*?*?*?*?*?*?*?b', 'a'.repeat(100_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('hasWildcard', () => {
  it.each([
    ['s3:*', true],
    ['s3:?etObject', true],
    ['s3:GetObject', false],
    ['', false],
  ] as const)('%s → %s', (value, expected) => {
    expect(hasWildcard(value)).toBe(expected);
  });
});

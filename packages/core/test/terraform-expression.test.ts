import { describe, expect, it } from 'vitest';
import { evaluateDeep, evaluateTemplate, evaluateTemplateSafely } from '../src/input/terraform-expression';
import { isUnknown, referenceMarker, referencesIn, UnknownValue, wholeReference } from '../src/inventory/values';

/** Resolves every reference to its marker, except `var.*`, which is unknown (as the inventory does). */
const resolve = (reference: string): unknown => (reference.startsWith('var.') ? new UnknownValue(`${reference} is not known statically`, [reference]) : referenceMarker(reference));
const evaluate = (text: string) => evaluateTemplateSafely(text, resolve);

describe('evaluateTemplate: strings', () => {
  it.each([
    ['plain text', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/*'],
    ['empty', '', ''],
    ['$${ escape', 'arn:aws:iam::1:user/$${aws:username}', 'arn:aws:iam::1:user/${aws:username}'],
    ['%%{ escape', 'a%%{b', 'a%{b'],
    ['policy variable kept literal', 'arn:aws:iam::1:user/${aws:username}', 'arn:aws:iam::1:user/${aws:username}'],
    ['policy variable with a slash key', 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*', 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*'],
    ['IAM escape ${*}', 'a${*}b', 'a${*}b'],
    ['a string literal interpolation', 'a${"b"}c', 'abc'],
    ['a number interpolation', 'n${42}', 'n42'],
    ['a function', '${lower("ABC")}', 'abc'],
    ['join', '${join(",", ["a", "b"])}', 'a,b'],
    ['jsondecode', '${jsondecode("{\\"a\\":1}")}', { a: 1 }],
  ] as const)('%s', (_name, text, expected) => {
    expect(evaluate(text)).toEqual(expected);
  });
});

describe('evaluateTemplate: references', () => {
  it('a whole reference is its marker', () => {
    const value = evaluate('${aws_s3_bucket.b.arn}');
    expect(value).toBe(referenceMarker('aws_s3_bucket.b.arn'));
    expect(wholeReference(value)).toBe('aws_s3_bucket.b.arn');
  });

  it('a reference inside a string keeps the marker and the rest', () => {
    const value = evaluate('${aws_s3_bucket.b.arn}/*');
    expect(value).toBe(`${referenceMarker('aws_s3_bucket.b.arn')}/*`);
    expect(wholeReference(value)).toBeUndefined();
    expect(referencesIn(value as string)).toEqual(['aws_s3_bucket.b.arn']);
  });

  it('index traversals are part of the reference', () => {
    expect(evaluate('${aws_s3_bucket.b[0].arn}')).toBe(referenceMarker('aws_s3_bucket.b[0].arn'));
    expect(evaluate('${aws_s3_bucket.b["x"].arn}')).toBe(referenceMarker('aws_s3_bucket.b["x"].arn'));
  });

  it('a variable is unknown and names itself', () => {
    const value = evaluate('arn:aws:s3:::${var.bucket}/*');
    expect(isUnknown(value)).toBe(true);
    expect((value as UnknownValue).references).toEqual(['var.bucket']);
  });

  it('a splat is unknown', () => {
    expect(isUnknown(evaluate('${aws_s3_bucket.b[*].arn}'))).toBe(true);
    expect(isUnknown(evaluate('${aws_s3_bucket.b.*.arn}'))).toBe(true);
  });
});

describe('evaluateTemplate: jsonencode', () => {
  it('an object literal with = and :', () => {
    expect(evaluate('${jsonencode({"Version" = "2012-10-17", Statement: []})}')).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('a tuple literal', () => {
    expect(evaluate('${jsonencode(["a", 1, true, null])}')).toEqual(['a', 1, true, null]);
  });

  it('a nested policy with references and escaped quotes', () => {
    const text = '${jsonencode({"Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = "${aws_s3_bucket.b.arn}/*", "Sid" = "say \\"hi\\""}]})}';
    expect(evaluate(text)).toEqual({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${referenceMarker('aws_s3_bucket.b.arn')}/*`, Sid: 'say "hi"' }] });
  });

  it('a policy variable inside jsonencode stays literal', () => {
    expect(evaluate('${jsonencode({"Resource" = "arn:aws:iam::1:user/$${aws:username}"})}')).toEqual({ Resource: 'arn:aws:iam::1:user/${aws:username}' });
  });

  it('multi-line objects with commas and comments', () => {
    expect(evaluate('${jsonencode({\n  # a comment\n  a = 1,\n  b = [2, 3], // another\n})}')).toEqual({ a: 1, b: [2, 3] });
  });

  it('multi-line objects with newline-separated attributes (HCL allows no commas)', () => {
    expect(evaluate('${jsonencode({\n  a = 1\n  b = [2, 3]\n})}')).toEqual({ a: 1, b: [2, 3] });
  });

  it('a variable inside jsonencode leaves the rest known and that value unknown', () => {
    const value = evaluate('${jsonencode({"Resource" = var.arn, "Effect" = "Allow"})}') as Record<string, unknown>;
    expect(value.Effect).toBe('Allow');
    expect(isUnknown(value.Resource)).toBe(true);
  });
});

describe('evaluateTemplate: what is not evaluated', () => {
  it.each([
    ['an unknown function', '${templatefile("p.json", {})}'],
    ['a %{ directive', '%{ if true }a%{ endif }'],
    ['a conditional', '${true ? "a" : "b"}'],
    ['an operator', '${1 + 2}'],
    ['an unterminated interpolation', '${aws_s3_bucket.b.arn'],
  ])('%s is an UnknownValue, never a guess', (_name, text) => {
    expect(isUnknown(evaluate(text))).toBe(true);
  });

  it('evaluateTemplate throws on a template it cannot parse; the safe variant does not', () => {
    expect(() => evaluateTemplate('${aws_s3_bucket.b.arn', resolve)).toThrow();
    expect(() => evaluateTemplateSafely('${aws_s3_bucket.b.arn', resolve)).not.toThrow();
  });
});

describe('evaluateDeep', () => {
  it('evaluates every string in objects and lists', () => {
    expect(evaluateDeep({ a: ['${aws_iam_role.r.arn}', 'x'], b: { c: '$${aws:username}' }, n: 1 }, resolve)).toEqual({
      a: [referenceMarker('aws_iam_role.r.arn'), 'x'],
      b: { c: '${aws:username}' },
      n: 1,
    });
  });
});

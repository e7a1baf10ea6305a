import { describe, expect, it } from 'vitest';
import { analyze } from '@workload-iga/core';

// What a user sees for input that is not JSON: one clear line per problem, with the position.
describe('input errors say what is wrong in words', () => {
  it.each([
    { name: 'an empty file', text: '', errors: ['1:1 the file is empty, not JSON (did a command that should have written it fail?)'] },
    { name: 'JSON saved as UTF-16', text: Buffer.from('{"a":1}', 'utf16le').toString('utf8'), errors: ['1:2 not UTF-8 text (NUL bytes or invalid UTF-8): a binary file, or JSON saved as UTF-16? Save it as UTF-8'] },
    { name: 'a truncated object', text: '{\n  "resource": {\n    "aws_iam_role": {', errors: ["3:22 unexpected end of JSON (expected '}'): the file looks truncated"] },
    { name: 'a trailing comma', text: '{"a": 1,}', errors: ['1:9 invalid JSON: expected a property name in double quotes'] },
    { name: 'a stray character', text: '{"a": 1} x', errors: ['1:10 invalid JSON: unexpected character'] },
  ])('$name', ({ text, errors }) => {
    const [input] = analyze([{ path: 'x.json', text }]).inputs;
    expect(input!.status).toBe('error');
    expect(input!.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(errors);
  });

  it('a policy that is an empty string (how the provider renders "{}") is an invalid policy, not a truncated file', () => {
    const text = JSON.stringify({ resource: { aws_iam_policy: { p: { policy: '' } } } });
    const messages = analyze([{ path: 'main.tf.json', text }]).findings.map((f) => `${f.ruleId}: ${f.message}`);
    expect(messages).toEqual([`valid-policy: 'policy' is empty (an empty policy, or "{}" that the provider renders as "")`]);
  });

  it('an Action of the wrong type is reported once, not also as missing', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }] });
    const messages = analyze([{ path: 'p.json', text }]).findings.filter((f) => f.ruleId === 'valid-policy').map((f) => f.message);
    expect(messages).toEqual(["'Action' of Statement[0] must be a string or a list of strings, got number 5"]);
  });
});

import { describe, expect, it } from 'vitest';
import { analyze } from '@workload-iga/core';

// Editors underline the exact token: findings about one element carry its full span.
const policyText = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    { "Sid": "Bad", "Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": "*" },',
  '    { "Sid": "Typo", "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*" }',
  '  ]',
  '}',
].join('\n');

const tfText = JSON.stringify(
  { data: { aws_iam_policy_document: { d: { statement: [{ sid: 'All', actions: ['s3:GetObject', 'iam:*'], resources: ['arn:aws:s3:::b/*'] }] } } } },
  null,
  2,
);

describe('findings carry the span of the element they are about', () => {
  it.each([
    { name: '"s3:*" in a policy file', file: 'p.json', text: policyText, rule: 'no-wildcard-action', range: [4, 67, 4, 73] },
    { name: '"*" resource in a policy file', file: 'p.json', text: policyText, rule: 'no-wildcard-resource', range: [4, 88, 4, 91] },
    { name: 'a misspelt action string', file: 'p.json', text: policyText, rule: 'no-unknown-action', range: [5, 51, 5, 65] },
    { name: '"iam:*" in a statement block of Terraform JSON', file: 'main.tf.json', text: tfText, rule: 'no-wildcard-action', range: [10, 15, 10, 22] },
  ])('$name', ({ file, text, rule, range }) => {
    const [f] = analyze([{ path: file, text }]).findings.filter((x) => x.ruleId === rule);
    const { line, column, endLine, endColumn } = f!.location;
    expect([line, column, endLine, endColumn]).toEqual(range);
    // The span is exactly the JSON string token, quotes included.
    const lineText = text.split('\n')[line! - 1]!;
    expect(lineText.slice(column! - 1, endColumn! - 1)).toMatch(/^"[^"]*"$/);
  });
});

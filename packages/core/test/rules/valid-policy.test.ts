import { describe, expect, it } from 'vitest';
import { expectFinding, fullFindingsOf, LAMBDA_TRUST, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'valid-policy';
const finding = expectFinding(RULE, 'invalid-policy');

/** A policy file whose statement repeats "Resource" (line 6, column 7). */
const DUPLICATE_KEY = {
  path: 'example.json',
  text: ['{', '  "Version": "2012-10-17",', '  "Statement": [{', '      "Effect": "Allow",', '      "Resource": "arn:aws:s3:::b/*",', '      "Resource": "*",', '      "Action": "s3:GetObject"', '  }]', '}'].join('\n'),
};
const ACTIONS_TYPO = roleWithInline({ Version: '2012-10-17', Statement: [{ Sid: 'Typo', Effect: 'Allow', Actions: 's3:GetObject', Resource: '*' }] });
const BROKEN_JSON = tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '{"Version": "2012-10-17", "Statement": [' } } } });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a well-formed identity policy', input: policyFile(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })) },
  { name: 'the legacy version', input: policyFile({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) },
  { name: 'a trust policy without Resource', input: roleWithInline(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), LAMBDA_TRUST) },
];

const invalid: RuleCase[] = [
  { name: 'a duplicate key in a policy file (with line)', input: DUPLICATE_KEY, expected: [finding('high', undefined, undefined, 6)], options: { line: true } },
  { name: 'invalid JSON in a policy attribute', input: BROKEN_JSON, expected: [finding('high', 'aws_iam_policy.p', undefined)] },
  { name: "an unknown element 'Actions'", input: ACTIONS_TYPO, expected: [finding('high', 'aws_iam_role_policy.app', 'Typo'), finding('high', 'aws_iam_role_policy.app', 'Typo')] },
  {
    name: 'a duplicate key inside a policy string in Terraform JSON',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}' } } } }),
    expected: [finding('high', 'aws_iam_policy.p', undefined, 6)],
    options: { line: true },
  },
  { name: 'no Effect', input: policyFile({ Version: '2012-10-17', Statement: [{ Action: 's3:GetObject', Resource: '*' }] }), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'Principal in an identity policy', input: roleWithInline(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Statement[0]')] },
  { name: 'an action not of the form service:Action', input: policyFile(policy({ Effect: 'Allow', Action: 'GetObject', Resource: '*' })), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a wrong Version', input: policyFile({ Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }), expected: [finding('high', undefined, undefined)] },
  {
    name: 'an AWS managed policy that does not exist',
    input: tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } }, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAcess' } } } }),
    expected: [finding('high', 'aws_iam_role_policy_attachment.a', undefined)],
  },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: messages`, () => {
  it('a duplicate key gives its line and column', () => {
    const [f] = fullFindingsOf(RULE, DUPLICATE_KEY);
    expect(f!.location).toMatchObject({ file: 'example.json', line: 6, column: 7 });
    expect(f!.message).toContain("'Resource'");
  });
  it("'Actions' suggests 'Action'", () => {
    expect(fullFindingsOf(RULE, ACTIONS_TYPO).map((f) => f.message)).toContainEqual(expect.stringContaining("did you mean 'Action'"));
  });
  it('invalid JSON in an attribute says where in the policy text', () => {
    const [f] = fullFindingsOf(RULE, BROKEN_JSON);
    expect(f!.message).toMatch(/not valid JSON .* at line 1, column \d+ of the policy text/);
  });
});

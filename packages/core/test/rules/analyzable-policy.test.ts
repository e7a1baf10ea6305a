import { describe, expect, it } from 'vitest';
import { allow, expectFinding, fullFindingsOf, jsonencode, LAMBDA_TRUST, policy, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'analyzable-policy';
const finding = expectFinding(RULE, 'unanalyzable');
const ROLE = { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } };

const VAR_RESOURCE = tfFile({
  resource: { aws_iam_policy: { p: { name: 'p', policy: jsonencode(policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '${var.bucket_arn}' })) } } },
});

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a reference to a resource in the configuration', input: roleWithInline(policy(allow('s3:GetObject', '${aws_s3_bucket.b.arn}/*'))) },
  { name: 'an escaped policy variable $${aws:username}', input: roleWithInline(policy(allow('iam:GetUser', 'arn:aws:iam::111122223333:user/$${aws:username}'))) },
  { name: 'a data source rendered into an attribute', input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.b.arn}/*'] }] } } }, resource: { aws_iam_role: ROLE, aws_iam_role_policy: { app: { role: '${aws_iam_role.app.id}', policy: '${data.aws_iam_policy_document.d.json}' } } } }) },
  { name: 'an AWS managed policy ARN', input: tfFile({ resource: { aws_iam_role: ROLE, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } } }) },
];

const invalid: RuleCase[] = [
  { name: 'the whole policy is a variable', input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '${var.policy}' } } } }), expected: [finding('high', 'aws_iam_policy.p', undefined)] },
  { name: 'a variable in a Resource inside jsonencode', input: VAR_RESOURCE, expected: [finding('high', 'aws_iam_policy.p', 'Read')] },
  {
    name: 'a function of apply-time values in a policy',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '${templatefile("policy.json", {})}' } } } }),
    expected: [finding('high', 'aws_iam_policy.p', undefined)],
  },
  {
    name: 'a customer policy ARN not in the configuration is medium',
    input: tfFile({ resource: { aws_iam_role: ROLE, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::111122223333:policy/shared-reader' } } } }),
    expected: [finding('medium', 'aws_iam_role_policy_attachment.a', undefined)],
  },
  {
    name: 'a reference to a policy that is not in the configuration is medium',
    input: tfFile({ resource: { aws_iam_role: ROLE, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.elsewhere.arn}' } } } }),
    expected: [finding('medium', 'aws_iam_role_policy_attachment.a', undefined)],
  },
  {
    name: 'managed_policy_arns from a variable',
    input: tfFile({ resource: { aws_iam_role: { app: { ...ROLE.app, managed_policy_arns: '${var.arns}' } } } }),
    expected: [finding('high', 'aws_iam_role.app', undefined)],
  },
  {
    // "or of what attaches it": the role the policy applies to is not known, so cross-policy
    // checks (PassRole + RunInstances on one role) cannot be made.
    name: 'the role of an inline policy is a variable',
    input: tfFile({ resource: { aws_iam_role_policy: { p: { name: 'p', role: '${var.role_name}', policy: JSON.stringify(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*'))) } } } }),
    expected: [finding('high', 'aws_iam_role_policy.p', undefined)],
  },
  {
    name: 'the role of an attachment is a variable',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: JSON.stringify(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*'))) } }, aws_iam_role_policy_attachment: { a: { role: '${var.role_name}', policy_arn: '${aws_iam_policy.p.arn}' } } } }),
    expected: [finding('high', 'aws_iam_role_policy_attachment.a', undefined)],
  },
  {
    name: 'a %{ } template directive in a policy',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '%{ if var.x }{}%{ endif }' } } } }),
    expected: [finding('high', 'aws_iam_policy.p', undefined)],
  },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: messages`, () => {
  it('names the attribute and the variable', () => {
    const [f] = fullFindingsOf(RULE, VAR_RESOURCE);
    expect(f!.message).toContain("'Resource'");
    expect(f!.evidence).toMatchObject({ element: 'Resource', references: ['var.bucket_arn'] });
  });
  it('names the attribute of a whole-policy variable', () => {
    const [f] = fullFindingsOf(RULE, tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: '${var.policy}' } } } }));
    expect(f!.message).toContain("'policy'");
    expect(f!.message).toContain('var.policy');
  });
});

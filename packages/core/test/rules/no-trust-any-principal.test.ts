import { describe, expect, it } from 'vitest';
import { expectFinding, fullFindingsOf, policy, policyFile, roleWithTrust, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-trust-any-principal';
const finding = expectFinding(RULE, 'trust-wildcard-principal');
const ORG_PINNED = policy({ Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a service principal', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' })) },
  { name: 'one account', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })) },
  { name: 'a Deny with "*"', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })) },
  { name: 'a resource policy (not a trust policy) with "*"', input: policyFile(policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' })) },
];

const invalid: RuleCase[] = [
  { name: '"Principal": "*" (TC-02)', input: roleWithTrust(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })), expected: [finding('critical', 'aws_iam_role.app', 'Statement[0]')] },
  { name: '{"AWS": "*"}', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'sts:AssumeRole' })), expected: [finding('critical', 'aws_iam_role.app', 'Statement[0]')] },
  { name: 'NotPrincipal', input: roleWithTrust(policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })), expected: [finding('critical', 'aws_iam_role.app', 'Statement[0]')] },
  { name: 'sts:* with "*"', input: roleWithTrust(policy({ Sid: 'Any', Effect: 'Allow', Principal: '*', Action: 'sts:*' })), expected: [finding('critical', 'aws_iam_role.app', 'Any')] },
  {
    name: 'a condition that does not restrict who (aws:SecureTransport) keeps it critical',
    input: roleWithTrust(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
    expected: [finding('critical', 'aws_iam_role.app', 'Statement[0]')],
  },
  {
    name: 'narrowed by aws:SourceAccount is low',
    input: roleWithTrust(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })),
    expected: [finding('low', 'aws_iam_role.app', 'Statement[0]')],
  },
  { name: 'org-pinned "*" is low (TC-03)', input: roleWithTrust(ORG_PINNED), expected: [finding('low', 'aws_iam_role.app', 'Org')] },
  { name: 'a standalone trust policy file', input: policyFile(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })), expected: [finding('critical', undefined, 'Statement[0]')] },
  {
    name: 'data source principals type "*" used as assume_role_policy',
    input: tfFile({
      data: { aws_iam_policy_document: { trust: { statement: [{ sid: 'Open', actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['*'] }] }] } } },
      resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    }),
    expected: [finding('critical', 'data.aws_iam_policy_document.trust', 'Open')],
  },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: messages`, () => {
  it('names the restricting key of an org-pinned trust', () => {
    const [f] = fullFindingsOf(RULE, roleWithTrust(ORG_PINNED));
    expect(f!.message).toContain('aws:PrincipalOrgID');
    expect(f!.identity).toBe('aws_iam_role.app');
  });
});

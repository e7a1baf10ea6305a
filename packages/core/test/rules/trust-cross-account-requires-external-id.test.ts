import { expectFinding, policy, roleWithTrust, ruleTable, tfFile, type Json, type RuleCase } from '../helpers';

const RULE = 'trust-cross-account-requires-external-id';
const finding = expectFinding(RULE, 'trust-cross-account-no-external-id');

const OTHER_ROOT = 'arn:aws:iam::444455556666:root';
function trust(principal: Json, extra: Record<string, Json> = {}, sid = 'Vendor') {
  return roleWithTrust(policy({ Sid: sid, Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }));
}
function withProvider(accounts: string[], principal: Json) {
  return tfFile({
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: accounts }] },
    resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(policy({ Sid: 'Vendor', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' })) } } },
  });
}
const EXTERNAL_ID = (id: Json) => ({ Condition: { StringEquals: { 'sts:ExternalId': id } } });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'another account with a strong sts:ExternalId', input: trust({ AWS: OTHER_ROOT }, EXTERNAL_ID('d1f3a9c7-5b2e-4f8a-9c6d-0e7b1a2c3d4e')) },
  { name: 'a role of another account with a strong sts:ExternalId', input: trust({ AWS: 'arn:aws:iam::444455556666:role/vendor' }, EXTERNAL_ID('vendor-acme-7f3k9q2x')) },
  { name: 'an account listed in the provider\'s allowed_account_ids', input: withProvider(['444455556666'], { AWS: OTHER_ROOT }) },
  { name: 'a role of an account listed in allowed_account_ids', input: withProvider(['111122223333', '444455556666'], { AWS: 'arn:aws:iam::444455556666:role/deployer' }) },
  { name: 'Principal "*" is left to no-trust-any-principal', input: trust('*') },
  { name: '{"AWS": "*"} is left to no-trust-any-principal', input: trust({ AWS: '*' }) },
  { name: 'a service principal', input: trust({ Service: 'lambda.amazonaws.com' }) },
  { name: 'a principal written as a reference', input: trust({ AWS: '${aws_iam_role.deployer.arn}' }) },
  { name: 'a Deny is not a trust', input: roleWithTrust(policy({ Effect: 'Deny', Principal: { AWS: OTHER_ROOT }, Action: 'sts:AssumeRole' })) },
  {
    name: 'only sts:TagSession for another account, not sts:AssumeRole',
    input: roleWithTrust(policy({ Effect: 'Allow', Principal: { AWS: OTHER_ROOT }, Action: 'sts:TagSession' })),
  },
];

const invalid: RuleCase[] = [
  { name: 'another account\'s root without sts:ExternalId is medium', input: trust({ AWS: OTHER_ROOT }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'a role of another account without sts:ExternalId', input: trust({ AWS: 'arn:aws:iam::444455556666:role/vendor' }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'a bare 12-digit account id', input: trust({ AWS: '444455556666' }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'two accounts: one finding each', input: trust({ AWS: [OTHER_ROOT, 'arn:aws:iam::777788889999:root'] }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor'), finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'Action sts:* covers sts:AssumeRole', input: roleWithTrust(policy({ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: OTHER_ROOT }, Action: 'sts:*' })), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'an account not in allowed_account_ids', input: withProvider(['111122223333'], { AWS: OTHER_ROOT }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  {
    name: 'a principal-restricting condition other than ExternalId does not replace it',
    input: trust({ AWS: OTHER_ROOT }, { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/vendor' } } }),
    expected: [finding('medium', 'aws_iam_role.app', 'Vendor')],
  },
  { name: 'sts:ExternalId with StringEqualsIfExists does not count (true when absent)', input: trust({ AWS: OTHER_ROOT }, { Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'd1f3a9c7-5b2e-4f8a' } } }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'sts:ExternalId with StringLike "*" does not count', input: trust({ AWS: OTHER_ROOT }, { Condition: { StringLike: { 'sts:ExternalId': '*' } } }), expected: [finding('medium', 'aws_iam_role.app', 'Vendor')] },
  { name: 'an ExternalId equal to the account id is weak (low)', input: trust({ AWS: OTHER_ROOT }, EXTERNAL_ID('444455556666')), expected: [finding('low', 'aws_iam_role.app', 'Vendor')] },
  { name: 'an ExternalId under 8 characters is weak (low)', input: trust({ AWS: OTHER_ROOT }, EXTERNAL_ID('abc123')), expected: [finding('low', 'aws_iam_role.app', 'Vendor')] },
  {
    name: 'data source trust for another account without ExternalId',
    input: tfFile({
      data: { aws_iam_policy_document: { trust: { statement: [{ sid: 'Vendor', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [OTHER_ROOT] }] }] } } },
      resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    }),
    expected: [finding('medium', 'data.aws_iam_policy_document.trust', 'Vendor')],
  },
];

ruleTable(RULE, valid, invalid);

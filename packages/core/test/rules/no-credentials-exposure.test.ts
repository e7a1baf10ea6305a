import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-credentials-exposure';
const finding = expectFinding(RULE, 'credentials-exposure');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'sts:AssumeRole of one named role', input: policyFile(policy(allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/deployer'))) },
  { name: 'ec2:GetPasswordData on one instance', input: policyFile(policy(allow('ec2:GetPasswordData', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0'))) },
  { name: 'rds-db:Connect as one database user', input: policyFile(policy(allow('rds-db:Connect', 'arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/app'))) },
  { name: 'Action "*" alone is left to no-wildcard-action', input: policyFile(policy(allow('*', '*'))) },
  { name: 'no credential action on "*"', input: policyFile(policy(allow(['sqs:DeleteQueue', 'sts:GetCallerIdentity'], '*'))) },
  { name: 'Deny of sts:AssumeRole on "*"', input: policyFile(policy(deny('sts:AssumeRole', '*'))) },
  { name: 'a trust policy is not an identity policy', input: tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' })) } } } }) },
  { name: 'a reference to a role in the configuration', input: roleWithInline(policy(allow('sts:AssumeRole', '${aws_iam_role.target.arn}'))) },
];

const invalid: RuleCase[] = [
  { name: 'sts:AssumeRole on "*"', input: policyFile(policy({ Sid: 'Any', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })), expected: [finding('high', undefined, 'Any')] },
  { name: 'sts:AssumeRole on every role: role/*', input: policyFile(policy(allow('sts:AssumeRole', 'arn:aws:iam::111122223333:role/*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'several credential actions in one statement: one finding', input: policyFile(policy(allow(['ec2:GetPasswordData', 'redshift:GetClusterCredentials', 'sts:GetFederationToken'], '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a service wildcard sts:* is expanded', input: policyFile(policy(allow('sts:*', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a partial pattern iam:*ServiceSpecificCredential', input: policyFile(policy(allow('iam:*ServiceSpecificCredential', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'NotResource', input: policyFile(policy({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::111122223333:role/admin' })), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'inline role policy', input: roleWithInline(policy({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Assume')] },
  {
    name: 'narrowed by aws:ResourceTag is info',
    input: policyFile(policy(allow('sts:AssumeRole', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'narrowed by a service ResourceTag key (iam:ResourceTag) is info',
    input: policyFile(policy(allow('sts:AssumeRole', '*', { Condition: { StringEquals: { 'iam:ResourceTag/team': 'payments' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'narrowed by aws:ResourceAccount is info',
    input: policyFile(policy(allow('sts:AssumeRole', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:SecureTransport does not lower it',
    input: policyFile(policy(allow('sts:AssumeRole', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:RequestedRegion does not lower it',
    input: policyFile(policy(allow('ec2:GetPasswordData', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'ForAllValues on a ResourceTag key does not lower it',
    input: policyFile(policy(allow('sts:AssumeRole', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'removed by an unconditional Deny for the only role is info',
    input: roleWithInline(policy({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }, deny('sts:AssumeRole', '*'))),
    expected: [finding('info', 'aws_iam_role_policy.app', 'Assume')],
  },
  {
    name: 'a Deny in a policy attached to nothing does not mask it',
    input: policyFile(policy(allow('sts:AssumeRole', '*'), deny('sts:AssumeRole', '*'))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'outside the permissions boundary of the only role is info',
    input: tfFile({
      resource: {
        aws_iam_policy: { boundary: { name: 'boundary', policy: JSON.stringify(policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*'))) } },
        aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' })), permissions_boundary: '${aws_iam_policy.boundary.arn}' } },
        aws_iam_role_policy: { app: { name: 'app', role: '${aws_iam_role.app.id}', policy: JSON.stringify(policy({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })) } },
      },
    }),
    expected: [finding('info', 'aws_iam_role_policy.app', 'Assume')],
  },
  {
    name: 'data source statement block',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ sid: 'Creds', actions: ['ec2:GetPasswordData'], resources: ['*'] }] } } } }),
    expected: [finding('high', 'data.aws_iam_policy_document.d', 'Creds')],
  },
];

ruleTable(RULE, valid, invalid);


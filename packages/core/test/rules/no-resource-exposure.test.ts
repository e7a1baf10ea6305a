import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-resource-exposure';
const finding = expectFinding(RULE, 'resource-exposure');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 's3:PutBucketPolicy on one bucket', input: policyFile(policy(allow('s3:PutBucketPolicy', 'arn:aws:s3:::reports'))) },
  { name: 'kms:PutKeyPolicy on one key', input: policyFile(policy(allow('kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'))) },
  { name: 'lambda:AddPermission on a reference to a function', input: roleWithInline(policy(allow('lambda:AddPermission', '${aws_lambda_function.api.arn}'))) },
  { name: 'IAM escalation actions are left to the escalation rules', input: policyFile(policy(allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PassRole'], '*'))) },
  { name: 'Action "*" alone is left to no-wildcard-action', input: policyFile(policy(allow('*', '*'))) },
  { name: 'write actions that do not manage permissions', input: policyFile(policy(allow(['sqs:DeleteQueue', 'ec2:TerminateInstances'], '*'))) },
  { name: 'Deny of s3:PutBucketPolicy on "*"', input: policyFile(policy(deny('s3:PutBucketPolicy', '*'))) },
];

const invalid: RuleCase[] = [
  { name: 's3:PutBucketPolicy on "*"', input: policyFile(policy({ Sid: 'Policy', Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: '*' })), expected: [finding('high', undefined, 'Policy')] },
  { name: 'every bucket: arn:aws:s3:::*', input: policyFile(policy(allow(['s3:PutBucketPolicy', 's3:PutBucketAcl'], 'arn:aws:s3:::*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'kms:PutKeyPolicy and kms:CreateGrant on "*"', input: policyFile(policy(allow(['kms:PutKeyPolicy', 'kms:CreateGrant'], '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'lambda:AddPermission on "*"', input: policyFile(policy(allow('lambda:AddPermission', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'ec2:ModifySnapshotAttribute on "*" (sharing snapshots)', input: policyFile(policy(allow('ec2:ModifySnapshotAttribute', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'queue, topic, secret and repository policies', input: policyFile(policy(allow(['sqs:SetQueueAttributes', 'sns:AddPermission', 'secretsmanager:PutResourcePolicy', 'ecr:SetRepositoryPolicy'], '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a service wildcard s3:* is expanded', input: policyFile(policy(allow('s3:*', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'IAM escalation actions beside one exposure action: one finding for the exposure action', input: policyFile(policy(allow(['iam:PutRolePolicy', 's3:PutBucketPolicy'], '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'NotResource', input: policyFile(policy({ Effect: 'Allow', Action: 's3:PutBucketPolicy', NotResource: 'arn:aws:s3:::audit' })), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'inline role policy', input: roleWithInline(policy({ Sid: 'Share', Effect: 'Allow', Action: 'ec2:ModifySnapshotAttribute', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Share')] },
  {
    name: 'narrowed by aws:ResourceTag is info',
    input: policyFile(policy(allow('s3:PutBucketPolicy', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:SecureTransport does not lower it',
    input: policyFile(policy(allow('s3:PutBucketPolicy', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'removed by an unconditional Deny for the only role is info',
    input: roleWithInline(policy({ Sid: 'Policy', Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: '*' }, deny('s3:PutBucketPolicy', '*'))),
    expected: [finding('info', 'aws_iam_role_policy.app', 'Policy')],
  },
  {
    name: 'data source statement block',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ sid: 'Grant', actions: ['kms:CreateGrant'], resources: ['*'] }] } } } }),
    expected: [finding('high', 'data.aws_iam_policy_document.d', 'Grant')],
  },
];

ruleTable(RULE, valid, invalid);

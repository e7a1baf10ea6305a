import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-data-exfiltration';
const finding = expectFinding(RULE, 'data-exfiltration');

const valid: Omit<RuleCase, 'expected'>[] = [
  // Accepts only "*" (each secret still needs GetSecretValue on it): never reported for using "*".
  { name: 'a wildcard-only action on "*" (secretsmanager:BatchGetSecretValue)', input: policyFile(policy(allow('secretsmanager:BatchGetSecretValue', '*'))) },
  { name: 'objects of one bucket: arn:aws:s3:::bucket/* is not every resource', input: policyFile(policy(allow(['s3:GetObject', 's3:GetObjectVersion'], 'arn:aws:s3:::bucket/*'))) },
  { name: 'one secret', input: policyFile(policy(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf'))) },
  { name: 'parameters under one path', input: policyFile(policy(allow('ssm:GetParametersByPath', 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/*'))) },
  { name: 'one table', input: policyFile(policy(allow(['dynamodb:GetItem', 'dynamodb:Query'], 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'))) },
  { name: 'kms:Decrypt on one key', input: policyFile(policy(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'))) },
  { name: 'a reference to a bucket in the configuration', input: roleWithInline(policy(allow('s3:GetObject', '${aws_s3_bucket.b.arn}/*'))) },
  { name: 'Action "*" alone is left to no-wildcard-action', input: policyFile(policy(allow('*', '*'))) },
  { name: 'no data-read action on "*"', input: policyFile(policy(allow(['s3:ListAllMyBuckets', 'sqs:DeleteQueue'], '*'))) },
  { name: 'Deny of s3:GetObject on "*"', input: policyFile(policy(deny('s3:GetObject', '*'))) },
];

const invalid: RuleCase[] = [
  { name: 's3:GetObject on "*" is medium', input: policyFile(policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })), expected: [finding('medium', undefined, 'Read')] },
  { name: 'every bucket: arn:aws:s3:::*', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'every object of every bucket: arn:aws:s3:::*/*', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::*/*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'every table: table/*', input: policyFile(policy(allow('dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'dynamodb:Scan and ExportTableToPointInTime on "*" is medium', input: policyFile(policy(allow(['dynamodb:Scan', 'dynamodb:ExportTableToPointInTime'], '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'snapshots on "*" are medium', input: policyFile(policy(allow(['rds:CreateDBSnapshot', 'ec2:CreateSnapshot'], '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'secretsmanager:GetSecretValue on "*" is high', input: policyFile(policy(allow('secretsmanager:GetSecretValue', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'ssm:GetParameter on every parameter is high', input: policyFile(policy(allow('ssm:GetParameter', 'arn:aws:ssm:eu-west-1:111122223333:parameter/*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'kms:Decrypt on "*" is high', input: policyFile(policy(allow('kms:Decrypt', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a secret among other reads makes the statement high', input: policyFile(policy(allow(['s3:GetObject', 'ssm:GetParameters'], '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'a service wildcard s3:* is expanded', input: policyFile(policy(allow('s3:*', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'a partial pattern s3:Get* is expanded', input: policyFile(policy(allow('s3:Get*', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'NotResource', input: policyFile(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'inline role policy', input: roleWithInline(policy({ Sid: 'Secrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Secrets')] },
  {
    name: 'narrowed by secretsmanager:ResourceTag is info',
    input: policyFile(policy(allow('secretsmanager:GetSecretValue', '*', { Condition: { StringEquals: { 'secretsmanager:ResourceTag/team': 'payments' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'narrowed by kms:ViaService is info',
    input: policyFile(policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'narrowed by aws:ResourceAccount is info',
    input: policyFile(policy(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:SecureTransport does not lower it',
    input: policyFile(policy(allow('s3:GetObject', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))),
    expected: [finding('medium', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:RequestedRegion does not lower it',
    input: policyFile(policy(allow('secretsmanager:GetSecretValue', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'removed by an unconditional Deny for the only role is info',
    input: roleWithInline(policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, deny('s3:GetObject', '*'))),
    expected: [finding('info', 'aws_iam_role_policy.app', 'Read')],
  },
  {
    name: 'a Deny of only some of the actions does not mask it',
    input: roleWithInline(policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: '*' }, deny('s3:GetObject', '*'))),
    expected: [finding('high', 'aws_iam_role_policy.app', 'Read')],
  },
  // Moved from no-wildcard-resource, which no longer reports data-read actions.
  {
    name: 'wildcard-only and data-read actions in one statement: one finding',
    input: roleWithInline(policy({ Sid: 'Mixed', Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'dynamodb:GetItem'], Resource: '*' })),
    expected: [finding('medium', 'aws_iam_role_policy.app', 'Mixed')],
  },
  {
    name: 'data source statement block',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ sid: 'Read', actions: ['dynamodb:Query'], resources: ['*'] }] } } } }),
    expected: [finding('medium', 'data.aws_iam_policy_document.d', 'Read')],
  },
];

ruleTable(RULE, valid, invalid);

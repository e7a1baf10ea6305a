import { allow, deny, expectFinding, jsonencode, LAMBDA_TRUST, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-wildcard-action';
const finding = expectFinding(RULE, 'wildcard-action');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'named actions on one bucket', input: policyFile(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::reports/*'))) },
  { name: 'a prefix wildcard that is not the whole service (s3:Get*)', input: policyFile(policy(allow('s3:Get*', 'arn:aws:s3:::reports/*'))) },
  { name: 'Deny with "*"', input: policyFile(policy(deny('*', '*'), allow('s3:GetObject', 'arn:aws:s3:::reports/*'))) },
  { name: 'Deny with a service wildcard', input: policyFile(policy(deny('iam:*', '*'))) },
  {
    name: 'a source document whose s3:* statement the using document overrides by Sid',
    input: tfFile({
      data: {
        aws_iam_policy_document: {
          base: { statement: [{ sid: 'S3', actions: ['s3:*'], resources: ['*'] }] },
          final: { source_policy_documents: ['${data.aws_iam_policy_document.base.json}'], statement: [{ sid: 'S3', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }] },
        },
      },
      resource: { aws_iam_policy: { p: { name: 'p', policy: '${data.aws_iam_policy_document.final.json}' } } },
    }),
  },
  {
    name: 'wildcard-only actions on "*" (no wildcard in the action)',
    input: policyFile(policy(allow(['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'ec2:DescribeInstances', 'cloudwatch:PutMetricData', 'xray:PutTraceSegments', 'logs:DescribeLogGroups'], '*'))),
  },
  { name: 'trust policies are not checked for action wildcards', input: roleWithInline(policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*')), policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:*' })) },
  {
    // TC-15: the boundary is a ceiling, not a grant; an `Allow *` boundary grants nothing.
    name: 'a permissions boundary that allows "*" (TC-15)',
    input: tfFile({
      resource: {
        aws_iam_policy: { boundary: { name: 'boundary', policy: JSON.stringify(policy(allow('*', '*'), deny('iam:*', '*'))) } },
        aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST), permissions_boundary: '${aws_iam_policy.boundary.arn}' } },
      },
    }),
  },
];

const invalid: RuleCase[] = [
  { name: '"*" on "*" is administrator access', input: policyFile(policy(allow('*', '*'))), expected: [finding('critical', undefined, 'Statement[0]')] },
  { name: '"*" on one bucket', input: policyFile(policy({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::reports/*' })), expected: [finding('high', undefined, 'All')] },
  { name: 'a single Statement object (not a list)', input: policyFile({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }), expected: [finding('critical', undefined, 'Statement[0]')] },
  { name: 's3:* (sensitive service)', input: policyFile(policy(allow('s3:*', 'arn:aws:s3:::reports/*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'S3:* (action names are case-insensitive)', input: policyFile(policy(allow('S3:*', 'arn:aws:s3:::reports/*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'logs:* (other service)', input: policyFile(policy(allow('logs:*', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  {
    name: 'two wildcards in one statement give two findings',
    input: policyFile(policy(allow(['xray:*', 'iam:*'], '*'))),
    expected: [finding('high', undefined, 'Statement[0]'), finding('medium', undefined, 'Statement[0]')],
  },
  { name: 'inline role policy with a JSON string', input: roleWithInline(policy({ Sid: 'Dynamo', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Dynamo')] },
  {
    name: 'aws_iam_policy with a jsonencode template',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: jsonencode(policy({ Sid: 'Kms', Effect: 'Allow', Action: ['kms:*'], Resource: '${aws_kms_key.k.arn}' })) } } } }),
    expected: [finding('high', 'aws_iam_policy.p', 'Kms')],
  },
  {
    name: 'data.aws_iam_policy_document statement block',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['ec2:*'], resources: ['*'] }] } } } }),
    expected: [finding('high', 'data.aws_iam_policy_document.d', 'Statement[0]')],
  },
  {
    name: 'a pattern whose expansion is the whole service (sqs:*Message* is not; sqs:* is)',
    input: policyFile(policy(allow(['sqs:*Message*'], '*'), allow('sqs:*', 'arn:aws:sqs:eu-west-1:111122223333:q'))),
    expected: [finding('medium', undefined, 'Statement[1]')],
  },
  {
    name: 'each data source statement: the finding is at the offending action (line 17: "ec2:*")',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }, { sid: 'Ec2', actions: ['ec2:*'], resources: ['*'] }] } } } }),
    expected: [finding('high', 'data.aws_iam_policy_document.d', 'Ec2', 17)],
    options: { line: true },
  },
  {
    name: 'a policy file statement: the finding is at the offending action (line 11: "sqs:*")',
    input: policyFile(policy(allow('s3:GetObject', '*'), allow('sqs:*', '*'))),
    expected: [finding('medium', undefined, 'Statement[1]', 11)],
    options: { line: true },
  },
];

ruleTable(RULE, valid, invalid);

import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-wildcard-resource';
const finding = expectFinding(RULE, 'wildcard-resource');

const valid: Omit<RuleCase, 'expected'>[] = [
  {
    name: 'wildcard-only actions on "*" (TC-11)',
    input: policyFile(policy(allow(['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'ec2:DescribeInstances', 'cloudwatch:PutMetricData', 'xray:PutTraceSegments', 'logs:DescribeLogGroups'], '*'))),
  },
  { name: 'cloudwatch:PutMetricData with a namespace condition (TC-10)', input: policyFile(policy(allow('cloudwatch:PutMetricData', '*', { Condition: { StringEquals: { 'cloudwatch:namespace': 'App' } } }))) },
  { name: 'object wildcard in one bucket (TC-12)', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::reports-bucket/*'))) },
  { name: 'objects of arn:aws:s3:::bucket/*', input: policyFile(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::bucket/*'))) },
  { name: 'log streams of a log group without a path (log-group:api:*)', input: policyFile(policy(allow('logs:PutLogEvents', 'arn:aws:logs:eu-west-1:111122223333:log-group:api:*'))) },
  { name: 'log streams of one log group', input: policyFile(policy(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/api:*'))) },
  { name: 'a reference to a bucket in the configuration', input: roleWithInline(policy(allow('s3:GetObject', '${aws_s3_bucket.b.arn}/*'))) },
  { name: 'Deny on "*"', input: policyFile(policy(deny('s3:DeleteObject', '*'))) },
  { name: 'Action "*" is left to no-wildcard-action', input: policyFile(policy(allow('*', '*'))) },
  { name: 'NotResource is left to no-allow-not-action-or-not-resource', input: policyFile(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })) },
  // s3:GetObject is a data-read action: reported by no-data-exfiltration (same case there), not here.
  { name: 's3:GetObject on "*" (TC-12 contrast)', input: policyFile(policy(allow('s3:GetObject', '*'))) },
  // Claimed by no-data-exfiltration ('every bucket: arn:aws:s3:::*' there).
  { name: 'every bucket: arn:aws:s3:::*', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::*'))) },
  // Claimed by no-data-exfiltration ('every object of every bucket: arn:aws:s3:::*/*' there).
  { name: 'every object of every bucket: arn:aws:s3:::*/*', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::*/*'))) },
  // dynamodb:GetItem is a data-read action: no-data-exfiltration ('every table: table/*' there).
  { name: 'every table: table/*', input: policyFile(policy(allow('dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/*'))) },
  // iam:PutRolePolicy is an escalation action: no-privilege-escalation-action reports it (same case there).
  { name: 'a permissions-management action on "*" is high', input: policyFile(policy({ Sid: 'Put', Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' })) },
  // The only scopable action, dynamodb:GetItem, is claimed by no-data-exfiltration (same case there).
  { name: 'wildcard-only and scopable actions in one statement: one finding', input: roleWithInline(policy({ Sid: 'Mixed', Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'dynamodb:GetItem'], Resource: '*' })) },
];

const invalid: RuleCase[] = [
  // Only a Read action remains: low.
  { name: 'every role: role/*', input: policyFile(policy(allow('iam:GetRole', 'arn:aws:iam::111122223333:role/*'))), expected: [finding('low', undefined, 'Statement[0]')] },
  {
    // A scoping condition now lowers the finding to info (was low); the name is kept.
    name: 'narrowed by aws:ResourceTag is low',
    input: policyFile(policy(allow('ec2:StartInstances', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } }))),
    expected: [finding('info', undefined, 'Statement[0]')],
  },
  {
    name: 'a condition that does not scope resources does not lower it (TC-13 ForAllValues region)',
    input: policyFile(policy(allow('ec2:RunInstances', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:RequestedRegion': ['eu-west-1'] } } }))),
    expected: [finding('medium', undefined, 'Statement[0]')],
  },

  {
    // sqs:ReceiveMessage is a Read action: low.
    name: 'data source statement block',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ sid: 'Read', actions: ['sqs:ReceiveMessage'], resources: ['*'] }] } } } }),
    expected: [finding('low', 'data.aws_iam_policy_document.d', 'Read')],
  },
  { name: 'a Write action no specific rule claims on "*" is medium', input: policyFile(policy(allow(['ec2:TerminateInstances', 'sqs:DeleteQueue'], '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  {
    name: 'claimed actions beside an unclaimed one: reported for the unclaimed one only',
    input: policyFile(policy(allow(['s3:GetObject', 'iam:PassRole', 'sts:AssumeRole', 's3:PutBucketPolicy', 'sqs:ReceiveMessage'], '*'))),
    expected: [finding('low', undefined, 'Statement[0]')],
  },
];

ruleTable(RULE, valid, invalid);

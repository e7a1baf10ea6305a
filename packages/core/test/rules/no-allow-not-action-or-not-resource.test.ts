import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-allow-not-action-or-not-resource';
const finding = expectFinding(RULE, 'not-action-or-not-resource');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'Allow with Action and Resource', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*'))) },
  { name: 'Deny with NotAction (the usual guard-rail)', input: policyFile(policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })) },
  { name: 'Deny with NotResource', input: policyFile(policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' })) },
  { name: 'Terraform: statement with actions', input: roleWithInline(policy(allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q'))) },
];

const invalid: RuleCase[] = [
  { name: 'NotAction with a bogus action on "*" (TC-01)', input: policyFile(policy({ Effect: 'Allow', NotAction: 'nosuch:Thing', Resource: '*' })), expected: [finding('critical', undefined, 'Statement[0]')] },
  { name: 'NotAction on one bucket', input: policyFile(policy({ Sid: 'NA', Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' })), expected: [finding('high', undefined, 'NA')] },
  { name: 'NotResource', input: policyFile(policy({ Sid: 'NR', Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })), expected: [finding('high', undefined, 'NR')] },
  {
    name: 'NotAction and NotResource in one statement',
    input: policyFile(policy({ Sid: 'Both', Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' })),
    expected: [finding('critical', undefined, 'Both'), finding('high', undefined, 'Both')],
  },
  {
    name: 'data source with not_actions',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ sid: 'Most', not_actions: ['iam:*'], resources: ['*'] }] } } } }),
    expected: [finding('critical', 'data.aws_iam_policy_document.d', 'Most')],
  },
  { name: 'inline role policy', input: roleWithInline(policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }, deny('*', 'arn:aws:s3:::x'))), expected: [finding('high', 'aws_iam_role_policy.app', 'Statement[0]')] },
];

ruleTable(RULE, valid, invalid);

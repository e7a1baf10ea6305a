import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, type RuleCase } from '../helpers';

const RULE = 'no-unknown-action';
const finding = expectFinding(RULE, 'unknown-action');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'known actions', input: policyFile(policy(allow(['s3:GetObject', 'sts:GetCallerIdentity'], '*'))) },
  { name: 'case-insensitive: S3:getobject', input: policyFile(policy(allow(['S3:getobject', 'IAM:PassRole'], 'arn:aws:s3:::b/*'))) },
  { name: 'patterns that match actions', input: policyFile(policy(allow(['s3:Get*', 'ec2:Describe*', 'iam:Put*Policy', 'sqs:?endMessage'], '*'))) },
  { name: '"*"', input: policyFile(policy(allow('*', 'arn:aws:s3:::b'))) },
];

const invalid: RuleCase[] = [
  { name: 'a typo in an action', input: policyFile(policy(allow('s3:GetObjekt', 'arn:aws:s3:::b/*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'an unknown service', input: policyFile(policy(allow('s4:GetObject', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'a pattern matching nothing', input: policyFile(policy(allow('s3:Get*Foo', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'a typo in a Deny denies nothing', input: policyFile(policy(deny('iam:DeleteRoel', '*'))), expected: [finding('medium', undefined, 'Statement[0]')] },
  { name: 'NotAction with a bogus action is high (TC-01)', input: policyFile(policy({ Effect: 'Allow', NotAction: 'nosuch:Thing', Resource: '*' })), expected: [finding('high', undefined, 'Statement[0]')] },
  {
    name: 'two unknown actions in an inline role policy',
    input: roleWithInline(policy({ Sid: 'Typos', Effect: 'Allow', Action: ['dynamodb:GetItems', 'sqs:SendMessages'], Resource: '*' })),
    expected: [finding('medium', 'aws_iam_role_policy.app', 'Typos'), finding('medium', 'aws_iam_role_policy.app', 'Typos')],
  },
];

ruleTable(RULE, valid, invalid);

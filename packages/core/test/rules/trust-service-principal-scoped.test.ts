import { expectFinding, roleWithTrust, ruleTable, type RuleCase } from '../helpers';

const RULE = 'trust-service-principal-scoped';
const finding = expectFinding(RULE, 'confused-deputy');
const trust = (statement: object) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Svc', Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });
const svc = (service: string, extra: object = {}) => trust({ Principal: { Service: service }, ...extra });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a compute service (reached only through iam:PassRole)', input: roleWithTrust(svc('lambda.amazonaws.com')) },
  { name: 'ecs-tasks', input: roleWithTrust(svc('ecs-tasks.amazonaws.com')) },
  { name: 'S3 replication pinned with aws:SourceAccount', input: roleWithTrust(svc('s3.amazonaws.com', { Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })) },
  { name: 'Config pinned with aws:SourceArn', input: roleWithTrust(svc('config.amazonaws.com', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:config:eu-west-1:111122223333:*' } } })) },
  {
    name: 'Pod Identity with TagSession, the account and session tags',
    input: roleWithTrust(trust({ Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringEquals: { 'aws:SourceAccount': '111122223333', 'aws:RequestTag/kubernetes-namespace': 'payments' } } })),
  },
];

const invalid: RuleCase[] = [
  { name: 'S3 with no source condition', input: roleWithTrust(svc('s3.amazonaws.com')), expected: [finding('medium', 'aws_iam_role.app', 'Svc')] },
  { name: 'CloudTrail with only aws:SecureTransport', input: roleWithTrust(svc('cloudtrail.amazonaws.com', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expected: [finding('medium', 'aws_iam_role.app', 'Svc')] },
  { name: 'SourceAccount tested with IfExists does not pin it', input: roleWithTrust(svc('events.amazonaws.com', { Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } })), expected: [finding('medium', 'aws_iam_role.app', 'Svc')] },
  {
    name: 'Pod Identity without sts:TagSession and without conditions: two low findings',
    input: roleWithTrust(svc('pods.eks.amazonaws.com')),
    expected: [finding('low', 'aws_iam_role.app', 'Svc'), finding('low', 'aws_iam_role.app', 'Svc')],
  },
];

ruleTable(RULE, valid, invalid);

import { allow, deny, expectFinding, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-privilege-escalation-action';
const finding = expectFinding(RULE, 'privilege-escalation');

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'read-only IAM actions on "*"', input: policyFile(policy(allow(['iam:GetRole', 'iam:ListRoles'], '*'))) },
  { name: 'escalation actions on the caller itself: user/${aws:username}', input: policyFile(policy(allow(['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:PutUserPolicy'], 'arn:aws:iam::111122223333:user/${aws:username}'))) },
  {
    name: 'user/$${aws:username} in Terraform JSON (escaped policy variable)',
    input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: JSON.stringify(policy(allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/$${aws:username}'))) } } } }),
  },
  { name: 'Deny of escalation actions', input: policyFile(policy(deny(['iam:PutRolePolicy', 'iam:AttachRolePolicy'], '*'))) },
  { name: 'an unconditional Deny iam:* on "*" in the same policy removes the escalation', input: policyFile(policy(allow('iam:Put*Policy', '*'), deny('iam:*', '*'))) },
  {
    name: 'PassRole on role/app/* pinned to lambda (TC-05 variant)',
    input: policyFile(policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app/*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }))),
  },
  {
    name: 'PassRole on "*" pinned with iam:PassedToService to a non-compute service',
    input: policyFile(policy(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'cloudtrail.amazonaws.com' } } }))),
  },
  { name: 'PassRole on one named role', input: policyFile(policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/worker'))) },
  { name: 'trust policies are not identity policies', input: roleWithInline(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*'))) },
];

const invalid: RuleCase[] = [
  { name: 'iam:PassRole on "*" (TC-05)', input: policyFile(policy(allow('iam:PassRole', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'IAM:PassRole (case-insensitive action)', input: policyFile(policy(allow('IAM:PassRole', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  // Moved from no-wildcard-resource, which no longer reports escalation actions.
  { name: 'iam:PutRolePolicy on "*"', input: policyFile(policy({ Sid: 'Put', Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' })), expected: [finding('high', undefined, 'Put')] },
  { name: 'iam:Put*Policy covers Put{User,Group,Role}Policy (TC-07)', input: policyFile(policy(allow('iam:Put*Policy', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  {
    name: 'a non-restricting condition does not hide it (TC-09)',
    input: policyFile(policy(allow('iam:CreateAccessKey', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
  {
    name: 'a scoped Deny does not erase an unscoped Allow (TC-08)',
    input: policyFile(policy({ Sid: 'Iam', Effect: 'Allow', Action: 'iam:*', Resource: '*' }, deny('iam:*', 'arn:aws:iam::111122223333:role/admin'))),
    expected: [finding('high', undefined, 'Iam')],
  },
  { name: 'AttachRolePolicy on every role', input: policyFile(policy(allow('iam:AttachRolePolicy', 'arn:aws:iam::111122223333:role/*'))), expected: [finding('high', undefined, 'Statement[0]')] },
  { name: 'NotAction covers the escalation actions', input: policyFile(policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })), expected: [finding('high', undefined, 'Statement[0]')] },
  {
    name: 'inline role policy in Terraform JSON',
    input: roleWithInline(policy({ Sid: 'Versions', Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], Resource: 'arn:aws:iam::111122223333:policy/*' })),
    expected: [finding('high', 'aws_iam_role_policy.app', 'Versions')],
  },
  {
    name: 'data source with UpdateAssumeRolePolicy',
    input: tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['iam:UpdateAssumeRolePolicy'], resources: ['*'] }] } } } }),
    expected: [finding('high', 'data.aws_iam_policy_document.d', 'Statement[0]')],
  },
  {
    // The description says "on resources beyond the caller itself": another, named user is beyond it.
    // A named other principal is a path to its privileges, which the policy alone does not show:
    // medium. Any principal (wildcards, NotResource) is high.
    name: 'CreateAccessKey on another named user (user/admin) is medium',
    input: policyFile(policy(allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/admin'))),
    expected: [finding('medium', undefined, 'Statement[0]')],
  },
  {
    name: 'a Deny with NotResource does not remove the Allow on "*"',
    input: policyFile(policy(allow('iam:PassRole', '*'), { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/worker' })),
    expected: [finding('high', undefined, 'Statement[0]')],
  },
];

ruleTable(RULE, valid, invalid);

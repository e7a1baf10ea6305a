import { allow, deny, expectFinding, LAMBDA_TRUST, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-privilege-escalation-path';
const finding = expectFinding(RULE, 'privilege-escalation');

/** Role `aws_iam_role.app` with two inline policies, `a` and `b`. */
function twoPolicies(a: unknown, b: unknown) {
  return tfFile({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } },
      aws_iam_role_policy: {
        a: { name: 'a', role: '${aws_iam_role.app.id}', policy: JSON.stringify(a) },
        b: { name: 'b', role: '${aws_iam_role.app.id}', policy: JSON.stringify(b) },
      },
    },
  });
}

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'SSM SendCommand on named instances', input: roleWithInline(policy(allow('ssm:SendCommand', ['arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc', 'arn:aws:ssm:eu-west-1::document/AWS-RunShellScript']))) },
  { name: 'UpdateFunctionCode on one named function', input: roleWithInline(policy(allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:111122223333:function:api'))) },
  { name: 'UpdateAssumeRolePolicy without sts:AssumeRole is not the two-step path', input: roleWithInline(policy(allow('iam:UpdateAssumeRolePolicy', 'arn:aws:iam::111122223333:role/app'))) },
  { name: 'only one half of the user-data path', input: roleWithInline(policy(allow(['ec2:StopInstances', 'ec2:StartInstances'], '*'))) },
  { name: 'removed by an unconditional Deny', input: roleWithInline(policy(allow('ecs:ExecuteCommand', '*'), deny('ecs:ExecuteCommand', '*'))) },
];

const invalid: RuleCase[] = [
  { name: 'SSM SendCommand on every instance', input: roleWithInline(policy({ Sid: 'Ops', Effect: 'Allow', Action: 'ssm:SendCommand', Resource: '*' })), expected: [finding('high', 'aws_iam_role_policy.app', 'Ops')] },
  { name: 'ECS Exec on every task', input: roleWithInline(policy(allow('ecs:ExecuteCommand', '*'))), expected: [finding('high', 'aws_iam_role_policy.app', 'Statement[0]')] },
  { name: 'replacing any Lambda code (Rhino 22)', input: roleWithInline(policy(allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:*:111122223333:function:*'))), expected: [finding('high', 'aws_iam_role_policy.app', 'Statement[0]')] },
  {
    name: 'EC2 user data: three actions split across two policies',
    input: twoPolicies(policy({ Sid: 'Modify', Effect: 'Allow', Action: 'ec2:ModifyInstanceAttribute', Resource: '*' }), policy({ Sid: 'Cycle', Effect: 'Allow', Action: ['ec2:StopInstances', 'ec2:StartInstances'], Resource: '*' })),
    expected: [finding('high', 'aws_iam_role_policy.a', 'Modify')],
  },
  {
    name: 'rewriting a trust policy and assuming the role is critical (TC-17)',
    input: roleWithInline(policy({ Sid: 'Trust', Effect: 'Allow', Action: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], Resource: '*' })),
    expected: [finding('critical', 'aws_iam_role_policy.app', 'Trust')],
  },
  {
    name: 'attaching any policy to a role and assuming it is critical (Rhino 9)',
    input: twoPolicies(policy({ Sid: 'Attach', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*' }), policy({ Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/*' })),
    expected: [finding('critical', 'aws_iam_role_policy.a', 'Attach')],
  },
  {
    name: 'removing a permissions boundary',
    input: roleWithInline(policy(allow('iam:DeleteRolePermissionsBoundary', '*'))),
    expected: [finding('high', 'aws_iam_role_policy.app', 'Statement[0]')],
  },
  { name: 'a policy file alone is evaluated as its holder', input: policyFile(policy(allow('ssm:StartSession', '*'))), expected: [finding('high', undefined, 'Statement[0]')] },
];

ruleTable(RULE, valid, invalid);

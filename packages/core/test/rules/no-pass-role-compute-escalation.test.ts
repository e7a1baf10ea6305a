import { describe, expect, it } from 'vitest';
import { allow, deny, expectFinding, fullFindingsOf, LAMBDA_TRUST, policy, policyFile, roleWithInline, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-pass-role-compute-escalation';
const finding = expectFinding(RULE, 'privilege-escalation');

/** Role `aws_iam_role.app` with inline policy `pass` and customer policy `launch` attached by `attach`. */
function splitAcrossPolicies(pass: unknown, launch: unknown) {
  return tfFile({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } },
      aws_iam_role_policy: { pass: { name: 'pass', role: '${aws_iam_role.app.id}', policy: JSON.stringify(pass) } },
      aws_iam_policy: { launch: { name: 'launch', policy: JSON.stringify(launch) } },
      aws_iam_role_policy_attachment: { attach: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.launch.arn}' } },
    },
  });
}

const PASS_ANY = policy({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
const RUN = policy({ Sid: 'Run', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' });
const LAMBDA = policy({ Sid: 'Fn', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' });

const valid: Omit<RuleCase, 'expected'>[] = [
  {
    name: 'a policy file alone, PassRole pinned to Lambda while the launcher is EC2',
    input: policyFile(policy(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow('ec2:RunInstances', '*'))),
  },
  { name: 'PassRole without a launcher', input: roleWithInline(PASS_ANY) },
  { name: 'PassRole with ecs:RunTask but no RegisterTaskDefinition (only existing task definitions)', input: splitAcrossPolicies(PASS_ANY, policy(allow('ecs:RunTask', '*'))) },
  { name: 'a launcher without PassRole', input: roleWithInline(RUN) },
  { name: 'PassRole on one named role', input: splitAcrossPolicies(policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/worker')), RUN) },
  {
    name: 'PassRole pinned to lambda.amazonaws.com with ec2:RunInstances',
    input: splitAcrossPolicies(policy(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })), RUN),
  },
  { name: 'an unconditional Deny of iam:PassRole on "*"', input: splitAcrossPolicies(policy(allow('iam:PassRole', '*'), deny('iam:PassRole', '*')), RUN) },
];

const invalid: RuleCase[] = [
  {
    name: 'PassRole with ECS RegisterTaskDefinition + RunTask',
    input: splitAcrossPolicies(PASS_ANY, policy({ Sid: 'Ecs', Effect: 'Allow', Action: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], Resource: '*' })),
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  {
    name: 'PassRole with a CloudFormation stack (Rhino 20)',
    input: splitAcrossPolicies(PASS_ANY, policy(allow('cloudformation:CreateStack', '*'))),
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  {
    name: 'PassRole with a Glue development endpoint (Rhino 18)',
    input: splitAcrossPolicies(PASS_ANY, policy(allow('glue:CreateDevEndpoint', '*'))),
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  // A policy attached to nothing is evaluated as whoever holds it: the combination is in the document.
  { name: 'a policy file alone: whoever holds it can escalate', input: policyFile(policy(allow(['iam:PassRole', 'ec2:RunInstances'], '*'))), expected: [finding('critical', undefined, 'Statement[0]')] },
  { name: 'split across two policies attached to one role (TC-06, EC2)', input: splitAcrossPolicies(PASS_ANY, RUN), expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')] },
  { name: 'split across two policies attached to one role (TC-06, Lambda)', input: splitAcrossPolicies(PASS_ANY, LAMBDA), expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')] },
  {
    name: 'one statement with both',
    input: roleWithInline(policy({ Sid: 'Both', Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' })),
    expected: [finding('critical', 'aws_iam_role_policy.app', 'Both')],
  },
  {
    name: 'both launchers: one finding each',
    input: splitAcrossPolicies(PASS_ANY, policy(allow(['ec2:RunInstances', 'lambda:CreateFunction'], '*'))),
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass'), finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  {
    name: 'PassRole on role/* pinned to ec2.amazonaws.com',
    input: splitAcrossPolicies(policy({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), RUN),
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  {
    name: 'split across two files of one directory',
    input: [
      tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } }, aws_iam_role_policy: { pass: { role: '${aws_iam_role.app.id}', policy: JSON.stringify(PASS_ANY) } } } }, 'infra/main.tf.json'),
      tfFile({ resource: { aws_iam_role_policy: { run: { role: '${aws_iam_role.app.id}', policy: JSON.stringify(RUN) } } } }, 'infra/compute.tf.json'),
    ],
    expected: [finding('critical', 'aws_iam_role_policy.pass', 'Pass')],
  },
  {
    name: 'a user holding both through its group',
    input: tfFile({
      resource: {
        aws_iam_user: { u: { name: 'u' } },
        aws_iam_group: { g: { name: 'g' } },
        aws_iam_user_group_membership: { m: { user: '${aws_iam_user.u.name}', groups: ['${aws_iam_group.g.name}'] } },
        aws_iam_group_policy: { p: { group: '${aws_iam_group.g.id}', policy: JSON.stringify(policy({ Sid: 'Both', Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' })) } },
      },
    }),
    expected: [finding('critical', 'aws_iam_group_policy.p', 'Both')],
  },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: locations`, () => {
  it('names the PassRole statement in location and the launching statement and the role in related', () => {
    const [f] = fullFindingsOf(RULE, splitAcrossPolicies(PASS_ANY, RUN));
    expect(f!.identity).toBe('aws_iam_role.app');
    expect(f!.location).toMatchObject({ file: 'main.tf.json', address: 'aws_iam_role_policy.pass', statement: 'Pass' });
    expect(f!.related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: 'aws_iam_role.app' }),
        expect.objectContaining({ address: 'aws_iam_policy.launch', statement: 'Run', file: 'main.tf.json' }),
      ]),
    );
    expect(f!.message).toContain('ec2:RunInstances');
    expect(f!.message).toContain('aws_iam_policy.launch');
  });
});

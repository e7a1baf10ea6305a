import { describe, expect, it } from 'vitest';
import { retiredResidue, retiredWorkloads } from '@workload-iga/core';
import { ACCOUNT, LAMBDA_TRUST, cdktfStack, expectFinding, fullFindingsOf, manifestWorkload, ruleTable, tfFile, type RuleCase } from '../helpers';
import { planFile, planInline, planRole } from '../plan-helpers';

const RULE = 'retired-workload-access';
const finding = expectFinding(RULE, 'retired-workload-access');
const RETIRED = manifestWorkload('legacy_batch_Role_1A2B', {
  name: 'legacy-batch',
  kind: 'batch-job',
  roleName: 'legacy-batch',
  retired: { date: '2026-03-31', reason: 'replaced by settlement-worker' },
  formerAddresses: ['aws_iam_role.legacy_batch_Role_1A2B', 'aws_iam_role_policy.legacy_batch_Policy_3C4D'],
});
const ACTIVE = manifestWorkload('app');

/** Synth output with the manifest (a retired and an active workload) and extra resources. */
function synth(resources: Record<string, Record<string, unknown>> = {}) {
  return tfFile(
    {
      '//': { metadata: { backend: 'local', stackName: 'stack', version: '0.21.0' }, 'workload-iga': { version: 1, workloads: [RETIRED, ACTIVE], sources: {}, suppressions: [] } },
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST), tags: { 'wiga:workload': 'payments-api' } } },
        ...resources,
      },
    },
    'cdk.tf.json',
  );
}
const lambda = (role: string) => ({ aws_lambda_function: { batch: { function_name: 'batch', role, handler: 'index.handler', runtime: 'nodejs20.x' } } });
const oldRole = planRole('legacy_batch_Role_1A2B');
const oldPolicy = planInline('legacy_batch_Policy_3C4D', 'legacy-batch', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a retired workload with nothing left', input: synth() },
  { name: 'a manifest without retired workloads', input: cdktfStack({ workloads: [ACTIVE] }) },
  { name: 'a role named like the retired one but longer', input: synth(lambda(`arn:aws:iam::${ACCOUNT}:role/legacy-batch-v2`)) },
  { name: 'an inline policy on a role whose name only starts like the retired one', input: synth({ aws_iam_role_policy: { other: { role: 'legacy-batch-v2', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) } } }) },
  { name: 'a plan whose tagged role has no manifest beside it', input: planFile([], [planRole('legacy_batch_Role_1A2B', { 'wiga:workload': 'legacy-batch' })]) },
  { name: 'a plan that destroys the retired role and policy', input: [synth(), planFile([oldRole, oldPolicy, planRole('app')], [planRole('app')])] },
];

const invalid: RuleCase[] = [
  // The most common leftover: a hand-written policy or attachment still naming the retired role.
  {
    name: 'an inline policy naming the retired role by its bare name',
    input: synth({ aws_iam_role_policy: { leftover: { role: 'legacy-batch', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) } } }),
    expected: [finding('high', 'aws_iam_role_policy.leftover', undefined)],
  },
  {
    name: 'an attachment naming the retired role by its bare name',
    input: synth({ aws_iam_role_policy_attachment: { leftover: { role: 'legacy-batch', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } }),
    expected: [finding('high', 'aws_iam_role_policy_attachment.leftover', undefined)],
  },
  { name: 'synth output: a block still tagged with the retired workload', input: synth({ aws_iam_user: { batch: { name: 'batch', tags: { 'wiga:workload': 'legacy-batch' } } } }), expected: [finding('high', 'aws_iam_user.batch', undefined)] },
  { name: 'synth output: a Lambda using the retired role by ARN', input: synth(lambda(`arn:aws:iam::${ACCOUNT}:role/legacy-batch`)), expected: [finding('high', 'aws_lambda_function.batch', undefined)] },
  { name: 'synth output: a role path ARN', input: synth(lambda(`arn:aws:iam::${ACCOUNT}:role/batch/legacy-batch`)), expected: [finding('high', 'aws_lambda_function.batch', undefined)] },
  { name: 'synth output: a reference to the former role address', input: synth(lambda('${aws_iam_role.legacy_batch_Role_1A2B.arn}')), expected: [finding('high', 'aws_lambda_function.batch', undefined)] },
  { name: 'synth output: a block at a former address', input: synth({ aws_iam_role_policy: { legacy_batch_Policy_3C4D: { name: 'p', role: 'legacy-batch', policy: '{}' } } }), expected: [finding('high', 'aws_iam_role_policy.legacy_batch_Policy_3C4D', undefined)] },
  {
    name: 'plan with synth: the retired role and policy are kept',
    input: [synth(), planFile([oldRole, oldPolicy], [oldRole, oldPolicy])],
    expected: [finding('high', 'aws_iam_role_policy.legacy_batch_Policy_3C4D', undefined), finding('high', 'aws_iam_role.legacy_batch_Role_1A2B', undefined)],
  },
  { name: 'plan with synth: an IAM resource tagged with the retired workload', input: [synth(), planFile([], [planRole('renamed', { 'wiga:workload': 'legacy-batch' })])], expected: [finding('high', 'aws_iam_role.renamed', undefined)] },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: messages`, () => {
  it.each([
    ['a tag', synth({ aws_iam_user: { batch: { name: 'batch', tags: { 'wiga:workload': 'legacy-batch' } } } }), 'aws_iam_user.batch is tagged wiga:workload = legacy-batch, a workload retired on 2026-03-31 (replaced by settlement-worker)', 'cdk.tf.json'],
    ['a role ARN', synth(lambda(`arn:aws:iam::${ACCOUNT}:role/legacy-batch`)), "aws_lambda_function.batch refers to the role of workload 'legacy-batch', retired on 2026-03-31 (replaced by settlement-worker) (role/legacy-batch in role)", 'cdk.tf.json'],
    ['a kept IAM resource', [synth(), planFile([oldRole], [oldRole])], "aws_iam_role.legacy_batch_Role_1A2B is an IAM resource of workload 'legacy-batch', retired on 2026-03-31 (replaced by settlement-worker), and the plan keeps it (it is not being destroyed)", 'plan.json'],
  ] as const)('%s', (_name, input, message, file) => {
    const [f, ...rest] = fullFindingsOf(RULE, input as never);
    expect(rest).toEqual([]);
    expect(f!.message).toBe(message);
    expect(f!.location.file).toBe(file);
    expect(f!.evidence).toMatchObject({ workload: 'legacy-batch', retired: { date: '2026-03-31', reason: 'replaced by settlement-worker' } });
  });
});

describe('retiredWorkloads', () => {
  it('lists each retired workload once with its former addresses', () => {
    const manifest = { version: 1 as const, workloads: [RETIRED, ACTIVE, RETIRED] as never, sources: {}, suppressions: [] };
    expect(retiredWorkloads([{ manifest }, { manifest }])).toEqual([
      { name: 'legacy-batch', date: '2026-03-31', reason: 'replaced by settlement-worker', roleAddress: 'aws_iam_role.legacy_batch_Role_1A2B', roleName: 'legacy-batch', formerAddresses: ['aws_iam_role.legacy_batch_Role_1A2B', 'aws_iam_role_policy.legacy_batch_Policy_3C4D'] },
    ]);
    expect(retiredResidue([], [])).toEqual([]);
  });
});

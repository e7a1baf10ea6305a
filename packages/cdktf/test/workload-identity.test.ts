import { describe, expect, test } from 'vitest';
import { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import { Attestation, WorkloadIdentity, type WorkloadIdentityProps } from '@workload-iga/cdktf';
import { newStack, onlyBlock, manifestOf } from './helpers';

const attestation = Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' });
const base: WorkloadIdentityProps = { kind: 'batch-job', owner: 'team-ledger@example.com', purpose: 'reconciles ledgers, nightly', attestation };

describe('WorkloadIdentity', () => {
  test('synthesizes a role with governance tags and exposes it', () => {
    const { stack } = newStack();
    const wl = new WorkloadIdentity(stack, 'ledger-recon', {
      ...base,
      environment: 'production',
      roleName: 'ledger-recon-prod',
      maxSessionDuration: 7200,
      reviewEveryDays: 90,
      tags: { costCenter: 'cc-42', 'wiga:owner': 'ignored' },
    });
    const role = onlyBlock(stack, 'aws_iam_role');
    expect(role.name).toBe('ledger-recon-prod');
    expect(role.max_session_duration).toBe(7200);
    expect(role.description).toBe('reconciles ledgers, nightly');
    expect(role.tags).toEqual({
      costCenter: 'cc-42',
      'wiga:workload': 'ledger-recon',
      'wiga:kind': 'batch-job',
      'wiga:owner': 'team-ledger@example.com',
      // ',' is not allowed in IAM tag values
      'wiga:purpose': 'reconciles ledgers nightly',
      'wiga:environment': 'production',
    });
    expect(wl.role.friendlyUniqueId).toMatch(/^ledger-recon_Role_/);
    expect(Tokenization.resolve(wl.roleArn, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe(`\${aws_iam_role.${wl.role.friendlyUniqueId}.arn}`);
    expect(Tokenization.resolve(wl.roleName, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe(`\${aws_iam_role.${wl.role.friendlyUniqueId}.name}`);
    const [w] = manifestOf(stack).workloads;
    expect({ ...w, source: undefined }).toEqual({
      name: 'ledger-recon',
      kind: 'batch-job',
      owner: 'team-ledger@example.com',
      purpose: 'reconciles ledgers, nightly',
      environment: 'production',
      reviewEveryDays: 90,
      maxSessionDuration: 7200,
      roleName: 'ledger-recon-prod',
      roleAddress: `aws_iam_role.${wl.role.friendlyUniqueId}`,
      constructPath: 'test/ledger-recon',
      attestation: { type: 'aws-service', service: 'lambda.amazonaws.com', sourceAccount: '111122223333' },
      grants: [],
      source: undefined,
    });
  });

  test('role name defaults to the construct id; no grants, no policy block', () => {
    const { stack } = newStack();
    new WorkloadIdentity(stack, 'api', base);
    expect(onlyBlock(stack, 'aws_iam_role').name).toBe('api');
    expect(JSON.parse(require('cdktf').Testing.synth(stack)).resource.aws_iam_role_policy).toBeUndefined();
  });

  const errors: { name: string; props: Partial<WorkloadIdentityProps>; message: RegExp }[] = [
    { name: 'missing owner', props: { owner: undefined }, message: /WorkloadIdentity 'wl' has no owner.*add \{ owner: 'team-payments@example.com' \}/ },
    { name: 'blank owner', props: { owner: '   ' }, message: /has no owner/ },
    { name: 'missing purpose', props: { purpose: '' }, message: /WorkloadIdentity 'wl' has no purpose.*add \{ purpose: / },
    { name: 'missing kind', props: { kind: '' }, message: /has no kind/ },
    { name: 'missing attestation', props: { attestation: undefined }, message: /has no attestation/ },
    { name: 'session too long', props: { maxSessionDuration: 86400 }, message: /between 3600 and 43200, got 86400/ },
    { name: 'bad review cadence', props: { reviewEveryDays: 0 }, message: /reviewEveryDays must be a positive/ },
  ];
  test.each(errors)('throws on $name, leaving nothing in the tree', ({ props, message }) => {
    const { stack } = newStack();
    expect(() => new WorkloadIdentity(stack, 'wl', { ...base, ...props } as WorkloadIdentityProps)).toThrow(message);
    expect(stack.node.tryFindChild('wl')).toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { Testing } from 'cdktf';
import { Attestation, WorkloadIdentity, type WorkloadIdentityProps } from '@workload-iga/cdktf';
import { manifestOf, newStack, onlyBlock, synthJson } from './helpers';

const attestation = Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' });
const agent: WorkloadIdentityProps = {
  kind: 'ai-agent',
  owner: 'team-support@example.com',
  purpose: 'answers support tickets',
  sponsor: 'jane.doe@example.com',
  expires: '2026-12-31',
  attestation,
};

describe('WorkloadIdentity lifecycle', () => {
  test('an ai-agent gets a one-hour session, its sponsor and expiry in tags and in the manifest', () => {
    const { stack } = newStack();
    const wl = new WorkloadIdentity(stack, 'support-agent', { ...agent, backupOwner: 'team-platform@example.com' });
    const role = onlyBlock(stack, 'aws_iam_role');
    expect(role.max_session_duration).toBe(3600);
    expect(role.tags).toEqual({
      'wiga:workload': 'support-agent',
      'wiga:kind': 'ai-agent',
      'wiga:owner': 'team-support@example.com',
      'wiga:purpose': 'answers support tickets',
      'wiga:backup-owner': 'team-platform@example.com',
      'wiga:sponsor': 'jane.doe@example.com',
      'wiga:expires': '2026-12-31',
    });
    const [w] = manifestOf(stack).workloads;
    expect({ ...w, source: undefined }).toEqual({
      name: 'support-agent',
      kind: 'ai-agent',
      owner: 'team-support@example.com',
      purpose: 'answers support tickets',
      backupOwner: 'team-platform@example.com',
      sponsor: 'jane.doe@example.com',
      maxSessionDuration: 3600,
      expires: '2026-12-31',
      roleName: 'support-agent',
      roleAddress: `aws_iam_role.${wl.role.friendlyUniqueId}`,
      constructPath: 'test/support-agent',
      attestation: { type: 'aws-service', service: 'lambda.amazonaws.com', sourceAccount: '111122223333' },
      grants: [],
      source: undefined,
    });
  });

  test('an ai-agent session set explicitly is kept', () => {
    const { stack } = newStack();
    new WorkloadIdentity(stack, 'batch-agent', { ...agent, maxSessionDuration: 7200 });
    expect(onlyBlock(stack, 'aws_iam_role').max_session_duration).toBe(7200);
    expect(manifestOf(stack).workloads[0]!.maxSessionDuration).toBe(7200);
  });

  test('other kinds get no session default and no lifecycle keys unless set', () => {
    const { stack } = newStack();
    new WorkloadIdentity(stack, 'api', { kind: 'service', owner: 'o', purpose: 'p', attestation });
    const role = onlyBlock(stack, 'aws_iam_role');
    expect(role.max_session_duration).toBeUndefined();
    const w = manifestOf(stack).workloads[0]!;
    for (const key of ['backupOwner', 'sponsor', 'maxSessionDuration', 'expires', 'retired', 'formerAddresses']) expect(w).not.toHaveProperty(key);
  });

  test('a retired workload synthesizes no role and no policy; the manifest keeps its record and former addresses', () => {
    const { stack } = newStack();
    const wl = new WorkloadIdentity(stack, 'old-exporter', {
      kind: 'batch-job',
      owner: 'team-data@example.com',
      purpose: 'exported reports to the old warehouse',
      retired: { date: '2026-03-31', reason: 'warehouse decommissioned' },
      attestation,
    });
    wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'], purpose: 'read reports' });
    const manifest = manifestOf(stack);
    expect(manifest.sources).toEqual({});
    const [w] = manifest.workloads;
    expect({ ...w, source: undefined, grants: w!.grants.map((g) => ({ ...g, source: undefined })) }).toEqual({
      name: 'old-exporter',
      kind: 'batch-job',
      owner: 'team-data@example.com',
      purpose: 'exported reports to the old warehouse',
      retired: { date: '2026-03-31', reason: 'warehouse decommissioned' },
      formerAddresses: [`aws_iam_role.${wl.role.friendlyUniqueId}`, `aws_iam_role_policy.${(wl.node.findChild('Grants') as any).friendlyUniqueId}`],
      roleName: 'old-exporter',
      roleAddress: `aws_iam_role.${wl.role.friendlyUniqueId}`,
      constructPath: 'test/old-exporter',
      attestation: { type: 'aws-service', service: 'lambda.amazonaws.com', sourceAccount: '111122223333' },
      grants: [{ sid: 'ReadReports', purpose: 'read reports', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'], status: 'active', source: undefined }],
      source: undefined,
    });
    expect(w!.formerAddresses).toEqual(['aws_iam_role.old-exporter_Role_95A2DFD4', 'aws_iam_role_policy.old-exporter_Grants_780B2FC9']);
    // The stack JSON holds no resource at all; only the manifest remembers the workload.
    expect(Testing.synth(stack)).toBe('{\n}');
    expect(synthJson(stack).resource).toBeUndefined();
  });

  test('a retired workload without grants has only its role as former address', () => {
    const { stack } = newStack();
    const wl = new WorkloadIdentity(stack, 'gone', { kind: 'service', owner: 'o', purpose: 'p', attestation, retired: { date: '2026-01-15', reason: 'replaced by api-v2' } });
    expect(manifestOf(stack).workloads[0]!.formerAddresses).toEqual([`aws_iam_role.${wl.role.friendlyUniqueId}`]);
  });

  const errors: { name: string; props: Partial<WorkloadIdentityProps>; message: RegExp }[] = [
    { name: 'ai-agent without sponsor', props: { sponsor: undefined }, message: /WorkloadIdentity 'wl' is an ai-agent without a sponsor.*add \{ sponsor: 'jane.doe@example.com' \}/ },
    { name: 'ai-agent without expiry', props: { expires: undefined }, message: /WorkloadIdentity 'wl' is an ai-agent without an expiry.*add \{ expires: '2026-12-31' \}/ },
    { name: 'blank sponsor', props: { sponsor: ' ' }, message: /sponsor must be a non-empty string/ },
    { name: 'blank backup owner', props: { backupOwner: '' }, message: /backupOwner must be a non-empty string/ },
    { name: 'expires not a date', props: { expires: 'next year' }, message: /expires must be an ISO 8601 date such as '2026-12-31'.*got 'next year'/ },
    { name: 'expires not a real day', props: { expires: '2026-02-30' }, message: /expires must be an ISO 8601 date/ },
    { name: 'retired without reason', props: { retired: { date: '2026-01-01', reason: '' } }, message: /retired.reason is required/ },
    { name: 'retired with a bad date', props: { retired: { date: '01/01/2026', reason: 'gone' } }, message: /retired.date must be an ISO 8601 date.*got '01\/01\/2026'/ },
    { name: 'ai-agent session out of range', props: { maxSessionDuration: 900 }, message: /between 3600 and 43200, got 900/ },
  ];
  test.each(errors)('throws on $name, leaving nothing in the tree', ({ props, message }) => {
    const { stack } = newStack();
    expect(() => new WorkloadIdentity(stack, 'wl', { ...agent, ...props } as WorkloadIdentityProps)).toThrow(message);
    expect(stack.node.tryFindChild('wl')).toBeUndefined();
  });
});

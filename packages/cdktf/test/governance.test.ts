import { describe, expect, test } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Attestation, Governance, WorkloadIdentity } from '@workload-iga/cdktf';
import { positionOf } from './helpers';

const at = (marker: string) => positionOf(__filename, marker, 'new');
const ACCOUNT = '111122223333';

/** An app with one clean workload and one hand-written `s3:*` on `*` policy attached to a role. */
function flawedApp() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-gov-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'payments');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const wl = new WorkloadIdentity(stack, 'api', {
    kind: 'service',
    owner: 'team-payments',
    purpose: 'serves the payments API',
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT }),
  });
  wl.grantReadSecret(`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:payments/db-AbCdEf`, { purpose: 'read the database password' });
  const legacyRole = new IamRole(stack, 'legacy_role', {
    name: 'legacy',
    assumeRolePolicy: Attestation.awsService({ service: 'ec2.amazonaws.com', sourceAccount: ACCOUNT }).toJson(),
  });
  const policy = new IamPolicy(stack, 'legacy_s3', { // @flaw
    name: 'legacy-s3',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
  });
  new IamRolePolicyAttachment(stack, 'legacy_attach', { role: legacyRole.name, policyArn: policy.arn });
  const cleanup = () => fs.rmSync(outdir, { recursive: true, force: true });
  return { app, stack, policy, outdir, cleanup };
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('app.synth() did not throw');
}

describe('Governance.enforce', () => {
  test('fails app.synth() on a finding at or above the threshold, listing it with its TS line', () => {
    const { app, outdir, cleanup } = flawedApp();
    Governance.of(app).enforce({ failOn: 'high' });
    const message = synthError(app);
    const src = at('flaw');
    expect(message).toContain('Validation failed');
    expect(message).toMatch(/workload-iga: stack 'payments' \(.*cdk.tf.json\): [1-9]\d* finding\(s\) at or above 'high'/);
    expect(message).toContain('aws_iam_policy.legacy_s3');
    expect(message).toContain(`${src.file}:${src.line}:${src.column}`);
    expect(message).toMatch(/HIGH no-wildcard-\w+ aws_iam_policy\.legacy_s3 \(Statement\[0\]\) at /);
    expect(message).toContain('fix: ');
    // The check runs before cdk.tf.json is written.
    expect(fs.existsSync(path.join(outdir, 'stacks/payments/cdk.tf.json'))).toBe(false);
    const report = Governance.of(app).report('payments')!;
    expect(report.blocking.length).toBeGreaterThan(0);
    expect(report.blocking.every((f) => f.location.address?.startsWith('aws_iam_') && f.severity !== 'info')).toBe(true);
    // The declared workload itself is clean.
    expect(report.result.findings.filter((f) => f.location.address?.includes('api_'))).toEqual([]);
    cleanup();
  });

  test("failOn 'none' reports but does not fail", () => {
    const { app, outdir, cleanup } = flawedApp();
    Governance.of(app).enforce({ failOn: 'none' });
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'stacks/payments/cdk.tf.json'))).toBe(true);
    expect(Governance.of(app).report('payments')!.result.findings.some((f) => f.location.address === 'aws_iam_policy.legacy_s3')).toBe(true);
    cleanup();
  });

  test('a suppressed finding does not fail the synth and is listed as suppressed', () => {
    const { app, policy, outdir, cleanup } = flawedApp();
    // First pass only reports, to learn which rules the core raises on the policy (its business, not ours).
    Governance.of(app).enforce({ failOn: 'none' });
    app.synth();
    const ruleIds = [
      ...new Set(
        Governance.of(app)
          .report('payments')!
          .result.findings.filter((f) => f.location.address === 'aws_iam_policy.legacy_s3')
          .map((f) => f.ruleId),
      ),
    ];
    expect(ruleIds.length).toBeGreaterThan(0);
    for (const ruleId of ruleIds) {
      Governance.suppress(policy, ruleId, { reason: 'legacy batch tooling, removal tracked in PAY-123', expires: '2099-01-01' }); // @suppress
    }
    Governance.of(app).enforce({ failOn: 'high' });
    app.synth(); // does not throw
    const report = Governance.of(app).report('payments')!;
    const onPolicy = report.result.findings.filter((f) => f.location.address === 'aws_iam_policy.legacy_s3');
    expect(onPolicy.length).toBeGreaterThan(0);
    expect(onPolicy.map((f) => f.suppressed)).toEqual(
      onPolicy.map(() => ({ reason: 'legacy batch tooling, removal tracked in PAY-123', expires: '2099-01-01' })),
    );
    expect(report.blocking).toEqual([]);
    expect(report.text).toContain(`suppressed (${report.suppressed.length}):`);
    expect(report.text).toContain('aws_iam_policy.legacy_s3');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/payments/cdk.tf.json'), 'utf8'))['//']['workload-iga'];
    expect(manifest.suppressions).toEqual(
      ruleIds.map((ruleId) => ({
        ruleId,
        reason: 'legacy batch tooling, removal tracked in PAY-123',
        expires: '2099-01-01',
        addresses: ['aws_iam_policy.legacy_s3'],
        constructPath: 'payments/legacy_s3',
        source: positionOf(__filename, 'suppress', 'suppress'),
      })),
    );
    cleanup();
  });

  test('suppress requires a reason of at least 10 characters', () => {
    const { policy, cleanup } = flawedApp();
    expect(() => Governance.suppress(policy, 'wildcard-action', { reason: 'legacy' })).toThrow(/needs a reason of at least 10 characters/);
    expect(() => Governance.suppress(policy, 'wildcard-action', { reason: '' })).toThrow(/needs a reason/);
    expect(() => Governance.suppress(policy, '', { reason: 'a perfectly fine reason' })).toThrow(/needs the rule id/);
    cleanup();
  });

  test('suppressing a WorkloadIdentity covers every block under it', () => {
    const { stack, cleanup } = flawedApp();
    const api = stack.node.findChild('api') as WorkloadIdentity;
    Governance.suppress(api, 'no-wildcard-resource', { reason: 'reviewed with security in SEC-42', expires: new Date('2027-03-01T12:00:00Z') });
    const manifest = JSON.parse(JSON.stringify(stack.toTerraform()))['//']['workload-iga'];
    expect(manifest.suppressions.map((s: { addresses: string[]; expires: string; constructPath: string }) => [s.constructPath, s.expires, s.addresses])).toEqual([
      ['payments/api', '2027-03-01', [`aws_iam_role.${api.role.friendlyUniqueId}`, `aws_iam_role_policy.${(api.node.findChild('Grants') as IamRole).friendlyUniqueId}`]],
    ]);
    cleanup();
  });

  test('enforce({ now }) decides grant expiry for the stacks under it', () => {
    const { app, stack, cleanup } = flawedApp();
    const api = stack.node.findChild('api') as WorkloadIdentity;
    api.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::exports/*'], purpose: 'temporary export', expires: '2026-06-01' });
    const statuses = () =>
      JSON.parse(JSON.stringify(stack.toTerraform()))['//']['workload-iga'].workloads[0].grants.map((g: { status: string }) => g.status);
    Governance.of(app).enforce({ failOn: 'none', now: '2026-05-31T23:59:59Z' });
    expect(statuses()).toEqual(['active', 'active']);
    Governance.of(app).enforce({ failOn: 'none', now: '2026-06-01' });
    expect(statuses()).toEqual(['active', 'expired']);
    cleanup();
  });

  test('rejects an unknown threshold', () => {
    const app = new App({ outdir: os.tmpdir() });
    expect(() => Governance.of(app).enforce({ failOn: 'severe' as never })).toThrow(/must be one of critical, high, medium, low, info or none/);
  });
});

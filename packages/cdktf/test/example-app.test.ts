import { describe, expect, test } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Governance } from '@workload-iga/cdktf';
import { buildApp } from '../../../examples/payments-platform/src/app';

describe('examples/payments-platform', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-example-'));
  const app = buildApp({ outdir, failOn: 'none', now: '2026-12-01T00:00:00Z' });
  app.synth();
  const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/payments-platform/cdk.tf.json'), 'utf8'));
  const manifest = tf['//']['workload-iga'];
  const report = Governance.of(app).report('payments-platform')!;
  fs.rmSync(outdir, { recursive: true, force: true });

  test('declares four workloads, none with an expired grant', () => {
    expect(manifest.workloads.map((w: { name: string; kind: string }) => `${w.name}:${w.kind}`)).toEqual([
      'payments-api:service',
      'payments-api-deploy:ci-pipeline',
      'nightly-reconciliation:batch-job',
      'payout-support-agent:ai-agent',
    ]);
    const expired = manifest.workloads.flatMap((w: { grants: { status: string; sid: string }[] }) => w.grants.filter((g) => g.status === 'expired').map((g) => g.sid));
    expect(expired).toEqual([]);
  });

  test('the declared workloads have no findings', () => {
    const workloadAddresses = new Set<string>(
      manifest.workloads.flatMap((w: { roleAddress: string; grants: { policyAddress?: string }[] }) => [w.roleAddress, ...w.grants.map((g) => g.policyAddress).filter(Boolean)]),
    );
    const onWorkloads = report.result.findings.filter(
      (f) => (f.location.address && workloadAddresses.has(f.location.address)) || (f.identity && workloadAddresses.has(f.identity)),
    );
    expect(onWorkloads.map((f) => `${f.ruleId} ${f.location.address}`)).toEqual([]);
  });

  test('every legacy flaw is found and points into src/legacy.ts', () => {
    const legacy = report.result.findings.filter((f) => f.location.address?.includes('legacy_'));
    const flagged = new Set(legacy.map((f) => f.location.address));
    for (const address of [
      'aws_iam_policy.legacy_s3_full_access',
      'aws_iam_role.legacy_github_deployer',
    ]) {
      expect(flagged, address).toContain(address);
    }
    // PassRole on * and AdministratorAccess: reported on the policy document / attachment or on the role.
    expect(legacy.some((f) => f.category === 'privilege-escalation')).toBe(true);
    expect(legacy.some((f) => f.category === 'admin-policy-attached')).toBe(true);
    expect(legacy.some((f) => f.category === 'trust-federated-missing-condition')).toBe(true);
    for (const f of legacy) {
      const src = f.location.source ?? manifest.sources[f.location.address!];
      // vitest runs from the repository root, and sources are relative to the cwd.
      expect(src?.file, `${f.ruleId} ${f.location.address}`).toBe('examples/payments-platform/src/legacy.ts');
    }
  });
});

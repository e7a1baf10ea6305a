// New access on real `terraform plan` output against a prior state. Terraform cannot apply
// offline, so the applied state of version A is made by hand: version A is planned, and its
// planned values (with the few computed attributes, id/arn/unique_id, filled in) are written as a
// `terraform.tfstate` (format version 4). Version B is then planned against that state with
// `-refresh=false` (refreshing would call AWS), so the plan's `prior_state` is version A, and the
// new-access findings of `analyze` on plan B are asserted exactly.
//
// Skipped, with the reason printed, when terraform or the provider mirror is missing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '@workload-iga/core';
// @ts-expect-error plain ESM tool without type declarations
import { planOffline, terraformAvailability } from '../../../tools/terraform.mjs';

const availability = terraformAvailability();
if (!availability.ok) console.warn(`[new-access-plan] skipped: ${availability.reason}`);

const ACCOUNT = '111122223333';
const BUCKET = 'arn:aws:s3:::reports/*';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function config(version: 'A' | 'B'): unknown {
  const role = (name: string) => ({ name, assume_role_policy: TRUST, tags: { 'wiga:workload': name } });
  return {
    provider: { aws: [{ region: 'us-east-1', access_key: 'mock_access_key', secret_key: 'mock_secret_key', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true', skip_region_validation: true }] },
    terraform: { backend: { local: { path: 'terraform.tfstate' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    resource: {
      aws_iam_role: { app: role('app'), reporter: role('reporter'), ...(version === 'B' && { deployer: role('deployer') }) },
      aws_iam_role_policy: {
        app: { name: 'app', role: '${aws_iam_role.app.name}', policy: version === 'A' ? doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }) : doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: BUCKET }) },
        reporter: { name: 'reporter', role: '${aws_iam_role.reporter.name}', policy: version === 'A' ? doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, 'arn:aws:s3:::reports'] }) : doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }) },
        ...(version === 'B' && { deployer: { name: 'deployer', role: '${aws_iam_role.deployer.name}', policy: doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:UpdateFunctionCode'], Resource: '*' }) } }),
      },
    },
  };
}

/** A version-4 state of what version A's plan would create. */
function stateFromPlan(plan: { planned_values: { root_module: { resources: { mode: string; type: string; name: string; schema_version?: number; values: Record<string, unknown> }[] } } }): unknown {
  const computed = (type: string, values: Record<string, unknown>): Record<string, unknown> => {
    const name = String(values.name);
    if (type === 'aws_iam_role') return { id: name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, unique_id: `AROA${name.toUpperCase()}EXAMPLE`, create_date: '2026-01-01T00:00:00Z', managed_policy_arns: [], inline_policy: [{ name, policy: '' }] };
    if (type === 'aws_iam_role_policy') return { id: `${String(values.role)}:${name}` };
    return {};
  };
  return {
    version: 4,
    terraform_version: availability.ok ? availability.version : '1.11.4',
    serial: 1,
    lineage: '6f1f4a0e-2d3b-4c5d-8e9f-0a1b2c3d4e5f',
    outputs: {},
    resources: plan.planned_values.root_module.resources.map((r) => ({
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: r.schema_version ?? 0, attributes: { ...r.values, ...computed(r.type, r.values) }, sensitive_attributes: [] }],
    })),
    check_results: null,
  };
}

describe.skipIf(!availability.ok)('new-access on a terraform plan against a prior state', () => {
  let work: string;
  let planA: Record<string, unknown>;
  let planB: { path: string; text: string };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wiga-new-access-'));
    for (const version of ['A', 'B'] as const) {
      mkdirSync(join(work, version));
      writeFileSync(join(work, version, 'main.tf.json'), JSON.stringify(config(version), null, 2));
    }
    const a = await planOffline(join(work, 'A'), { workDir: join(work, 'planA') });
    planA = JSON.parse(readFileSync(a.planJsonPath, 'utf8'));
    mkdirSync(join(work, 'planB'));
    writeFileSync(join(work, 'planB', 'terraform.tfstate'), JSON.stringify(stateFromPlan(planA as never), null, 2));
    const b = await planOffline(join(work, 'B'), { workDir: join(work, 'planB'), env: { ...process.env, TF_CLI_ARGS_plan: '-refresh=false' } });
    planB = { path: 'planB/plan.json', text: readFileSync(b.planJsonPath, 'utf8') };
  }, 600_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('terraform accepts the hand-made state: plan B starts from version A', () => {
    const plan = JSON.parse(planB.text);
    expect(plan.errored).toBe(false);
    const prior = plan.prior_state.values.root_module.resources.map((r: { address: string }) => r.address).sort();
    expect(prior).toEqual(['aws_iam_role.app', 'aws_iam_role.reporter', 'aws_iam_role_policy.app', 'aws_iam_role_policy.reporter']);
    const actions = Object.fromEntries(plan.resource_changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions.join(',')]));
    expect(actions).toMatchObject({ 'aws_iam_role.deployer': 'create', 'aws_iam_role_policy.deployer': 'create', 'aws_iam_role_policy.app': 'update', 'aws_iam_role_policy.reporter': 'update' });
  });

  it('reports exactly the access plan B adds (the reporter only loses access: no finding)', () => {
    const result = analyze([planB], { now: new Date('2026-06-01T00:00:00Z') });
    expect(result.inputs.map((i) => i.status)).toEqual(['analyzed']);
    const findings = result.findings.filter((f) => f.ruleId === 'new-access').map((f) => ({ severity: f.severity, identity: f.identity, workload: f.workload, message: f.message, evidence: f.evidence }));
    expect(findings).toEqual([
      {
        severity: 'high',
        identity: 'aws_iam_role.deployer',
        workload: 'deployer',
        message: 'aws_iam_role.deployer is created by the plan with 2 actions: iam (1 Write), lambda (1 Write)',
        evidence: { created: true, added: [{ action: 'iam:PassRole', resources: ['*'] }, { action: 'lambda:UpdateFunctionCode', resources: ['*'] }], removed: [] },
      },
      {
        severity: 'medium',
        identity: 'aws_iam_role.app',
        workload: 'app',
        message: 'aws_iam_role.app gains 1 action: s3 (1 Write)',
        evidence: { created: false, added: [{ action: 's3:PutObject', resources: [BUCKET] }], removed: [] },
      },
    ]);
  });

  it('plan A, with no prior state, reports every role it creates', () => {
    const result = analyze([{ path: 'planA/plan.json', text: JSON.stringify(planA) }], { now: new Date('2026-06-01T00:00:00Z') });
    expect(result.findings.filter((f) => f.ruleId === 'new-access').map((f) => [f.identity, f.severity, f.evidence?.created])).toEqual([
      ['aws_iam_role.app', 'info', true],
      ['aws_iam_role.reporter', 'info', true],
    ]);
  });
});

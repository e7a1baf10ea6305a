// Real Terraform, end to end: synthesize examples/payments-platform in-process, run an offline
// `terraform plan` + `show -json` of each stack (providers from the local mirror), then check both the
// synth output (cdk.tf.json) and the plan JSON with the CLI. The two reports must agree on the set of
// (category, address) pairs, and that set must be exactly the one expected for the example's flawed
// hand-written resources (src/legacy.ts).
//
// Skipped, with the reason printed, when terraform or the provider mirror is missing. When both are
// there (as in CI), it runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main';
// @ts-expect-error plain ESM tool without type declarations
import { planOffline, terraformAvailability } from '../tools/terraform.mjs';
import { EXPECTED_FLAWS, EXPECTED_WORKLOAD_NOTICES, SYNTH_ONLY_CATEGORIES } from './example-expectations';

const exampleDir = join(__dirname, '..', 'examples', 'payments-platform');
const availability = terraformAvailability();
if (!availability.ok) console.warn(`[terraform-plan] skipped: ${availability.reason}`);

interface Report {
  findings: { category: string; ruleId: string; severity: string; workload?: string; location: { file: string; address?: string } }[];
  inputs: { file: string; kind: string; status: string }[];
}

async function checkJson(paths: string[], cwd: string): Promise<{ code: number; report: Report; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['check', '--format', 'json', '--fail-on', 'none', ...paths], {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    cwd,
    env: { NO_COLOR: '1' },
  });
  let report: Report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`wiga check ${paths.join(' ')} exited ${code} without a JSON report:\n${stderr}`);
  }
  return { code, report, stderr };
}

// new-access compares a plan with its prior state, so only plans have it (here every role is new).
const PLAN_ONLY_CATEGORIES = ['new-access'];

const pairs = (r: Report, { withSynthOnly = false } = {}) =>
  [...new Set(r.findings
    .filter((f) => f.location.address && (withSynthOnly || !SYNTH_ONLY_CATEGORIES.includes(f.category)) && !PLAN_ONLY_CATEGORIES.includes(f.category))
    .map((f) => `${f.category} ${f.location.address}`))].sort();

describe.skipIf(!availability.ok)('offline terraform plan of examples/payments-platform', () => {
  let outdir: string;
  let stacks: { name: string; synthFile: string; planFile: string }[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'wiga-plan-e2e-'));
    let t0 = Date.now();
    const { buildApp } = await import('../examples/payments-platform/src/app');
    const app = buildApp({ outdir });
    if (!existsSync(join(outdir, 'manifest.json'))) app.synth();
    timings.synth = Date.now() - t0;
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    for (const [name, stack] of Object.entries<any>(manifest.stacks)) {
      t0 = Date.now();
      const stackDir = join(outdir, stack.workingDirectory);
      const { planJsonPath } = await planOffline(stackDir, { workDir: join(outdir, '.plan', name) });
      timings[`plan ${name}`] = Date.now() - t0;
      stacks.push({ name, synthFile: relative(outdir, join(outdir, stack.synthesizedStackPath)), planFile: relative(outdir, planJsonPath) });
    }
    console.info(`[terraform-plan] ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  }, 600_000);

  afterAll(() => { if (outdir) rmSync(outdir, { recursive: true, force: true }); });

  it('plans every stack without errors', () => {
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks) {
      const plan = JSON.parse(readFileSync(join(outdir, s.planFile), 'utf8'));
      expect(plan.errored, s.name).toBe(false);
      expect(plan.resource_changes.length, s.name).toBeGreaterThan(0);
    }
  });

  it('the synth report and the plan report agree on (category, address), construct-metadata categories aside', async () => {
    for (const s of stacks) {
      const synth = await checkJson([s.synthFile], outdir);
      const plan = await checkJson([s.planFile], outdir);
      expect(synth.code, synth.stderr).not.toBe(2);
      expect(plan.code, plan.stderr).not.toBe(2);
      expect(synth.report.inputs.map((i) => i.kind)).toEqual(['cdktf-synth']);
      expect(plan.report.inputs.map((i) => i.kind)).toEqual(['terraform-plan']);
      expect(pairs(plan.report), `stack ${s.name}: plan vs synth`).toEqual(pairs(synth.report));
      // Nothing is applied offline (no prior state): new-access reports every role the plan creates.
      const roles = plan.report.findings.filter((f) => f.category === 'new-access').map((f) => f.location.address);
      const created = JSON.parse(readFileSync(join(outdir, s.planFile), 'utf8')).resource_changes
        .filter((c: { type: string; change: { actions: string[] } }) => c.type === 'aws_iam_role' && c.change.actions.includes('create'))
        .map((c: { address: string }) => c.address);
      expect(roles.sort(), `stack ${s.name}: new-access`).toEqual(created.sort());
    }
  });

  it('finds exactly the flaws of src/legacy.ts, in the synth output and in the plan', async () => {
    const synth = await checkJson(stacks.map((s) => s.synthFile), outdir);
    const plan = await checkJson(stacks.map((s) => s.planFile), outdir);
    const expected = [...new Set(EXPECTED_FLAWS.map((f) => `${f.category} ${f.address}`))].sort();
    expect(pairs(synth.report)).toEqual(expected);
    expect(pairs(plan.report, { withSynthOnly: true })).toEqual(expected);
    // The synth-only categories are exactly the expected notices on the declared workloads.
    const synthOnly = synth.report.findings.filter((f) => SYNTH_ONLY_CATEGORIES.includes(f.category));
    expect(synthOnly.map((f) => `${f.category} ${f.workload} ${f.severity}`).sort())
      .toEqual(EXPECTED_WORKLOAD_NOTICES.map((n) => `${n.category} ${n.workload} ${n.severity}`).sort());
  });
});

// New access on real `terraform plan` output: examples/governance (the compliant twin) is
// synthesized as revision 1 and as revision 2 — where settlement-worker gains its disputes-queue
// grant — each planned offline with terraform (providers from the local mirror), and the two plans'
// planned states are compared with diffPlans (there is no prior state offline: nothing was
// applied). Exactly settlement-worker's role must gain access; every other identity is unchanged.
//
// Skipped, with the reason printed, when terraform or the provider mirror is missing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPlans } from '../packages/core/src/governance/new-access';
// @ts-expect-error plain ESM tool without type declarations
import { planOffline, terraformAvailability } from '../tools/terraform.mjs';

const availability = terraformAvailability();
if (!availability.ok) console.warn(`[governance-new-access] skipped: ${availability.reason}`);
const NOW = '2026-12-01T00:00:00Z';

describe.skipIf(!availability.ok)('new access between two versions of examples/governance (terraform plan)', () => {
  let work: string;
  const plans: Record<1 | 2, { path: string; text: string }> = {} as never;
  let roles: Record<string, string> = {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wiga-gov-new-access-'));
    const { buildApp } = await import('../examples/governance/src/app');
    for (const revision of [1, 2] as const) {
      const outdir = join(work, `rev${revision}`);
      buildApp({ outdir, now: NOW, variant: 'compliant', revision }).synth();
      const { planJsonPath } = await planOffline(join(outdir, 'stacks', 'governance'), { workDir: join(work, `plan${revision}`) });
      plans[revision] = { path: `rev${revision}/plan.json`, text: readFileSync(planJsonPath, 'utf8') };
      if (revision === 2) {
        const tf = JSON.parse(readFileSync(join(outdir, 'stacks', 'governance', 'cdk.tf.json'), 'utf8'));
        roles = Object.fromEntries(tf['//']['workload-iga'].workloads.map((w: { name: string; roleAddress: string }) => [w.name, w.roleAddress]));
      }
    }
  }, 600_000);
  afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

  it('plans both revisions without errors', () => {
    for (const revision of [1, 2] as const) expect(JSON.parse(plans[revision].text).errored, `revision ${revision}`).toBe(false);
  });

  it('reports exactly the access settlement-worker gains, and nothing for the unchanged identities', () => {
    const { changes, problems } = diffPlans(plans[1], plans[2]);
    expect(problems).toEqual([]);
    expect(changes).toEqual([
      {
        identity: roles['settlement-worker'],
        workload: 'settlement-worker',
        created: false,
        added: [
          { action: 'sqs:GetQueueAttributes', resources: ['arn:aws:sqs:eu-west-1:111122223333:settlement-disputes'] },
          { action: 'sqs:GetQueueUrl', resources: ['arn:aws:sqs:eu-west-1:111122223333:settlement-disputes'] },
          { action: 'sqs:SendMessage', resources: ['arn:aws:sqs:eu-west-1:111122223333:settlement-disputes'] },
        ],
        removed: [],
        severity: 'medium',
        summary: 'sqs (2 Read, 1 Write)',
      },
    ]);
  });

  it('reports nothing between two plans of the same revision', () => {
    expect(diffPlans(plans[2], plans[2]).changes).toEqual([]);
  });
});

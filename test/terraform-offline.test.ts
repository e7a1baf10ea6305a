// Proves the offline Terraform tooling (tools/terraform.mjs) on a tiny hand-written stack, with no
// dependency on the other packages: init against the provider mirror, validate, plan, show -json.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM tool without type declarations
import { planOffline, terraformAvailability, writeCliConfig } from '../tools/terraform.mjs';

const fixture = join(__dirname, 'fixtures', 'tiny-stack');
const availability = terraformAvailability();
if (!availability.ok) {
  if (process.env.CI === 'true') {
    console.warn(`[terraform-offline] CI=true but offline terraform is unavailable: ${availability.reason}`);
  } else {
    console.warn(`[terraform-offline] skipped: ${availability.reason}`);
  }
}

describe('offline terraform tooling', () => {
  it('reports availability with a reason when something is missing', () => {
    const missing = terraformAvailability({ env: { ...process.env, PATH: '/nonexistent' } });
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining('terraform is not on PATH') });
    const badMirror = terraformAvailability({ env: { ...process.env, WIGA_TF_PROVIDER_MIRROR: '/nonexistent-mirror' } });
    if (availability.ok) {
      expect(badMirror).toEqual({ ok: false, reason: expect.stringContaining('WIGA_TF_PROVIDER_MIRROR=/nonexistent-mirror') });
    } else {
      expect(badMirror.ok).toBe(false);
    }
  });

  describe.skipIf(!availability.ok)('plan of a tiny stack', () => {
    let dir: string;
    let plan: any;
    let result: any;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wiga-tiny-'));
      // workDir: terraform runs on a copy, leaving the committed fixture untouched
      result = await planOffline(fixture, { workDir: dir });
      plan = JSON.parse(readFileSync(result.planJsonPath, 'utf8'));
    }, 240_000);
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('runs in the work dir and leaves the stack dir untouched', () => {
      expect(result.planJsonPath).toBe(join(dir, 'plan.json'));
      expect(existsSync(join(dir, '.terraform'))).toBe(true);
      expect(readdirSync(fixture)).toEqual(['cdk.tf.json']);
    });

    it('uses a generated CLI config pointing at the mirror, not ~/.terraformrc', () => {
      const rc = readFileSync(writeCliConfig(availability.mirror), 'utf8');
      expect(rc).toContain(`path    = ${JSON.stringify(availability.mirror)}`);
      expect(rc).toMatch(/direct \{\s+exclude = \["registry\.terraform\.io\/\*\/\*"\]/);
    });

    it('plans the three resources and resolves the literal policy documents', () => {
      expect(plan.errored).toBe(false);
      const changes = Object.fromEntries(plan.resource_changes.map((r: any) => [r.address, r.change]));
      expect(Object.keys(changes).sort()).toEqual([
        'aws_iam_policy.tiny_policy', 'aws_iam_role.tiny_role', 'aws_iam_role_policy_attachment.tiny_attach',
      ]);
      for (const c of Object.values<any>(changes)) expect(c.actions).toEqual(['create']);
      expect(JSON.parse(changes['aws_iam_role.tiny_role'].after.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      });
      expect(JSON.parse(changes['aws_iam_policy.tiny_policy'].after.policy).Statement[0].Action).toBe('s3:*');
    });
  });
});

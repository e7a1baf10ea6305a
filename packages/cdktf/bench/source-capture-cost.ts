/**
 * Measures what the source-position hook costs: builds N IamRole + N IamPolicy blocks and
 * synthesizes the stack JSON, without and with `@workload-iga/cdktf` loaded.
 *
 *   tsx packages/cdktf/bench/source-capture-cost.ts            # baseline (no hook)
 *   WIGA_HOOK=1 tsx packages/cdktf/bench/source-capture-cost.ts
 *   N=1000 (default)
 */
import { performance } from 'node:perf_hooks';

const n = Number(process.env.N ?? 1000);
const hook = process.env.WIGA_HOOK === '1';
const t0 = performance.now();
if (hook) require('@workload-iga/cdktf');
const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
const { IamRole } = require('@cdktf/provider-aws/lib/iam-role') as typeof import('@cdktf/provider-aws/lib/iam-role');
const { IamPolicy } = require('@cdktf/provider-aws/lib/iam-policy') as typeof import('@cdktf/provider-aws/lib/iam-policy');
const tLoad = performance.now();

const app = new App({ outdir: require('node:os').tmpdir() });
const stack = new TerraformStack(app, 'bench');
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
for (let i = 0; i < n; i++) {
  new IamRole(stack, `role_${i}`, { name: `role-${i}`, assumeRolePolicy: trust });
  new IamPolicy(stack, `policy_${i}`, { name: `policy-${i}`, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b${i}/*` }] }) });
}
const tBuild = performance.now();
const text = JSON.stringify(stack.toTerraform(), null, 2);
const tSynth = performance.now();
const manifest = JSON.parse(text)['//']['workload-iga'];
console.log(
  JSON.stringify({
    hook,
    blocks: 2 * n,
    loadMs: Math.round(tLoad - t0),
    constructMs: Math.round(tBuild - tLoad),
    synthMs: Math.round(tSynth - tBuild),
    bytes: text.length,
    sources: manifest ? Object.keys(manifest.sources).length : 0,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  }),
);

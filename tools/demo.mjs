#!/usr/bin/env node
// The demo for a new user (`npm run demo`):
//   1. synthesizes examples/payments-platform in-process (tsx src/main.ts in that directory, so its
//      cdktf.out/ lands there);
//   2. runs the built CLI, `wiga check examples/payments-platform/cdktf.out`, and prints its report;
//   3. with --plan, also runs an offline `terraform plan` of each stack (providers from the local
//      mirror, nothing downloaded) and checks the plan JSON the same way.
// The example deliberately contains flawed hand-written IAM (src/legacy.ts), so wiga is expected to
// exit 1 with findings: the demo then still exits 0. It exits non-zero when the synth fails, when
// wiga exits 2 (an input it could not read), or when --plan was asked for and cannot run.
//
//   node tools/demo.mjs [--plan] [-- <extra wiga check options, e.g. --format json>]

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planOffline, terraformAvailability } from './terraform.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exampleRel = 'examples/payments-platform';
const example = join(root, exampleRel);
const outdir = join(example, 'cdktf.out');
const wiga = join(root, 'packages', 'cli', 'bin', 'wiga.js');

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const ownArgs = dashdash === -1 ? argv : argv.slice(0, dashdash);
const wigaExtra = dashdash === -1 ? [] : argv.slice(dashdash + 1);
const withPlan = ownArgs.includes('--plan');
const unknown = ownArgs.filter((a) => a !== '--plan');
if (unknown.length > 0 || ownArgs.includes('--help') || ownArgs.includes('-h')) {
  process.stderr.write('usage: node tools/demo.mjs [--plan] [-- <wiga check options>]\n');
  process.exit(unknown.length > 0 && !ownArgs.includes('--help') && !ownArgs.includes('-h') ? 2 : 0);
}

const say = (m) => process.stderr.write(`demo: ${m}\n`);
const die = (m, code = 1) => { say(m); process.exit(code); };

// --- prerequisites --------------------------------------------------------------------------------
const tsx = join(example, 'node_modules', '.bin', 'tsx');
if (!existsSync(tsx)) die(`${relative(root, tsx)} is missing: run \`npm run setup\` first (or use \`npm run demo\`)`);
if (!existsSync(join(example, 'src', 'main.ts'))) die(`${exampleRel}/src/main.ts is missing: the example app is not there`);
if (!existsSync(join(root, 'packages', 'cli', 'dist', 'bin.js'))) die('the CLI is not built: run `npm run setup` first (or use `npm run demo`)');

// --- 1. synth -------------------------------------------------------------------------------------
say(`synthesizing ${exampleRel} (tsx src/main.ts)...`);
let t0 = Date.now();
rmSync(outdir, { recursive: true, force: true }); // no stale stacks from an earlier version of the example
const synth = spawnSync(tsx, ['src/main.ts'], { cwd: example, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
if (synth.error) die(`could not run tsx: ${synth.error.message}`);
if (synth.status !== 0) die(`synth of ${exampleRel} failed (exit ${synth.status ?? synth.signal}); see the errors above`);
if (!existsSync(join(outdir, 'manifest.json'))) die(`synth wrote no ${exampleRel}/cdktf.out/manifest.json`);
say(`synthesized in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${exampleRel}/cdktf.out`);

// --- 2. check the synth output --------------------------------------------------------------------
function check(paths, label) {
  say(`wiga check ${paths.map((p) => relative(root, p)).join(' ')}${wigaExtra.length ? ` ${wigaExtra.join(' ')}` : ''}`);
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(process.execPath, [wiga, 'check', ...paths.map((p) => relative(root, p)), ...wigaExtra], {
    cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env,
  });
  if (r.error) die(`could not run wiga: ${r.error.message}`);
  return r.status ?? 2;
}

function explain(code, what) {
  if (code === 0) return `wiga exited 0 on ${what}: no finding at or above the threshold.`;
  if (code === 1) {
    return `wiga exited 1 on ${what}: findings at or above high — expected here: they are the deliberately ` +
      `flawed hand-written IAM in ${exampleRel}/src/legacy.ts (the workloads declared with @workload-iga/cdktf ` +
      'in src/workloads.ts are clean).';
  }
  return `wiga exited ${code} on ${what}: it could not read or parse an input (see its errors above).`;
}

const codes = [];
const synthCode = check([outdir], `wiga check ${exampleRel}/cdktf.out (synth output)`);
codes.push(synthCode);
const lines = [explain(synthCode, 'the synth output')];

// --- 3. optional: offline terraform plan ----------------------------------------------------------
if (withPlan) {
  const availability = terraformAvailability();
  if (!availability.ok) {
    process.stdout.write(`\n${lines.join('\n')}\n`);
    die(`--plan cannot run: ${availability.reason}`, 3);
  }
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const planFiles = [];
  for (const [name, stack] of Object.entries(manifest.stacks || {})) {
    const stackDir = join(outdir, stack.workingDirectory || join('stacks', name));
    // A dot-directory: `wiga check cdktf.out` skips it, so the plan is never counted twice.
    const workDir = join(outdir, '.plan', name);
    rmSync(workDir, { recursive: true, force: true });
    say(`terraform plan of stack ${name} (offline, providers from ${availability.mirror})...`);
    t0 = Date.now();
    try {
      const r = await planOffline(stackDir, { workDir, log: (m) => say(`  ${m}`) });
      planFiles.push(r.planJsonPath);
    } catch (err) {
      process.stdout.write(`\n${lines.join('\n')}\n`);
      die(err.message);
    }
    say(`planned ${name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const planCode = check(planFiles, 'wiga check on the terraform plan JSON');
  codes.push(planCode);
  lines.push(explain(planCode, 'the plan JSON'));
}

process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(codes.some((c) => c !== 0 && c !== 1) ? 2 : 0);

#!/usr/bin/env node
// Offline Terraform for the workspace: find the machine's provider filesystem mirror and the
// `terraform` binary, then init / validate / plan / show -json a synthesized stack without ever
// downloading anything.
//
// Module use:
//   import { terraformAvailability, planOffline } from './tools/terraform.mjs';
//   const a = terraformAvailability();          // {ok:true, terraform, version, mirror} | {ok:false, reason}
//   const { planJsonPath } = await planOffline('examples/payments-platform/cdktf.out/stacks/payments');
//
// CLI use:
//   node tools/terraform.mjs check               prints what was found, exit 0 / 3 when unavailable
//   node tools/terraform.mjs plan <stack-dir> [<work-dir>]
//                                                writes plan.json in <stack-dir> (or in <work-dir>, on a copy
//                                                of the stack's *.tf.json), prints its path
//
// Mirror lookup: $WIGA_TF_PROVIDER_MIRROR if set (the folder that contains `registry.terraform.io/`),
// otherwise the first directory found by searching the filesystem (depth <= 6) for
// `registry.terraform.io/hashicorp/aws`. Never hard-coded, never downloaded.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIRROR_ENV = 'WIGA_TF_PROVIDER_MIRROR';
export const DEFAULT_AWS_PROVIDER_VERSION = '5.100.0';
const PROVIDER_SUBPATH = join('registry.terraform.io', 'hashicorp', 'aws');
const STEP_TIMEOUT_MS = 10 * 60_000;

let cachedMirror; // undefined = not searched yet; the search walks the filesystem once per process

/** Directory containing `registry.terraform.io/`, or {reason}. */
export function findProviderMirror({ env = process.env } = {}) {
  const override = env[MIRROR_ENV];
  if (override) {
    const dir = resolve(override);
    if (!existsSync(join(dir, PROVIDER_SUBPATH))) {
      return { ok: false, reason: `${MIRROR_ENV}=${override} does not contain ${PROVIDER_SUBPATH}/` };
    }
    return { ok: true, mirror: dir, source: MIRROR_ENV };
  }
  if (cachedMirror === undefined) cachedMirror = searchMirror();
  if (!cachedMirror) {
    return {
      ok: false,
      reason: `no Terraform provider mirror found (searched / to depth 6 for ${PROVIDER_SUBPATH}); ` +
        `set ${MIRROR_ENV} to the folder that contains registry.terraform.io/`,
    };
  }
  return { ok: true, mirror: cachedMirror, source: 'search' };
}

function searchMirror() {
  // `find` prunes pseudo filesystems and dependency trees; it takes well under a second here.
  const r = spawnSync('find', ['/', '-maxdepth', '6',
    '(', '-path', '/proc', '-o', '-path', '/sys', '-o', '-path', '/dev', '-o', '-name', 'node_modules', '-o', '-name', '.git', ')', '-prune',
    '-o', '-type', 'd', '-path', '*/registry.terraform.io/hashicorp/aws', '-print'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  if (r.error) return null;
  const hits = (r.stdout || '').split('\n').filter(Boolean).sort();
  // Prefer a mirror that holds the version the workspace pins, then the shortest path.
  const withVersion = hits.filter((h) => existsSync(join(h, DEFAULT_AWS_PROVIDER_VERSION)));
  const pick = (withVersion.length ? withVersion : hits).sort((a, b) => a.length - b.length)[0];
  return pick ? resolve(pick, '..', '..', '..') : null;
}

/** Absolute path of `terraform` on PATH, or null. */
export function findTerraform({ env = process.env } = {}) {
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch { /* keep looking */ }
  }
  return null;
}

/** Versions of hashicorp/aws present in the mirror. */
export function mirrorAwsVersions(mirror) {
  const dir = join(mirror, PROVIDER_SUBPATH);
  return existsSync(dir) ? readdirSync(dir).filter((v) => /^\d+\.\d+\.\d+/.test(v)).sort() : [];
}

/** {ok:true, terraform, version, mirror, awsVersions} | {ok:false, reason} */
export function terraformAvailability({ env = process.env } = {}) {
  const terraform = findTerraform({ env });
  if (!terraform) {
    return { ok: false, reason: 'terraform is not on PATH (it is machine-provided; it cannot be installed from npm)' };
  }
  const v = spawnSync(terraform, ['version', '-json'], {
    encoding: 'utf8', env: terraformEnv(null, env), timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let version = null;
  try { version = JSON.parse(v.stdout).terraform_version; } catch { /* below */ }
  if (!version) {
    return { ok: false, reason: `\`${terraform} version -json\` failed: ${(v.stderr || v.error?.message || '').trim() || `exit ${v.status}`}` };
  }
  const m = findProviderMirror({ env });
  if (!m.ok) return { ok: false, reason: m.reason };
  const awsVersions = mirrorAwsVersions(m.mirror);
  if (!awsVersions.includes(DEFAULT_AWS_PROVIDER_VERSION)) {
    return {
      ok: false,
      reason: `provider mirror ${m.mirror} has hashicorp/aws ${awsVersions.join(', ') || '(none)'}, ` +
        `not ${DEFAULT_AWS_PROVIDER_VERSION} pinned by @cdktf/provider-aws 20.1.0`,
    };
  }
  return { ok: true, terraform, version, mirror: m.mirror, awsVersions };
}

/** Writes (once) a Terraform CLI config that installs providers only from the mirror. */
export function writeCliConfig(mirror) {
  const dir = join(tmpdir(), 'wiga-terraform');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `terraformrc-${createHash('sha256').update(mirror).digest('hex').slice(0, 12)}`);
  const text = [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    'disable_checkpoint = true',
    '',
  ].join('\n');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  return file;
}

/** Environment for terraform: offline, non-interactive, fake AWS credentials, our CLI config. */
export function terraformEnv(cliConfigFile, base = process.env) {
  const env = { ...base };
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
    'TF_PLUGIN_CACHE_DIR', 'TF_LOG', 'TF_WORKSPACE']) delete env[k];
  Object.assign(env, {
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: 'mock_access_key',
    AWS_SECRET_ACCESS_KEY: 'mock_secret_key',
    AWS_REGION: base.AWS_REGION || 'us-east-1',
    AWS_DEFAULT_REGION: base.AWS_DEFAULT_REGION || 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  if (cliConfigFile) env.TF_CLI_CONFIG_FILE = cliConfigFile;
  else delete env.TF_CLI_CONFIG_FILE; // the machine presets a non-existent ~/.terraformrc
  return env;
}

function runStep(terraform, args, { cwd, env, stdoutFile, log }) {
  return new Promise((resolvePromise, reject) => {
    const t0 = Date.now();
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
    const child = spawn(terraform, args, { cwd, env, stdio: ['ignore', out, 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), STEP_TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); if (stdoutFile) closeSync(out); reject(new Error(`could not run terraform: ${err.message}`)); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stdoutFile) closeSync(out);
      const ms = Date.now() - t0;
      log?.(`terraform ${args[0]}: ${code === 0 ? 'ok' : `failed (${code ?? signal})`} in ${(ms / 1000).toFixed(1)} s`);
      if (code === 0) return resolvePromise({ stdout, stderr, ms });
      const detail = (stderr.trim() || stdout.trim()).split('\n').slice(-40).join('\n');
      reject(new Error(`terraform ${args.join(' ')} failed in ${cwd} (${code ?? signal}):\n${detail}`));
    });
  });
}

/**
 * init, validate, plan -out, show -json in stackDir (a directory holding cdk.tf.json or *.tf.json),
 * or in `workDir` on a copy of its configuration files. Resolves to {planJsonPath, planBinPath, timings}; rejects with a readable Error on failure, and
 * with `error.unavailable = true` when terraform or the mirror is missing.
 */
export async function planOffline(stackDir, { validate = true, log, env = process.env, workDir } = {}) {
  const src = resolve(stackDir);
  const isConfig = (f) => f.endsWith('.tf.json') || f.endsWith('.tf');
  if (!existsSync(src) || !statSync(src).isDirectory() || !readdirSync(src).some(isConfig)) {
    throw new Error(`${stackDir} is not a Terraform stack directory (no *.tf.json / *.tf in it)`);
  }
  // With workDir, terraform runs on a copy of the configuration files, so .terraform/, plan.bin and
  // plan.json do not land beside the synth output (where a directory scan would pick plan.json up).
  const dir = workDir ? resolve(workDir) : src;
  if (workDir) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(src).filter(isConfig)) copyFileSync(join(src, f), join(dir, f));
  }
  const avail = terraformAvailability({ env });
  if (!avail.ok) {
    const err = new Error(`offline terraform plan unavailable: ${avail.reason}`);
    err.unavailable = true;
    throw err;
  }
  const tfEnv = terraformEnv(writeCliConfig(avail.mirror), env);
  const opts = { cwd: dir, env: tfEnv, log };
  const timings = {};
  timings.init = (await runStep(avail.terraform, ['init', '-input=false', '-no-color'], opts)).ms;
  if (validate) timings.validate = (await runStep(avail.terraform, ['validate', '-no-color'], opts)).ms;
  const planBinPath = join(dir, 'plan.bin');
  const planJsonPath = join(dir, 'plan.json');
  timings.plan = (await runStep(avail.terraform, ['plan', '-input=false', '-no-color', '-lock=false', `-out=${planBinPath}`], opts)).ms;
  timings.show = (await runStep(avail.terraform, ['show', '-json', '-no-color', planBinPath], { ...opts, stdoutFile: planJsonPath })).ms;
  return { planJsonPath, planBinPath, timings, terraform: avail.terraform, version: avail.version, mirror: avail.mirror };
}

// --- CLI ----------------------------------------------------------------------------------------
const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [cmd, arg] = process.argv.slice(2);
  const say = (m) => process.stderr.write(`terraform.mjs: ${m}\n`);
  if (cmd === 'check') {
    const a = terraformAvailability();
    if (!a.ok) { say(a.reason); process.exit(3); }
    process.stdout.write(`terraform ${a.version} at ${a.terraform}\nprovider mirror ${a.mirror} (hashicorp/aws ${a.awsVersions.join(', ')})\n`);
  } else if (cmd === 'plan' && arg) {
    try {
      const workDir = process.argv[4];
      const r = await planOffline(arg, { log: say, workDir });
      process.stdout.write(`${r.planJsonPath}\n`);
    } catch (err) {
      say(err.message);
      process.exit(err.unavailable ? 3 : 1);
    }
  } else {
    say('usage: node tools/terraform.mjs check | plan <stack-dir> [<work-dir>]');
    process.exit(2);
  }
}

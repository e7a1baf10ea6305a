#!/usr/bin/env node
// Idempotent workspace setup: install dependencies with the pinned pnpm (only when the lockfile or a
// package.json changed since the last install) and build the packages (only when a source is newer
// than its last build). Fast on a warm tree; safe on a fresh clone with nothing but Node and the npm
// registry. Errors are reported as one plain message, never a stack trace.
//
//   node tools/setup.mjs            install if needed, build if needed
//   node tools/setup.mjs --force    install and build unconditionally
//   node tools/setup.mjs --quiet    print nothing when there is nothing to do (default) / less chatter

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@10.34.9';
const MIN_NODE = [20, 9];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const started = Date.now();

function fail(message) {
  process.stderr.write(`setup: ${message}\n`);
  process.exit(1);
}

function log(message) {
  process.stderr.write(`setup: ${message}\n`);
}

// --- Node version -----------------------------------------------------------------------------------
{
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(`Node ${MIN_NODE.join('.')} or newer is required (found ${process.versions.node}). ` +
      'Install Node 20 LTS (e.g. from https://nodejs.org) and run again.');
  }
}

// --- Workspace files that determine the install ---------------------------------------------------
function workspacePackageDirs() {
  const dirs = ['.'];
  for (const parent of ['packages', 'examples']) {
    const abs = join(root, parent);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).sort()) {
      if (existsSync(join(abs, name, 'package.json'))) dirs.push(`${parent}/${name}`);
    }
  }
  return dirs;
}

function installFingerprint(dirs) {
  const hash = createHash('sha256');
  hash.update(`node-major=${process.versions.node.split('.')[0]}\n${PNPM}\n`);
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', ...dirs.map((d) => `${d}/package.json`)]) {
    const abs = join(root, file);
    hash.update(`${file}\n`);
    hash.update(existsSync(abs) ? readFileSync(abs) : '<missing>');
    hash.update('\n');
  }
  return hash.digest('hex');
}

function run(label, args, extraEnv = {}) {
  const t0 = Date.now();
  const result = spawnSync('npx', ['-y', PNPM, ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true', npm_config_update_notifier: 'false', ...extraEnv },
  });
  if (result.error) {
    if (result.error.code === 'ENOENT') {
      fail('`npx` was not found on PATH. It ships with npm; install Node 20 with npm and run again.');
    }
    fail(`could not run \`npx -y ${PNPM} ${args.join(' ')}\`: ${result.error.message}`);
  }
  if (result.status !== 0) {
    fail(`\`npx -y ${PNPM} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}). ` +
      `${label}`);
  }
  return Date.now() - t0;
}

const dirs = workspacePackageDirs();
const stampFile = join(root, 'node_modules', '.wiga-setup-stamp');
const fingerprint = installFingerprint(dirs);
const installed = existsSync(join(root, 'node_modules', '.modules.yaml')) &&
  existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === fingerprint;

if (force || !installed) {
  if (!existsSync(join(root, 'pnpm-lock.yaml'))) fail('pnpm-lock.yaml is missing; the checkout is incomplete.');
  log(`installing dependencies with ${PNPM} (frozen lockfile)...`);
  const ms = run('The install did not complete; see the output above (a network error means the npm registry is unreachable).', ['install', '--frozen-lockfile', '--reporter=append-only']);
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  writeFileSync(stampFile, `${fingerprint}\n`);
  log(`dependencies installed in ${(ms / 1000).toFixed(1)} s`);
}

// --- Build: only when sources are newer than the last successful build ---------------------------
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // directory mtime changes when a file is added, removed or renamed
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const buildable = dirs.filter((d) => {
  if (d === '.') return false;
  const pkg = JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8'));
  return Boolean(pkg.scripts && pkg.scripts.build) && hasTypeScript(join(root, d, 'src'));
});

function hasTypeScript(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasTypeScript(join(dir, e.name)) : /\.tsx?$/.test(e.name));
}

const buildInputs = ['tsconfig.json', 'pnpm-lock.yaml'];
const sharedNewest = Math.max(...buildInputs.map((f) => newestMtime(join(root, f))));
const stale = buildable.filter((d) => {
  const stamp = join(root, d, 'dist', '.wiga-build-stamp');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = Math.max(sharedNewest, newestMtime(join(root, d, 'src')), newestMtime(join(root, d, 'package.json')),
    ...readdirSync(join(root, d)).filter((f) => /^tsconfig.*\.json$/.test(f)).map((f) => newestMtime(join(root, d, f))));
  return inputs > built;
});

if (buildable.length > 0 && (force || stale.length > 0)) {
  // Dependents must be rebuilt against their dependencies' new declarations, so build the whole
  // workspace in topological order (pnpm -r does that); tsc on these packages takes a few seconds.
  log(`building ${(force ? buildable : stale).join(', ')}${force ? '' : ' (changed)'}...`);
  const buildStarted = new Date();
  const ms = run('The TypeScript build failed; see the compiler errors above.', ['-r', '--reporter=append-only', ...buildable.flatMap((d) => ['--filter', `./${d}`]), 'run', 'build']);
  for (const d of buildable) {
    // Stamp with the build's start time, so a source edited during the build counts as newer.
    const stamp = join(root, d, 'dist', '.wiga-build-stamp');
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, `${buildStarted.toISOString()}\n`);
    utimesSync(stamp, buildStarted, buildStarted);
  }
  log(`built in ${(ms / 1000).toFixed(1)} s`);
}

if (force || !installed || stale.length > 0) {
  log(`ready (${((Date.now() - started) / 1000).toFixed(1)} s, ${relative(process.cwd(), root) || '.'})`);
}

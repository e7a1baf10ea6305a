/**
 * Builds workspace packages for tests that run built code (the `wiga` binary, the language server)
 * when their dist is missing or older than their sources, so a test file can be run alone without
 * `npm test` (which builds first). Test files run in parallel: one lock for the whole repository
 * makes one build at a time, so two files never compile core at once; a stale lock is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

/** `packages`: package directory name → the file in its dist/ that marks a build (e.g. `core` → `index.js`). */
export function ensureBuilt(packages: Readonly<Record<string, string>>): void {
  const lock = path.join(repoRoot, 'node_modules', '.wiga-test-build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
    for (const [pkg, marker] of Object.entries(packages)) {
      const dir = path.join(repoRoot, 'packages', pkg);
      const built = path.join(dir, 'dist', marker);
      if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(dir, 'src'))) continue;
      const started = Date.now();
      const r = spawnSync(tsc, ['-p', path.join(dir, 'tsconfig.build.json')], { cwd: repoRoot, encoding: 'utf8' });
      // A type error elsewhere still emits JavaScript (the type check is the build's job, not these tests').
      const emitted = existsSync(built) && statSync(built).mtimeMs >= started - 1000;
      if (r.status !== 0 && !emitted) throw new Error(`build of ${pkg} failed:\n${r.stdout}${r.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

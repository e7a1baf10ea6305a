/**
 * The whole-program tier: `cdktf.out/stacks/*\/cdk.tf.json` analysed with the core, findings mapped
 * back to the TypeScript that created each resource (`location.source`), and the synth itself
 * (the project's `cdktf.json` `app`, run only in a trusted workspace).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { analyze, type Finding } from '@workload-iga/core';
import { configFor } from './config';

export interface SynthFinding {
  readonly finding: Finding;
  /** Absolute TypeScript file and 1-based position. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface StackResult {
  readonly stackFile: string;
  readonly mtime: number;
  /** When the stack was read (ms since epoch): a source saved after it makes its results stale. */
  readonly analysedAt: number;
  readonly findings: readonly Finding[];
  /** Findings with a TypeScript source, by absolute file. */
  readonly byFile: ReadonlyMap<string, SynthFinding[]>;
  /** Text of each mapped TypeScript file on disk when the stack was read (to tell if the result is stale). */
  readonly sourceText: ReadonlyMap<string, string>;
}

const SKIP = new Set(['node_modules', '.git', '.terraform', 'dist', '.pnpm']);

/** The `cdk.tf.json` of every stack in an output directory (`<outdir>/stacks/*`). */
export function stacksIn(outdir: string): string[] {
  try {
    return readdirSync(join(outdir, 'stacks'))
      .map((s) => join(outdir, 'stacks', s, 'cdk.tf.json'))
      .filter((f) => existsSync(f))
      .sort();
  } catch {
    return [];
  }
}

/** Every `cdk.tf.json` under `root` (in `cdktf.out/stacks/*`), bounded in depth. */
export function findStacks(root: string, depth = 6): string[] {
  const out: string[] = [];
  const walk = (dir: string, d: number) => {
    if (d > depth) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || SKIP.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.name === 'cdktf.out') {
        const stacks = join(p, 'stacks');
        try {
          for (const s of readdirSync(stacks)) if (existsSync(join(stacks, s, 'cdk.tf.json'))) out.push(join(stacks, s, 'cdk.tf.json'));
        } catch {
          /* no stacks yet */
        }
        continue;
      }
      walk(p, d + 1);
    }
  };
  walk(root, 0);
  return out.sort();
}

/** Directories with a `cdktf.json` under `root` (bounded in depth). */
export function findProjects(root: string, depth = 4): string[] {
  const out: string[] = [];
  const walk = (dir: string, d: number) => {
    if (existsSync(join(dir, 'cdktf.json'))) out.push(dir);
    if (d >= depth) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory() && !SKIP.has(e.name) && e.name !== 'cdktf.out') walk(join(dir, e.name), d + 1);
  };
  walk(root, 0);
  return out;
}

/** The project directory of a stack: the nearest directory above `cdktf.out` (where `cdktf.json` normally is). */
export function projectDirOf(stackFile: string): string {
  let dir = dirname(stackFile);
  while (dir !== dirname(dir)) {
    if (dir.endsWith('cdktf.out')) return dirname(dir);
    dir = dirname(dir);
  }
  return dirname(stackFile);
}

/** `project`: the synth's working directory (default: the directory above `cdktf.out`). */
export function analyzeStack(stackFile: string, project = projectDirOf(stackFile)): StackResult | undefined {
  let text: string;
  let mtime: number;
  try {
    text = readFileSync(stackFile, 'utf8');
    mtime = statSync(stackFile).mtimeMs;
  } catch {
    return undefined;
  }
  const config = configFor(join(project, 'cdktf.json'));
  const result = analyze([{ path: stackFile, text }], { suppressions: config.suppressions });
  const byFile = new Map<string, SynthFinding[]>();
  const sourceText = new Map<string, string>();
  for (const finding of result.findings) {
    const source = finding.location.source;
    if (!source) continue;
    // The core resolves manifest paths against the stack directory + sourceRoot; a path it kept as
    // recorded is relative to the synth's working directory, normally the project directory.
    const file = isAbsolute(source.file) ? source.file : resolve(project, source.file);
    const list = byFile.get(file) ?? [];
    list.push({ finding, file, line: source.line, column: source.column });
    byFile.set(file, list);
    if (!sourceText.has(file)) {
      try {
        sourceText.set(file, readFileSync(file, 'utf8'));
      } catch {
        sourceText.set(file, '');
      }
    }
  }
  return { stackFile, mtime, analysedAt: Math.max(mtime, Date.now() - 1), findings: result.findings, byFile, sourceText };
}

/** The nearest `cdktf.json` at or above `dir`. */
export function findCdktfProject(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'cdktf.json'))) return d;
    if (d === dirname(d)) return undefined;
  }
}

export interface SynthOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Runs the project's `app` command (cdktf.json) in its directory, with a timeout, writing into
 * `outdir` (`CDKTF_OUTDIR`, as `cdktf synth` does), so the user's `cdktf.out` is left alone.
 */
export function runSynth(projectDir: string, outdir: string, timeoutMs = 120_000, signal?: AbortSignal): Promise<SynthOutcome> {
  let app: string | undefined;
  try {
    app = (JSON.parse(readFileSync(join(projectDir, 'cdktf.json'), 'utf8')) as { app?: string }).app;
  } catch (error) {
    return Promise.resolve({ ok: false, message: `cannot read cdktf.json: ${(error as Error).message}` });
  }
  if (!app) return Promise.resolve({ ok: false, message: 'cdktf.json has no "app" command' });
  return new Promise((done) => {
    const child = spawn(app!, {
      cwd: projectDir,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      detached: process.platform !== 'win32',
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
        else child.kill();
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      kill();
      done({ ok: false, message: `synth timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    signal?.addEventListener('abort', () => {
      kill();
      clearTimeout(timer);
      done({ ok: false, message: 'synth cancelled' });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ ok: false, message: error.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code === 0 ? { ok: true, message: 'synth finished' } : { ok: false, message: `synth exited ${code}: ${output.trim().split('\n').slice(-5).join('\n')}` });
    });
  });
}

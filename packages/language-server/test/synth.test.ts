import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './harness';

// A stand-in for a CDKTF app: writes one stack into $CDKTF_OUTDIR, as `app.synth()` does, whose
// manifest points an AdministratorAccess attachment at src/app.ts line 3.
const APP = `
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = join(process.env.CDKTF_OUTDIR, 'stacks', 'app');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({
  '//': { metadata: { version: '0.21.0', stackName: 'app' }, 'workload-iga': { version: 1, workloads: [], suppressions: [],
    sources: { 'aws_iam_role_policy_attachment.admin': { file: 'src/app.ts', line: 3, column: 1 } }, sourceRoot: '../../../../elsewhere' } },
  resource: {
    aws_iam_role: { r: { name: 'r', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
    aws_iam_role_policy_attachment: { admin: { role: '\${aws_iam_role.r.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  },
}));
`;
const SOURCE = "import { helper } from './helper';\n\nhelper(this, 'admin');\n";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiga-synth-test-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'synth.js'), APP);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${JSON.stringify(process.execPath)} synth.js` }));
  writeFileSync(join(dir, 'src', 'app.ts'), SOURCE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synth on save', () => {
  it('never runs the project code in an untrusted workspace', async () => {
    const client = await Client.start(dir, { wiga: { synthOnSave: true }, workspaceTrusted: false });
    try {
      const result = await client.connection.sendRequest('wiga/synth');
      expect(result).toMatchObject({ ran: false });
    } finally {
      await client.stop();
    }
  });

  it('in a trusted workspace, saving runs the app into a temporary folder and maps its findings to the TypeScript line', async () => {
    const client = await Client.start(dir, { wiga: { synthOnSave: true }, workspaceTrusted: true });
    try {
      const path = join(dir, 'src', 'app.ts');
      const uri = client.open(path, SOURCE);
      await client.waitFor(uri, () => true, 5000).catch(() => undefined);
      void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: pathToFileURL(path).href } });
      const p = await client.waitFor(uri, (x) => x.diagnostics.some((d) => d.code === 'no-admin-managed-policy'), 30_000);
      const d = p.diagnostics.find((x) => x.code === 'no-admin-managed-policy')!;
      expect(d.range.start).toEqual({ line: 2, character: 0 });
      expect(d.data?.tier).toBe('synth');
      expect(d.message).toContain('from the last cdktf synth');
    } finally {
      await client.stop();
    }
  });
});

/**
 * End to end with a real third-party LSP client: headless Neovim (Debian's 0.7.2 or newer) drives
 * the built server over stdio (research/editor.md §c). Skipped, with the reason printed, only when
 * `nvim` is not on PATH (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, serverJs } from './harness';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.status === 0;
if (!hasNvim) console.log('neovim.test: skipped, `nvim` is not on PATH (apt-get install -y neovim)');

const TS = [
  "import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';",
  '',
  "new IamPolicy(this, 'reports', {",
  "  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' }] }),",
  '});',
  '',
].join('\n');
const TF = [
  'data "aws_iam_policy_document" "wide" {',
  '  statement {',
  '    actions   = ["s3:GetObject", "iam:*"]',
  '    resources = ["*"]',
  '  }',
  '}',
  '',
  'resource "aws_iam_policy" "wide" {',
  '  name   = "wide"',
  '  policy = data.aws_iam_policy_document.wide.json',
  '}',
  '',
].join('\n');
const JSON_POLICY = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    { "Effect": "Allow", "Action": ["sqs:*"], "Resource": "arn:aws:sqs:eu-west-1:111122223333:q" }', '  ]', '}', ''].join('\n');

const at = (text: string, needle: string) => {
  const lines = text.split('\n');
  const lnum = lines.findIndex((l) => l.includes(needle));
  return { lnum, col: lines[lnum]!.indexOf(needle), end_col: lines[lnum]!.indexOf(needle) + needle.length };
};

describe.skipIf(!hasNvim)('headless Neovim against wiga-language-server', () => {
  it('diagnostics at exact ranges in TypeScript, .tf and policy JSON; hover; a code action fixes and clears; clean shutdown', () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'wiga-nvim-'));
    try {
      const files = { ts: join(dir, 'main.ts'), tf: join(dir, 'main.tf'), json: join(dir, 'policy.json') };
      writeFileSync(files.ts, TS);
      writeFileSync(files.tf, TF);
      writeFileSync(files.json, JSON_POLICY);
      const out = join(dir, 'results.json');
      const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'nvim', 'e2e.lua')}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, WIGA_SERVER: serverJs, WIGA_ROOT: dir, WIGA_TS: files.ts, WIGA_TF: files.tf, WIGA_JSON: files.json, WIGA_OUT: out },
      });
      const results = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; steps: Record<string, any> };
      expect(results.error, JSON.stringify(results, null, 1)).toBeUndefined();
      expect(run.status).toBe(0);
      const s = results.steps;
      const find = (list: any[], code: string) => list.find((d) => d.code === code);
      // TypeScript: the 's3:*' literal exactly.
      expect(find(s.ts_diagnostics, 'no-wildcard-action')).toMatchObject({ ...at(TS, "'s3:*'"), end_lnum: at(TS, "'s3:*'").lnum, source: 'wiga', severity: 1 });
      expect(s.hover).toMatch(/s3:\*.*grants/);
      expect(s.code_actions.some((t: string) => t.startsWith('Suppress no-wildcard-action'))).toBe(true);
      expect(s.ts_line_after_fix).toMatch(/Action: \['s3:\w+', 's3:/);
      expect(s.ts_cleared).toBe(true);
      expect(find(s.ts_after_fix, 'no-wildcard-action')).toBeUndefined();
      // .tf (HCL): the "iam:*" string.
      expect(s.tf_ready).toBe(true);
      expect(find(s.tf_diagnostics, 'no-wildcard-action')).toMatchObject({ ...at(TF, '"iam:*"') });
      // Policy JSON: the "sqs:*" string.
      expect(find(s.json_diagnostics, 'no-wildcard-action')).toMatchObject({ ...at(JSON_POLICY, '"sqs:*"') });
      expect(s.stopped).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

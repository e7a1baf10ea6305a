import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '@workload-iga/core';
import { version } from '../src/main';
import { ADMIN_POLICY, CLEAN_POLICY, cdktfStack, planJson, runWiga, tempTree } from './helpers';

/** `file:line:column` with a 1-based line and column, as every input error must carry. */
const POSITION = (file: string) => new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `);

describe('wiga check (with the real core)', () => {
  it('exits 0 on a clean project and ends the text report with the summary', async () => {
    const dir = tempTree({ 'cdktf.out/stacks/app/cdk.tf.json': cdktfStack(CLEAN_POLICY), 'policies/reader.json': CLEAN_POLICY });
    const result = await runWiga(['check'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^0 findings \(0 critical, 0 high, 0 medium, 0 low, 0 info\), 0 suppressed, 2 inputs analysed\n$/);
    expect(result.code).toBe(0);
  });

  it('exits 1 on an administrator policy and names the rule, the file and the fix', async () => {
    const dir = tempTree({ 'cdktf.out/stacks/app/cdk.tf.json': cdktfStack(ADMIN_POLICY) });
    const result = await runWiga(['check', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.tool).toEqual({ name: 'wiga', version: version() });
    expect(report.inputs).toEqual([{ file: 'cdktf.out/stacks/app/cdk.tf.json', kind: 'cdktf-synth', status: 'analyzed', errors: [] }]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings[0]).toMatchObject({ severity: 'critical', location: { file: 'cdktf.out/stacks/app/cdk.tf.json', address: 'aws_iam_policy.app_policy' } });
    expect(report.summary.findings).toBe(report.findings.filter((f: { suppressed?: unknown }) => !f.suppressed).length);

    const text = await runWiga(['check'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('aws_iam_policy.app_policy');
    expect(text.stdout).toMatch(/\n {12}fix: /);
    expect(await runWiga(['check', '--fail-on', 'none'], dir)).toMatchObject({ code: 0 });
  });

  it('checks a plan JSON and a policy file named explicitly', async () => {
    const dir = tempTree({ 'plan.json': planJson(ADMIN_POLICY), 'admin.json': ADMIN_POLICY });
    const report = JSON.parse((await runWiga(['check', 'plan.json', 'admin.json', '--format', 'json', '--fail-on', 'none'], dir)).stdout);
    expect(report.inputs.map((input: { file: string; kind: string }) => [input.file, input.kind])).toEqual([
      ['admin.json', 'iam-policy'],
      ['plan.json', 'terraform-plan'],
    ]);
    expect(new Set(report.findings.map((finding: { location: { file: string } }) => finding.location.file))).toEqual(new Set(['admin.json', 'plan.json']));
  });

  describe('malformed inputs never pass', () => {
    const truncated = (text: string) => text.slice(0, Math.floor(text.length / 2));

    it.each([
      ['a truncated cdk.tf.json found in a directory', 'cdktf.out/stacks/app/cdk.tf.json', truncated(cdktfStack(CLEAN_POLICY)), '.'],
      ['a truncated *.tf.json named explicitly', 'main.tf.json', truncated(cdktfStack(CLEAN_POLICY)), 'main.tf.json'],
      ['a truncated plan named explicitly', 'plan.json', truncated(planJson(CLEAN_POLICY)), 'plan.json'],
      ['a truncated policy named explicitly', 'policy.json', truncated(CLEAN_POLICY), 'policy.json'],
      ['an empty *.tf.json', 'empty.tf.json', '', '.'],
      ['a truncated plan found in a directory', 'out/plan.json', truncated(planJson(CLEAN_POLICY)), '.'],
      ['an empty plan found in a directory (terraform show failed)', 'out/plan.json', '', 'out'],
      ['a text file named explicitly', 'notes.json', 'not json at all', 'notes.json'],
    ])('%s: exit 2 with file:line:column', async (_, file, content, arg) => {
      const dir = tempTree({ [file]: content });
      for (const format of ['text', 'json']) {
        const result = await runWiga(['check', arg, '--format', format, '--fail-on', 'none'], dir);
        expect(result.code).toBe(2);
        expect(format === 'text' ? result.stdout + result.stderr : result.stderr).toMatch(POSITION(file));
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    });

    it('a duplicate key: exit 2, or an invalid-policy finding at file:line:column', async () => {
      const duplicate = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Deny", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }\n  ]\n}\n';
      for (const [file, content] of [
        ['policy.json', duplicate],
        ['cdktf.out/stacks/app/cdk.tf.json', cdktfStack(CLEAN_POLICY).replace('"name": "app-role",', '"name": "app-role",\n        "name": "other-role",')],
      ] as const) {
        const dir = tempTree({ [file]: content });
        const result = await runWiga(['check', '--format', 'json'], dir);
        if (result.code === 2) {
          expect(result.stderr).toMatch(POSITION(file));
        } else {
          const report = JSON.parse(result.stdout);
          expect(report.findings).toContainEqual(
            expect.objectContaining({ category: 'invalid-policy', location: expect.objectContaining({ file, line: expect.any(Number), column: expect.any(Number) }) }),
          );
          expect(result.code).toBe(1);
        }
      }
    });
  });

  describe('usage and read errors exit 2 with one clear line', () => {
    it.each([
      [['check', 'missing-dir'], 'wiga: error: missing-dir: no such file or directory\n'],
      [['check', 'package.json'], 'wiga: error: package.json: not a cdktf synth output, Terraform JSON, Terraform plan JSON or IAM policy JSON file\n'],
      [
        ['check', 'junk'],
        'wiga: error: no inputs found in junk: expected cdktf.out/stacks/*/cdk.tf.json, *.tf, *.tf.json, Terraform plan JSON (terraform show -json) or IAM policy JSON (run cdktf synth first?)\n',
      ],
    ])('%j', async (argv, stderr) => {
      const dir = tempTree({ 'package.json': '{"name":"x"}', 'junk/tsconfig.json': '{"compilerOptions":{}}' });
      expect(await runWiga(argv, dir)).toEqual({ code: 2, stdout: '', stderr });
    });

    it('prints the usage after a bad option', async () => {
      const result = await runWiga(['check', '--format', 'xml'], tempTree({}));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^wiga: error: invalid value 'xml' for --format \(expected text or json\)\n\nUsage: wiga check /);
    });
  });

  describe('--output', () => {
    it('writes the report atomically and prints one summary line on stderr', async () => {
      const dir = tempTree({ 'admin.json': ADMIN_POLICY, 'reports/report.json': 'previous report' });
      const result = await runWiga(['check', 'admin.json', '--format', 'json', '--output', 'reports/report.json'], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^wiga: \d+ findings? \(.*\), 0 suppressed, 1 input analysed; report written to reports\/report\.json\n$/);
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'reports/report.json'), 'utf8'));
      expect(report.inputs[0].file).toBe('admin.json');
      expect(fs.readdirSync(path.join(dir, 'reports'))).toEqual(['report.json']);
    });

    it('writes text without colour even on a terminal', async () => {
      const dir = tempTree({ 'admin.json': ADMIN_POLICY });
      await runWiga(['check', 'admin.json', '-o', 'report.txt'], dir, { isTTY: true });
      const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
      expect(text).toContain('file admin.json');
      expect(text).not.toContain('\u001b[');
    });

    it('exits 2 when the report cannot be written, leaving no temporary file', async () => {
      const dir = tempTree({ 'admin.json': ADMIN_POLICY, 'file-not-dir': '' });
      const result = await runWiga(['check', 'admin.json', '--output', 'file-not-dir/report.json'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^wiga: error: cannot write the report to file-not-dir\/report\.json: /);
      expect(fs.readdirSync(dir).sort()).toEqual(['admin.json', 'file-not-dir']);
    });
  });

  describe('colour', () => {
    const dir = tempTree({ 'admin.json': ADMIN_POLICY });
    it.each([
      [{ isTTY: true }, [], true],
      [{ isTTY: false }, [], false],
      [{ isTTY: true, env: { NO_COLOR: '1' } }, [], false],
      [{ isTTY: true }, ['--no-color'], false],
    ] as const)('%j %j → colour %s', async (options, extra, coloured) => {
      const result = await runWiga(['check', 'admin.json', ...extra], dir, { ...options, env: { ...('env' in options ? options.env : {}) } });
      expect(result.stdout.includes('\u001b[')).toBe(coloured);
    });
  });
});

describe('wiga rules, --help, --version', () => {
  it('lists every rule of the core', async () => {
    const text = await runWiga(['rules'], tempTree({}));
    expect(text.code).toBe(0);
    for (const rule of RULES) expect(text.stdout).toContain(rule.id);
    const json = JSON.parse((await runWiga(['rules', '--format', 'json'], tempTree({}))).stdout);
    expect(json.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
  });

  it('prints help and the version', async () => {
    expect(await runWiga(['--version'], tempTree({}))).toEqual({ code: 0, stdout: `${version()}\n`, stderr: '' });
    expect((await runWiga(['--help'], tempTree({}))).stdout).toMatch(/^Usage: wiga <command>/);
    expect((await runWiga(['check', '--help'], tempTree({}))).stdout).toMatch(/^Usage: wiga check/);
    expect(await runWiga([], tempTree({}))).toMatchObject({ code: 2, stderr: expect.stringMatching(/^wiga: error: missing command/) });
  });
});

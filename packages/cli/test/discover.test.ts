import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverInputs } from '../src/discover';
import { ADMIN_POLICY, CLEAN_POLICY, cdktfStack, planJson, tempTree } from './helpers';

const PROJECT = {
  'app/cdktf.out/stacks/app/cdk.tf.json': cdktfStack(CLEAN_POLICY),
  'app/cdktf.out/stacks/app/plan.json': planJson(CLEAN_POLICY),
  'app/cdktf.out/stacks/app/.terraform/providers/lock.json': ADMIN_POLICY,
  'app/cdktf.out/manifest.json': JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', synthesizedStackPath: './stacks/app/cdk.tf.json' } } }),
  'app/package.json': JSON.stringify({ name: 'app', version: '1.0.0', scripts: { synth: 'tsx src/main.ts' } }),
  'app/tsconfig.json': '{\n  // compiler options\n  "compilerOptions": { "strict": true },\n}\n',
  'app/node_modules/some-lib/policy.json': ADMIN_POLICY,
  'app/.cache/policy.json': ADMIN_POLICY,
  'infra/main.tf.json': JSON.stringify({ resource: { aws_iam_policy: { p: { name: 'p', policy: CLEAN_POLICY } } } }),
  'policies/reader.json': CLEAN_POLICY,
  'policies/notes.txt': 'not json',
};

const paths = (files: readonly { path: string }[]) => files.map((file) => file.path);

describe('discoverInputs', () => {
  it('walks directories for cdktf synth output, Terraform JSON, plans and policies, skipping junk, node_modules and dot-dirs', () => {
    const dir = tempTree(PROJECT);
    const { files, errors } = discoverInputs(['.'], dir);
    expect(errors).toEqual([]);
    expect(paths(files)).toEqual(['app/cdktf.out/stacks/app/cdk.tf.json', 'app/cdktf.out/stacks/app/plan.json', 'infra/main.tf.json', 'policies/reader.json']);
    expect(files[0]!.text).toBe(PROJECT['app/cdktf.out/stacks/app/cdk.tf.json']);
    expect(files.every((file) => !file.explicit)).toBe(true);
  });

  it('finds the stacks from the cdktf.out dir, the project dir or a stack dir', () => {
    const dir = tempTree(PROJECT);
    for (const start of ['app', 'app/cdktf.out', 'app/cdktf.out/stacks/app']) {
      expect(paths(discoverInputs([start], dir).files)).toEqual([
        'app/cdktf.out/stacks/app/cdk.tf.json',
        'app/cdktf.out/stacks/app/plan.json',
      ]);
    }
  });

  it('reports paths relative to cwd with / separators, from inside or outside it', () => {
    const dir = tempTree(PROJECT);
    expect(discoverInputs(['../policies'], path.join(dir, 'app')).files.map((file) => file.path)).toEqual(['../policies/reader.json']);
    expect(discoverInputs([path.join(dir, 'policies', 'reader.json')], dir).files.map((file) => file.path)).toEqual(['policies/reader.json']);
  });

  it('keeps a file named explicitly, once, even when a directory walk also finds it', () => {
    const dir = tempTree(PROJECT);
    const { files } = discoverInputs(['policies', 'policies/reader.json', './policies/reader.json'], dir);
    expect(files.map(({ path: file, explicit }) => [file, explicit])).toEqual([['policies/reader.json', true]]);
  });

  it('walks directories for *.tf files too (whatever their content), skipping .terraform/ and other dot-dirs', () => {
    const dir = tempTree({
      'infra/main.tf': 'resource "aws_iam_user" "u" {}\n',
      'infra/broken.tf': 'resource "aws_iam_user" {\n',
      'infra/modules/ci/main.tf': 'variable "name" {}\n',
      'infra/.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "v" {}\n',
      'infra/main.tfvars': 'x = 1\n',
      'infra/terraform.tfstate': '{}',
    });
    expect(paths(discoverInputs(['.'], dir).files)).toEqual(['infra/broken.tf', 'infra/main.tf', 'infra/modules/ci/main.tf']);
    expect(discoverInputs(['infra/main.tf'], dir).files.map(({ path: file, explicit }) => [file, explicit])).toEqual([['infra/main.tf', true]]);
  });

  it('analyses a *.tf.json whatever its content, so that a wrong one is reported rather than skipped', () => {
    const dir = tempTree({ 'broken/cdk.tf.json': '{\n  "resource": {\n    "aws_iam_role": {', 'other/main.tf.json': '{"name": "x"}' });
    expect(paths(discoverInputs(['.'], dir).files)).toEqual(['broken/cdk.tf.json', 'other/main.tf.json']);
  });

  it('keeps broken JSON found in a walk, for the core to report, but skips configs with comments', () => {
    const dir = tempTree({
      'out/plan.json': '{\n  "format_version": "1.2",\n  "planned_values": {',
      'out/empty.json': '',
      'out/tsconfig.json': '{\n  // options\n  "compilerOptions": { "strict": true, },\n  /* paths */\n}\n',
      'out/.vscode/settings.json': '{ "editor.tabSize": 2, }',
    });
    expect(paths(discoverInputs(['out'], dir).files)).toEqual(['out/empty.json', 'out/plan.json']);
  });

  it('makes a missing path and an explicit file of valid JSON of no known kind errors', () => {
    const dir = tempTree(PROJECT);
    expect(discoverInputs(['app/package.json', 'nope', 'policies/notes.txt'], dir)).toEqual({
      errors: ['nope: no such file or directory', 'app/package.json: not a cdktf synth output, Terraform JSON, Terraform plan JSON or IAM policy JSON file'],
      // Not JSON at all: handed to the core, which reports where parsing fails.
      files: [expect.objectContaining({ path: 'policies/notes.txt', explicit: true })],
    });
  });

  it('finds nothing in a directory of junk, without errors', () => {
    const dir = tempTree({ 'package.json': '{"name":"x"}', 'data/list.json': '[1,2,3]', 'data/string.json': '"text"' });
    expect(discoverInputs(['.'], dir)).toEqual({ files: [], errors: [] });
  });
});

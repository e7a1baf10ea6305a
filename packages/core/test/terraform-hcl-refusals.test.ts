import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, loadHclSupport } from '@workload-iga/core';

beforeAll(async () => {
  await loadHclSupport();
});

const POLICY = (action: string) => `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }] })`;

// What Terraform itself refuses must not be half-analysed: either copy could hide the other.
describe('HCL that Terraform refuses is an input error', () => {
  it.each([
    {
      name: 'a resource declared twice in one file',
      files: { 'main.tf': `resource "aws_iam_policy" "p" {\n  policy = ${POLICY('s3:GetObject')}\n}\nresource "aws_iam_policy" "p" {\n  policy = ${POLICY('*')}\n}\n` },
      errors: ['main.tf:4:1 aws_iam_policy.p is declared twice (first at line 1); Terraform refuses this configuration'],
    },
    {
      name: 'an argument set twice in one block',
      files: { 'main.tf': `resource "aws_iam_policy" "p" {\n  policy = ${POLICY('*')}\n  policy = ${POLICY('s3:GetObject')}\n}\n` },
      errors: ["main.tf:3:3 the argument 'policy' is set twice in one block (first at line 2); Terraform refuses this configuration"],
    },
    {
      name: 'a resource declared in two files of one module',
      files: { 'a.tf': `resource "aws_iam_policy" "p" {\n  policy = ${POLICY('s3:GetObject')}\n}\n`, 'b.tf': `resource "aws_iam_policy" "p" {\n  policy = ${POLICY('*')}\n}\n` },
      errors: ['b.tf:1:1 aws_iam_policy.p is also declared in a.tf; Terraform refuses this configuration'],
    },
    {
      name: 'a local module whose files are not there',
      files: { 'main.tf': 'module "ci" {\n  source = "./modules/ci"\n}\n' },
      errors: ["main.tf:1:1 module 'ci': its source './modules/ci' is not among the analysed files (no .tf files in modules/ci)"],
    },
  ])('$name', ({ files, errors }) => {
    const result = analyze(Object.entries(files).map(([path, text]) => ({ path, text })));
    expect(result.inputs.flatMap((i) => i.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`))).toEqual(errors);
  });

  it('a registry module is not an error, but says that what it creates is not checked', () => {
    const result = analyze([{ path: 'main.tf', text: 'module "iam" {\n  source = "terraform-aws-modules/iam/aws"\n}\n' }]);
    expect(result.inputs.map((i) => i.status)).toEqual(['analyzed']);
    expect(result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.location.file}:${f.location.line}`)).toEqual(['analyzable-policy medium main.tf:1']);
  });
});

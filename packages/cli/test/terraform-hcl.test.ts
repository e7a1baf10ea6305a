import { describe, expect, it } from 'vitest';
import { runWiga, tempTree } from './helpers';

const ROLE = `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
`;
const ATTACH = `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`;

describe('wiga check on Terraform .tf files', () => {
  it('finds the .tf files of a directory, reads them as one module and reports file.tf:LINE:COL', async () => {
    const dir = tempTree({ 'infra/iam.tf': ROLE, 'infra/attach.tf': ATTACH, 'infra/.terraform/modules/x/main.tf': 'this is { not read' });
    const json = await runWiga(['check', 'infra', '--format', 'json'], dir);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.inputs).toEqual([
      { file: 'infra/attach.tf', kind: 'terraform-hcl', status: 'analyzed', errors: [] },
      { file: 'infra/iam.tf', kind: 'terraform-hcl', status: 'analyzed', errors: [] },
    ]);
    const admin = report.findings.find((f: { ruleId: string }) => f.ruleId === 'no-admin-managed-policy');
    expect(admin).toMatchObject({ identity: 'aws_iam_role.app', location: { file: 'infra/attach.tf', address: 'aws_iam_role_policy_attachment.admin', line: 3, column: 16 } });

    const text = await runWiga(['check', 'infra'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('infra/attach.tf:3:16');
  });

  it('analyses a .tf file named explicitly, from its own directory', async () => {
    const dir = tempTree({ 'main.tf': ROLE + ATTACH });
    const result = await runWiga(['check', 'main.tf'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('main.tf:7:16');
  });

  it('exits 2 on a syntax error, with file:line:column', async () => {
    const dir = tempTree({ 'infra/iam.tf': ROLE, 'infra/bad.tf': 'resource "aws_iam_user" "u" {\n  name = "u"\n' });
    const result = await runWiga(['check', 'infra', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("wiga: error: infra/bad.tf:3:1: syntax error: missing '}'");
  });
});

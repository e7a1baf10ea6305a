import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, loadHclSupport } from '@workload-iga/core';

beforeAll(async () => {
  await loadHclSupport();
});

const findings = (files: Record<string, string>) =>
  analyze(Object.entries(files).map(([path, text]) => ({ path, text }))).findings.map((f) => `${f.ruleId} ${f.severity} ${f.location.address} ${f.location.statement ?? ''}`.trim());

const githubTrust = (sub: string) => `
resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:sub" = "${sub}" } }
    }]
  })
}`;

describe('references to locals, module inputs and variables', () => {
  it.each([
    { name: 'a variable in the repository part of a sub is not a wildcard', sub: 'repo:$' + '{var.org}/payments:ref:refs/heads/main', expected: [] },
    // Under StringEquals the local's "*" is a literal character: the trust matches nothing (info).
    { name: 'a local is seen through', sub: 'repo:$' + '{local.org}/app:ref:refs/heads/main', locals: 'locals { org = "*" }', expected: ['oidc-trust-requires-subject info aws_iam_role.ci Statement[0]'] },
  ])('$name', ({ sub, locals, expected }) => {
    expect(findings({ 'main.tf': `${locals ?? ''}\n${githubTrust(sub)}` }).filter((f) => f.startsWith('oidc'))).toEqual(expected);
  });

  it('a local ARN resolves, so the object wildcard in one bucket stays clean', () => {
    const tf = `
locals { bucket = "arn:aws:s3:::acme-data" }
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "$` + `{local.bucket}/*" }] })
}`;
    expect(findings({ 'main.tf': tf })).toEqual([]);
  });

  it('a variable inside a Resource is unanalysable (it could hold "*")', () => {
    const tf = `
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Put", Effect = "Allow", Action = "s3:PutObject", Resource = "$` + `{var.bucket}/*" }] })
}`;
    expect(findings({ 'main.tf': tf })).toEqual(['analyzable-policy high aws_iam_policy.p Put']);
  });

  it("a module's variable takes the caller's argument", () => {
    const caller = `module "ci" {\n  source  = "./modules/ci"\n  actions = ["iam:PassRole", "ec2:RunInstances"]\n}`;
    const module = `
variable "actions" {}
resource "aws_iam_role" "runner" {
  name = "runner"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "run" {
  role   = aws_iam_role.runner.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Launch", Effect = "Allow", Action = var.actions, Resource = "*" }] })
}`;
    expect(findings({ 'main.tf': caller, 'modules/ci/main.tf': module }).filter((f) => f.includes('escalation'))).toEqual([
      'no-pass-role-compute-escalation critical module.ci.aws_iam_role_policy.run Launch',
      'no-privilege-escalation-action high module.ci.aws_iam_role_policy.run Launch',
    ]);
  });

  it('a count instance reference (role = aws_iam_role.app[count.index].id) attaches to that role', () => {
    const tf = JSON.stringify({
      resource: {
        aws_iam_role: { app: { count: 2, name: 'app-${count.index}', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] }) } },
        aws_iam_role_policy: { p: { count: 2, role: '${aws_iam_role.app[count.index].id}', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Both', Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] }) } },
      },
    });
    expect(findings({ 'main.tf.json': tf }).filter((f) => f.startsWith('no-pass-role'))).toEqual(['no-pass-role-compute-escalation critical aws_iam_role_policy.p Both']);
  });
});

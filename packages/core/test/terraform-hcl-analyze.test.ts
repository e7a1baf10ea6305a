import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, loadHclSupport, type Finding } from '@workload-iga/core';

beforeAll(() => loadHclSupport());

const NOW = new Date('2026-01-01T00:00:00Z');
const EC2_TRUST = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })';
const EC2_TRUST_JSON = '${' + EC2_TRUST + '}';

interface Case {
  readonly name: string;
  readonly hcl: string;
  readonly json: object;
  /** A finding that must be there, and where it points in the HCL text. */
  readonly identity: string;
  readonly expect: { readonly rule: string; readonly address: string; readonly statement?: string; readonly line: number; readonly column: number };
}

const CASES: Case[] = [
  {
    name: 's3:* in jsonencode',
    hcl: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = ${EC2_TRUST}
}

resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "All"
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "arn:aws:s3:::b/*"
    }]
  })
}
`,
    json: {
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: EC2_TRUST_JSON } },
        aws_iam_role_policy: {
          p: {
            role: '${aws_iam_role.app.id}',
            policy: '${jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "All", Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }] })}',
          },
        },
      },
    },
    identity: 'aws_iam_role.app',
    expect: { rule: 'no-wildcard-action', address: 'aws_iam_role_policy.p', statement: 'All', line: 8, column: 12 },
  },
  {
    name: 'PassRole and RunInstances split across two policies on one role',
    hcl: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = ${EC2_TRUST}
}

resource "aws_iam_role_policy" "pass" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_role_policy" "run" {
  role   = aws_iam_role.app.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })
}
`,
    json: {
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: EC2_TRUST_JSON } },
        aws_iam_role_policy: {
          pass: {
            role: '${aws_iam_role.app.id}',
            policy: '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })}',
          },
          run: {
            role: '${aws_iam_role.app.name}',
            policy: '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })}',
          },
        },
      },
    },
    identity: 'aws_iam_role.app',
    expect: { rule: 'no-pass-role-compute-escalation', address: 'aws_iam_role_policy.pass', statement: 'Statement[0]', line: 8, column: 12 },
  },
  {
    name: 'GitHub OIDC trust with only aud (aws_iam_policy_document with principals and condition blocks)',
    hcl: `data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "GitHub"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`,
    json: {
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                sid: 'GitHub',
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'] }],
                condition: [{ test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] }],
              },
            ],
          },
        },
      },
      resource: { aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    },
    identity: 'aws_iam_role.deploy',
    expect: { rule: 'oidc-trust-requires-subject', address: 'data.aws_iam_policy_document.trust', statement: 'GitHub', line: 9, column: 5 },
  },
  {
    name: 'AdministratorAccess attachment',
    hcl: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = ${EC2_TRUST}
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
    json: {
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: EC2_TRUST_JSON } },
        aws_iam_role_policy_attachment: { admin: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
      },
    },
    identity: 'aws_iam_role.app',
    expect: { rule: 'no-admin-managed-policy', address: 'aws_iam_role_policy_attachment.admin', line: 8, column: 16 },
  },
  {
    name: 'aws_iam_access_key',
    hcl: `resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}
`,
    json: {
      resource: {
        aws_iam_user: { ci: { name: 'ci' } },
        aws_iam_access_key: { ci: { user: '${aws_iam_user.ci.name}' } },
      },
    },
    identity: 'aws_iam_user.ci',
    expect: { rule: 'no-long-lived-access-key', address: 'aws_iam_access_key.ci', line: 5, column: 1 },
  },
];

const shape = (findings: readonly Finding[]) =>
  findings
    .map((f) => ({ rule: f.ruleId, category: f.category, severity: f.severity, address: f.location.address, statement: f.location.statement, identity: f.identity }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('HCL gives the same findings as the equivalent Terraform JSON', () => {
  it.each(CASES)('$name', (c) => {
    const hcl = analyze([{ path: 'infra/main.tf', text: c.hcl }], { now: NOW });
    const json = analyze([{ path: 'infra/main.tf.json', text: JSON.stringify(c.json, null, 2) }], { now: NOW });
    expect(hcl.inputs).toEqual([{ file: 'infra/main.tf', kind: 'terraform-hcl', status: 'analyzed', errors: [] }]);
    expect(json.inputs[0]!.status).toBe('analyzed');
    expect(shape(hcl.findings)).toEqual(shape(json.findings));
    const found = hcl.findings.find((f) => f.ruleId === c.expect.rule && f.location.address === c.expect.address);
    expect(found, `${c.expect.rule} on ${c.expect.address}`).toBeDefined();
    expect(found!.location.file).toBe('infra/main.tf');
    expect(found!.location.statement).toBe(c.expect.statement);
    expect(found!.identity).toBe(c.identity);
    expect([found!.location.line, found!.location.column]).toEqual([c.expect.line, c.expect.column]);
  });
});

describe('HCL specifics through analyze', () => {
  it('a variable in a policy is an unknown value: analyzable-policy', () => {
    const text = `variable "bucket_arn" {
  type = string
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = var.bucket_arn }] })
}
`;
    const result = analyze([{ path: 'main.tf', text }], { now: NOW });
    expect(result.inputs[0]!.status).toBe('analyzed');
    const finding = result.findings.find((f) => f.ruleId === 'analyzable-policy');
    expect(finding).toBeDefined();
    expect(finding!.location).toMatchObject({ file: 'main.tf', address: 'aws_iam_policy.p', line: 7 });
  });

  it('the "s3:*" token of a statement block is underlined exactly', () => {
    const text = `data "aws_iam_policy_document" "d" {
  statement {
    sid       = "All"
    actions   = ["s3:GetObject", "s3:*"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`;
    const [f] = analyze([{ path: 'main.tf', text }], { now: NOW }).findings.filter((x) => x.ruleId === 'no-wildcard-action');
    expect(f!.location).toMatchObject({ file: 'main.tf', address: 'data.aws_iam_policy_document.d', statement: 'All', line: 4, column: 34, endLine: 4, endColumn: 40 });
    expect(text.split('\n')[3]!.slice(33, 39)).toBe('"s3:*"');
  });

  it('a heredoc JSON policy is read as the policy it spells', () => {
    const text = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "iam:*", "Resource": "*" }]
    }
  EOF
}
`;
    const rules = analyze([{ path: 'main.tf', text }], { now: NOW }).findings.map((f) => [f.ruleId, f.location.line]);
    expect(rules).toContainEqual(['no-wildcard-action', 3]);
  });

  it('$${aws:username} is an IAM policy variable, not an interpolation', () => {
    const text = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/home/$\${aws:username}/*" }] })
}
`;
    const result = analyze([{ path: 'main.tf', text }], { now: NOW });
    expect(result.findings.filter((f) => !f.suppressed).map((f) => f.ruleId)).toEqual([]);
  });

  it('files of one directory are one module, also mixed with .tf.json; files at the top level too', () => {
    const role = `resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = ${EC2_TRUST}\n}\n`;
    const attach = JSON.stringify({ resource: { aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } } });
    for (const dir of ['infra/', '']) {
      const result = analyze([{ path: `${dir}role.tf`, text: role }, { path: `${dir}attach.tf.json`, text: attach }], { now: NOW });
      const admin = result.findings.find((f) => f.ruleId === 'no-admin-managed-policy');
      expect(admin?.identity).toBe('aws_iam_role.app');
    }
  });

  it('a local module is expanded with its inputs: findings carry module addresses and the module file', () => {
    const result = analyze(
      [
        { path: 'live/main.tf', text: 'module "ci" {\n  source = "../modules/ci-user"\n  name   = "ci"\n}\n' },
        { path: 'modules/ci-user/main.tf', text: 'variable "name" {}\n\nresource "aws_iam_user" "u" {\n  name = var.name\n}\n\nresource "aws_iam_access_key" "k" {\n  user = aws_iam_user.u.name\n}\n' },
      ],
      { now: NOW },
    );
    expect(result.inputs.map((i) => [i.file, i.status])).toEqual([
      ['live/main.tf', 'analyzed'],
      ['modules/ci-user/main.tf', 'analyzed'],
    ]);
    const keys = result.findings.filter((f) => f.ruleId === 'no-long-lived-access-key');
    expect(keys.map((f) => [f.location.file, f.location.address, f.location.line, f.location.column])).toEqual([['modules/ci-user/main.tf', 'module.ci.aws_iam_access_key.k', 7, 1]]);
  });

  it('syntax errors fail closed: status error with file, line and column', () => {
    const result = analyze([{ path: 'infra/bad.tf', text: 'resource "aws_iam_user" "u" {\n  name = "u"\n' }], { now: NOW });
    expect(result.inputs).toEqual([
      { file: 'infra/bad.tf', kind: 'terraform-hcl', status: 'error', errors: [{ file: 'infra/bad.tf', line: 3, column: 1, message: "syntax error: missing '}'" }] },
    ]);
    expect(result.summary.inputErrors).toBe(1);
  });
});

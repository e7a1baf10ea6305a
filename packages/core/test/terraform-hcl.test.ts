import { beforeAll, describe, expect, it } from 'vitest';
import { UnknownValue } from '../src/inventory/values';
import { loadHclSupport, readTerraformHcl, readTerraformHclInputs } from '../src/input/terraform-hcl';

beforeAll(() => loadHclSupport());

const MAIN = `# IAM for the app
resource "aws_iam_policy" "p" {
  name   = "app-\${var.env}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "\${aws_s3_bucket.b.arn}/*" }]
  })
  path  = "/"
  n     = 3
  on    = true
  off   = null
  list  = ["a", aws_s3_bucket.b.arn]
  user  = "arn:aws:s3:::b/$\${aws:username}/\\"q\\"\\n"
  cond  = var.x ? "a" : "b"
  obj   = { a = 1, "b-c" = [true], d = aws_iam_role.r.arn }
}

data "aws_iam_policy_document" "d" {
  statement {
    sid     = "Read"
    actions = ["s3:GetObject", "s3:*"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["a"]
    }
  }
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "heredoc" {
  role   = aws_iam_role.app.id
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "\${aws_s3_bucket.b.arn}"}]}
EOF
}

resource "aws_iam_role_policy" "indented" {
  role   = aws_iam_role.app.id
  policy = <<-EOT
    {
      "Statement": []
    }
    EOT
}

resource "aws_iam_role" "app" {
  count    = 2
  for_each = toset(["a"])
  name     = "app"
  inline_policy {
    name   = "one"
    policy = data.aws_iam_policy_document.d.json
  }
  dynamic "inline_policy" {
    for_each = var.policies
    content {
      policy = inline_policy.value
    }
  }
}

locals {
  team = "payments"
  arns = [aws_s3_bucket.b.arn]
}

variable "env" {
  default = "prod"
}
`;

describe('readTerraformHcl: blocks and values', () => {
  const model = () => readTerraformHcl('infra/main.tf', MAIN);

  it('reads resources and data sources at their config addresses; variables are no values', () => {
    const m = model();
    expect(m.kind).toBe('terraform-hcl');
    expect(m.problems).toEqual([]);
    expect(m.blocks.map((b) => [b.address, b.mode, b.type, b.name, b.modulePrefix, b.file, b.path, b.raw])).toEqual([
      ['aws_iam_policy.p', 'managed', 'aws_iam_policy', 'p', '', 'infra/main.tf', ['resource', 'aws_iam_policy', 'p'], true],
      ['data.aws_iam_policy_document.d', 'data', 'aws_iam_policy_document', 'd', '', 'infra/main.tf', ['data', 'aws_iam_policy_document', 'd'], true],
      ['aws_iam_role_policy.heredoc', 'managed', 'aws_iam_role_policy', 'heredoc', '', 'infra/main.tf', ['resource', 'aws_iam_role_policy', 'heredoc'], true],
      ['aws_iam_role_policy.indented', 'managed', 'aws_iam_role_policy', 'indented', '', 'infra/main.tf', ['resource', 'aws_iam_role_policy', 'indented'], true],
      ['aws_iam_role.app', 'managed', 'aws_iam_role', 'app', '', 'infra/main.tf', ['resource', 'aws_iam_role', 'app'], true],
    ]);
  });

  it.each([
    ['name', 'app-${var.env}'],
    [
      'policy',
      '${jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "${aws_s3_bucket.b.arn}/*" }]\n  })}',
    ],
    ['path', '/'],
    ['n', 3],
    ['on', true],
    ['off', null],
    ['list', ['a', '${aws_s3_bucket.b.arn}']],
    ['user', 'arn:aws:s3:::b/$${aws:username}/"q"\n'],
    ['cond', '${var.x ? "a" : "b"}'],
    ['obj', { a: 1, 'b-c': [true], d: '${aws_iam_role.r.arn}' }],
  ])('attribute %s of aws_iam_policy.p', (attribute, expected) => {
    expect(model().blocks[0]!.values[attribute]).toEqual(expected);
  });

  it('nested blocks are arrays of objects, in order', () => {
    expect(model().blocks[1]!.values).toEqual({
      statement: [
        {
          sid: 'Read',
          actions: ['s3:GetObject', 's3:*'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:PrincipalTag/team', values: ['a'] }],
        },
        { actions: ['sts:AssumeRole'], resources: ['*'] },
      ],
    });
  });

  it('heredocs are their template body; <<- strips the indentation', () => {
    const m = model();
    expect(m.blocks[2]!.values.policy).toBe(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}"}]}\n',
    );
    expect(m.blocks[3]!.values.policy).toBe('{\n  "Statement": []\n}\n');
  });

  it('count and for_each stay in values; a dynamic block is an unknown value', () => {
    const role = model().blocks[4]!;
    expect(role.values.count).toBe(2);
    expect(role.values.for_each).toBe('${toset(["a"])}');
    expect(role.values.inline_policy).toBeInstanceOf(UnknownValue);
    expect((role.values.inline_policy as UnknownValue).reason).toBe('dynamic "inline_policy" block is not evaluated statically');
  });

  it('locals are the root module locals', () => {
    expect(model().locals).toEqual({ '': { team: 'payments', arns: ['${aws_s3_bucket.b.arn}'] } });
  });
});

describe('readTerraformHcl: positions', () => {
  const m = () => readTerraformHcl('infra/main.tf', MAIN);
  it.each([
    [['resource', 'aws_iam_policy', 'p'], { line: 2, column: 1, endLine: 16, endColumn: 2 }],
    [['resource', 'aws_iam_policy', 'p', 'policy'], { line: 4, column: 12, endLine: 7, endColumn: 5 }],
    // Inside jsonencode({...}): the object constructor's own elements.
    [['resource', 'aws_iam_policy', 'p', 'policy', 'Statement', 0, 'Action'], { line: 6, column: 47, endLine: 6, endColumn: 53 }],
    [['resource', 'aws_iam_policy', 'p', 'list', 1], { line: 12, column: 17, endLine: 12, endColumn: 36 }],
    [['resource', 'aws_iam_policy', 'p', 'obj', 'b-c', 0], { line: 15, column: 29, endLine: 15, endColumn: 33 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0], { line: 19, column: 3, endLine: 31, endColumn: 4 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 1], { line: 32, column: 3, endLine: 35, endColumn: 4 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'actions'], { line: 21, column: 15, endLine: 21, endColumn: 39 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'actions', 1], { line: 21, column: 32, endLine: 21, endColumn: 38 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'principals', 0, 'identifiers', 0], { line: 24, column: 22, endLine: 24, endColumn: 41 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'condition', 0, 'variable'], { line: 28, column: 18, endLine: 28, endColumn: 41 }],
    [['resource', 'aws_iam_role_policy', 'heredoc', 'policy'], { line: 40, column: 12, endLine: 42, endColumn: 4 }],
    [['resource', 'aws_iam_role', 'app', 'inline_policy', 0, 'policy'], { line: 60, column: 14, endLine: 60, endColumn: 49 }],
    // A dynamic block answers for its label; missing elements fall back to the nearest ancestor.
    [['resource', 'aws_iam_role', 'app', 'inline_policy', 1], { line: 62, column: 3, endLine: 67, endColumn: 4 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'actions', 7], { line: 21, column: 15, endLine: 21, endColumn: 39 }],
    [['data', 'aws_iam_policy_document', 'd', 'statement', 0, 'not_actions'], { line: 19, column: 3, endLine: 31, endColumn: 4 }],
    [['locals', 'arns', 0], { line: 72, column: 11, endLine: 72, endColumn: 30 }],
    [['resource', 'aws_iam_role', 'nope'], { line: 1, column: 1, endLine: 1, endColumn: 1 }],
  ] as const)('%j', (path, range) => {
    const model = m();
    expect(model.rangeOf!(path)).toEqual(range);
    expect(model.positionOf(path)).toEqual({ line: range.line, column: range.column });
  });
});

describe('readTerraformHcl: syntax errors are input errors with line and column', () => {
  it.each([
    ['unclosed tuple', 'resource "a" "b" {\n  x = [1,\n}\n', [{ line: 2, column: 3, message: "syntax error: unexpected 'x = [1,'" }]],
    ['unclosed block', 'resource "a" "b" {\n  x = 1\n', [{ line: 3, column: 1, message: "syntax error: missing '}'" }]],
    ['stray token', 'resource "a" "b" {\n  x = 1\n}\n}\n', [{ line: 4, column: 1, message: "syntax error: unexpected '}'" }]],
    ['unterminated string', 'resource "a" "b" {\n  x = "abc\n}\n', [{ line: 2, column: 7, message: 'syntax error: unterminated string' }, { line: 4, column: 1, message: "syntax error: missing '}'" }]],
    ['missing value', 'resource "a" "b" {\n  x =\n}\n', [{ line: 2, column: 3, message: "syntax error: unexpected 'x ='" }]],
  ])('%s', (_, text, expected) => {
    expect(readTerraformHcl('bad.tf', text).problems).toEqual(expected.map((e) => ({ file: 'bad.tf', ...e })));
  });
});

describe('readTerraformHclInputs: local modules', () => {
  const inputs = [
    {
      path: 'env/main.tf',
      text: `module "app" {\n  source = "../modules/app"\n  name   = "app-\${local.env}"\n  count  = 1\n}\nmodule "remote" {\n  source = "terraform-aws-modules/iam/aws"\n}\n`,
    },
    { path: 'modules/app/main.tf', text: `resource "aws_iam_role" "r" {\n  name = var.name\n}\nmodule "inner" {\n  source = "./inner"\n  role   = aws_iam_role.r.name\n}\n` },
    { path: 'modules/app/inner/policy.tf', text: `resource "aws_iam_role_policy" "p" {\n  role   = var.role\n  policy = "{}"\n}\nlocals { x = 1 }\n` },
  ];

  it('expands local module calls with composed prefixes and their inputs; a called directory is no root', () => {
    const read = readTerraformHclInputs(inputs);
    const root = read.get('env/main.tf')!;
    expect(root.directory).toBe('env');
    expect(root.errors).toEqual([]);
    expect(root.models.map((m) => [m.file, m.blocks.map((b) => [b.address, b.modulePrefix])])).toEqual([
      ['env/main.tf', []],
      ['modules/app/main.tf', [['module.app.aws_iam_role.r', 'module.app.']]],
      ['modules/app/inner/policy.tf', [['module.app.module.inner.aws_iam_role_policy.p', 'module.app.module.inner.']]],
    ]);
    expect(root.models[0]!.moduleInputs).toEqual({ 'module.app.': { name: 'app-${local.env}' } });
    expect(root.models[1]!.moduleInputs).toEqual({ 'module.app.module.inner.': { role: '${aws_iam_role.r.name}' } });
    expect(root.models[2]!.locals).toEqual({ 'module.app.module.inner.': { x: 1 } });
    // Positions stay in the module's own file.
    expect(root.models[2]!.positionOf(['resource', 'aws_iam_role_policy', 'p', 'policy'])).toEqual({ line: 3, column: 12 });
    expect(read.get('modules/app/main.tf')!.models).toEqual([]);
    expect(read.get('modules/app/inner/policy.tf')!.models).toEqual([]);
  });

  it('a module directory that nobody calls is a root of its own', () => {
    const read = readTerraformHclInputs(inputs.slice(1));
    expect(read.get('modules/app/main.tf')!.models.flatMap((m) => m.blocks.map((b) => b.address))).toEqual([
      'aws_iam_role.r',
      'module.inner.aws_iam_role_policy.p',
    ]);
  });

  it('modules calling each other in a cycle are still read, once', () => {
    const read = readTerraformHclInputs([
      { path: 'a/main.tf', text: 'module "b" {\n  source = "../b"\n}\nresource "aws_iam_user" "a" {}\n' },
      { path: 'b/main.tf', text: 'module "a" {\n  source = "../a"\n}\nresource "aws_iam_user" "b" {}\n' },
    ]);
    expect(read.get('a/main.tf')!.models.flatMap((m) => m.blocks.map((b) => b.address))).toEqual(['aws_iam_user.a', 'module.b.aws_iam_user.b']);
    expect(read.get('b/main.tf')!.models).toEqual([]);
  });
});

describe('loadHclSupport', () => {
  it('is idempotent', async () => {
    const first = loadHclSupport();
    expect(loadHclSupport()).toBe(first);
    await first;
  });
});

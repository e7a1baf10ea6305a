// Malformed inputs never pass silently. For each case, `wiga check` (the CLI's in-process `run`)
// must either exit 2 naming `file:line:column` on stderr, or exit 1 with an `invalid-policy` /
// `unanalyzable` finding that carries the file and a position. Exit 0 is always wrong.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main';

const PROVIDER = {
  aws: [{ region: 'us-east-1', skip_credentials_validation: true, skip_requesting_account_id: true }],
};
const TERRAFORM = { required_providers: { aws: { source: 'aws', version: '5.100.0' } } };
const GOOD_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
});

/** A cdk.tf.json-like document (pretty-printed as cdktf does) with one policy attached to a role. */
function stack(policy: string): string {
  return JSON.stringify({
    '//': { metadata: { backend: 'local', stackName: 'broken', version: '0.21.0' } },
    provider: PROVIDER,
    resource: {
      aws_iam_role: {
        worker: {
          '//': { metadata: { path: 'broken/worker', uniqueId: 'worker' } },
          assume_role_policy: TRUST,
          name: 'worker',
        },
      },
      aws_iam_policy: {
        worker_policy: {
          '//': { metadata: { path: 'broken/worker_policy', uniqueId: 'worker_policy' } },
          name: 'worker-policy',
          policy,
        },
      },
      aws_iam_role_policy_attachment: {
        worker_attach: { policy_arn: '${aws_iam_policy.worker_policy.arn}', role: '${aws_iam_role.worker.name}' },
      },
    },
    terraform: TERRAFORM,
  }, null, 2);
}

/** A `terraform show -json` document holding one planned aws_iam_policy. */
function planJson(): string {
  const after = { name: 'worker-policy', policy: GOOD_POLICY, path: '/', tags: null };
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{
      address: 'aws_iam_policy.worker_policy', mode: 'managed', type: 'aws_iam_policy', name: 'worker_policy',
      provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: after,
      sensitive_values: { tags_all: {} },
    }] } },
    resource_changes: [{
      address: 'aws_iam_policy.worker_policy', mode: 'managed', type: 'aws_iam_policy', name: 'worker_policy',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after, after_unknown: { arn: true, id: true }, before_sensitive: false, after_sensitive: { tags_all: {} } },
    }],
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: {} },
    timestamp: '2025-01-01T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  }, null, 2);
}

const truncate = (text: string, fraction = 0.6) => text.slice(0, Math.floor(text.length * fraction));
const lineOf = (text: string, needle: string, occurrence = 1) => {
  let index = -1;
  for (let i = 0; i < occurrence; i += 1) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`fixture bug: ${needle} not found`);
  return text.slice(0, index).split('\n').length;
};

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** The line (or one of the lines) the error or finding must point at, when the input determines it. */
  readonly line?: number | readonly number[];
}

const dupStack = (() => {
  // Two `policy` keys in one resource block: JSON.parse would silently keep the last one.
  const text = stack(GOOD_POLICY);
  const marker = '"name": "worker-policy",';
  return text.replace(marker, `${marker}\n          "policy": ${JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }))},`);
})();
const dupPolicy = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    {',
  '      "Effect": "Allow",',
  '      "Action": "s3:GetObject",',
  '      "Resource": "arn:aws:s3:::bucket/*",',
  '      "Action": "*"',
  '    }',
  '  ]',
  '}',
  '',
].join('\n');
const badPolicyStack = stack('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", ');
const statementNumberStack = stack(JSON.stringify({ Version: '2012-10-17', Statement: 5 }));
const actionObjectStack = stack(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: { s3: 'GetObject' }, Resource: '*' }] }));
const statementNumberPolicy = '{\n  "Version": "2012-10-17",\n  "Statement": 5\n}\n';
const actionObjectPolicy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": { "s3": "GetObject" }, "Resource": "*" }\n  ]\n}\n';

const CASES: Case[] = [
  { name: 'truncated plan JSON', file: 'plan.json', text: truncate(planJson()) },
  { name: 'truncated cdk.tf.json', file: 'cdktf.out/stacks/broken/cdk.tf.json', text: truncate(stack(GOOD_POLICY)) },
  {
    name: 'aws_iam_policy.policy that is not valid JSON (.tf.json)',
    file: 'main.tf.json', text: badPolicyStack, line: lineOf(badPolicyStack, '"policy": "{'),
  },
  {
    name: 'Statement is a number (.tf.json policy attribute)',
    file: 'main.tf.json', text: statementNumberStack, line: lineOf(statementNumberStack, '"policy": "{'),
  },
  {
    name: 'Action is an object (.tf.json policy attribute)',
    file: 'main.tf.json', text: actionObjectStack, line: lineOf(actionObjectStack, '"policy": "{'),
  },
  { name: 'Statement is a number (policy JSON file)', file: 'policy.json', text: statementNumberPolicy, line: 3 },
  { name: 'Action is an object (policy JSON file)', file: 'policy.json', text: actionObjectPolicy, line: 4 },
  // A duplicate may be reported at either occurrence of the key.
  {
    name: 'duplicate key in a policy JSON file',
    file: 'policy.json', text: dupPolicy, line: [lineOf(dupPolicy, '"Action"', 1), lineOf(dupPolicy, '"Action"', 2)],
  },
  {
    name: 'duplicate key inside a cdk.tf.json',
    file: 'cdktf.out/stacks/broken/cdk.tf.json', text: dupStack, line: [lineOf(dupStack, '"policy":', 1), lineOf(dupStack, '"policy":', 2)],
  },
];

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function wiga(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    cwd,
    env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

function setUp(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'wiga-malformed-'));
  dirs.push(dir);
  mkdirSync(dirname(join(dir, c.file)), { recursive: true });
  writeFileSync(join(dir, c.file), c.text);
  return dir;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('malformed inputs never pass silently', () => {
  it.each(CASES)('$name → exit 2 with file:line:column, or an invalid-policy/unanalyzable finding', async (c) => {
    const dir = setUp(c);
    const lineCount = c.text.split('\n').length;
    const { code, stdout, stderr } = await wiga(['check', '--format', 'json', c.file], dir);
    expect(code, `exit 0 for ${c.name}\nstdout:\n${stdout}\nstderr:\n${stderr}`).not.toBe(0);
    expect([1, 2], `unexpected exit ${code}\nstderr:\n${stderr}`).toContain(code);
    let line: number;
    if (code === 2) {
      const m = new RegExp(`${escape(c.file)}:(\\d+):(\\d+)`).exec(stderr);
      expect(m, `exit 2 but no ${c.file}:line:column on stderr:\n${stderr}`).not.toBeNull();
      line = Number(m![1]);
      expect(Number(m![2])).toBeGreaterThanOrEqual(1);
    } else {
      const report = JSON.parse(stdout);
      const finding = report.findings.find((f: any) =>
        (f.category === 'invalid-policy' || f.category === 'unanalyzable') && f.location?.file === c.file);
      expect(finding, `exit 1 without an invalid-policy/unanalyzable finding on ${c.file}:\n${stdout}`).toBeDefined();
      expect(finding.location.line, 'the finding has no line').toEqual(expect.any(Number));
      expect(finding.location.column, 'the finding has no column').toEqual(expect.any(Number));
      line = finding.location.line;
    }
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lineCount);
    if (c.line !== undefined) expect([c.line].flat(), `position of ${c.name}`).toContain(line);
  });

  it.each(CASES)('$name → the text report also names the position (exit ≠ 0)', async (c) => {
    const dir = setUp(c);
    const { code, stdout, stderr } = await wiga(['check', c.file], dir);
    expect(code).not.toBe(0);
    expect(`${stdout}\n${stderr}`).toMatch(new RegExp(`${escape(c.file)}:\\d+:\\d+`));
  });

  it('a directory scan does not skip a truncated cdk.tf.json', async () => {
    const c = CASES[1];
    const dir = setUp(c);
    const { code, stdout, stderr } = await wiga(['check', 'cdktf.out'], dir);
    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).not.toBe(0);
    expect(`${stdout}\n${stderr}`).toMatch(new RegExp(`${escape(c.file)}:\\d+:\\d+`));
  });
});

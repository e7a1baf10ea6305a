import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type CliIo } from '../src/main';

/** Creates a temporary directory holding `files` (relative path → content) and returns its path. */
export function tempTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-cli-')));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `wiga` in-process with captured streams. */
export async function runWiga(argv: string[], cwd: string, options: { env?: Record<string, string>; isTTY?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.isTTY ?? false },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env: options.env ?? {},
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

/** An identity policy a workload plausibly needs: nothing for any rule to report. */
export const CLEAN_POLICY = policy({
  Sid: 'ReadReport',
  Effect: 'Allow',
  Action: ['s3:GetObject'],
  Resource: ['arn:aws:s3:::payments-data/reports/daily.csv'],
});

/** Administrator access: every rule set reports it at the highest severity. */
export const ADMIN_POLICY = policy({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' });

/** A minimal cdktf synth output with one role and one attached policy. */
export function cdktfStack(policyDocument: string): string {
  return JSON.stringify(
    {
      '//': { metadata: { backend: 'local', stackName: 'app', version: '0.21.0' }, outputs: {} },
      resource: {
        aws_iam_role: {
          app_role: {
            '//': { metadata: { path: 'app/role', uniqueId: 'app_role' } },
            name: 'app-role',
            assume_role_policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'sts:AssumeRole',
                  Principal: { Service: 'ecs-tasks.amazonaws.com' },
                  Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
                },
              ],
            }),
            tags: { 'wiga:workload': 'app', 'wiga:owner': 'team-app', 'wiga:kind': 'service', 'wiga:purpose': 'Serves the app' },
          },
        },
        aws_iam_policy: {
          app_policy: { '//': { metadata: { path: 'app/policy', uniqueId: 'app_policy' } }, name: 'app-policy', policy: policyDocument },
        },
        aws_iam_role_policy_attachment: {
          app_attach: {
            '//': { metadata: { path: 'app/attach', uniqueId: 'app_attach' } },
            role: '${aws_iam_role.app_role.name}',
            policy_arn: '${aws_iam_policy.app_policy.arn}',
          },
        },
      },
      terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    },
    null,
    2,
  );
}

/** A minimal `terraform show -json` plan holding one policy. */
export function planJson(policyDocument: string): string {
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_policy.p',
              mode: 'managed',
              type: 'aws_iam_policy',
              name: 'p',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: { name: 'p', policy: policyDocument },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_iam_policy.p',
          mode: 'managed',
          type: 'aws_iam_policy',
          name: 'p',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['create'], before: null, after: { name: 'p', policy: policyDocument }, after_unknown: { arn: true, id: true } },
        },
      ],
      configuration: { root_module: {} },
    },
    null,
    2,
  );
}

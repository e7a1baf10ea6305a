// Generates a Terraform JSON stack shaped like `cdktf synth` output (cdktf.out/stacks/<name>/cdk.tf.json,
// with the `"//"` metadata cdktf writes on every block) declaring N workloads. The shape is the one of
// the cdk-nag peer benchmark (../shared/research/peer-benchmarks.md), so the figures compare:
//
//   per workload (5 blocks): data.aws_iam_policy_document.wN_trust   service principal + aws:SourceAccount
//                            aws_iam_role.wN_role                    tags incl. the wiga:* governance tags
//                            data.aws_iam_policy_document.wN_permissions  3 statements (below)
//                            aws_iam_policy.wN_policy                policy = the document's json
//                            aws_iam_role_policy_attachment.wN_attach
//   statements: s3:GetObject/ListBucket on one bucket and its objects; logs:CreateLogStream/PutLogEvents
//   on one log group; sts:GetCallerIdentity on `*` (it has no resource-level permissions).
//
// Every 10th workload (N % 10 === 9) carries one flaw, rotating through FLAWS.
//
//   node tools/bench/generate-stack.mjs <workloads> <out-dir>   writes <out-dir>/cdktf.out/stacks/bench/cdk.tf.json

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ACCOUNT = '111122223333';
export const STACK = 'bench';
/** The flaw kinds, in rotation order. */
export const FLAWS = ['s3-wildcard', 'passrole-runinstances', 'github-oidc-aud-only'];

/** The flaw workload `index` carries, or undefined for a clean one. */
export function flawOf(index) {
  return index % 10 === 9 ? FLAWS[Math.floor(index / 10) % FLAWS.length] : undefined;
}

/** Workload index of a Terraform address generated here (`aws_iam_role.w42_role` → 42), or undefined. */
export function workloadOfAddress(address) {
  const match = /(?:^|\.)w(\d+)_[a-z]+$/.exec(address ?? '');
  return match ? Number(match[1]) : undefined;
}

function meta(path, uniqueId) {
  return { metadata: { path: `${STACK}/${path}`, uniqueId } };
}

function trustStatement(index, flaw) {
  if (flaw === 'github-oidc-aud-only') {
    return {
      actions: ['sts:AssumeRoleWithWebIdentity'],
      condition: [{ test: 'StringEquals', values: ['sts.amazonaws.com'], variable: 'token.actions.githubusercontent.com:aud' }],
      effect: 'Allow',
      principals: [{ identifiers: [`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`], type: 'Federated' }],
    };
  }
  return {
    actions: ['sts:AssumeRole'],
    condition: [{ test: 'StringEquals', values: [ACCOUNT], variable: 'aws:SourceAccount' }],
    effect: 'Allow',
    principals: [{ identifiers: ['ecs-tasks.amazonaws.com'], type: 'Service' }],
  };
}

function permissionStatements(index, flaw) {
  const bucket = `arn:aws:s3:::bench-w${index}-data`;
  const statements = [
    { actions: ['s3:GetObject', 's3:ListBucket'], effect: 'Allow', resources: [bucket, `${bucket}/*`], sid: 'ReadData' },
    {
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      effect: 'Allow',
      resources: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/w${index}:*`],
      sid: 'WriteLogs',
    },
    { actions: ['sts:GetCallerIdentity'], effect: 'Allow', resources: ['*'], sid: 'WhoAmI' },
  ];
  if (flaw === 's3-wildcard') statements[0] = { actions: ['s3:*'], effect: 'Allow', resources: ['*'], sid: 'ReadData' };
  if (flaw === 'passrole-runinstances') {
    statements.push({ actions: ['iam:PassRole', 'ec2:RunInstances'], effect: 'Allow', resources: ['*'], sid: 'LaunchWorkers' });
  }
  return statements;
}

/**
 * The stack as an object (key order as cdktf writes it) plus counts. `blocks` counts resources and
 * data sources.
 */
export function generateStack(workloads) {
  const trust = {};
  const permissions = {};
  const roles = {};
  const policies = {};
  const attachments = {};
  for (let i = 0; i < workloads; i++) {
    const w = `w${i}`;
    const flaw = flawOf(i);
    trust[`${w}_trust`] = { '//': meta(`${w}/trust`, `${w}_trust`), statement: [trustStatement(i, flaw)] };
    permissions[`${w}_permissions`] = { '//': meta(`${w}/permissions`, `${w}_permissions`), statement: permissionStatements(i, flaw) };
    roles[`${w}_role`] = {
      '//': meta(`${w}/role`, `${w}_role`),
      assume_role_policy: `\${data.aws_iam_policy_document.${w}_trust.json}`,
      name: `bench-${w}`,
      tags: {
        team: `team-${i % 50}`,
        'wiga:environment': 'prod',
        'wiga:kind': flaw === 'github-oidc-aud-only' ? 'ci-pipeline' : 'service',
        'wiga:owner': `team-${i % 50}@example.com`,
        'wiga:purpose': `Serves workload ${w}`,
        'wiga:workload': w,
      },
    };
    policies[`${w}_policy`] = {
      '//': meta(`${w}/policy`, `${w}_policy`),
      name: `bench-${w}`,
      policy: `\${data.aws_iam_policy_document.${w}_permissions.json}`,
    };
    attachments[`${w}_attach`] = {
      '//': meta(`${w}/attach`, `${w}_attach`),
      policy_arn: `\${aws_iam_policy.${w}_policy.arn}`,
      role: `\${aws_iam_role.${w}_role.name}`,
    };
  }
  const stack = {
    '//': { metadata: { backend: 'local', stackName: STACK, version: '0.21.0' }, outputs: {} },
    data: { aws_iam_policy_document: { ...trust, ...permissions } },
    provider: { aws: [{ region: 'us-east-1', skip_credentials_validation: true, skip_requesting_account_id: true }] },
    resource: { aws_iam_policy: policies, aws_iam_role: roles, aws_iam_role_policy_attachment: attachments },
    terraform: {
      backend: { local: { path: 'terraform.tfstate' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
  };
  return { stack, blocks: workloads * 5, workloads };
}

/** Writes the stack under `outDir` as cdktf does and returns the file path, its size and the counts. */
export function writeStack(workloads, outDir) {
  const { stack, blocks } = generateStack(workloads);
  const dir = join(outDir, 'cdktf.out', 'stacks', STACK);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cdk.tf.json');
  const text = JSON.stringify(stack, null, 2);
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text), blocks, workloads };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, out] = process.argv.slice(2);
  if (!count || !out || !/^\d+$/.test(count)) {
    process.stderr.write('usage: node tools/bench/generate-stack.mjs <workloads> <out-dir>\n');
    process.exit(2);
  }
  const written = writeStack(Number(count), out);
  process.stdout.write(`${written.file}: ${written.workloads} workloads, ${written.blocks} blocks, ${(written.bytes / 1e6).toFixed(1)} MB\n`);
}

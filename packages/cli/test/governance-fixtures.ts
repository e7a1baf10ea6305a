/** A project with workloads declared with the constructs, a `.wiga.yaml`, owners and review records. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';

// cdktf is a dependency of @workload-iga/cdktf, not of the CLI: load the same copy the constructs use.
const { App, TerraformStack } = createRequire(path.join(__dirname, '..', '..', 'cdktf', 'package.json'))('cdktf') as typeof import('cdktf');

/** The day every governance test runs on (`io.now`, `WIGA_NOW`). */
export const TODAY = '2026-12-01';
export const NOW = new Date(`${TODAY}T00:00:00Z`);

export const CONFIG = `# test governance
failOn: high
owners: governance/owners.yaml
reviews:
  directory: governance/reviews
  cadenceDays:
    default: 180
    privileged: 90
expiringWithinDays: 14
`;

export const OWNERS = `teams:
  - id: team-payments
    name: Payments
    members: [raj@example.com]
  - id: team-platform
    members: [lin@example.com]
  - id: team-security
    members: [ada@example.com, felix@example.com]
`;

let synthCache: string | undefined;

/** cdk.tf.json of an app with two workloads: payments-api (S3 read, KMS decrypt) and deploy-pipeline. */
export function synthesizedStack(): string {
  if (synthCache) return synthCache;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-cli-synth-'));
  const app = new App({ outdir, skipValidation: true });
  const stack = new TerraformStack(app, 'app');
  const api = new WorkloadIdentity(stack, 'payments-api', {
    kind: 'service',
    owner: 'team-payments',
    purpose: 'Serves the payments API',
    environment: 'production',
    attestation: Attestation.eksServiceAccount({ accountId: '111122223333', issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC', namespace: 'payments', serviceAccount: 'api' }),
  });
  api.grantReadBucket('arn:aws:s3:::acme-statements', { purpose: 'read settlement statements' });
  api.grantDecrypt('arn:aws:kms:eu-west-1:111122223333:key/0f3c2a4e-1111-2222-3333-444455556666', { purpose: 'decrypt statements' });
  const deploy = new WorkloadIdentity(stack, 'deploy-pipeline', {
    kind: 'ci-pipeline',
    owner: 'team-platform',
    purpose: 'Deploys the payments API',
    attestation: Attestation.githubActions({ repository: 'acme/payments', environment: 'production', accountId: '111122223333' }),
  });
  deploy.grant({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'], purpose: 'log in to ECR' });
  app.synth();
  synthCache = fs.readFileSync(path.join(outdir, 'stacks', 'app', 'cdk.tf.json'), 'utf8');
  fs.rmSync(outdir, { recursive: true, force: true });
  return synthCache;
}

/** A review record as `wiga review record` writes it (the digest need not match). */
export function reviewYaml(fields: { workload: string; reviewer: string; date: string; decision: string; digest?: string; comment?: string; revoke?: string[] }): string {
  const lines = [
    `workload: ${fields.workload}`,
    `reviewer: ${fields.reviewer}`,
    `date: ${fields.date}`,
    `decision: ${fields.decision}`,
    ...(fields.comment ? [`comment: ${fields.comment}`] : []),
    `digest: ${fields.digest ?? `sha256:${'0'.repeat(64)}`}`,
    ...(fields.revoke ? ['revoke:', ...fields.revoke.map((r) => `  - ${r}`)] : []),
  ];
  return lines.join('\n') + '\n';
}

/** A temporary project: `.git`, `.wiga.yaml`, owners, the synthesized stack, and `extra` files. */
export function governanceProject(extra: Record<string, string> = {}, options: { config?: string | null } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-gov-')));
  const files: Record<string, string> = {
    'cdktf.out/stacks/app/cdk.tf.json': synthesizedStack(),
    'governance/owners.yaml': OWNERS,
    ...(options.config === null ? {} : { '.wiga.yaml': options.config ?? CONFIG }),
    ...extra,
  };
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/**
 * The flawed variant: the same workloads as `compliant.ts`, each with ONE governance flaw written
 * in its own clearly marked place, so every finding of `wiga check` points at a distinct line.
 * The dates are relative to the "now" the tests pin, 2026-12-01 (see README's quarterly review).
 *
 * Flaw → category:
 *   FLAW 1  expired grant                       expired-entitlement
 *   FLAW 2  grant expiring within 30 days       expiring-entitlement
 *   FLAW 3  retired workload still referenced   retired-workload-access
 *   FLAW 4  last review older than the cadence  review-overdue            (governance/reviews/fx-rates-sync/)
 *   FLAW 5  grant added after the review        review-drift              (governance/reviews/settlement-worker/)
 *   FLAW 6  revoked action still granted        revoked-entitlement-present (governance/reviews/payout-service/)
 *   FLAW 7  hand-written role nobody owns       unowned-identity
 *   FLAW 8  deploy + change IAM in one identity sod-violation             (.wiga.yaml separationOfDuties)
 *   FLAW 9  AI agent without a sponsor          org-policy-violation      (rule ai-agent-governance; hand-written, see FLAW 9)
 *   FLAW 10 reviewed by its own team            self-review               (governance/reviews/fraud-scorer/)
 */
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';
import { ACCOUNT_ID, ARNS, CLUSTER_ARN, CLUSTER_OIDC_ISSUER, GITHUB_OIDC_PROVIDER_ARN, REPOSITORIES, TEAMS } from './config';
import type { Revision } from './revision';

const eks = (serviceAccount: string) =>
  Attestation.eksServiceAccount({ accountId: ACCOUNT_ID, issuer: CLUSTER_OIDC_ISSUER, namespace: 'ledger', serviceAccount });

/** Adds the flawed workloads to `scope`. `revision` 1 is the app as it was when settlement-worker was reviewed. */
export function addFlawedWorkloads(scope: Construct, revision: Revision): void {
  // ledger-api: the ledger service on EKS.
  const ledgerApi = new WorkloadIdentity(scope, 'ledger-api', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Serves the ledger API on EKS',
    environment: 'production', reviewEveryDays: 90, attestation: eks('ledger-api'),
  });
  ledgerApi.grantReadTable(ARNS.ledgerTable, { purpose: 'read ledger entries' });
  // FLAW 2 (expiring-entitlement): the decrypt grant ends on 2026-12-20, within expiringWithinDays (30) of now.
  ledgerApi.grantDecrypt(ARNS.ledgerKey, { purpose: 'decrypt ledger exports during the key migration', expires: '2026-12-20' });

  // month-end-close: a batch job that closes the books every month.
  const monthEndClose = new WorkloadIdentity(scope, 'month-end-close', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Closes the books at the end of each month',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
  });
  monthEndClose.grantWriteBucket(ARNS.closeBucket, { purpose: 'write month-end close reports' });
  // FLAW 1 (expired-entitlement): a one-off backfill grant that expired on 2026-10-31 is still in the code.
  monthEndClose.grantReadSecret(ARNS.archiveSecret, { purpose: 'backfill 2025 from the archive database', expires: '2026-10-31' });

  // invoice-exporter: retired when invoicing moved to the billing platform; it synthesizes no block.
  new WorkloadIdentity(scope, 'invoice-exporter', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Exported invoices to the accounting system',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
    retired: { date: '2026-09-30', reason: 'invoicing moved to the billing platform' },
  });
  // FLAW 3 (retired-workload-access): the export bucket's policy still lets the retired role write, by its literal ARN.
  new S3BucketPolicy(scope, 'invoice_exporter_leftover', {
    bucket: 'acme-ledger-invoice-exports',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ExporterWrites', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/invoice-exporter` }, Action: 's3:PutObject', Resource: `${ARNS.invoiceBucket}/*` }] }),
  });

  // FLAW 4 (review-overdue): fx-rates-sync's last review (2026-05-04) is older than its 90-day cadence.
  const fxRatesSync = new WorkloadIdentity(scope, 'fx-rates-sync', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Loads daily FX rates into the rates table',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
  });
  fxRatesSync.grantWriteTable(ARNS.fxTable, { purpose: 'write daily FX rates' });

  // settlement-worker: consumes settlement instructions.
  const settlementWorker = new WorkloadIdentity(scope, 'settlement-worker', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Settles instructions from the settlement queue',
    environment: 'production', reviewEveryDays: 90, attestation: eks('settlement-worker'),
  });
  settlementWorker.grantConsumeQueue(ARNS.settlementQueue, { purpose: 'consume settlement instructions' });
  if (revision >= 2) {
    // FLAW 5 (review-drift): added after the 2026-11-16 review, so the reviewed digest no longer matches.
    settlementWorker.grantPublishToQueue(ARNS.disputesQueue, { purpose: 'raise settlement disputes' });
  }

  // payout-service: sends payouts; its review revoked queue purging.
  const payoutService = new WorkloadIdentity(scope, 'payout-service', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Sends merchant payouts',
    environment: 'production', reviewEveryDays: 90, attestation: eks('payout-service'),
  });
  payoutService.grantConsumeQueue(ARNS.payoutQueue, { purpose: 'consume payout instructions' });
  // FLAW 6 (revoked-entitlement-present): the 2026-11-09 review revoked sqs:PurgeQueue, still granted here.
  payoutService.grant({ purpose: 'purge the payout queue after incidents', actions: ['sqs:PurgeQueue'], resources: [ARNS.payoutQueue] });

  // FLAW 7 (unowned-identity): a hand-written GitHub OIDC role with no owner, no purpose, no tags.
  new IamRole(scope, 'ci_hotfix_deployer', {
    name: 'ci-hotfix-deployer',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Federated: GITHUB_OIDC_PROVIDER_ARN }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:${REPOSITORIES.ledger}:environment:hotfix` } },
      }],
    }),
  });

  // release-pipeline: GitHub Actions deploying ledger-api to production.
  const releasePipeline = new WorkloadIdentity(scope, 'release-pipeline', {
    kind: 'ci-pipeline', owner: TEAMS.platform, backupOwner: TEAMS.ledger, purpose: 'Builds ledger-api and deploys it to production',
    environment: 'production', reviewEveryDays: 90, maxSessionDuration: 3600,
    attestation: Attestation.githubActions({ repository: REPOSITORIES.ledger, environment: 'production', accountId: ACCOUNT_ID }),
  });
  releasePipeline.grant({ purpose: 'push release images', actions: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], resources: [ARNS.imageRepository] });
  releasePipeline.grant({ purpose: 'roll out to the production cluster', actions: ['eks:DescribeCluster', 'eks:UpdateClusterConfig'], resources: [CLUSTER_ARN] });
  // FLAW 8 (sod-violation): the same pipeline also changes IAM — both sides of deploy-vs-iam in .wiga.yaml.
  releasePipeline.grant({ purpose: 'update the application role policy', actions: ['iam:PutRolePolicy'], resources: [ARNS.appRole] });

  // FLAW 9 (AI agent without a sponsor): WorkloadIdentity refuses an ai-agent without `sponsor`
  // (it throws at construction), so the flaw can only exist in hand-written IAM: a role tagged as
  // an ai-agent workload, with an owner but no wiga:sponsor tag.
  new IamRole(scope, 'support_copilot', {
    name: 'support-copilot', maxSessionDuration: 3600,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': ARNS.copilotAgent } },
      }],
    }),
    tags: { 'wiga:workload': 'support-copilot', 'wiga:kind': 'ai-agent', 'wiga:owner': TEAMS.support, 'wiga:purpose': 'Answers merchant support questions', 'wiga:environment': 'production', 'wiga:expires': '2027-03-31' },
  });

  // fraud-scorer: scores payments for fraud.
  const fraudScorer = new WorkloadIdentity(scope, 'fraud-scorer', {
    kind: 'service', owner: TEAMS.risk, backupOwner: TEAMS.ledger, purpose: 'Scores payments for fraud',
    environment: 'production', reviewEveryDays: 90, attestation: eks('fraud-scorer'),
  });
  // FLAW 10 (self-review): governance/reviews/fraud-scorer/2026-11-23.yaml is signed by a team-risk member.
  fraudScorer.grant({ purpose: 'invoke the fraud scoring endpoint', actions: ['sagemaker:InvokeEndpoint'], resources: [ARNS.fraudModel] });
  fraudScorer.grantWriteTable(ARNS.scoresTable, { purpose: 'write fraud scores' });
}

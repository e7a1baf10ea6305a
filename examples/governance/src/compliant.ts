/**
 * The compliant twin of `flawed.ts`: the same workloads, each done right, with current reviews in
 * compliant/governance/reviews. `wiga check` reports no governance finding (and nothing high) on it.
 */
import { Construct } from 'constructs';
import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';
import { ACCOUNT_ID, ARNS, CLUSTER_ARN, CLUSTER_OIDC_ISSUER, REPOSITORIES, TEAMS } from './config';
import type { Revision } from './revision';

const eks = (serviceAccount: string) =>
  Attestation.eksServiceAccount({ accountId: ACCOUNT_ID, issuer: CLUSTER_OIDC_ISSUER, namespace: 'ledger', serviceAccount });

/** Adds the compliant workloads to `scope` (`revision` 1 lacks settlement-worker's disputes grant). */
export function addCompliantWorkloads(scope: Construct, revision: Revision): void {
  const ledgerApi = new WorkloadIdentity(scope, 'ledger-api', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Serves the ledger API on EKS',
    environment: 'production', reviewEveryDays: 90, attestation: eks('ledger-api'),
  });
  ledgerApi.grantReadTable(ARNS.ledgerTable, { purpose: 'read ledger entries' });
  // Fixed FLAW 2: the key migration grant was renewed at review until after the next one.
  ledgerApi.grantDecrypt(ARNS.ledgerKey, { purpose: 'decrypt ledger exports during the key migration', expires: '2027-03-31' });

  const monthEndClose = new WorkloadIdentity(scope, 'month-end-close', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Closes the books at the end of each month',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
  });
  monthEndClose.grantWriteBucket(ARNS.closeBucket, { purpose: 'write month-end close reports' });
  // Fixed FLAW 1: the expired backfill grant was deleted.

  // Fixed FLAW 3: retired, and nothing refers to its role any more.
  new WorkloadIdentity(scope, 'invoice-exporter', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Exported invoices to the accounting system',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
    retired: { date: '2026-09-30', reason: 'invoicing moved to the billing platform' },
  });

  // Fixed FLAW 4: reviewed on 2026-11-02.
  const fxRatesSync = new WorkloadIdentity(scope, 'fx-rates-sync', {
    kind: 'batch-job', owner: TEAMS.finops, backupOwner: TEAMS.ledger, purpose: 'Loads daily FX rates into the rates table',
    environment: 'production', reviewEveryDays: 90,
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
  });
  fxRatesSync.grantWriteTable(ARNS.fxTable, { purpose: 'write daily FX rates' });

  // Fixed FLAW 5: re-reviewed after the disputes grant was added.
  const settlementWorker = new WorkloadIdentity(scope, 'settlement-worker', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Settles instructions from the settlement queue',
    environment: 'production', reviewEveryDays: 90, attestation: eks('settlement-worker'),
  });
  settlementWorker.grantConsumeQueue(ARNS.settlementQueue, { purpose: 'consume settlement instructions' });
  if (revision >= 2) settlementWorker.grantPublishToQueue(ARNS.disputesQueue, { purpose: 'raise settlement disputes' });

  // Fixed FLAW 6: sqs:PurgeQueue removed as the review decided.
  const payoutService = new WorkloadIdentity(scope, 'payout-service', {
    kind: 'service', owner: TEAMS.ledger, backupOwner: TEAMS.platform, purpose: 'Sends merchant payouts',
    environment: 'production', reviewEveryDays: 90, attestation: eks('payout-service'),
  });
  payoutService.grantConsumeQueue(ARNS.payoutQueue, { purpose: 'consume payout instructions' });

  // Fixed FLAW 7: the hotfix deployer is a declared workload with an owner and a purpose.
  const hotfixDeployer = new WorkloadIdentity(scope, 'ci-hotfix-deployer', {
    kind: 'ci-pipeline', owner: TEAMS.platform, backupOwner: TEAMS.ledger, purpose: 'Deploys approved hotfixes of ledger-api',
    environment: 'production', reviewEveryDays: 90, maxSessionDuration: 3600,
    attestation: Attestation.githubActions({ repository: REPOSITORIES.ledger, environment: 'hotfix', accountId: ACCOUNT_ID }),
  });
  hotfixDeployer.grant({ purpose: 'roll out hotfixes', actions: ['eks:DescribeCluster', 'eks:UpdateClusterConfig'], resources: [CLUSTER_ARN] });

  const releasePipeline = new WorkloadIdentity(scope, 'release-pipeline', {
    kind: 'ci-pipeline', owner: TEAMS.platform, backupOwner: TEAMS.ledger, purpose: 'Builds ledger-api and deploys it to production',
    environment: 'production', reviewEveryDays: 90, maxSessionDuration: 3600,
    attestation: Attestation.githubActions({ repository: REPOSITORIES.ledger, environment: 'production', accountId: ACCOUNT_ID }),
  });
  releasePipeline.grant({ purpose: 'push release images', actions: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], resources: [ARNS.imageRepository] });
  releasePipeline.grant({ purpose: 'roll out to the production cluster', actions: ['eks:DescribeCluster', 'eks:UpdateClusterConfig'], resources: [CLUSTER_ARN] });
  // Fixed FLAW 8: IAM changes moved to their own pipeline, from the infrastructure repository.
  const iamPipeline = new WorkloadIdentity(scope, 'iam-pipeline', {
    kind: 'ci-pipeline', owner: TEAMS.security, backupOwner: TEAMS.platform, purpose: 'Applies reviewed IAM changes of the ledger roles',
    environment: 'production', reviewEveryDays: 90, maxSessionDuration: 3600,
    attestation: Attestation.githubActions({ repository: REPOSITORIES.infra, environment: 'production', accountId: ACCOUNT_ID }),
  });
  iamPipeline.grant({ purpose: 'update the application role policy', actions: ['iam:PutRolePolicy'], resources: [ARNS.appRole] });

  // Fixed FLAW 9: a declared ai-agent with a sponsor, an expiry and a one-hour session.
  const supportCopilot = new WorkloadIdentity(scope, 'support-copilot', {
    kind: 'ai-agent', owner: TEAMS.support, backupOwner: TEAMS.ledger, sponsor: 'maria.lopez@acme.example',
    purpose: 'Answers merchant support questions', environment: 'production', reviewEveryDays: 90,
    expires: '2027-03-31', maxSessionDuration: 3600,
    attestation: Attestation.awsService({ service: 'bedrock.amazonaws.com', sourceAccount: ACCOUNT_ID, sourceArn: ARNS.copilotAgent }),
  });
  supportCopilot.grantInvokeModel(ARNS.scoringModel, { purpose: 'invoke the support model' });

  // Fixed FLAW 10: reviewed by team-security, not by team-risk.
  const fraudScorer = new WorkloadIdentity(scope, 'fraud-scorer', {
    kind: 'service', owner: TEAMS.risk, backupOwner: TEAMS.ledger, purpose: 'Scores payments for fraud',
    environment: 'production', reviewEveryDays: 90, attestation: eks('fraud-scorer'),
  });
  fraudScorer.grant({ purpose: 'invoke the fraud scoring endpoint', actions: ['sagemaker:InvokeEndpoint'], resources: [ARNS.fraudModel] });
  fraudScorer.grantWriteTable(ARNS.scoresTable, { purpose: 'write fraud scores' });
}

/**
 * The well-declared workloads: each says who owns it, why it exists, how it proves its identity
 * and exactly what it may touch. They must produce no findings.
 */
import { Construct } from 'constructs';
import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';
import {
  ACCOUNT_ID,
  CLUSTER_ARN,
  CLUSTER_OIDC_ISSUER,
  GITHUB_REPOSITORY,
  OWNERS,
  SUPPORT_AGENT_ARN,
  SUPPORT_MODEL_ARN,
} from './config';
import type { PaymentsDataStores } from './data-stores';

/** The workload identities of the payments platform. */
export class PaymentsWorkloads extends Construct {
  readonly api: WorkloadIdentity;
  readonly deployPipeline: WorkloadIdentity;
  readonly reconciliation: WorkloadIdentity;
  readonly supportAgent: WorkloadIdentity;

  constructor(scope: Construct, id: string, data: PaymentsDataStores) {
    super(scope, id);

    // The payments API pods on EKS, through IRSA: only the `payments/payments-api` service account.
    this.api = new WorkloadIdentity(this, 'payments-api', {
      kind: 'service',
      owner: OWNERS.payments,
      purpose: 'Serves the merchant payments API on EKS',
      environment: 'production',
      reviewEveryDays: 90,
      attestation: Attestation.eksServiceAccount({
        accountId: ACCOUNT_ID,
        issuer: CLUSTER_OIDC_ISSUER,
        namespace: 'payments',
        serviceAccount: 'payments-api',
      }),
    });
    this.api.grantReadBucket(data.statements.arn, { purpose: 'read settlement statements for merchant balances' });
    this.api.grantReadSecret(data.dbSecret.arn, { purpose: 'read database credentials' });
    this.api.grantWriteLogs(data.apiLogs.arn, { purpose: 'write application logs' });

    // GitHub Actions deploy job, only when bound to the `production` environment (which has reviewers).
    this.deployPipeline = new WorkloadIdentity(this, 'payments-api-deploy', {
      kind: 'ci-pipeline',
      owner: OWNERS.platform,
      purpose: 'Builds the payments API image and rolls it out to the production cluster',
      environment: 'production',
      reviewEveryDays: 180,
      maxSessionDuration: 3600,
      attestation: Attestation.githubActions({ repository: GITHUB_REPOSITORY, environment: 'production', accountId: ACCOUNT_ID }),
    });
    this.deployPipeline.grant({
      purpose: 'push images to the payments API repository',
      actions: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
        'ecr:BatchGetImage',
      ],
      resources: [data.apiImages.arn],
    });
    // GetAuthorizationToken supports no resource-level permissions: "*" is the only valid resource.
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html
    this.deployPipeline.grant({
      purpose: 'log in to ECR',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    });
    this.deployPipeline.grant({
      purpose: 'describe and update the production cluster',
      actions: ['eks:DescribeCluster', 'eks:DescribeUpdate', 'eks:UpdateClusterConfig'],
      resources: [CLUSTER_ARN],
    });

    // Nightly reconciliation as an ECS task: reads statements, writes reports, queues payouts.
    this.reconciliation = new WorkloadIdentity(this, 'nightly-reconciliation', {
      kind: 'batch-job',
      owner: OWNERS.finops,
      purpose: 'Reconciles settlement statements against the ledger every night and queues payouts',
      environment: 'production',
      reviewEveryDays: 90,
      attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT_ID }),
    });
    this.reconciliation.grantReadBucket(data.statements.arn, { purpose: 'read settlement statements' });
    this.reconciliation.grantWriteBucket(data.reports.arn, { purpose: 'write reconciliation reports' });
    this.reconciliation.grantPublishToQueue(data.payoutQueue.arn, { purpose: 'queue payout instructions' });

    // Bedrock agent answering merchant payout questions; model access is time-boxed to the pilot.
    this.supportAgent = new WorkloadIdentity(this, 'payout-support-agent', {
      kind: 'ai-agent',
      owner: OWNERS.support,
      purpose: 'Bedrock agent that answers merchant questions about payouts',
      environment: 'production',
      reviewEveryDays: 30,
      // An agent acts on its own: a named person answers for it, and its identity ends with the pilot.
      sponsor: 'dana.lee@acme.example',
      expires: '2027-06-30',
      attestation: Attestation.awsService({ service: 'bedrock.amazonaws.com', sourceAccount: ACCOUNT_ID, sourceArn: SUPPORT_AGENT_ARN }),
    });
    this.supportAgent.grantInvokeModel(SUPPORT_MODEL_ARN, { purpose: 'invoke the pilot foundation model', expires: '2027-06-30' });
  }
}

/**
 * Literal facts about the account the governance example deploys to, and the teams that own its
 * workloads. Literals on purpose: the example plans offline (no `data.aws_caller_identity`), and
 * literal ARNs keep every policy known at `terraform plan`, so its digest is the same at synth
 * and in a plan.
 */
export const ACCOUNT_ID = '111122223333';
export const REGION = 'eu-west-1';

/** The production EKS cluster (managed by the platform team's own stack) and its OIDC issuer. */
export const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT_ID}:cluster/ledger-prod`;
export const CLUSTER_OIDC_ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/0B7C2E4F6A8D1C3E5F7A9B2D4C6E8F1A`;
export const GITHUB_OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;

/** Data the workloads touch, owned by other stacks (referenced by literal ARN). */
export const ARNS = {
  ledgerTable: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/ledger-entries`,
  ledgerKey: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/4f1c2b9e-7a3d-4e8b-9c5f-1a2b3c4d5e6f`,
  closeBucket: 'arn:aws:s3:::acme-ledger-month-end-close',
  archiveSecret: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:ledger/archive-db-AbCdEf`,
  invoiceBucket: 'arn:aws:s3:::acme-ledger-invoice-exports',
  fxTable: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/fx-rates`,
  settlementQueue: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:settlement-instructions`,
  disputesQueue: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:settlement-disputes`,
  payoutQueue: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:payout-instructions`,
  imageRepository: `arn:aws:ecr:${REGION}:${ACCOUNT_ID}:repository/ledger-api`,
  appRole: `arn:aws:iam::${ACCOUNT_ID}:role/ledger-api`,
  scoringModel: `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0`,
  fraudModel: `arn:aws:sagemaker:${REGION}:${ACCOUNT_ID}:endpoint/fraud-scoring`,
  scoresTable: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/fraud-scores`,
  copilotAgent: `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:agent/QW3RTY7UIO`,
} as const;

/** The GitHub repositories whose workflows deploy. */
export const REPOSITORIES = {
  ledger: 'acme-ledger/ledger-api',
  infra: 'acme-ledger/ledger-infra',
} as const;

/** Team ids of governance/owners.yaml. */
export const TEAMS = {
  ledger: 'team-ledger',
  platform: 'team-platform',
  finops: 'team-finops',
  risk: 'team-risk',
  support: 'team-support',
  security: 'team-security',
} as const;

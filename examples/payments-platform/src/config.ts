/**
 * Literal facts about the target account. They are literals on purpose: the example must plan
 * offline, so it never asks AWS (no `data.aws_caller_identity`), and literal ARNs keep every trust
 * and permission policy known at `terraform plan`.
 */
export const ACCOUNT_ID = '111122223333';
export const REGION = 'eu-west-1';

/** The existing EKS cluster the platform runs on (managed by the platform team's own stack). */
export const CLUSTER_NAME = 'payments-prod';
export const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT_ID}:cluster/${CLUSTER_NAME}`;
/** Its OIDC issuer, as shown by `aws eks describe-cluster --query cluster.identity.oidc.issuer`. */
export const CLUSTER_OIDC_ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/5C1A8F3B9E0D4A7F2B6C8D1E3F4A5B6C`;

/** The GitHub repository that builds and deploys the payments API. */
export const GITHUB_REPOSITORY = 'acme-payments/payments-api';

/** The Bedrock agent that answers merchant payout questions, and the model it uses. */
export const SUPPORT_AGENT_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:agent/KJH7GH2ABC`;
export const SUPPORT_MODEL_ARN = `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0`;

export const OWNERS = {
  payments: 'team-payments@acme.example',
  platform: 'team-platform@acme.example',
  finops: 'team-finops@acme.example',
  support: 'team-merchant-support@acme.example',
} as const;

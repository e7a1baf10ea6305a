import type { AnalysisResult, Finding } from '@workload-iga/core';

/** A hand-made result covering every field the formatters render (no core run involved). */
export const FINDING_S3: Finding = {
  ruleId: 'no-wildcard-action',
  category: 'wildcard-action',
  severity: 'critical',
  message: "Statement 'ReadData' allows every S3 action ('s3:*') on every resource.",
  location: {
    file: 'cdktf.out/stacks/app/cdk.tf.json',
    address: 'data.aws_iam_policy_document.payments_permissions',
    statement: 'ReadData',
    line: 40,
    column: 11,
    constructPath: 'app/payments/permissions',
    source: { file: 'src/main.ts', line: 14, column: 5 },
  },
  related: [{ role: 'role the policy is attached to', address: 'aws_iam_role.payments_role', source: { file: 'src/main.ts', line: 9, column: 3 } }],
  workload: 'payments-api',
  identity: 'aws_iam_role.payments_role',
  evidence: { actions: ['s3:*'], resources: ['*'] },
  suggestion: "Grant the S3 actions the workload calls on its bucket, e.g. grantReadBucket('payments-data').",
};

export const FINDING_OIDC: Finding = {
  ruleId: 'trust-oidc-missing-sub',
  category: 'trust-federated-missing-condition',
  severity: 'high',
  message: 'GitHub OIDC trust checks only the audience: any repository can assume the role.',
  location: { file: 'cdktf.out/stacks/app/cdk.tf.json', address: 'aws_iam_role.deploy_role', line: 80, column: 9 },
  related: [],
  identity: 'aws_iam_role.deploy_role',
  suggestion: "Add a StringEquals condition on 'token.actions.githubusercontent.com:sub'.",
};

export const FINDING_POLICY_FILE: Finding = {
  ruleId: 'no-wildcard-resource',
  category: 'wildcard-resource',
  severity: 'medium',
  message: "Statement[0] allows 'kms:Decrypt' on every key.",
  location: { file: 'policies/reader.json', statement: 'Statement[0]', line: 4, column: 5 },
  related: [],
};

export const FINDING_SUPPRESSED: Finding = {
  ruleId: 'no-wildcard-resource',
  category: 'wildcard-resource',
  severity: 'low',
  message: "Statement 'Describe' allows 'ec2:DescribeInstances' on every resource.",
  location: { file: 'cdktf.out/stacks/app/cdk.tf.json', address: 'aws_iam_policy.ops_policy', statement: 'Describe', line: 120, column: 11 },
  related: [],
  workload: 'payments-api',
  suppressed: { reason: 'Describe* has no resource-level permissions', expires: '2030-01-01' },
};

export const RESULT: AnalysisResult = {
  inputs: [
    { file: 'cdktf.out/stacks/app/cdk.tf.json', kind: 'cdktf-synth', status: 'analyzed', errors: [] },
    { file: 'policies/broken.json', kind: 'iam-policy', status: 'error', errors: [{ file: 'policies/broken.json', line: 3, column: 7, message: "duplicate key 'Effect'" }] },
    { file: 'policies/reader.json', kind: 'iam-policy', status: 'analyzed', errors: [] },
  ],
  findings: [FINDING_S3, FINDING_OIDC, FINDING_POLICY_FILE, FINDING_SUPPRESSED],
  workloads: [
    {
      name: 'payments-api',
      kind: 'service',
      owner: 'team-payments',
      purpose: 'Serves the payments API',
      identities: ['aws_iam_role.payments_role'],
      source: { file: 'src/main.ts', line: 8, column: 1 },
    },
  ],
  summary: {
    findings: 3,
    suppressed: 1,
    bySeverity: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
    inputs: 3,
    inputErrors: 1,
    identities: 2,
    workloads: 1,
  },
};

export const EMPTY_RESULT: AnalysisResult = {
  inputs: [{ file: 'plan.json', kind: 'terraform-plan', status: 'analyzed', errors: [] }],
  findings: [],
  workloads: [],
  summary: { findings: 0, suppressed: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, inputs: 1, inputErrors: 0, identities: 1, workloads: 0 },
};

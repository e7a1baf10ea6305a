import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-long-lived-access-key',
    category: 'long-lived-credential',
    severity: 'high',
    title: 'No long-lived access keys for workloads',
    description: 'The configuration creates an IAM access key (`aws_iam_access_key`).',
    rationale:
      'An access key is a static secret that lives until someone deletes it; it leaks through logs, CI variables and state files (the secret is stored in Terraform state). Workloads can use roles with short-lived credentials instead (OIDC federation, IRSA, instance profiles). OWASP NHI Top 10: NHI7 long-lived secrets. See https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
    fix: 'Give the workload a role it assumes with OIDC, IRSA or a service principal, and delete the key.',
  },
  check({ inventory, report }) {
    for (const key of inventory.accessKeys) {
      report({
        message: `creates a long-lived access key${key.user ? ` for ${key.user}` : ''}`,
        origin: key.origin,
        identity: key.user,
        suggestion: 'Replace the key with a role the workload assumes (GitHub OIDC, EKS service account, or an AWS service principal).',
      });
    }
  },
});

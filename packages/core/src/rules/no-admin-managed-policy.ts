import type { Severity } from '../findings/finding';
import { defineRule } from './rule';

/** AWS managed policies that amount to administration of the account or of a whole service. */
const ADMIN_POLICIES: Readonly<Record<string, Severity>> = {
  AdministratorAccess: 'critical',
  IAMFullAccess: 'critical',
  PowerUserAccess: 'high',
  AWSOrganizationsFullAccess: 'high',
  'AdministratorAccess-Amplify': 'high',
  'AdministratorAccess-AWSElasticBeanstalk': 'high',
  AWSLambda_FullAccess: 'high',
  AmazonEC2FullAccess: 'high',
  AmazonS3FullAccess: 'high',
  SecretsManagerReadWrite: 'high',
  AWSKeyManagementServicePowerUser: 'high',
  AWSCloudFormationFullAccess: 'high',
};

export default defineRule({
  meta: {
    id: 'no-admin-managed-policy',
    category: 'admin-policy-attached',
    severity: 'high',
    title: 'No administrator-class AWS managed policy',
    description:
      'An identity has AdministratorAccess, IAMFullAccess, PowerUserAccess, or another AWS managed policy that grants a whole service (`*FullAccess`).',
    rationale:
      'AWS managed policies are written for broad human use cases, not for one workload; the admin-class ones grant control of the account. See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    fix: 'Attach a customer managed policy with the actions and resources the workload uses.',
  },
  check({ inventory, report }) {
    for (const attachment of inventory.managedAttachments) {
      const severity = ADMIN_POLICIES[attachment.name] ?? (/FullAccess$/.test(attachment.name) ? 'medium' : undefined);
      if (!severity) continue;
      report({
        severity,
        message: `attaches the AWS managed policy ${attachment.name}${attachment.identity ? ` to ${attachment.identity}` : ''}`,
        origin: attachment.origin,
        identity: attachment.identity,
        evidence: { policyArn: attachment.arn },
        suggestion: `Replace ${attachment.name} with a policy granting only the actions the workload calls.`,
      });
    }
  },
});

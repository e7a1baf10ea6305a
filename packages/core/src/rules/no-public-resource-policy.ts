import type { Severity } from '../findings/finding';
import type { LambdaPermission } from '../inventory/inventory';
import { isUnknown, wholeReference } from '../inventory/values';
import { isNarrowingTest, principalRestrictingKeys } from '../policy/condition-keys';
import { conditionsOn, type Statement } from '../policy/policy-document';
import { isSymbolicPrincipal, principalAccount, resourceAccount } from '../policy/principals';
import { defineRule, type RuleReport } from './rule';

/** Keys that tie a service principal's access to one source resource or account (confused deputy). */
const SOURCE_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOwner', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

export default defineRule({
  meta: {
    id: 'no-public-resource-policy',
    category: 'resource-exposure',
    severity: 'high',
    title: 'Resource policies must not open resources to everyone, to any source, or to unknown accounts',
    description:
      'A resource-based policy (S3 bucket, KMS key, SQS queue, SNS topic, Secrets Manager secret, ECR repository, Lambda permission, and others) allows `Principal: "*"` or NotPrincipal with no condition that restricts who (high); allows an AWS service principal with no `aws:SourceArn`/`aws:SourceAccount` (medium: the confused deputy); or allows a principal of another account (low: declare your accounts in the AWS provider\'s `allowed_account_ids`).',
    rationale:
      'A resource policy grants access by itself, without any identity policy on the caller\'s side: `"*"` means anyone on the internet, a service principal without a source condition means any customer of that service. `aws:SecureTransport` or `ForAllValues:` conditions do not restrict who. See https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html and https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    fix: 'Name the principals, or add aws:PrincipalOrgID / aws:SourceArn / aws:SourceAccount conditions.',
  },
  check({ inventory, ownAccounts, report }) {
    for (const use of inventory.resourcePolicies) {
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.principal) continue;
        checkStatement(statement, ownAccounts, report);
      }
    }
    for (const permission of inventory.lambdaPermissions) checkLambdaPermission(permission, ownAccounts, report);
  },
});

function checkStatement(statement: Statement, ownAccounts: ReadonlySet<string>, report: (r: RuleReport) => void): void {
  const base = { origin: statement.origin, statement: statement.label, element: [statement.principal!.negated ? 'NotPrincipal' : 'Principal'] };
  const principal = statement.principal!;
  if (principal.anyone || principal.negated) {
    const keys = principalRestrictingKeys(statement);
    const writes = statement.action?.values.some((a) => a === '*' || /:(\*|Put|Delete|Create|Update|Set|Add|Send|Publish)/i.test(a)) ?? false;
    // Narrowed to an organisation, account, VPC or source: the intended pattern, kept visible at info.
    const severity: Severity = keys.length > 0 ? 'info' : writes ? 'critical' : 'high';
    report({
      ...base,
      severity,
      message:
        keys.length > 0
          ? `${statement.label} opens the resource to ${principal.negated ? 'everyone but the listed principals' : 'any principal'}, narrowed by ${keys.join(', ')}`
          : `${statement.label} opens the resource to ${principal.negated ? 'everyone but the listed principals' : 'anyone'} (${statement.action?.values.join(', ') ?? 'its actions'}) with no condition that restricts who`,
      evidence: { restrictingKeys: keys, actions: statement.action?.values ?? [] },
      suggestion: keys.length > 0 ? 'Prefer naming the principals.' : 'Name the principals, or add "StringEquals": {"aws:PrincipalOrgID": "o-..."}.',
    });
    return;
  }
  for (const service of principal.byType.Service ?? []) {
    const pinned = SOURCE_KEYS.some((k) => conditionsOn(statement, k).some(isNarrowingTest));
    if (pinned) continue;
    report({
      ...base,
      severity: 'medium',
      message: `${statement.label} lets the service ${service} in with no aws:SourceArn or aws:SourceAccount condition: any AWS customer's ${service.split('.')[0]} resources can use it (confused deputy)`,
      evidence: { service },
      suggestion: `Add "ArnLike": {"aws:SourceArn": "<the ${service.split('.')[0]} resource's ARN>"} or "StringEquals": {"aws:SourceAccount": "<your account>"}.`,
    });
  }
  const own = new Set([...ownAccounts, ...(statement.resource?.values.map(resourceAccount).filter((a): a is string => a !== undefined) ?? [])]);
  for (const aws of principal.byType.AWS ?? []) {
    if (isSymbolicPrincipal(aws)) continue;
    // The default key policy statement is the key's own account; when the configuration declares
    // its accounts, only a root among them is that (another account's root is reported below).
    const rootAccount = principalAccount(aws);
    if (isDefaultKeyPolicyStatement(statement, aws) && (ownAccounts.size === 0 || (rootAccount !== undefined && ownAccounts.has(rootAccount)))) continue;
    const account = principalAccount(aws);
    if (!account || own.has(account)) continue;
    if (principalRestrictingKeys(statement).length > 0) continue;
    report({
      ...base,
      severity: 'low',
      message: `${statement.label} shares the resource with account ${account} (${aws}); if it is one of your accounts, list it in the AWS provider's allowed_account_ids`,
      evidence: { account, principal: aws },
      suggestion: `Confirm that account ${account} should have this access, and narrow it with aws:PrincipalArn to the principals that need it.`,
    });
  }
  for (const canonical of principal.byType.CanonicalUser ?? []) {
    report({ ...base, severity: 'low', message: `${statement.label} shares the resource with the canonical user ${canonical}`, evidence: { canonicalUser: canonical } });
  }
}

/**
 * `aws_lambda_permission` arguments are a resource-policy statement.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission
 */
function checkLambdaPermission(p: LambdaPermission, ownAccounts: ReadonlySet<string>, report: (r: RuleReport) => void): void {
  const principal = p.principal;
  if (typeof principal !== 'string' || isUnknown(principal) || wholeReference(principal)) return;
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  const restricted = given(p.sourceArn) || given(p.sourceAccount) || given(p.principalOrgId);
  const action = typeof p.action === 'string' ? p.action : 'lambda:InvokeFunction';
  if (principal === '*') {
    report({
      severity: restricted ? 'low' : 'high',
      message: restricted ? `lets any principal call ${action}, narrowed by source_arn/source_account/principal_org_id` : `lets anyone call ${action} on the function (principal "*" with no source_arn, source_account or principal_org_id)`,
      origin: p.origin,
      evidence: { principal, action },
      suggestion: 'Set principal to the calling service or account, with source_arn.',
    });
  } else if (/\.amazonaws\.com$/.test(principal)) {
    if (given(p.sourceArn) || given(p.sourceAccount)) return;
    report({
      severity: 'medium',
      message: `lets the service ${principal} call ${action} with no source_arn or source_account: any AWS customer's ${principal.split('.')[0]} resources can invoke it (confused deputy)`,
      origin: p.origin,
      evidence: { principal, action },
      suggestion: `Set source_arn to the ARN of the ${principal.split('.')[0]} resource that invokes the function (and source_account).`,
    });
  } else {
    const account = principalAccount(principal);
    if (account && !ownAccounts.has(account)) {
      report({ severity: 'low', message: `lets account ${account} call ${action}; if it is one of your accounts, list it in the AWS provider's allowed_account_ids`, origin: p.origin, evidence: { account, action } });
    }
  }
}

/**
 * The statement every KMS key policy starts with: the key's own account root gets `kms:*` on "*"
 * (which, in a key policy, means this key), so IAM policies in that account can grant use of it.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
function isDefaultKeyPolicyStatement(statement: Statement, principal: string): boolean {
  const root = /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(principal) || /^\d{12}$/.test(principal);
  const aws = statement.principal?.byType.AWS ?? [];
  return root && aws.length === 1 && (statement.action?.values.some((a) => a.toLowerCase() === 'kms:*') ?? false) && (statement.resource?.values.includes('*') ?? false);
}

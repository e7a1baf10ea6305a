import { isWildcardOnly, type ActionInfo } from '../catalog/iam-catalog';
import { masking } from '../effective/identity-permissions';
import { hasBroadResource } from '../effective/statement-coverage';
import { byNotability } from '../effective/risk-actions';
import type { Severity } from '../findings/finding';
import type { DocumentUse, Inventory } from '../inventory/inventory';
import { isNarrowingTest } from '../policy/condition-keys';
import type { Statement } from '../policy/policy-document';
import type { RuleReport } from './rule';

/**
 * Condition keys that scope an identity-policy grant to some resources or requests, so a grant on
 * "*" is no longer every resource. Harmless keys (aws:SecureTransport, aws:RequestedRegion,
 * aws:MultiFactorAuthPresent, aws:CurrentTime) are not here: they never hide a finding.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const SCOPING_KEY = /^([a-z0-9-]+:resourcetag\/|aws:resourceaccount$|aws:resourceorgid$|aws:resourceorgpaths$|aws:sourcevpc$|aws:sourcevpce$|s3:prefix$|kms:viaservice$|kms:encryptioncontext|kms:calleraccount$|secretsmanager:secretid$|dynamodb:leadingkeys$)/;

/** The condition keys of the statement that scope it (positively, not `ForAllValues`/`IfExists`). */
export function scopingKeys(statement: Statement): string[] {
  return statement.conditions.filter((c) => SCOPING_KEY.test(c.keyLower) && isNarrowingTest(c)).map((c) => c.key);
}

/**
 * Shared by the risk rules: an Allow in an identity policy, on every resource (or NotResource),
 * granting some of `actions` by name or partial pattern. Reports one finding per statement listing
 * the actions; a scoping condition lowers it to low; a Deny or boundary removing it for every
 * identity lowers it to info.
 */
export function reportRiskyGrant(
  inventory: Inventory,
  use: DocumentUse,
  statement: Statement,
  actions: readonly ActionInfo[],
  risk: { readonly severity: Severity; readonly what: string; readonly suggestion: string },
  report: (r: RuleReport) => void,
): void {
  if (actions.length === 0 || !hasBroadResource(statement)) return;
  // Actions that accept only "*" are never reported for using it.
  const scopable = actions.filter((a) => !isWildcardOnly(a)).sort(byNotability);
  if (scopable.length === 0) return;
  const names = scopable.map((a) => a.fullName);
  const keys = scopingKeys(statement);
  const masked = masking(inventory, use, statement, names);
  const where = statement.resource?.negated ? 'every resource but those in NotResource' : `'${statement.resource?.values.join("', '")}'`;
  report({
    // A scoping condition (ABAC tags, resource account, VPC) makes the grant what the author meant:
    // kept visible, at info.
    severity: masked?.severity ?? (keys.length > 0 ? 'info' : risk.severity),
    message:
      `${statement.label} allows ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''} on ${where}: ${risk.what}` +
      (keys.length > 0 ? `; narrowed by the condition ${keys.join(', ')}` : '') +
      (masked?.note ?? ''),
    origin: statement.origin,
    statement: statement.label,
    element: statement.resource?.negated ? ['NotResource'] : ['Resource'],
    evidence: { actions: names, resources: statement.resource?.values ?? [], conditionKeys: keys },
    suggestion: risk.suggestion,
  });
}

// The rule registry. test/rules-index.test.ts keeps it, the rule files, their tests and their
// docs pages in step: a rule file missing here fails the build of the docs and the tests.
import type { Rule, RuleMeta } from './rule';
import analyzablePolicy from './analyzable-policy';
import newAccess from './new-access';
import noAdminManagedPolicy from './no-admin-managed-policy';
import noAllowNotActionOrNotResource from './no-allow-not-action-or-not-resource';
import noExpiredEntitlement from './no-expired-entitlement';
import noLongLivedAccessKey from './no-long-lived-access-key';
import noMisleadingCondition from './no-misleading-condition';
import noPassRoleComputeEscalation from './no-pass-role-compute-escalation';
import noPrivilegeEscalationAction from './no-privilege-escalation-action';
import noPrivilegeEscalationPath from './no-privilege-escalation-path';
import noTrustAnyPrincipal from './no-trust-any-principal';
import noUnknownAction from './no-unknown-action';
import noUnusedSuppression from './no-unused-suppression';
import noWildcardAction from './no-wildcard-action';
import noWildcardResource from './no-wildcard-resource';
import oidcTrustRequiresSubject from './oidc-trust-requires-subject';
import retiredWorkloadAccess from './retired-workload-access';
import noCredentialsExposure from './no-credentials-exposure';
import noDataExfiltration from './no-data-exfiltration';
import noResourceExposure from './no-resource-exposure';
import noPublicResourcePolicy from './no-public-resource-policy';
import trustCrossAccountRequiresExternalId from './trust-cross-account-requires-external-id';
import trustServicePrincipalScoped from './trust-service-principal-scoped';
import unusedAccess from './unused-access';
import validPolicy from './valid-policy';
import workloadRequiresOwner from './workload-requires-owner';
import aiAgentGovernance from './ai-agent-governance';
import expiringEntitlement from './expiring-entitlement';
import orgPolicyViolation from './org-policy-violation';
import reviewDrift from './review-drift';
import reviewOverdue from './review-overdue';
import revokedEntitlementPresent from './revoked-entitlement-present';
import selfReview from './self-review';
import sodViolation from './sod-violation';
import unownedIdentity from './unowned-identity';

export type { RuleMeta } from './rule';

/** Every rule, sorted by id. */
export const RULE_DEFINITIONS: readonly Rule[] = Object.freeze(
  [
    analyzablePolicy,
    newAccess,
    noAdminManagedPolicy,
    noAllowNotActionOrNotResource,
    noExpiredEntitlement,
    noLongLivedAccessKey,
    noMisleadingCondition,
    noPassRoleComputeEscalation,
    noPrivilegeEscalationAction,
    noPrivilegeEscalationPath,
    noTrustAnyPrincipal,
    noUnknownAction,
    noUnusedSuppression,
    noWildcardAction,
    noWildcardResource,
    oidcTrustRequiresSubject,
    retiredWorkloadAccess,
    noCredentialsExposure,
    noDataExfiltration,
    noResourceExposure,
    noPublicResourcePolicy,
    trustCrossAccountRequiresExternalId,
    trustServicePrincipalScoped,
    unusedAccess,
    validPolicy,
    workloadRequiresOwner,
    aiAgentGovernance,
    expiringEntitlement,
    orgPolicyViolation,
    reviewDrift,
    reviewOverdue,
    revokedEntitlementPresent,
    selfReview,
    sodViolation,
    unownedIdentity,
  ].sort((a, b) => a.meta.id.localeCompare(b.meta.id)),
);

/** Metadata of every rule, sorted by id: the source for docs, the README table, JSON and SARIF. */
export const RULES: readonly RuleMeta[] = Object.freeze(RULE_DEFINITIONS.map((r) => r.meta));

export function ruleById(id: string): RuleMeta | undefined {
  return RULES.find((r) => r.id === id);
}

export function ruleDocUrl(id: string): string {
  const rule = ruleById(id);
  if (!rule) throw new Error(`Unknown rule '${id}'. Known rules: ${RULES.map((r) => r.id).join(', ')}.`);
  return rule.docs;
}

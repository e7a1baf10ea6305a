/**
 * @workload-iga/core — the pure engine: text and objects in, findings out.
 * No cdktf, constructs, editor or file-system dependency.
 */
export * from './findings/finding';
export * from './engine/analysis';
export * from './inventory/governance-manifest';
export { analyze, analyzeModels, detectInputKind } from './engine/analyze';
export { loadHclSupport, readTerraformHcl } from './input/terraform-hcl';
export { RULES, ruleById, ruleDocUrl, type RuleMeta } from './rules/index';
export { INTENTS, intentById, type Intent } from './intents/action-sets';
export { analyzeTypeScriptSource, applySourceSuppressions, readTypeScriptSource, readSuppressionComments, type TypeScriptAnalysis, type TypeScriptSourceModel, type SuppressionComment } from './input/typescript-source';
export { allServices, expandAction, isWildcardOnly, lookupAction, serviceActions, type AccessLevel, type ActionInfo, type ActionExpansion } from './catalog/iam-catalog';
export { conditionKeyInfo, type ConditionKeyInfo } from './catalog/condition-keys';
export { wildcardMatch, hasWildcard } from './policy/wildcard-match';
export { accessChanges, diffPlans, effectiveAccess, newAccessSeverity, summariseAccess, type AccessEntry, type IdentityAccessChange } from './governance/new-access';
export { readTerraformPlan, readTerraformPlanPriorState } from './input/terraform-plan';
export { retiredResidue, retiredWorkloads, type RetiredResidue, type RetiredWorkload } from './governance/retirement';
export { rightsize, RIGHTSIZE_CAVEATS, type AccessAdvisorInput, type RightsizeOptions, type RightsizeResult, type RightsizedWorkload, type SuggestedPolicy, type UnusedAction, type UnusedService } from './governance/rightsize';
export * from './governance/types';
export * from './governance/defaults';
export { analyzeDetailed } from './engine/analyze';
export { parseGovernanceConfig } from './governance/config';
export { parseTeams, findTeam, isMember } from './governance/owners';
export { parseReviewRecord, renderReviewRecord, reviewRecordPath, reviewsOf, latestReview, reviewCadence, reviewDue, type CadenceBasis, type ReviewDue } from './governance/reviews';
export { permissionDigest, canonicalPermissions, type CanonicalGrant, type CanonicalPermissions } from './governance/digest';
export { workloadsOf, type WorkloadFacts } from './governance/workloads';
export { governanceReport, inventoryRows, entitlementsOf, describeAttestation, type GovernanceReport, type WorkloadGovernance, type EntitlementSummary } from './governance/inventory-report';
export { evidenceReport, renderEvidenceMarkdown, CONTROLS, type ControlId, type ControlEvidence, type ControlResult, type EvidenceReport } from './governance/evidence';

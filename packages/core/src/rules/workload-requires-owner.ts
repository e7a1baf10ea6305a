import { GOVERNANCE_TAGS } from '../inventory/governance-manifest';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'workload-requires-owner',
    category: 'missing-owner',
    severity: 'medium',
    title: 'Workloads must have an owner',
    description: `A workload identity (declared with the constructs, or tagged \`${GOVERNANCE_TAGS.workload}\`) has no owner (\`${GOVERNANCE_TAGS.owner}\` tag).`,
    rationale:
      'An identity nobody owns is never reviewed and never retired. CIS Controls v8 5.5 asks for an inventory of service accounts with owner, purpose and review date. OWASP NHI Top 10: NHI1 improper offboarding.',
    fix: `Set the owner (the construct's \`owner\` prop, or the \`${GOVERNANCE_TAGS.owner}\` tag) to the team that answers for the workload.`,
  },
  check({ inventory, report }) {
    for (const identity of inventory.identities) {
      if (!identity.workload) continue;
      const owner = identity.tags[GOVERNANCE_TAGS.owner];
      const declared = inventory.manifests.flatMap((m) => m.manifest.workloads).find((w) => w.roleAddress === identity.address);
      if ((owner && owner.trim()) || (declared?.owner && declared.owner.trim())) continue;
      report({
        message: `workload '${identity.workload}' (${identity.address}) has no owner`,
        origin: identity.origin,
        identity: identity.address,
        suggestion: `Add the tag ${GOVERNANCE_TAGS.owner} = "<team>" (or the construct's owner prop).`,
      });
    }
  },
});

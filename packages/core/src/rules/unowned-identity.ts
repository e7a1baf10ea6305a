import { GOVERNANCE_TAGS } from '../inventory/governance-manifest';
import { ownerHints } from './governance-support';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'unowned-identity',
    category: 'unowned-identity',
    severity: 'medium',
    title: 'Hand-written identities must have an owner',
    description: `A role or user written by hand (not declared with the constructs, not tagged \`${GOVERNANCE_TAGS.workload}\`) has no \`${GOVERNANCE_TAGS.owner}\` tag. When its trust policy says who runs it (a GitHub repository in the \`sub\` condition, an EKS namespace and service account, an AWS service), the finding names it as the likely owner to confirm.`,
    rationale:
      'Identities created outside the governed constructs are the ones that outlive their purpose: nobody is asked to review them and nobody notices when their workload is gone. CIS Controls v8 5.5 (inventory of service accounts with an owner); OWASP NHI Top 10: NHI1 improper offboarding.',
    fix: `Tag the identity with \`${GOVERNANCE_TAGS.owner}\` = "<team>" (and \`${GOVERNANCE_TAGS.workload}\`), or move it to a WorkloadIdentity construct.`,
  },
  check({ inventory, report }) {
    const declared = new Set(inventory.manifests.flatMap((m) => m.manifest.workloads.map((w) => w.roleAddress)));
    for (const identity of inventory.identities) {
      if (identity.kind === 'group' || declared.has(identity.address) || identity.workload) continue;
      if ((identity.tags[GOVERNANCE_TAGS.owner] ?? '').trim() !== '') continue;
      const hints = ownerHints(identity);
      const inferred = hints.map((h) => h.text).join('; ');
      report({
        message: hints.length > 0
          ? `${identity.kind} ${identity.address} has no owner; its trust points at ${inferred}: set ${GOVERNANCE_TAGS.owner} to the team that owns it`
          : `${identity.kind} ${identity.address} has no owner and its trust does not say who runs it`,
        origin: identity.origin,
        identity: identity.address,
        ...(hints.length > 0 && { evidence: { inferredFrom: hints.map((h) => ({ source: h.source, value: h.value })) } }),
        suggestion: hints.length > 0
          ? `${hints.map((h) => (h.source === 'github' ? `GitHub ${h.value}` : h.source === 'eks' ? `EKS ${h.value}` : h.value)).join(', ')}: set ${GOVERNANCE_TAGS.owner} = "<team of ${hints[0]!.value}>".`
          : `Tag it with ${GOVERNANCE_TAGS.owner} = "<team>", or delete it if nothing uses it.`,
      });
    }
  },
});

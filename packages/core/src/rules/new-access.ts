import { accessChanges } from '../governance/new-access';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'new-access',
    category: 'new-access',
    severity: 'info',
    title: 'Report access a plan adds',
    description:
      "On a `terraform show -json` plan, compares each identity's access in the state the plan starts from (`prior_state`) with its access in the planned state: actions expanded through the catalogue, each with its resources, after Denies and permissions boundaries. An identity whose access grows is reported (a removed Deny or boundary counts as added access); an identity the plan creates reports all its access as new. Medium when the added actions include Write or Permissions management, high when they include `*` or a privilege-escalation action.",
    rationale:
      "A change that widens a workload's access deserves a reviewer's attention even when no single statement is wrong; IAM Access Analyzer's CheckNoNewAccess answers the same question online. Reporting it from the plan shows the reviewer exactly what the apply adds. See https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html",
    fix: 'Check that the workload needs the added access; if not, narrow the change before applying it.',
  },
  check({ inventory, prior, report }) {
    if (!prior) return;
    const byAddress = new Map(inventory.identities.map((i) => [i.address, i]));
    for (const change of accessChanges(prior, inventory)) {
      if (change.added.length === 0) continue;
      const identity = byAddress.get(change.identity)!;
      const n = change.added.length;
      report({
        severity: change.severity,
        message: change.created
          ? `${change.identity} is created by the plan with ${n} action${n === 1 ? '' : 's'}: ${change.summary}`
          : `${change.identity} gains ${n} action${n === 1 ? '' : 's'}: ${change.summary}${change.removed.length > 0 ? ` (and loses ${change.removed.length})` : ''}`,
        origin: identity.origin,
        identity: change.identity,
        evidence: { created: change.created, added: change.added, removed: change.removed },
        suggestion: 'Review the added access; if the workload does not need it, narrow the change before applying.',
      });
    }
  },
});

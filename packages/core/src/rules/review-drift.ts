import { permissionDigest } from '../governance/digest';
import { latestReview } from '../governance/reviews';
import { workloadsOf } from '../governance/workloads';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'review-drift',
    category: 'review-drift',
    severity: 'medium',
    title: 'Permissions changed since the last review',
    description:
      "The digest recorded by a workload's latest access review differs from the digest of its identity's effective permissions now: what the reviewer approved is no longer what the workload holds. The digest (sha256 of the canonical permission set) does not change when statements or keys are reordered or Sids renamed.",
    rationale:
      'A review attests to one set of permissions; a later change to the policies silently voids it. PCI DSS v4.0 7.2.4 and SOC 2 CC6.3 expect changes to access to be reviewed and approved, not just periodic reviews; NIST SP 800-53 AC-2 (account management).',
    fix: 'Review the new permissions (`wiga review` lists them) and record the decision with `wiga review record --workload <name> --decision keep|reduce|revoke --reviewer <you>` (it records the current digest), or revert the change.',
  },
  check({ inventory, governance, report }) {
    if (!governance?.reviews) return;
    for (const w of workloadsOf(inventory)) {
      if (!w.identity || w.retired) continue;
      const last = latestReview(governance.reviews, w.name, w.address);
      if (!last) continue;
      const current = permissionDigest(w.identity, inventory);
      if (current === last.digest) continue;
      report({
        message: `the permissions of workload '${w.name}' (${w.address}) changed since the review of ${last.date} by ${last.reviewer}`,
        origin: w.origin,
        identity: w.address,
        related: [{ role: 'the review record', file: last.file }],
        evidence: { reviewed: last.digest, current, reviewDate: last.date, reviewFile: last.file },
        suggestion: `Review the changed permissions and record it: \`wiga review record --workload ${w.name} --decision keep|reduce|revoke --reviewer <you>\`.`,
      });
    }
  },
});

import { findTeam, isMember } from '../governance/owners';
import { latestReview } from '../governance/reviews';
import { workloadsOf } from '../governance/workloads';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'self-review',
    category: 'self-review',
    severity: 'medium',
    title: 'Owners must not review their own workloads',
    description:
      "The reviewer of a workload's latest access review is its owner (the owner value itself) or a member of the owner team in governance/owners.yaml. Checked unless `reviews.selfReview: allow` in .wiga.yaml.",
    rationale:
      'The team that asked for access is the least likely to take it away; an independent reviewer is the point of the review. SOC 2 CC6.3 and NIST SP 800-53 AC-5 (separation of duties); PCI DSS v4.0 7.2.4 expects review by management or a party other than the requester.',
    fix: 'Have someone outside the owning team (security, platform, the service\'s consumer) review the access and record a new review.',
  },
  check({ inventory, governance, report }) {
    if (!governance?.reviews || governance.config?.reviews?.selfReview === 'allow') return;
    for (const w of workloadsOf(inventory)) {
      if (!w.identity || !w.owner) continue;
      const last = latestReview(governance.reviews, w.name, w.address);
      if (!last) continue;
      const team = findTeam(governance.teams, w.owner);
      const self = last.reviewer.trim().toLowerCase() === w.owner.toLowerCase() || isMember(team, last.reviewer);
      if (!self) continue;
      report({
        message: `workload '${w.name}' was reviewed on ${last.date} by ${last.reviewer}, ${team && isMember(team, last.reviewer) ? `a member of its owner team ${team.id}` : 'its owner'}`,
        origin: w.origin,
        identity: w.address,
        related: [{ role: 'the review record', file: last.file }],
        evidence: { reviewer: last.reviewer, owner: w.owner, reviewFile: last.file, reviewDate: last.date },
        suggestion: `Have someone outside ${w.owner} review workload '${w.name}' (\`wiga review record --workload ${w.name} --reviewer <someone else>\`).`,
      });
    }
  },
});

import { latestReview, reviewCadence, reviewDue } from '../governance/reviews';
import { workloadsOf } from '../governance/workloads';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'review-overdue',
    category: 'review-overdue',
    severity: 'medium',
    title: 'Access reviews must be on time',
    description:
      "A workload's last access review (governance/reviews/<workload>/<date>.yaml) is older than its cadence, or it was never reviewed. The cadence is the workload's `reviewEveryDays`, else `reviews.cadenceDays.byKind` of .wiga.yaml for its kind, else `aiAgent` (90 days) for an ai-agent, else `privileged` (90 days) when its identity has a high or critical finding, else `default` (180 days). Checked when a governance config or review records are given (`wiga check` with a .wiga.yaml or a reviews directory).",
    rationale:
      'Access that nobody looks at only grows. PCI DSS v4.0 7.2.4 asks for a review of all user and application accounts and their privileges at least every six months, and 8.6 for the management of system and application accounts; SOC 2 CC6.2/CC6.3 and NIST SP 800-53 AC-2 ask for periodic review. Privileged access and agents are reviewed more often.',
    fix: 'Review the workload\'s access (`wiga review` lists it), record the decision with `wiga review record --workload <name> --decision keep|reduce|revoke --reviewer <you>` and commit the record it writes.',
  },
  afterOthers: true,
  check({ inventory, now, governance, findingsSoFar, report }) {
    if (!governance || (governance.config === undefined && governance.reviews === undefined)) return;
    const findings = findingsSoFar?.() ?? [];
    for (const w of workloadsOf(inventory)) {
      if (!w.identity || w.retired) continue;
      const privileged = findings.some((f) => f.identity === w.address && !f.suppressed && (f.severity === 'critical' || f.severity === 'high'));
      const cadence = reviewCadence(w, governance.config, privileged);
      const last = latestReview(governance.reviews, w.name, w.address);
      const due = reviewDue(last?.date, cadence.days, now);
      if (!due.overdue) continue;
      const why = cadence.basis === 'privileged' ? ' (privileged access)' : cadence.basis === 'ai-agent' ? ' (ai-agent)' : cadence.basis === 'kind' ? ` (kind ${w.kind})` : cadence.basis === 'workload' ? ' (reviewEveryDays)' : '';
      report({
        message: last
          ? `workload '${w.name}' was last reviewed on ${last.date}; reviews are due every ${cadence.days} days${why}, so one was due on ${due.due} (${due.daysOverdue} day${due.daysOverdue === 1 ? '' : 's'} ago)`
          : `workload '${w.name}' has never been reviewed; reviews are due every ${cadence.days} days${why}`,
        origin: w.origin,
        identity: w.address,
        evidence: { cadenceDays: cadence.days, basis: cadence.basis, ...(last && { lastReview: last.date, reviewFile: last.file, due: due.due }) },
        suggestion: `Review it and record the decision: \`wiga review record --workload ${w.name} --decision keep|reduce|revoke --reviewer <you>\`, then commit the record.`,
      });
    }
  },
});

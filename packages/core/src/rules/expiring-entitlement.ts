import { DEFAULT_EXPIRING_WITHIN_DAYS } from '../governance/defaults';
import { workloadsOf } from '../governance/workloads';
import { defineRule } from './rule';

const DAY = 86_400_000;

export default defineRule({
  meta: {
    id: 'expiring-entitlement',
    category: 'expiring-entitlement',
    severity: 'low',
    title: 'Grants and workloads about to expire',
    description: `A grant declared with \`expires\` (or a workload with an \`expires\` date) expires within \`expiringWithinDays\` of the analysis (default ${DEFAULT_EXPIRING_WITHIN_DAYS} days, set in .wiga.yaml). Expired ones are reported by no-expired-entitlement.`,
    rationale:
      'Time-bound access works when its end is planned: the owner should renew it through review or let it lapse on purpose, not learn of it from a failed deployment. NIST SP 800-53 AC-2 (account management: temporary accounts); OWASP NHI Top 10: NHI5 overprivileged NHI.',
    fix: 'Let it expire and remove the grant, or renew it (new expiry, same purpose) through an access review.',
  },
  check({ inventory, now, governance, report }) {
    const within = governance?.config?.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS;
    const limit = now.getTime() + within * DAY;
    const soon = (expires: string | undefined) => {
      if (expires === undefined) return undefined;
      const t = Date.parse(expires);
      if (Number.isNaN(t) || t <= now.getTime() || t > limit) return undefined;
      return Math.ceil((t - now.getTime()) / DAY);
    };
    for (const w of workloadsOf(inventory)) {
      if (w.retired || !w.manifest) continue;
      const origin = w.origin;
      const days = soon(w.expires);
      if (days !== undefined) {
        report({
          message: `workload '${w.name}' expires on ${w.expires} (in ${days} day${days === 1 ? '' : 's'})`,
          origin,
          identity: w.address,
          evidence: { expires: w.expires, days },
          suggestion: `Retire workload '${w.name}' by ${w.expires}, or extend its expiry through review.`,
        });
      }
      for (const grant of w.manifest.workload.grants ?? []) {
        if (grant.status === 'expired') continue;
        const d = soon(grant.expires);
        if (d === undefined) continue;
        const policyOrigin = grant.policyAddress !== undefined ? inventory.originOf(grant.policyAddress) : undefined;
        report({
          message: `grant ${grant.sid} of workload '${w.name}' (${grant.purpose}) expires on ${grant.expires} (in ${d} day${d === 1 ? '' : 's'})`,
          origin: policyOrigin ?? origin,
          statement: grant.sid,
          identity: w.address,
          evidence: { expires: grant.expires, days: d, actions: grant.actions },
          ...(grant.source && { source: grant.source }),
          suggestion: `Renew grant '${grant.purpose}' through review before ${grant.expires}, or plan its removal.`,
        });
      }
    }
  },
});

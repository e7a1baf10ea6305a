import { identityPermissions } from '../effective/identity-permissions';
import { latestReview } from '../governance/reviews';
import { workloadsOf } from '../governance/workloads';
import { heldActions } from './governance-support';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'revoked-entitlement-present',
    category: 'revoked-entitlement-present',
    severity: 'high',
    title: 'Access a reviewer revoked must be gone',
    description:
      "The latest access review of a workload took access away (decision `reduce` or `revoke` with a `revoke` list of actions or grant Sids), but the identity still holds it; a `revoke` decision without a list revokes all access, so any remaining Allow is reported.",
    rationale:
      'A review is only a control if its decisions are carried out. PCI DSS v4.0 7.2.4 asks that inappropriate access found in a review is addressed; SOC 2 CC6.2/CC6.3 expect removal of access no longer needed; NIST SP 800-53 AC-2.',
    fix: 'Remove the revoked actions or grants from the code (or record a new review that keeps them, with the reason).',
  },
  check({ inventory, governance, report }) {
    if (!governance?.reviews) return;
    for (const w of workloadsOf(inventory)) {
      if (!w.identity || w.retired) continue;
      const last = latestReview(governance.reviews, w.name, w.address);
      if (!last || last.decision === 'keep') continue;
      const permissions = identityPermissions(w.identity, inventory);
      const related = [{ role: 'the review record', file: last.file }];
      if (!last.revoke || last.revoke.length === 0) {
        const remaining = permissions.allows.filter((a) => a.statement.action);
        if (remaining.length === 0) continue;
        const first = remaining[0]!.statement;
        report({
          message: `the review of ${last.date} by ${last.reviewer} revoked all access of workload '${w.name}', but ${w.address} still has ${remaining.length} Allow statement${remaining.length === 1 ? '' : 's'}`,
          origin: first.origin,
          statement: first.label,
          identity: w.address,
          related,
          evidence: { reviewFile: last.file, reviewDate: last.date, revoked: 'all' },
          suggestion: `Remove the policies of ${w.address}, or retire workload '${w.name}'.`,
        });
        continue;
      }
      const grants = new Map((w.manifest?.workload.grants ?? []).filter((g) => g.status === 'active').map((g) => [g.sid, g]));
      const sourceOf = (sid: string | undefined) => (sid !== undefined ? grants.get(sid)?.source : undefined);
      for (const item of last.revoke) {
        if (item.includes(':') || item === '*') {
          const held = heldActions(w.identity, inventory, item);
          if (held.length === 0) continue;
          const statement = held[0]!.grant.statement;
          report({
            message: `the review of ${last.date} by ${last.reviewer} revoked ${item} from workload '${w.name}', but ${w.address} still holds ${held.slice(0, 3).map((h) => h.action).join(', ')}${held.length > 3 ? ` and ${held.length - 3} more` : ''}`,
            origin: statement.origin,
            statement: statement.label,
            identity: w.address,
            related,
            evidence: { reviewFile: last.file, reviewDate: last.date, revoked: item, held: held.map((h) => h.action) },
            ...(sourceOf(statement.sid) && { source: sourceOf(statement.sid) }),
            suggestion: `Remove ${item} from ${statement.label}.`,
          });
          continue;
        }
        const statement = permissions.allows.find((a) => a.statement.sid === item)?.statement;
        if (!statement && !grants.has(item)) continue;
        report({
          message: `the review of ${last.date} by ${last.reviewer} revoked grant ${item} of workload '${w.name}', but it is still in the code`,
          origin: statement?.origin ?? w.origin,
          statement: item,
          identity: w.address,
          related,
          evidence: { reviewFile: last.file, reviewDate: last.date, revoked: item },
          ...(sourceOf(item) && { source: sourceOf(item) }),
          suggestion: `Remove the grant ${item}.`,
        });
      }
    }
  },
});

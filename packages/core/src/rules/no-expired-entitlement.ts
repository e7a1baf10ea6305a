import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-expired-entitlement',
    category: 'expired-entitlement',
    severity: 'low',
    title: 'No expired grants in code',
    description:
      'A grant declared with `expires` is past its expiry. The constructs do not synthesize it (and the `aws:CurrentTime` condition already stops it at run time), so it is reported for removal from the code.',
    rationale:
      'Time-bound access ends on time only if the expiry is enforced; leaving expired grants in code hides what a workload is meant to hold and invites someone to extend them without review. OWASP NHI Top 10: NHI5 overprivileged NHI.',
    fix: 'Remove the expired grant from the code, or renew it with a new purpose and expiry through review.',
  },
  check({ inventory, now, report }) {
    for (const { file, manifest } of inventory.manifests) {
      for (const workload of manifest.workloads) {
        for (const grant of workload.grants ?? []) {
          const expired = grant.status === 'expired' || (grant.expires !== undefined && Date.parse(grant.expires) <= now.getTime());
          if (!expired) continue;
          const roleOrigin = inventory.originOf(workload.roleAddress);
          report({
            message: `grant ${grant.sid} of workload '${workload.name}' (${grant.purpose}) expired on ${grant.expires}${grant.status === 'expired' ? ' and was not synthesized' : ''}`,
            origin: { file, address: workload.roleAddress, position: roleOrigin?.position, constructPath: workload.constructPath },
            statement: grant.sid,
            identity: workload.roleAddress,
            evidence: { expires: grant.expires, actions: grant.actions },
            source: grant.source,
            suggestion: `Remove the expired grant '${grant.purpose}' from the code, or renew it through review.`,
          });
        }
      }
    }
  },
});

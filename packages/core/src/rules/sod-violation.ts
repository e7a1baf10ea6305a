import { workloadsOf } from '../governance/workloads';
import { heldActions } from './governance-support';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'sod-violation',
    category: 'sod-violation',
    severity: 'high',
    title: 'No identity holds both sides of a separation of duties',
    description:
      "One identity effectively holds (after Deny statements and the permissions boundary) an action of both sides of a pair listed in `policy.separationOfDuties` of .wiga.yaml, e.g. writing code artifacts and approving their deployment, or creating payments and approving them. Checked only when the config lists pairs.",
    rationale:
      'Separation of duties keeps one compromised or mistaken workload from completing a sensitive task alone. NIST SP 800-53 AC-5 (separation of duties) and AC-6 (least privilege); SOC 2 CC6.1/CC6.3; PCI DSS v4.0 7.2.',
    fix: 'Split the duties across two workloads with two roles, or remove one side from this identity.',
  },
  check({ inventory, governance, report }) {
    const pairs = governance?.config?.policy?.separationOfDuties ?? [];
    if (pairs.length === 0) return;
    const workloadOf = new Map(workloadsOf(inventory).map((w) => [w.address, w.name]));
    for (const identity of inventory.identities) {
      if (identity.kind === 'group') continue;
      for (const pair of pairs) {
        const first = pair.first.flatMap((p) => heldActions(identity, inventory, p));
        if (first.length === 0) continue;
        const second = pair.second.flatMap((p) => heldActions(identity, inventory, p));
        if (second.length === 0) continue;
        const name = workloadOf.get(identity.address);
        const side = (h: (typeof first)[number], which: string) => ({ role: `grants the ${which} side of '${pair.name}' (${h.action})`, address: h.grant.statement.origin.address, statement: h.grant.statement.label, file: h.grant.statement.origin.file, line: h.grant.statement.origin.position?.line, column: h.grant.statement.origin.position?.column });
        report({
          message: `${name ? `workload '${name}' (${identity.address})` : identity.address} holds both sides of '${pair.name}': ${first[0]!.action} and ${second[0]!.action}${pair.reason ? ` (${pair.reason})` : ''}`,
          origin: identity.origin,
          identity: identity.address,
          related: [side(first[0]!, 'first'), side(second[0]!, 'second')],
          evidence: { pair: pair.name, first: [...new Set(first.map((h) => h.action))], second: [...new Set(second.map((h) => h.action))] },
          suggestion: `Move one side of '${pair.name}' to another workload's role.`,
        });
      }
    }
  },
});

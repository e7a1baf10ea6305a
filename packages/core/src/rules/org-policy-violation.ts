import { workloadsOf } from '../governance/workloads';
import { heldActions } from './governance-support';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'org-policy-violation',
    category: 'org-policy-violation',
    severity: 'high',
    title: 'Identities follow the organisation policy',
    description:
      'An identity breaks a rule of `policy` in .wiga.yaml: it effectively holds an action of `forbiddenActions` (for the environments and kinds the entry names; high), its role allows sessions longer than `maxSessionDurationSeconds` (medium), or it has no permissions boundary (or another one than the ARN given) when `requirePermissionsBoundary` is set (medium). Checked only when the config has a policy.',
    rationale:
      'Organisation guardrails (no IAM administration from production workloads, short sessions, a mandatory boundary) only hold if every change is checked against them before it is applied. NIST SP 800-53 AC-6 (least privilege) and AC-2; SOC 2 CC6.1; PCI DSS v4.0 7.2.1 and 7.2.2.',
    fix: 'Remove the forbidden action, lower max_session_duration, or attach the required permissions boundary.',
  },
  check({ inventory, governance, report }) {
    const policy = governance?.config?.policy;
    if (!policy) return;
    const facts = new Map(workloadsOf(inventory).map((w) => [w.address, w]));
    for (const identity of inventory.identities) {
      if (identity.kind === 'group') continue;
      const w = facts.get(identity.address);
      if (w?.retired) continue;
      const who = w ? `workload '${w.name}' (${identity.address})` : identity.address;
      for (const rule of policy.forbiddenActions ?? []) {
        if (rule.environments && !(w?.environment && rule.environments.includes(w.environment))) continue;
        if (rule.kinds && !(w?.kind && rule.kinds.includes(w.kind))) continue;
        const held = rule.actions.flatMap((p) => heldActions(identity, inventory, p));
        if (held.length === 0) continue;
        const statement = held[0]!.grant.statement;
        const actions = [...new Set(held.map((h) => h.action))];
        report({
          message: `${who} holds ${actions.slice(0, 3).join(', ')}${actions.length > 3 ? ` and ${actions.length - 3} more` : ''}, forbidden by the organisation policy${w?.environment && rule.environments ? ` in ${w.environment}` : ''}: ${rule.reason}`,
          origin: statement.origin,
          statement: statement.label,
          identity: identity.address,
          evidence: { policy: 'forbiddenActions', actions, reason: rule.reason },
          suggestion: `Remove ${actions[0]} from ${statement.label}.`,
        });
      }
      const max = policy.maxSessionDurationSeconds;
      if (max !== undefined && identity.kind === 'role' && identity.maxSessionDuration !== undefined && identity.maxSessionDuration > max) {
        report({
          severity: 'medium',
          message: `${who} allows sessions of ${identity.maxSessionDuration} s, more than the ${max} s of the organisation policy`,
          origin: identity.origin,
          identity: identity.address,
          evidence: { policy: 'maxSessionDurationSeconds', maxSessionDuration: identity.maxSessionDuration, max },
          suggestion: `Set max_session_duration to ${max} or less.`,
        });
      }
      const required = policy.requirePermissionsBoundary;
      if (required === undefined || required === false) continue;
      const boundary = identity.boundary;
      const matches = typeof required !== 'string' || (boundary !== undefined && (boundary.arn === required || boundary.origin.address === required || (boundary.arn?.endsWith(`/${required}`) ?? false)));
      if (boundary && matches) continue;
      report({
        severity: 'medium',
        message: boundary
          ? `${who} has another permissions boundary than ${required}, required by the organisation policy`
          : `${who} has no permissions boundary; the organisation policy requires ${typeof required === 'string' ? required : 'one'}`,
        origin: identity.origin,
        identity: identity.address,
        evidence: { policy: 'requirePermissionsBoundary', required, ...(boundary?.arn && { boundary: boundary.arn }) },
        suggestion: `Set permissions_boundary = ${typeof required === 'string' ? `"${required}"` : '"<boundary policy ARN>"'}.`,
      });
    }
  },
});

// Helpers of the governance rules (no rule here): what an identity effectively holds, and who owns
// a hand-written identity by its trust policy.
import { expandAction } from '../catalog/iam-catalog';
import { allowsOf, identityPermissions, type GrantedStatement } from '../effective/identity-permissions';
import type { Identity, Inventory } from '../inventory/inventory';
import { conditionsOn } from '../policy/policy-document';

/**
 * The real actions matching `pattern` the identity effectively holds (after Deny and boundary), with
 * a statement granting each. `*` is checked as itself (any Allow of `*`), never expanded.
 */
export function heldActions(identity: Identity, inventory: Inventory, pattern: string): { action: string; grant: GrantedStatement }[] {
  const permissions = identityPermissions(identity, inventory);
  const candidates = pattern === '*' ? ['*'] : /[*?]/.test(pattern) ? expandAction(pattern).actions.map((a) => a.fullName) : [pattern];
  const out: { action: string; grant: GrantedStatement }[] = [];
  for (const action of candidates) {
    const grant = action === '*' ? permissions.allows.find((a) => a.statement.action && !a.statement.action.negated && a.statement.action.values.includes('*')) : allowsOf(permissions, action)[0];
    if (grant) out.push({ action, grant });
  }
  return out;
}

/** An owner hint read from a trust policy. */
export interface OwnerHint {
  readonly source: 'github' | 'eks' | 'aws-service';
  /** e.g. `acme/payments`, `payments/api` (namespace/service account), `lambda.amazonaws.com`. */
  readonly value: string;
  readonly text: string;
}

/** Who a role's trust says runs it: a GitHub repository, an EKS namespace/service account, an AWS service. */
export function ownerHints(identity: Identity): OwnerHint[] {
  const hints = new Map<string, OwnerHint>();
  for (const statement of identity.trust?.document.statements ?? []) {
    if (statement.effect !== 'Allow') continue;
    for (const federated of statement.principal?.byType.Federated ?? []) {
      const issuer = /:oidc-provider\/(.+)$/.exec(federated)?.[1];
      if (!issuer) continue;
      for (const test of conditionsOn(statement, `${issuer}:sub`)) {
        for (const subject of test.values) {
          const github = /^repo:([^:/]+\/[^:]+):/.exec(subject) ?? /^repo:([^:/]+\/[^:*]+)$/.exec(subject);
          if (github && !/[*?]/.test(github[1]!)) hints.set(`github:${github[1]}`, { source: 'github', value: github[1]!, text: `GitHub repository ${github[1]}` });
          const eks = /^system:serviceaccount:([^:*]+):([^:*]+)$/.exec(subject);
          if (eks) hints.set(`eks:${eks[1]}/${eks[2]}`, { source: 'eks', value: `${eks[1]}/${eks[2]}`, text: `EKS namespace ${eks[1]}, service account ${eks[2]}` });
        }
      }
    }
    for (const service of statement.principal?.byType.Service ?? []) hints.set(`svc:${service}`, { source: 'aws-service', value: service, text: `AWS service ${service}` });
  }
  return [...hints.values()];
}

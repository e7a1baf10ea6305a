import type { AttachedPolicy, DocumentUse, Identity, Inventory } from '../inventory/inventory';
import type { Statement } from '../policy/policy-document';
import { coversAction, hasBroadResource } from './statement-coverage';

/** A statement that applies to an identity, and how it got there. */
export interface GrantedStatement {
  readonly statement: Statement;
  readonly use: DocumentUse;
  readonly via: AttachedPolicy;
}

export interface IdentityPermissions {
  readonly identity: Identity;
  readonly allows: readonly GrantedStatement[];
  readonly denies: readonly GrantedStatement[];
}

/**
 * Every identity-policy statement that applies to an identity: its inline and attached policies,
 * and for a user those of its groups. (The boundary is a ceiling, not a grant, so not included.)
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function identityPermissions(identity: Identity, inventory: Inventory): IdentityPermissions {
  const attached: AttachedPolicy[] = [...identity.policies];
  for (const group of identity.groups) {
    const g = inventory.identities.find((i) => i.address === group);
    if (g) attached.push(...g.policies.map((p) => ({ ...p, via: 'group' as const })));
  }
  const allows: GrantedStatement[] = [];
  const denies: GrantedStatement[] = [];
  for (const via of attached) {
    if (!via.use) continue;
    for (const statement of via.use.document.statements) {
      (statement.effect === 'Allow' ? allows : denies).push({ statement, use: via.use, via });
    }
  }
  return { identity, allows, denies };
}

/**
 * The Allow statements granting `action`, unless an unconditional Deny on all resources removes it.
 * (Scoped and conditional Denies are weighed by the effective-permission engine of a later issue;
 * here they never hide a finding, which errs on the side of reporting.)
 */
export function allowsOf(permissions: IdentityPermissions, action: string): GrantedStatement[] {
  const denied = permissions.denies.some(
    (d) => d.statement.conditions.length === 0 && coversAction(d.statement, action) && hasBroadResource(d.statement) && d.statement.resource?.values.includes('*'),
  );
  if (denied) return [];
  return permissions.allows.filter((a) => coversAction(a.statement, action));
}

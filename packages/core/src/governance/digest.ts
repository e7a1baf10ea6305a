/**
 * The digest of an identity's effective permission set: what a reviewer signs off. It is a sha256
 * over a canonical form, so reordering statements, actions, resources or condition keys, renaming
 * a Sid or changing the case of an action does not change it, and any real change does.
 */
import { createHash } from 'node:crypto';
import { identityPermissions, removal } from '../effective/identity-permissions';
import type { Identity, Inventory } from '../inventory/inventory';
import type { Statement } from '../policy/policy-document';

/** One Allow statement of the effective set, canonical (no Sid, everything sorted). */
export interface CanonicalGrant {
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions: readonly { readonly operator: string; readonly key: string; readonly values: readonly string[] }[];
}

export interface CanonicalPermissions {
  readonly grants: readonly CanonicalGrant[];
  /** Attached policies whose document is not known (AWS managed policies not in the catalogue, ARNs of other stacks). */
  readonly opaquePolicies: readonly string[];
}

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

function canonicalGrant(statement: Statement, actions: readonly string[] | undefined): CanonicalGrant {
  const a = statement.action;
  const r = statement.resource;
  return {
    ...(a && !a.negated && { actions: sorted(actions ?? a.lower) }),
    ...(a?.negated && { notActions: sorted(a.lower) }),
    ...(r && !r.negated && { resources: sorted(r.values) }),
    ...(r?.negated && { notResources: sorted(r.values) }),
    conditions: statement.conditions
      .map((c) => ({ operator: c.operator.toLowerCase(), key: c.keyLower, values: sorted(c.values) }))
      .sort((x, y) => `${x.operator}\u0000${x.key}`.localeCompare(`${y.operator}\u0000${y.key}`)),
  };
}

/**
 * The effective permission set: every Allow that applies to the identity (its policies and its
 * groups'), with the actions an unconditional Deny or the permissions boundary takes away left out.
 */
export function canonicalPermissions(identity: Identity, inventory: Inventory): CanonicalPermissions {
  const permissions = identityPermissions(identity, inventory);
  const grants = new Map<string, CanonicalGrant>();
  for (const { statement } of permissions.allows) {
    let actions: string[] | undefined;
    if (statement.action && !statement.action.negated) {
      actions = statement.action.lower.filter((action) => !removal(permissions, statement, action));
      if (actions.length === 0) continue;
    }
    const grant = canonicalGrant(statement, actions);
    grants.set(JSON.stringify(grant), grant);
  }
  const opaque = new Set<string>();
  for (const policy of identity.policies) if (!policy.use) opaque.add(policy.arn ?? policy.origin.address ?? policy.origin.file);
  return {
    grants: [...grants.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g),
    opaquePolicies: [...opaque].sort(),
  };
}

/** `sha256:<hex>` of the identity's canonical effective permission set. */
export function permissionDigest(identity: Identity, inventory: Inventory): string {
  const canonical = canonicalPermissions(identity, inventory);
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex')}`;
}

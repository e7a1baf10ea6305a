import type { AttachedPolicy, DocumentUse, Identity, Inventory } from '../inventory/inventory';
import type { Statement } from '../policy/policy-document';
import { wildcardMatch } from '../policy/wildcard-match';
import { coversAction } from './statement-coverage';

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
  /** The permissions boundary's statements, when the identity has one whose document is known. */
  readonly boundary?: readonly Statement[];
  /** True for the holder of a policy attached to nothing (its `identity` is a stand-in). */
  readonly holderOfUnattached?: boolean;
}

/** Why an allowed action does not take effect. */
export type Removal = { readonly by: 'deny'; readonly statement: GrantedStatement } | { readonly by: 'boundary' };

const cache = new WeakMap<Identity, IdentityPermissions>();

/**
 * Every identity-policy statement that applies to an identity: its inline and attached policies,
 * and for a user those of its groups, with its permissions boundary.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function identityPermissions(identity: Identity, inventory: Inventory): IdentityPermissions {
  const cached = cache.get(identity);
  if (cached) return cached;
  const attached: AttachedPolicy[] = [...identity.policies];
  for (const group of identity.groups) {
    const g = identityByAddress(inventory, group);
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
  const boundary = identity.boundary?.use?.document.statements;
  const result = { identity, allows, denies, ...(boundary && { boundary }) };
  cache.set(identity, result);
  return result;
}

/**
 * Whether `action`, as the Allow statement grants it, is taken away: by an explicit Deny that
 * covers the action on every resource the Allow names and applies unconditionally, or by a
 * permissions boundary that does not allow it there. A conditional Deny may not apply to a given
 * request, so it never removes anything here (erring on the side of reporting).
 */
export function removal(permissions: IdentityPermissions, allow: Statement, action: string): Removal | undefined {
  for (const deny of permissions.denies) {
    if (deny.statement.conditions.length === 0 && coversAction(deny.statement, action) && resourcesCovered(deny.statement, allow)) {
      return { by: 'deny', statement: deny };
    }
  }
  if (permissions.boundary) {
    const allowed = permissions.boundary.some((b) => b.effect === 'Allow' && coversAction(b, action) && resourcesCovered(b, allow));
    const denied = permissions.boundary.some((b) => b.effect === 'Deny' && b.conditions.length === 0 && coversAction(b, action) && resourcesCovered(b, allow));
    if (!allowed || denied) return { by: 'boundary' };
  }
  return undefined;
}

/** The Allow statements that grant `action` and are not removed by a Deny or the boundary. */
export function allowsOf(permissions: IdentityPermissions, action: string): GrantedStatement[] {
  if (!mayAllowService(permissions, action.slice(0, action.indexOf(':')))) return [];
  return permissions.allows.filter((a) => coversAction(a.statement, action) && !removal(permissions, a.statement, action));
}

const servicesCache = new WeakMap<readonly GrantedStatement[], Set<string> | 'any'>();

/**
 * A cheap pre-check for the identity-level rules, which ask every holder about dozens of actions:
 * false when none of the holder's Allow statements can grant anything of `service`.
 */
export function mayAllowService(permissions: IdentityPermissions, service: string): boolean {
  let services = servicesCache.get(permissions.allows);
  if (!services) {
    let collected: Set<string> | 'any' = new Set<string>();
    for (const { statement } of permissions.allows) {
      const element = statement.action;
      if (!element) continue;
      if (element.negated) {
        collected = 'any';
        break;
      }
      for (const pattern of element.lower) {
        const colon = pattern.indexOf(':');
        const prefix = colon === -1 ? pattern : pattern.slice(0, colon);
        if (colon === -1 || /[*?]/.test(prefix)) {
          collected = 'any';
          break;
        }
        collected.add(prefix);
      }
      if (collected === 'any') break;
    }
    services = collected;
    servicesCache.set(permissions.allows, services);
  }
  return services === 'any' || services.has(service.toLowerCase());
}

/**
 * True when `cover`'s Resource/NotResource matches every resource `inner` names. `*` in `inner`
 * is covered only by `*`; a pattern in `inner` is covered when the cover pattern matches it as text
 * (`arn:aws:s3:::b/*` covers `arn:aws:s3:::b/logs/*`).
 */
export function resourcesCovered(cover: Statement, inner: Statement): boolean {
  const outer = cover.resource;
  const target = inner.resource;
  if (!outer) return false;
  if (!target) return false;
  if (target.negated) return !outer.negated && outer.values.includes('*');
  return target.values.every((value) => {
    const matched = outer.values.some((pattern) => pattern === '*' || (value !== '*' && wildcardMatch(pattern, value)));
    return outer.negated ? !outer.values.some((pattern) => wildcardMatch(value, pattern) || wildcardMatch(pattern, value)) : matched;
  });
}

/**
 * For a finding about `actions` of a statement in `use`: the removal that applies to every
 * identity the document is attached to, if each of them loses all those actions. A document
 * attached to nothing is never "removed": it is reported as written.
 */
export function removedEverywhere(inventory: Inventory, use: DocumentUse, statement: Statement, actions: readonly string[]): Removal | undefined {
  if (use.identities.length === 0 || actions.length === 0) return undefined;
  let first: Removal | undefined;
  for (const address of use.identities) {
    const identity = identityByAddress(inventory, address);
    if (!identity) return undefined;
    const permissions = identityPermissions(identity, inventory);
    for (const action of actions) {
      const r = removal(permissions, statement, action);
      if (!r) return undefined;
      first ??= r;
    }
  }
  return first;
}

/** A short phrase for messages: "removed by the Deny in data.x (Sid)" / "outside the permissions boundary". */
export function describeRemoval(r: Removal): string {
  return r.by === 'deny'
    ? `denied by ${r.statement.statement.origin.address ?? 'a Deny'} ${r.statement.statement.label}`
    : 'outside the permissions boundary';
}

/**
 * Every holder of permissions to evaluate as a whole: each role and user, and each identity policy
 * attached to nothing in the analysed files (a policy JSON file, an unattached aws_iam_policy),
 * evaluated as "whoever holds this policy".
 */
export function permissionHolders(inventory: Inventory): IdentityPermissions[] {
  const holders: IdentityPermissions[] = [];
  for (const identity of inventory.identities) if (identity.kind !== 'group') holders.push(identityPermissions(identity, inventory));
  for (const use of inventory.documents) {
    if (use.kind !== 'identity' || use.identities.length > 0) continue;
    const via: AttachedPolicy = { via: 'inline', origin: use.document.origin, use };
    const pseudo: Identity = { kind: 'role', address: use.document.origin.address ?? use.document.origin.file, origin: use.document.origin, tags: {}, policies: [via], groups: [] };
    const statements = use.document.statements.map((statement) => ({ statement, use, via }));
    holders.push({ identity: pseudo, allows: statements.filter((s) => s.statement.effect === 'Allow'), denies: statements.filter((s) => s.statement.effect === 'Deny'), holderOfUnattached: true } as IdentityPermissions);
  }
  return holders;
}

/**
 * For a statement-level finding about `actions`: when a Deny or the boundary takes them away from
 * every identity the document applies to, the finding is kept (the text is still in the code) but
 * lowered to info and says why.
 */
export function masking(inventory: Inventory, use: DocumentUse, statement: Statement, actions: readonly string[]): { severity: 'info'; note: string } | undefined {
  const r = removedEverywhere(inventory, use, statement, actions);
  return r ? { severity: 'info', note: ` (no effect: ${describeRemoval(r)} for every identity it applies to)` } : undefined;
}

const identityIndex = new WeakMap<Inventory, Map<string, Identity>>();

function identityByAddress(inventory: Inventory, address: string): Identity | undefined {
  let index = identityIndex.get(inventory);
  if (!index) {
    index = new Map(inventory.identities.map((i) => [i.address, i]));
    identityIndex.set(inventory, index);
  }
  return index.get(address);
}

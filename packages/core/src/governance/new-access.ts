/**
 * New access in a plan: the offline counterpart of IAM Access Analyzer's CheckNoNewAccess. For each
 * identity, the access it holds in the state a plan starts from (`prior_state`) is compared with the
 * access it holds in the planned state, action by action (patterns expanded through the catalogue)
 * and resource by resource, after Denies and permissions boundaries are applied: a Deny or boundary
 * that goes away therefore shows up as added access.
 * @see https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
import { expandAction, lookupAction, type AccessLevel } from '../catalog/iam-catalog';
import type { Severity } from '../findings/finding';
import { identityPermissions, removal } from '../effective/identity-permissions';
import type { Identity, Inventory } from '../inventory/inventory';
import { hasWildcard, wildcardMatch } from '../policy/wildcard-match';
import { ESCALATION_ACTIONS } from '../rules/no-privilege-escalation-action';
import { JsonDocument } from '../input/json-document';
import { readTerraformPlan } from '../input/terraform-plan';
import { buildTerraformInventory } from '../inventory/inventory';
import type { InputError } from '../engine/analysis';

/** One action (or a pattern kept whole: `*`, `s3:*`) and the resources it is allowed on. */
export interface AccessEntry {
  /** A concrete action as AWS spells it (`s3:GetObject`), or a pattern kept whole (`*`, `s3:*`). */
  readonly action: string;
  readonly resources: readonly string[];
  /** For a pattern kept whole: how many catalogue actions it stands for. */
  readonly count?: number;
}

export interface IdentityAccessChange {
  readonly identity: string;
  readonly workload?: string;
  /** The identity does not exist in the prior state: it is created by the plan. */
  readonly created: boolean;
  readonly added: readonly AccessEntry[];
  readonly removed: readonly AccessEntry[];
  /** info; medium when the added actions include Write or Permissions management; high for `*` or privilege escalation. */
  readonly severity: Severity;
  /** "s3 (1 Read, 1 Write), iam (1 Permissions management)". */
  readonly summary: string;
}

const ESCALATION = new Set([...ESCALATION_ACTIONS, 'iam:PassRole'].map((a) => a.toLowerCase()));

/**
 * The access each identity holds: action (or kept pattern) → resources, after Denies and the
 * permissions boundary. `NotAction` is kept as `*` and `NotResource` as `*` (both reach beyond what
 * they name).
 */
export function effectiveAccess(identity: Identity, inventory: Inventory): Map<string, Set<string>> {
  const permissions = identityPermissions(identity, inventory);
  const out = new Map<string, Set<string>>();
  const add = (action: string, resources: readonly string[]) => {
    const set = out.get(action) ?? new Set<string>();
    for (const r of resources) set.add(r);
    out.set(action, set);
  };
  for (const { statement } of permissions.allows) {
    if (!statement.action) continue;
    const resources = !statement.resource || statement.resource.negated ? ['*'] : statement.resource.values;
    const patterns = statement.action.negated ? ['*'] : statement.action.values;
    // With a Deny or a boundary, a whole service is expanded, so what they take away is seen.
    const expand = permissions.denies.length > 0 || permissions.boundary !== undefined;
    for (const pattern of patterns) {
      for (const action of concreteActions(pattern, expand)) {
        if (removal(permissions, statement, action)) continue;
        add(action, resources);
      }
    }
  }
  // What a kept pattern (`*`, `s3:*`) already grants is not listed again under its concrete names.
  const patterns = [...out].filter(([action]) => hasWildcard(action));
  for (const [action, resources] of out) {
    const covers = patterns.filter(([p]) => p !== action && actionCovered(p, action)).flatMap(([, rs]) => [...rs]);
    for (const r of resources) if (covers.some((c) => resourceCovered(c, r))) resources.delete(r);
    if (resources.size === 0) out.delete(action);
  }
  return out;
}

/** `*`, a service wildcard and a whole service stay patterns; anything else expands to catalogue names. */
function concreteActions(pattern: string, expandServices = false): string[] {
  if (pattern === '*') return ['*'];
  const colon = pattern.indexOf(':');
  if (colon === -1 || hasWildcard(pattern.slice(0, colon))) return [pattern];
  if (!hasWildcard(pattern)) return [lookupAction(pattern)?.fullName ?? pattern];
  const expansion = expandAction(pattern);
  if (expansion.unknownService || expansion.actions.length === 0) return [pattern];
  if (expansion.coversWholeService && !expandServices) return [`${pattern.slice(0, colon).toLowerCase()}:*`];
  return expansion.actions.map((a) => a.fullName);
}

function actionCovered(cover: string, action: string): boolean {
  return cover === '*' || cover.toLowerCase() === action.toLowerCase() || wildcardMatch(cover, action, true);
}

function resourceCovered(cover: string, resource: string): boolean {
  return cover === '*' || cover === resource || (resource !== '*' && wildcardMatch(cover, resource));
}

/** The entries of `after` not covered by `before`. */
function difference(after: ReadonlyMap<string, ReadonlySet<string>>, before: ReadonlyMap<string, ReadonlySet<string>>): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const [action, resources] of after) {
    const covered = (a: string, r: string) => [...before].some(([b, rs]) => actionCovered(b, a) && [...rs].some((c) => resourceCovered(c, r)));
    const added = [...resources].filter((r) => !covered(action, r)).sort();
    if (added.length === 0) continue;
    const count = patternCount(action);
    if (count !== undefined) {
      // A pattern that `before` partly grants (action by action): only the rest is new.
      const concrete = expandAction(action).actions.map((a) => ({ action: a.fullName, resources: added.filter((r) => !covered(a.fullName, r)) }));
      if (concrete.some((c) => c.resources.length < added.length)) {
        out.push(...concrete.filter((c) => c.resources.length > 0));
        continue;
      }
    }
    out.push({ action, resources: added, ...(count !== undefined && { count }) });
  }
  return out.sort((a, b) => a.action.localeCompare(b.action));
}

function patternCount(action: string): number | undefined {
  if (!hasWildcard(action)) return undefined;
  if (action === '*') return undefined;
  const expansion = expandAction(action);
  return expansion.unknownService ? undefined : expansion.actions.length;
}

function levelsOf(action: string): AccessLevel[] {
  if (action === '*') return ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
  if (hasWildcard(action)) return [...new Set(expandAction(action).actions.flatMap((a) => a.accessLevels))];
  return [...(lookupAction(action)?.accessLevels ?? [])];
}

function escalates(action: string): boolean {
  if (action === '*') return true;
  if (!hasWildcard(action)) return ESCALATION.has(action.toLowerCase());
  return expandAction(action).actions.some((a) => ESCALATION.has(a.fullName.toLowerCase()));
}

/** info, medium (Write / Permissions management), high (`*` or a privilege-escalation action). */
export function newAccessSeverity(added: readonly AccessEntry[]): Severity {
  if (added.some((e) => escalates(e.action))) return 'high';
  if (added.some((e) => levelsOf(e.action).some((l) => l === 'Write' || l === 'Permissions management'))) return 'medium';
  return 'info';
}

const LEVEL_ORDER: readonly AccessLevel[] = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'];

/** "s3 (1 Read, 1 Write), iam (1 Permissions management)"; a kept pattern reads "s3:* (all 150 actions)". */
export function summariseAccess(entries: readonly AccessEntry[]): string {
  type Summary = { patterns: string[]; levels: Map<AccessLevel | 'unknown', number> };
  const byService = new Map<string, Summary>();
  for (const e of entries) {
    const service = e.action === '*' ? '*' : e.action.slice(0, e.action.indexOf(':')).toLowerCase() || e.action;
    const s: Summary = byService.get(service) ?? { patterns: [], levels: new Map() };
    if (hasWildcard(e.action)) s.patterns.push(e.action === '*' ? '* (every action of every service)' : `${e.action}${e.count !== undefined ? ` (${e.count} actions)` : ''}`);
    else {
      const level = lookupAction(e.action)?.accessLevels[0] ?? 'unknown';
      s.levels.set(level, (s.levels.get(level) ?? 0) + 1);
    }
    byService.set(service, s);
  }
  return [...byService]
    .map(([service, s]) => {
      const levels = [...s.levels].sort((a, b) => LEVEL_ORDER.indexOf(a[0] as AccessLevel) - LEVEL_ORDER.indexOf(b[0] as AccessLevel)).map(([l, n]) => `${n} ${l}`);
      const parts = [...s.patterns, ...levels];
      return s.patterns.length > 0 && levels.length === 0 && service === '*' ? parts.join(', ') : `${service} (${parts.join(', ')})`;
    })
    .join(', ');
}

/**
 * Per identity of `after`, the access added and removed since `before` (undefined: nothing existed
 * before, so every identity is created). Identities match by Terraform address. Only identities
 * whose access changes are listed; roles and users, not groups (a group's policies count for its
 * users).
 */
export function accessChanges(before: Inventory | undefined, after: Inventory): IdentityAccessChange[] {
  const priorByAddress = new Map((before?.identities ?? []).map((i) => [i.address, i]));
  const out: IdentityAccessChange[] = [];
  for (const identity of after.identities) {
    if (identity.kind === 'group') continue;
    const prior = priorByAddress.get(identity.address);
    const now = effectiveAccess(identity, after);
    const then = prior && before ? effectiveAccess(prior, before) : new Map<string, Set<string>>();
    const added = difference(now, then);
    const removed = difference(then, now);
    if (added.length === 0 && removed.length === 0) continue;
    out.push({
      identity: identity.address,
      ...(identity.workload !== undefined && { workload: identity.workload }),
      created: prior === undefined,
      added,
      removed,
      severity: newAccessSeverity(added),
      summary: summariseAccess(added),
    });
  }
  return out.sort((a, b) => a.identity.localeCompare(b.identity));
}

/**
 * Compares the planned states of two plans (`terraform show -json`): the access each identity
 * gains from `before` to `after`. For when no prior state is at hand, e.g. plans of two commits.
 */
export function diffPlans(before: { readonly path: string; readonly text: string }, after: { readonly path: string; readonly text: string }): { readonly changes: IdentityAccessChange[]; readonly problems: readonly InputError[] } {
  const problems: InputError[] = [];
  const read = (input: { path: string; text: string }) => {
    const parsed = JsonDocument.parse(input.text);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ file: input.path, ...p })));
      return undefined;
    }
    const model = readTerraformPlan(input.path, parsed.document);
    problems.push(...model.problems);
    return buildTerraformInventory([model]);
  };
  const a = read(before);
  const b = read(after);
  return { changes: a && b ? accessChanges(a, b) : [], problems };
}

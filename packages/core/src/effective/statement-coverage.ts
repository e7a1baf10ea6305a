import { wildcardMatch, hasWildcard } from '../policy/wildcard-match';
import type { Statement } from '../policy/policy-document';
import { wholeReference, referencedAddress } from '../inventory/values';

/** True if the statement's Action/NotAction element covers `action` (case-insensitive). */
export function coversAction(statement: Statement, action: string): boolean {
  const element = statement.action;
  if (!element) return false;
  const lower = action.toLowerCase();
  const matched = element.lower.some((pattern) => wildcardMatch(pattern, lower));
  return element.negated ? !matched : matched;
}

/** The action patterns of the statement that cover `action` (for evidence). */
export function patternsCovering(statement: Statement, action: string): string[] {
  if (!statement.action) return [];
  if (statement.action.negated) return coversAction(statement, action) ? [`NotAction ${statement.action.values.join(', ')}`] : [];
  return statement.action.values.filter((pattern) => wildcardMatch(pattern, action, true));
}

/**
 * A resource value that reaches beyond one named resource: `*`, or an ARN whose resource part is
 * only a wildcard (`arn:aws:s3:::*`, `arn:aws:iam::111122223333:role/*`). An object wildcard in one
 * bucket (`arn:aws:s3:::reports/*`) or a log group's streams (`log-group:NAME:*`) is not one.
 */
const broadValues = new Map<string, boolean>();

export function isBroadResource(value: string): boolean {
  if (value === '*') return true;
  let known = broadValues.get(value);
  if (known === undefined) {
    known = computeBroad(value);
    // Bounded: a stack repeats a few ARN shapes, but an adversarial input should not grow it forever.
    if (broadValues.size < 100_000) broadValues.set(value, known);
  }
  return known;
}

function computeBroad(value: string): boolean {
  if (!value.startsWith('arn:')) return false;
  const parts = value.split(':');
  if (parts.length < 6) return hasWildcard(value);
  const resource = parts.slice(5).join(':');
  if (resource === '*' || (parts[2] === '*' && resource.startsWith('*'))) return true;
  // In S3 the first segment is a bucket name, not a resource type: `reports/*` is one bucket's objects.
  if (parts[2] === 's3') return /^\*/.test(resource);
  // `role/*`, `table/*`, `function:*`: every resource of that type in the account.
  return /^[a-z-]+\/\*$/i.test(resource) || /^[a-z-]+:\*$/i.test(resource);
}

/** True when the statement applies to resources beyond specific ones (`*`, broad ARNs, NotResource). */
const broadStatements = new WeakMap<Statement, boolean>();

export function hasBroadResource(statement: Statement): boolean {
  let known = broadStatements.get(statement);
  if (known === undefined) {
    const element = statement.resource;
    known = !element ? false : element.negated ? true : element.values.some(isBroadResource);
    broadStatements.set(statement, known);
  }
  return known;
}

/**
 * True when every resource the statement names can only be one of the given identities themselves:
 * a reference to the identity's own block (`${aws_iam_role.self.arn}`) or an ARN built with the
 * caller's own name (`user/${aws:username}`).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export function onlyTargetsSelf(statement: Statement, selves: readonly SelfIdentity[]): boolean {
  const element = statement.resource;
  if (!element || element.negated || element.values.length === 0) return false;
  return element.values.every((value) => {
    const reference = wholeReference(value);
    if (reference) return selves.some((s) => s.address === referencedAddress(reference));
    if (/:(user|role)\/(?:[^*?]*\/)?\$\{aws:username\}$/.test(value)) return true;
    const named = /^arn:[^:]*:iam::[^:]*:(user|role)\/(?:.*\/)?([^/*?]+)$/.exec(value);
    return named !== null && selves.some((s) => s.kind === named[1] && s.name === named[2]);
  });
}

/** An identity a policy applies to, as far as "is this ARN the caller itself" needs it. */
export interface SelfIdentity {
  readonly address: string;
  readonly kind: 'role' | 'user' | 'group';
  readonly name?: string;
}

/** True when any resource pattern contains a wildcard or the statement uses NotResource. */
export function reachesOtherResources(statement: Statement): boolean {
  const element = statement.resource;
  if (!element) return false;
  if (element.negated) return true;
  return element.values.some((value) => hasWildcard(value.replace(/\$\{[^}]*\}/g, '')));
}

/** A cheap pre-check: false when no action of the statement can belong to `service`. */
export function mayCoverService(statement: Statement, service: string): boolean {
  const element = statement.action;
  if (!element) return false;
  if (element.negated) return true;
  return element.values.some((pattern) => {
    const colon = pattern.indexOf(':');
    return colon === -1 ? pattern === '*' : wildcardMatch(pattern.slice(0, colon), service, true);
  });
}

import type { RelatedLocation } from '../findings/finding';
import { allowsOf, type GrantedStatement, type IdentityPermissions } from './identity-permissions';

/** One action of an escalation path and the statement that grants it. */
export interface GrantedAction {
  readonly action: string;
  readonly granted: GrantedStatement;
  readonly use: GrantedStatement['use'];
}

/** The first alternative whose every action is allowed, with the statement granting each. */
export function firstComplete(permissions: IdentityPermissions, anyOf: readonly (readonly string[])[]): GrantedAction[] | undefined {
  for (const actions of anyOf) {
    const found: GrantedAction[] = [];
    for (const action of actions) {
      const granted = allowsOf(permissions, action)[0];
      if (!granted) break;
      found.push({ action, granted, use: granted.use });
    }
    if (found.length === actions.length) return found;
  }
  return undefined;
}

/** How messages name the holder: the identity, or "a principal holding this policy" for an unattached one. */
export function holderName(permissions: IdentityPermissions): string {
  return permissions.holderOfUnattached ? 'a principal holding this policy' : permissions.identity.address;
}

/** Related locations for the statements granting `actions`, one per statement, leaving out `except`. */
export function grantingStatements(actions: readonly GrantedAction[], except: GrantedStatement['statement']): RelatedLocation[] {
  const seen = new Set<unknown>([except]);
  return actions
    .filter((a) => !seen.has(a.granted.statement) && seen.add(a.granted.statement))
    .map((a) => {
      const { origin, label } = a.granted.statement;
      return { role: `statement granting ${a.action}`, address: origin.address, statement: label, file: origin.file, line: origin.position?.line, column: origin.position?.column };
    });
}

import { describe, expect, it } from 'vitest';
import { lookupAction } from '../src/catalog/iam-catalog';
import { ESCALATION_PATHS, PASS_ROLE_FAMILIES } from '../src/effective/escalation-catalogue';

// A misspelt action in the catalogue would silently switch a path off.
describe('every action of the escalation catalogue exists in the IAM catalogue', () => {
  const actions = [...PASS_ROLE_FAMILIES.flatMap((f) => f.anyOf.flat()), ...ESCALATION_PATHS.flatMap((p) => p.anyOf.flat())];
  it.each([...new Set(actions)])('%s', (action) => {
    expect(lookupAction(action)?.fullName.toLowerCase()).toBe(action.toLowerCase());
  });
});

import { describe, expect, it } from 'vitest';
import { lookupAction } from '../src/catalog/iam-catalog';
import { CREDENTIAL_ACTIONS, DATA_READ_ACTIONS } from '../src/effective/risk-actions';

// risk-actions.ts promises "a test checks every name against the IAM catalogue": a misspelt or
// uncatalogued name is never matched, so the credentials and data rules silently miss it.
describe('every action of the risk lists exists in the IAM catalogue', () => {
  it.each([...new Set([...CREDENTIAL_ACTIONS, ...DATA_READ_ACTIONS])])('%s', (action) => {
    expect(lookupAction(action)?.fullName.toLowerCase()).toBe(action.toLowerCase());
  });
});

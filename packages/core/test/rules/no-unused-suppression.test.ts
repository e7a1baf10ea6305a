import { describe, expect, it } from 'vitest';
import { cdktfStack, expectFinding, findingsOf, fullFindingsOf, manifestWorkload, policy, ruleTable, run, type RuleCase } from '../helpers';

const RULE = 'no-unused-suppression';
const finding = expectFinding(RULE, 'unused-suppression');
const WILDCARD = policy({ Sid: 'All', Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders' });

function suppression(ruleId: string, addresses: string[], extra: Record<string, unknown> = {}) {
  return { ruleId, reason: 'reviewed by security, ticket SEC-42', addresses, constructPath: 'stack/app', ...extra };
}
function stack(suppressions: unknown[]) {
  return cdktfStack({ workloads: [manifestWorkload('app')], suppressions }, WILDCARD);
}

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'no suppressions', input: stack([]) },
  { name: 'a suppression that matches a finding (by the policy block)', input: stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'])]) },
  { name: 'a suppression that matches a finding (by the identity)', input: stack([suppression('no-wildcard-action', ['aws_iam_role.app', 'aws_iam_role_policy.app'])]) },
  { name: 'a live suppression with an expiry', input: stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'], { expires: '2027-01-01T00:00:00Z' })]) },
];

const invalid: RuleCase[] = [
  { name: 'a suppression of a rule with no finding', input: stack([suppression('no-long-lived-access-key', ['aws_iam_role.app'])]), expected: [finding('info', 'aws_iam_role.app', undefined)] },
  { name: 'a suppression on another block', input: stack([suppression('no-wildcard-action', ['aws_s3_bucket.b'])]), expected: [finding('info', 'aws_s3_bucket.b', undefined)] },
  { name: 'an expired suppression', input: stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'], { expires: '2026-01-01T00:00:00Z' })]), expected: [finding('info', 'aws_iam_role_policy.app', undefined)] },
];

ruleTable(RULE, valid, invalid);

describe('suppressions', () => {
  it('a suppression with a reason marks the finding suppressed with that reason', () => {
    expect(findingsOf('no-wildcard-action', stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'])]), { suppressed: true })).toEqual([
      { ruleId: 'no-wildcard-action', category: 'wildcard-action', severity: 'high', location: { address: 'aws_iam_role_policy.app', statement: 'All' }, suppressed: { reason: 'reviewed by security, ticket SEC-42' } },
    ]);
  });
  it('an expired suppression does not suppress', () => {
    const [f] = fullFindingsOf('no-wildcard-action', stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'], { expires: '2026-01-01T00:00:00Z' })]));
    expect(f!.suppressed).toBeUndefined();
  });
  it('the unused-suppression message says "matches no finding"', () => {
    const [f] = fullFindingsOf(RULE, stack([suppression('no-long-lived-access-key', ['aws_iam_role.app'])]));
    expect(f!.message).toBe('the suppression of no-long-lived-access-key on stack/app matches no finding');
  });
  it('a suppression expired at the analysis time (`now`) is reported as expired, whatever the wall clock says', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const [f] = fullFindingsOf(RULE, stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'], { expires: '2029-06-01T00:00:00Z' })]), now);
    expect(f!.message).toBe('the suppression of no-wildcard-action on stack/app expired on 2029-06-01T00:00:00Z');
  });
  it('the summary counts suppressed findings apart', () => {
    const input = stack([suppression('no-wildcard-action', ['aws_iam_role_policy.app'])]);
    const result = run(input);
    expect(result.summary.suppressed).toBe(1);
    expect(result.workloads.map((w) => w.name)).toEqual(['payments-api']);
  });
});

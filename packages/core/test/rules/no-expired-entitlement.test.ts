import { describe, expect, it } from 'vitest';
import { cdktfStack, expectFinding, fullFindingsOf, manifestWorkload, ruleTable, type RuleCase } from '../helpers';

const RULE = 'no-expired-entitlement';
const finding = expectFinding(RULE, 'expired-entitlement');

function grant(sid: string, expires: string | undefined, status: 'active' | 'expired') {
  return { sid, purpose: `grant ${sid}`, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'], ...(expires && { expires }), status };
}
function stackWith(...grants: unknown[]) {
  return cdktfStack({ workloads: [manifestWorkload('app', { grants })] });
}

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a grant without expiry', input: stackWith(grant('Read', undefined, 'active')) },
  { name: 'a grant expiring later', input: stackWith(grant('Read', '2027-01-01T00:00:00Z', 'active')) },
  { name: 'a grant that expires later than the analysis time', input: stackWith(grant('Read', '2026-07-01T00:00:00Z', 'active')), options: { now: new Date('2026-06-30T23:59:59Z') } },
  { name: 'no manifest workloads', input: cdktfStack({}) },
];

const invalid: RuleCase[] = [
  { name: 'a grant expired at synth (status expired)', input: stackWith(grant('TempRead', '2020-01-01T00:00:00Z', 'expired')), expected: [finding('low', 'aws_iam_role.app', 'TempRead')] },
  { name: 'an active grant whose expiry has passed since synth', input: stackWith(grant('Debug', '2026-05-01T00:00:00Z', 'active')), expected: [finding('low', 'aws_iam_role.app', 'Debug')] },
  {
    name: 'two expired grants, one live',
    input: stackWith(grant('A', '2020-01-01T00:00:00Z', 'expired'), grant('B', '2030-01-01T00:00:00Z', 'active'), grant('C', '2021-01-01T00:00:00Z', 'expired')),
    expected: [finding('low', 'aws_iam_role.app', 'A'), finding('low', 'aws_iam_role.app', 'C')],
  },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: details`, () => {
  it('names the workload, the purpose and the expiry; points at the role and its construct', () => {
    const [f] = fullFindingsOf(RULE, stackWith(grant('TempRead', '2020-01-01T00:00:00Z', 'expired')));
    expect(f!.message).toContain("'payments-api'");
    expect(f!.message).toContain('grant TempRead');
    expect(f!.message).toContain('2020-01-01T00:00:00Z');
    expect(f!.identity).toBe('aws_iam_role.app');
    expect(f!.workload).toBe('payments-api');
    expect(f!.location).toMatchObject({ file: 'cdk.tf.json', constructPath: 'stack/app' });
  });
});

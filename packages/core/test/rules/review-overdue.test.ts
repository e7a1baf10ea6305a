import { describe, expect, it } from 'vitest';
import { allow, cdktfStack, manifestWorkload, policy } from '../helpers';
import { config, govFindings, govTable, review } from '../governance-helpers';

const RULE = 'review-overdue';
const stack = (extra: Record<string, unknown> = {}, document?: unknown) => cdktfStack({ workloads: [manifestWorkload('app', extra)] }, document);
const ADMIN = policy(allow('iam:*', '*'));

// NOW is 2026-06-01.
govTable(RULE, [
  { name: 'no governance context: not checked', input: stack(), expected: [] },
  { name: 'reviewed 31 days ago (default 180 days)', input: stack(), governance: { reviews: [review({ date: '2026-05-01' })] }, expected: [] },
  { name: 'never reviewed', input: stack(), governance: { reviews: [] }, expected: ['medium aws_iam_role.app'] },
  { name: 'never reviewed, config only', input: stack(), governance: { config: config('failOn: high\n') }, expected: ['medium aws_iam_role.app'] },
  { name: 'reviewed 200 days ago', input: stack(), governance: { reviews: [review({ date: '2025-11-13' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'reviewEveryDays 30 of the workload', input: stack({ reviewEveryDays: 30 }), governance: { reviews: [review({ date: '2026-04-15' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'byKind cadence', input: stack(), governance: { config: config('reviews:\n  cadenceDays:\n    byKind:\n      service: 20\n'), reviews: [review({ date: '2026-05-01' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'ai-agent: 90 days', input: stack({ kind: 'ai-agent' }), governance: { reviews: [review({ date: '2026-02-01' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'privileged (high findings): 90 days', input: stack({}, ADMIN), governance: { reviews: [review({ date: '2026-02-01' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'not privileged: 120 days is fine', input: stack(), governance: { reviews: [review({ date: '2026-02-01' })] }, expected: [] },
  { name: 'a review of another workload does not count', input: stack(), governance: { reviews: [review({ workload: 'other' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'a retired workload is not reviewed', input: stack({ retired: { date: '2026-01-01', reason: 'replaced' } }), governance: { reviews: [] }, expected: [] },
]);

describe(`${RULE}: details`, () => {
  it('states the last review, the cadence and the due date', () => {
    const [f] = govFindings(RULE, { input: stack({}, ADMIN), governance: { reviews: [review({ date: '2026-02-01' })] } });
    expect(f!.message).toBe("workload 'payments-api' was last reviewed on 2026-02-01; reviews are due every 90 days (privileged access), so one was due on 2026-05-02 (30 days ago)");
    expect(f!.evidence).toMatchObject({ cadenceDays: 90, basis: 'privileged', lastReview: '2026-02-01', due: '2026-05-02' });
  });
  it('the config can turn the rule off or change its severity', () => {
    expect(govFindings(RULE, { input: stack(), governance: { config: config('rules:\n  review-overdue: "off"\n') } })).toEqual([]);
    expect(govFindings(RULE, { input: stack(), governance: { config: config('rules:\n  review-overdue: high\n') } }).map((f) => f.severity)).toEqual(['high']);
  });
  it('a config suppression suppresses it', () => {
    const [f] = govFindings(RULE, { input: stack(), governance: { config: config('suppressions:\n  - rule: review-overdue\n    address: aws_iam_role.app\n    reason: first review booked for June\n') } });
    expect(f!.suppressed).toEqual({ reason: 'first review booked for June' });
  });
});

import { describe, expect, it } from 'vitest';
import { allow, cdktfStack, manifestWorkload, policy } from '../helpers';
import { govFindings, govTable, review } from '../governance-helpers';
import { analyzeDetailed, permissionDigest, workloadsOf } from '@workload-iga/core';

const RULE = 'review-drift';
const stack = (document?: unknown) => cdktfStack({ workloads: [manifestWorkload('app')] }, document);
const READ = policy(allow('s3:GetObject', 'arn:aws:s3:::reports/report.csv'));
function digestOf(document: unknown): string {
  const { inventories } = analyzeDetailed([stack(document)]);
  const w = workloadsOf(inventories[0]!)[0]!;
  return permissionDigest(w.identity!, inventories[0]!);
}

govTable(RULE, [
  { name: 'no reviews: not checked', input: stack(READ), expected: [] },
  { name: 'the review saw these permissions', input: stack(READ), governance: { reviews: [review({ digest: digestOf(READ) })] }, expected: [] },
  { name: 'reordered and re-cased permissions are the same', input: stack(policy(allow(['S3:getobject'], ['arn:aws:s3:::reports/report.csv'], { Sid: 'Renamed' }))), governance: { reviews: [review({ digest: digestOf(READ) })] }, expected: [] },
  { name: 'an action added since the review', input: stack(policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::reports/report.csv'))), governance: { reviews: [review({ digest: digestOf(READ) })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'only the latest review counts', input: stack(READ), governance: { reviews: [review({ date: '2026-01-01' }), review({ date: '2026-05-01', digest: digestOf(READ) })] }, expected: [] },
]);

describe(`${RULE}: details`, () => {
  it('gives both digests and the review file', () => {
    const [f] = govFindings(RULE, { input: stack(READ), governance: { reviews: [review()] } });
    expect(f!.evidence).toMatchObject({ reviewed: `sha256:${'0'.repeat(64)}`, current: digestOf(READ), reviewFile: 'governance/reviews/payments-api/2026-05-01.yaml' });
  });
});

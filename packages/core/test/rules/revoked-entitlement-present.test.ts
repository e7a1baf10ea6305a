import { allow, cdktfStack, deny, manifestWorkload, policy } from '../helpers';
import { govTable, review } from '../governance-helpers';

const RULE = 'revoked-entitlement-present';
const stack = (document: unknown) => cdktfStack({ workloads: [manifestWorkload('app')] }, document);
const RW = policy(allow(['s3:GetObject', 's3:DeleteObject'], 'arn:aws:s3:::reports/*', { Sid: 'ReadWrite' }));

govTable(RULE, [
  { name: 'a keep decision', input: stack(RW), governance: { reviews: [review({ decision: 'keep' })] }, expected: [] },
  { name: 'the revoked action was removed', input: stack(policy(allow('s3:GetObject', 'arn:aws:s3:::reports/*'))), governance: { reviews: [review({ decision: 'reduce', revoke: ['s3:DeleteObject'] })] }, expected: [] },
  { name: 'the revoked action is denied', input: stack(policy(allow(['s3:GetObject', 's3:DeleteObject'], 'arn:aws:s3:::reports/*'), deny('s3:DeleteObject', '*'))), governance: { reviews: [review({ decision: 'reduce', revoke: ['s3:DeleteObject'] })] }, expected: [] },
  { name: 'the revoked action is still granted', input: stack(RW), governance: { reviews: [review({ decision: 'reduce', revoke: ['s3:DeleteObject'] })] }, expected: ['high aws_iam_role_policy.app ReadWrite'] },
  { name: 'a revoked pattern still matches', input: stack(RW), governance: { reviews: [review({ decision: 'reduce', revoke: ['s3:Delete*'] })] }, expected: ['high aws_iam_role_policy.app ReadWrite'] },
  { name: 'a revoked Sid is still there', input: stack(RW), governance: { reviews: [review({ decision: 'reduce', revoke: ['ReadWrite'] })] }, expected: ['high aws_iam_role_policy.app ReadWrite'] },
  { name: 'revoke all, policies remain', input: stack(RW), governance: { reviews: [review({ decision: 'revoke' })] }, expected: ['high aws_iam_role_policy.app ReadWrite'] },
  { name: 'a later keep supersedes', input: stack(RW), governance: { reviews: [review({ decision: 'reduce', revoke: ['s3:DeleteObject'], date: '2026-01-01' }), review({ decision: 'keep', date: '2026-05-01' })] }, expected: [] },
]);

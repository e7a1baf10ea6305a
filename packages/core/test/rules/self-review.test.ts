import { cdktfStack, manifestWorkload } from '../helpers';
import { config, govTable, review, teams } from '../governance-helpers';

const RULE = 'self-review';
const stack = cdktfStack({ workloads: [manifestWorkload('app')] });

govTable(RULE, [
  { name: 'reviewed by another team', input: stack, governance: { teams: teams(), reviews: [review({ reviewer: 'sam' })] }, expected: [] },
  { name: 'reviewed by a member of the owner team', input: stack, governance: { teams: teams(), reviews: [review({ reviewer: 'alice' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'member matched by e-mail local part', input: stack, governance: { teams: teams(), reviews: [review({ reviewer: 'Bob@example.com' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'reviewed by the owner value itself', input: stack, governance: { reviews: [review({ reviewer: 'team-payments' })] }, expected: ['medium aws_iam_role.app'] },
  { name: 'selfReview: allow', input: stack, governance: { config: config('reviews:\n  selfReview: allow\n'), teams: teams(), reviews: [review({ reviewer: 'alice' })] }, expected: [] },
  { name: 'only the latest review counts', input: stack, governance: { teams: teams(), reviews: [review({ reviewer: 'alice', date: '2026-01-01' }), review({ reviewer: 'sam' })] }, expected: [] },
]);

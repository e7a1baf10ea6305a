import { allow, cdktfStack, deny, manifestWorkload, policy } from '../helpers';
import { config, govTable } from '../governance-helpers';

const RULE = 'sod-violation';
const stack = (document: unknown) => cdktfStack({ workloads: [manifestWorkload('app')] }, document);
const SOD = config('policy:\n  separationOfDuties:\n    - name: build-and-release\n      first: ["codecommit:GitPush"]\n      second: ["codepipeline:PutApprovalResult"]\n      reason: nobody approves their own change\n');
const BOTH = policy(allow('codecommit:GitPush', '*', { Sid: 'Push' }), allow('codepipeline:PutApprovalResult', '*', { Sid: 'Approve' }));

govTable(RULE, [
  { name: 'no pairs configured', input: stack(BOTH), expected: [] },
  { name: 'only one side', input: stack(policy(allow('codecommit:GitPush', '*'))), governance: { config: SOD }, expected: [] },
  { name: 'both sides', input: stack(BOTH), governance: { config: SOD }, expected: ['high aws_iam_role.app'] },
  { name: 'both sides through wildcards', input: stack(policy(allow(['codecommit:*', 'codepipeline:Put*'], '*', { Sid: 'Wide' }))), governance: { config: SOD }, expected: ['high aws_iam_role.app'] },
  { name: 'one side denied', input: stack(policy(allow(['codecommit:GitPush', 'codepipeline:PutApprovalResult'], '*'), deny('codepipeline:PutApprovalResult', '*'))), governance: { config: SOD }, expected: [] },
]);

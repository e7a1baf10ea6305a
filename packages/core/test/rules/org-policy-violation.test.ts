import { allow, cdktfStack, LAMBDA_TRUST, manifestWorkload, policy, tfFile } from '../helpers';
import { config, govTable } from '../governance-helpers';

const RULE = 'org-policy-violation';
const stack = (document: unknown, extra: Record<string, unknown> = {}) => cdktfStack({ workloads: [manifestWorkload('app', { environment: 'prod', ...extra })] }, document);
const FORBID = config('policy:\n  forbiddenActions:\n    - actions: ["iam:CreateUser", "iam:CreateAccessKey"]\n      environments: [prod]\n      reason: no IAM users from production workloads\n');
const role = (extra: Record<string, unknown>) => tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST), ...extra } } } });

govTable(RULE, [
  { name: 'no policy configured', input: stack(policy(allow('iam:CreateUser', '*'))), expected: [] },
  { name: 'a forbidden action in prod', input: stack(policy(allow('iam:CreateUser', '*', { Sid: 'Users' }))), governance: { config: FORBID }, expected: ['high aws_iam_role_policy.app Users'] },
  { name: 'a forbidden action through iam:*', input: stack(policy(allow('iam:*', '*', { Sid: 'Iam' }))), governance: { config: FORBID }, expected: ['high aws_iam_role_policy.app Iam'] },
  { name: 'the same action in dev', input: stack(policy(allow('iam:CreateUser', '*')), { environment: 'dev' }), governance: { config: FORBID }, expected: [] },
  { name: 'kinds filter', input: stack(policy(allow('s3:DeleteBucket', '*', { Sid: 'Del' })), { kind: 'ai-agent' }), governance: { config: config('policy:\n  forbiddenActions:\n    - actions: ["s3:DeleteBucket"]\n      kinds: [ai-agent]\n      reason: agents never delete buckets\n') }, expected: ['high aws_iam_role_policy.app Del'] },
  { name: 'max session above the policy', input: role({ max_session_duration: 43200 }), governance: { config: config('policy:\n  maxSessionDurationSeconds: 3600\n') }, expected: ['medium aws_iam_role.app'] },
  { name: 'max session within the policy', input: role({ max_session_duration: 3600 }), governance: { config: config('policy:\n  maxSessionDurationSeconds: 3600\n') }, expected: [] },
  { name: 'boundary required, none', input: role({}), governance: { config: config('policy:\n  requirePermissionsBoundary: true\n') }, expected: ['medium aws_iam_role.app'] },
  { name: 'boundary required, present', input: role({ permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary' }), governance: { config: config('policy:\n  requirePermissionsBoundary: true\n') }, expected: [] },
  { name: 'a specific boundary required, another present', input: role({ permissions_boundary: 'arn:aws:iam::111122223333:policy/other' }), governance: { config: config('policy:\n  requirePermissionsBoundary: arn:aws:iam::111122223333:policy/boundary\n') }, expected: ['medium aws_iam_role.app'] },
  { name: 'a specific boundary required, by name', input: role({ permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary' }), governance: { config: config('policy:\n  requirePermissionsBoundary: boundary\n') }, expected: [] },
]);

import { cdktfStack, manifestWorkload } from '../helpers';
import { config, govTable } from '../governance-helpers';

const RULE = 'expiring-entitlement';
const grant = (sid: string, expires?: string, status = 'active') => ({ sid, purpose: `grant ${sid}`, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'], ...(expires && { expires }), status });
const stack = (grants: unknown[], extra: Record<string, unknown> = {}) => cdktfStack({ workloads: [manifestWorkload('app', { grants, ...extra })] });

// NOW is 2026-06-01.
govTable(RULE, [
  { name: 'no expiry', input: stack([grant('A')]), expected: [] },
  { name: 'expires in 30 days', input: stack([grant('A', '2026-07-01T00:00:00Z')]), expected: [] },
  { name: 'already expired (no-expired-entitlement)', input: stack([grant('A', '2026-05-01T00:00:00Z')]), expected: [] },
  { name: 'expired at synth', input: stack([grant('A', '2026-06-05T00:00:00Z', 'expired')]), expected: [] },
  { name: 'expires in 4 days', input: stack([grant('A', '2026-06-05T00:00:00Z')]), expected: ['low aws_iam_role.app A'] },
  { name: 'expires on the last day of the window', input: stack([grant('A', '2026-06-15T00:00:00Z')]), expected: ['low aws_iam_role.app A'] },
  { name: 'expiringWithinDays widens the window', input: stack([grant('A', '2026-07-01T00:00:00Z')]), governance: { config: config('expiringWithinDays: 45\n') }, expected: ['low aws_iam_role.app A'] },
  { name: 'the workload itself expires soon', input: stack([], { expires: '2026-06-10' }), expected: ['low aws_iam_role.app'] },
]);

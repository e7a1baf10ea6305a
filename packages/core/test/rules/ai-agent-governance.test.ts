import { describe, expect, it } from 'vitest';
import { cdktfStack, manifestWorkload } from '../helpers';
import { config, govFindings, govTable, teams } from '../governance-helpers';

const RULE = 'ai-agent-governance';
const agent = (extra: Record<string, unknown>) => cdktfStack({ workloads: [manifestWorkload('app', { kind: 'ai-agent', ...extra })] });
const good = { sponsor: 'alice@example.com', maxSessionDuration: 3600, expires: '2026-12-31' };

govTable(RULE, [
  { name: 'a service is not checked', input: cdktfStack({ workloads: [manifestWorkload('app')] }), expected: [] },
  { name: 'an agent with sponsor, 1 h sessions and expiry', input: agent(good), expected: [] },
  { name: 'an agent without sponsor', input: agent({ ...good, sponsor: undefined }), expected: ['medium aws_iam_role.app'] },
  { name: 'an agent without expiry', input: agent({ ...good, expires: undefined }), expected: ['medium aws_iam_role.app'] },
  { name: 'an agent with 4 h sessions', input: agent({ ...good, maxSessionDuration: 14400 }), expected: ['medium aws_iam_role.app'] },
  { name: 'the config max allows 4 h', input: agent({ ...good, maxSessionDuration: 14400 }), governance: { config: config('policy:\n  maxSessionDurationSeconds: 14400\n') }, expected: [] },
  { name: 'a team as sponsor', input: agent({ ...good, sponsor: 'team-payments' }), governance: { teams: teams() }, expected: ['medium aws_iam_role.app'] },
  { name: 'a retired agent', input: agent({ retired: { date: '2026-01-01', reason: 'gone' } }), expected: [] },
  { name: 'nothing set: no sponsor, no expiry (the AWS default 1 h session is within the max)', input: agent({}), expected: ['medium aws_iam_role.app', 'medium aws_iam_role.app'] },
]);

describe(`${RULE}: details`, () => {
  it('says which requirement is missing', () => {
    const messages = govFindings(RULE, { input: agent({ maxSessionDuration: 7200 }) }).map((f) => f.message).sort();
    expect(messages).toEqual([
      "ai-agent 'payments-api' (aws_iam_role.app) allows sessions of 7200 s, more than 3600 s",
      "ai-agent 'payments-api' (aws_iam_role.app) has no expires date",
      "ai-agent 'payments-api' (aws_iam_role.app) has no human sponsor",
    ]);
  });
});

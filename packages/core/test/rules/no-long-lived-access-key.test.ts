import { describe, expect, it } from 'vitest';
import { expectFinding, fullFindingsOf, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-long-lived-access-key';
const finding = expectFinding(RULE, 'long-lived-credential');
const KEY = tfFile({ resource: { aws_iam_user: { ci: { name: 'ci' } }, aws_iam_access_key: { ci: { user: '${aws_iam_user.ci.name}' } } } });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a user without a key', input: tfFile({ resource: { aws_iam_user: { ci: { name: 'ci' } } } }) },
  { name: 'a role', input: tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } } } }) },
];

const invalid: RuleCase[] = [
  { name: 'an access key of a user in the configuration', input: KEY, expected: [finding('high', 'aws_iam_access_key.ci', undefined)] },
  { name: 'an access key of a user named by string', input: tfFile({ resource: { aws_iam_user: { ci: { name: 'ci' } }, aws_iam_access_key: { k: { user: 'ci' } } } }), expected: [finding('high', 'aws_iam_access_key.k', undefined)] },
  { name: 'an access key of a user outside the configuration', input: tfFile({ resource: { aws_iam_access_key: { k: { user: 'legacy' } } } }), expected: [finding('high', 'aws_iam_access_key.k', undefined)] },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: identity`, () => {
  it('names the user the key belongs to', () => {
    const [f] = fullFindingsOf(RULE, KEY);
    expect(f!.identity).toBe('aws_iam_user.ci');
    expect(f!.message).toContain('aws_iam_user.ci');
  });
});

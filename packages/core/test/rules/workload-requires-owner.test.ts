import { cdktfStack, expectFinding, LAMBDA_TRUST, manifestWorkload, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'workload-requires-owner';
const finding = expectFinding(RULE, 'missing-owner');

function taggedRole(tags: Record<string, string>) {
  return tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST), tags } } } });
}

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a role that is not a workload', input: taggedRole({ team: 'payments' }) },
  { name: 'a tagged workload with an owner', input: taggedRole({ 'wiga:workload': 'payments-api', 'wiga:owner': 'team-payments' }) },
  { name: 'a workload declared with the constructs, owner in the manifest', input: cdktfStack({ workloads: [manifestWorkload('app')] }) },
];

const invalid: RuleCase[] = [
  { name: 'tagged wiga:workload without wiga:owner', input: taggedRole({ 'wiga:workload': 'payments-api' }), expected: [finding('medium', 'aws_iam_role.app', undefined)] },
  { name: 'a blank owner tag', input: taggedRole({ 'wiga:workload': 'payments-api', 'wiga:owner': '  ' }), expected: [finding('medium', 'aws_iam_role.app', undefined)] },
  { name: 'a manifest workload with an empty owner', input: cdktfStack({ workloads: [manifestWorkload('app', { owner: '' })] }), expected: [finding('medium', 'aws_iam_role.app', undefined)] },
];

ruleTable(RULE, valid, invalid);

// With a teams file, the owner and the backup owner must be teams of it.
import { govTable, teams as teamsFile } from '../governance-helpers';
govTable(`${RULE} (teams file)`.replace(/ \(.*$/, ''), [
  { name: 'owner is a team of the teams file', input: cdktfStack({ workloads: [manifestWorkload('app')] }), governance: { teams: teamsFile() }, expected: [] },
  { name: 'owner is matched case-insensitively', input: cdktfStack({ workloads: [manifestWorkload('app', { owner: 'Team-Payments' })] }), governance: { teams: teamsFile() }, expected: [] },
  { name: 'unknown owner team', input: cdktfStack({ workloads: [manifestWorkload('app', { owner: 'team-gone' })] }), governance: { teams: teamsFile() }, expected: ['medium aws_iam_role.app'] },
  { name: 'unknown backup owner team', input: cdktfStack({ workloads: [manifestWorkload('app', { backupOwner: 'team-ghost' })] }), governance: { teams: teamsFile() }, expected: ['medium aws_iam_role.app'] },
  { name: 'unknown team without a teams file is not checked', input: cdktfStack({ workloads: [manifestWorkload('app', { owner: 'team-gone' })] }), expected: [] },
]);

import { describe, expect, it } from 'vitest';
import { parseGovernanceConfig, parseReviewRecord, parseTeams, renderReviewRecord, reviewDue, reviewCadence } from '@workload-iga/core';

const F = '.wiga.yaml';
const problems = (text: string) => parseGovernanceConfig(text, F).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('parseGovernanceConfig', () => {
  it('reads a full config', () => {
    const text = [
      'ownAccounts: ["111122223333"]',
      'failOn: medium',
      'rules:',
      '  review-overdue: high',
      '  unowned-identity: "off"',
      'owners: governance/teams.yaml',
      'reviews:',
      '  directory: reviews',
      '  selfReview: forbid',
      '  cadenceDays: { default: 180, privileged: 90, aiAgent: 30, byKind: { ci-pipeline: 60 } }',
      'expiringWithinDays: 7',
      'policy:',
      '  forbiddenActions:',
      '    - { actions: ["iam:*"], environments: [prod], reason: no IAM admin in prod }',
      '  separationOfDuties:',
      '    - { name: push-approve, first: ["codecommit:GitPush"], second: ["codepipeline:PutApprovalResult"] }',
      '  maxSessionDurationSeconds: 3600',
      '  requirePermissionsBoundary: true',
      'suppressions:',
      '  - { rule: review-overdue, address: aws_iam_role.app, reason: review booked for the January audit, expires: 2026-07-01 }',
    ].join('\n');
    const r = parseGovernanceConfig(text, F);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ file: F, ownAccounts: ['111122223333'], failOn: 'medium', rules: { 'review-overdue': 'high', 'unowned-identity': 'off' }, reviews: { cadenceDays: { aiAgent: 30, byKind: { 'ci-pipeline': 60 } } }, policy: { requirePermissionsBoundary: true }, suppressions: [{ rule: 'review-overdue', expires: '2026-07-01' }] });
  });

  it('an empty file is an empty config', () => {
    expect(parseGovernanceConfig('', F)).toEqual({ value: { file: F }, problems: [] });
  });

  it.each([
    ['an unknown key', 'failon: high\n', ["1:1 unknown key 'failon' in the top level (known keys: ownAccounts, failOn, rules, owners, reviews, expiringWithinDays, policy, suppressions)"]],
    ['a bad severity', 'failOn: urgent\n', ["1:9 'failOn' must be one of 'critical', 'high', 'medium', 'low', 'info', 'none', got \"urgent\""]],
    ['an unknown rule id', 'rules:\n  review-late: high\n', ["2:3 'rules.review-late': unknown rule id 'review-late' (did you mean 'review-drift', 'review-overdue'?)"]],
    ['a bad rule setting', 'rules:\n  review-overdue: loud\n', ["2:19 'rules.review-overdue' must be one of 'off', 'critical', 'high', 'medium', 'low', 'info', got \"loud\""]],
    ['a wrong type', 'expiringWithinDays: soon\n', ["1:21 'expiringWithinDays' must be a whole number of days (at least 0), got \"soon\""]],
    ['a nested unknown key', 'reviews:\n  cadence: 90\n', ["2:3 unknown key 'cadence' in 'reviews' (known keys: directory, selfReview, cadenceDays)"]],
    ['a bad date', 'suppressions:\n  - rule: review-overdue\n    reason: review booked for January\n    expires: 2026-02-30\n', ["4:14 'suppressions[0].expires' must be a date written YYYY-MM-DD, got \"2026-02-30\""]],
    ['a missing reason', 'suppressions:\n  - rule: review-overdue\n', ["2:5 missing required key 'reason' in 'suppressions[0]'"]],
    ['an unknown suppressed rule', 'suppressions:\n  - rule: nope\n    reason: accepted by the security team\n', ["2:11 'suppressions[0].rule' is an unknown rule id 'nope'"]],
    // A reason is what a reviewer reads; an editor's placeholder or a word is not one.
    ['a placeholder reason', 'suppressions:\n  - rule: review-overdue\n    reason: <reason>\n', ["3:13 'suppressions[0].reason' must say why the finding is accepted (replace the placeholder '<reason>')"]],
    ['a reason too short to say why', 'suppressions:\n  - rule: review-overdue\n    reason: ok\n', ["3:13 'suppressions[0].reason' is too short to say why ('ok'): give the reason a reviewer needs"]],
    ['an unquoted account id is accepted, a short one is not', 'ownAccounts: [111122223333, 1234]\n', ["1:29 'ownAccounts[1]' must be a 12-digit AWS account id (quote it), got 1234"]],
    ['a bad action pattern', 'policy:\n  forbiddenActions:\n    - actions: ["iam create"]\n      reason: x\n', ["3:17 'policy.forbiddenActions[0].actions[0]' must be an action pattern like 'iam:*' or 's3:DeleteBucket', got \"iam create\""]],
    ['not YAML', 'failOn: [high\n', ['2:1 not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a duplicate key', 'failOn: high\nfailOn: low\n', ['2:1 not valid YAML: Map keys must be unique']],
    ['a list at the top', '- a\n', ['1:1 the file must be a mapping of keys to values, got a list']],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
    expect(parseGovernanceConfig(text, F).value).toBeUndefined();
  });
});

describe('parseTeams', () => {
  it('reads teams', () => {
    const r = parseTeams('teams:\n  - id: team-payments\n    name: Payments\n    members: [alice]\n    contacts: { slack: "#payments" }\n', 'owners.yaml');
    expect(r).toEqual({ value: { file: 'owners.yaml', teams: [{ id: 'team-payments', name: 'Payments', members: ['alice'], contacts: { slack: '#payments' } }] }, problems: [] });
  });
  it.each([
    ['no teams key', 'people: []\n', ["1:1 unknown key 'people' in the top level (known keys: teams)", "1:1 missing required key 'teams' in the top level"]],
    ['an empty file', '', ["1:1 missing required key 'teams' in the top level"]],
    ['members missing', 'teams:\n  - id: a\n', ["2:5 missing required key 'members' in 'teams[0]'"]],
    ['a duplicate id', 'teams:\n  - id: a\n    members: []\n  - id: a\n    members: []\n', ["4:9 'teams[1].id': the team 'a' is defined twice"]],
    ['an id with a space', 'teams:\n  - id: team a\n    members: []\n', ["2:9 'teams[0].id' must be a team id (letters, digits, . _ - @ /, no spaces), got \"team a\""]],
  ])('%s', (_name, text, expected) => {
    expect(parseTeams(text, 'owners.yaml').problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(expected);
  });
});

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('review records', () => {
  const record = { file: 'governance/reviews/payments-api/2026-05-01.yaml', workload: 'payments-api', identity: 'aws_iam_role.app', reviewer: 'sam', date: '2026-05-01', decision: 'reduce' as const, comment: 'drop delete', digest: DIGEST, revoke: ['s3:DeleteObject'] };
  it('renders stable YAML with a leading comment and reads it back', () => {
    const text = renderReviewRecord(record);
    expect(text).toBe(
      [
        "# Access review of workload 'payments-api' (aws_iam_role.app) by sam on 2026-05-01: reduce.",
        '# Written by `wiga review record`. digest is the sha256 of the permission set reviewed; wiga reports',
        '# review-drift when the permissions change after this review.',
        'workload: payments-api',
        'identity: aws_iam_role.app',
        'reviewer: sam',
        'date: 2026-05-01',
        'decision: reduce',
        'comment: drop delete',
        `digest: ${DIGEST}`,
        'revoke:',
        '  - s3:DeleteObject',
        '',
      ].join('\n'),
    );
    expect(parseReviewRecord(text, record.file)).toEqual({ value: record, problems: [] });
  });
  it.each([
    ['missing digest', 'workload: a\nreviewer: b\ndate: 2026-01-01\ndecision: keep\n', ["1:1 missing required key 'digest' in the top level"]],
    ['bad decision', `workload: a\nreviewer: b\ndate: 2026-01-01\ndecision: maybe\ndigest: ${DIGEST}\n`, ["4:11 'decision' must be one of 'keep', 'reduce', 'revoke', got \"maybe\""]],
    ['bad date', `workload: a\nreviewer: b\ndate: 01/02/2026\ndecision: keep\ndigest: ${DIGEST}\n`, ["3:7 'date' must be a date written YYYY-MM-DD, got \"01/02/2026\""]],
    ['bad digest', 'workload: a\nreviewer: b\ndate: 2026-01-01\ndecision: keep\ndigest: abc\n', ["5:9 'digest' must be 'sha256:' followed by 64 lower-case hex digits (as `wiga review` writes it), got \"abc\""]],
    ['revoke with keep', `workload: a\nreviewer: b\ndate: 2026-01-01\ndecision: keep\ndigest: ${DIGEST}\nrevoke: [s3:GetObject]\n`, ["6:9 'revoke' lists what the reviewer took away; it needs decision 'reduce' or 'revoke', not 'keep'"]],
    ['reduce without revoke', `workload: a\nreviewer: b\ndate: 2026-01-01\ndecision: reduce\ndigest: ${DIGEST}\n`, ["4:11 decision 'reduce' needs 'revoke': the actions (or grant Sids) to take away"]],
  ])('%s', (_name, text, expected) => {
    expect(parseReviewRecord(text, 'r.yaml').problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(expected);
  });
});

describe('review cadence and due date', () => {
  it.each([
    [{ reviewEveryDays: 30, kind: 'ai-agent' }, false, { days: 30, basis: 'workload' }],
    [{ kind: 'ci-pipeline' }, true, { days: 60, basis: 'kind' }],
    [{ kind: 'ai-agent' }, false, { days: 90, basis: 'ai-agent' }],
    [{ kind: 'service' }, true, { days: 90, basis: 'privileged' }],
    [{ kind: 'service' }, false, { days: 180, basis: 'default' }],
  ])('%j privileged=%s → %j', (w, privileged, expected) => {
    expect(reviewCadence(w, { file: F, reviews: { cadenceDays: { byKind: { 'ci-pipeline': 60 } } } }, privileged)).toEqual(expected);
  });
  it('computes the due date', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(reviewDue('2026-05-01', 90, now)).toEqual({ due: '2026-07-30', overdue: false, daysOverdue: 0 });
    expect(reviewDue('2026-01-01', 90, now)).toEqual({ due: '2026-04-01', overdue: true, daysOverdue: 61 });
    expect(reviewDue(undefined, 90, now)).toEqual({ overdue: true });
  });
});

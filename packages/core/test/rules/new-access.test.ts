import { describe, expect, it } from 'vitest';
import { accessChanges, diffPlans, summariseAccess, analyze } from '@workload-iga/core';
import { allow, cdktfStack, deny, expectFinding, fullFindingsOf, NOW, policy, ruleTable, type RuleCase } from '../helpers';
import { planFile, planInline, planRole, type PlanResource } from '../plan-helpers';

const RULE = 'new-access';
const finding = expectFinding(RULE, 'new-access');
const BUCKET = 'arn:aws:s3:::reports/*';
const app = (document: unknown, extra: PlanResource[] = []): PlanResource[] => [planRole('app'), planInline('app', 'app', document), ...extra];
const READ = policy(allow('s3:GetObject', BUCKET));

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a plan that changes nothing', input: planFile(app(READ), app(READ)) },
  { name: 'a plan whose access only shrinks', input: planFile(app(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET))), app(READ)) },
  { name: 'the same access written as another statement', input: planFile(app(READ), app(policy(allow(['s3:getobject'], BUCKET, { Sid: 'Renamed' })))) },
  { name: 'a resource already covered by a prior pattern', input: planFile(app(READ), app(policy(allow('s3:GetObject', 'arn:aws:s3:::reports/2026/*')))) },
  { name: 'an action already covered by a prior wildcard', input: planFile(app(policy(allow('s3:Get*', BUCKET))), app(policy(allow('s3:GetObjectTagging', BUCKET)))) },
  { name: 'an added action a new Deny takes away', input: planFile(app(READ), app(policy(allow(['s3:GetObject', 's3:DeleteObject'], BUCKET), deny('s3:DeleteObject', '*')))) },
  { name: 'synth output (not a plan)', input: cdktfStack({}) },
];

const invalid: RuleCase[] = [
  { name: 'an added Read action', input: planFile(app(READ), app(policy(allow(['s3:GetObject', 's3:ListBucket'], BUCKET)))), expected: [finding('info', 'aws_iam_role.app', undefined)] },
  { name: 'an added Write action', input: planFile(app(READ), app(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)))), expected: [finding('medium', 'aws_iam_role.app', undefined)] },
  { name: 'an existing action on a new resource', input: planFile(app(READ), app(policy(allow('s3:GetObject', [BUCKET, 'arn:aws:s3:::payroll/*'])))), expected: [finding('info', 'aws_iam_role.app', undefined)] },
  { name: 'an added privilege-escalation action', input: planFile(app(READ), app(policy(allow('s3:GetObject', BUCKET), allow('iam:PassRole', '*')))), expected: [finding('high', 'aws_iam_role.app', undefined)] },
  { name: 'an added *', input: planFile(app(READ), app(policy(allow('*', '*')))), expected: [finding('high', 'aws_iam_role.app', undefined)] },
  { name: 'a removed Deny', input: planFile(app(policy(allow('s3:*', BUCKET), deny('s3:DeleteObject', '*'))), app(policy(allow('s3:*', BUCKET)))), expected: [finding('medium', 'aws_iam_role.app', undefined)] },
  { name: 'a new inline policy on an existing role', input: planFile([planRole('app')], app(READ)), expected: [finding('info', 'aws_iam_role.app', undefined)] },
  { name: 'a role created by the plan', input: planFile([], app(READ)), expected: [finding('info', 'aws_iam_role.app', undefined)] },
  { name: 'a plan without prior state', input: planFile(undefined, app(READ)), expected: [finding('info', 'aws_iam_role.app', undefined)] },
];

ruleTable(RULE, valid, invalid);

describe(`${RULE}: messages and evidence`, () => {
  it.each([
    ['an added Write action', planFile(app(READ), app(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)))), 'aws_iam_role.app gains 1 action: s3 (1 Write)', { created: false, added: [{ action: 's3:PutObject', resources: [BUCKET] }], removed: [] }],
    ['a wildcard expanded to catalogue names', planFile(app(READ), app(policy(allow('s3:GetObject*', BUCKET)))), 'aws_iam_role.app gains 15 actions: s3 (15 Read)', undefined],
    ['a whole service kept as a pattern', planFile(app(READ), app(policy(allow('sqs:*', '*')))), 'aws_iam_role.app gains 1 action: sqs (sqs:* (20 actions)) (and loses 1)', { created: false, added: [{ action: 'sqs:*', resources: ['*'], count: 20 }], removed: [{ action: 's3:GetObject', resources: [BUCKET] }] }],
    ['a removed Deny', planFile(app(policy(allow(['s3:GetObject', 's3:DeleteObject'], BUCKET), deny('s3:DeleteObject', '*'))), app(policy(allow(['s3:GetObject', 's3:DeleteObject'], BUCKET)))), 'aws_iam_role.app gains 1 action: s3 (1 Write)', { created: false, added: [{ action: 's3:DeleteObject', resources: [BUCKET] }], removed: [] }],
    ['a removed permissions boundary', planFile([planRole('app', {}, { permissions_boundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }), planInline('app', 'app', policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)))], app(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)))), 'aws_iam_role.app gains 1 action: s3 (1 Write)', { created: false, added: [{ action: 's3:PutObject', resources: [BUCKET] }], removed: [] }],
    ['a role created by the plan', planFile([], app(policy(allow(['s3:GetObject', 'iam:PassRole'], '*')))), 'aws_iam_role.app is created by the plan with 2 actions: iam (1 Write), s3 (1 Read)', { created: true, added: [{ action: 'iam:PassRole', resources: ['*'] }, { action: 's3:GetObject', resources: ['*'] }], removed: [] }],
  ] as const)('%s', (_name, input, message, evidence) => {
    const [f, ...rest] = fullFindingsOf(RULE, input);
    expect(rest).toEqual([]);
    expect(f!.message).toBe(message);
    expect(f!.identity).toBe('aws_iam_role.app');
    if (evidence) expect(f!.evidence).toEqual(evidence);
  });

  it('names the workload of a tagged role', () => {
    const [f] = fullFindingsOf(RULE, planFile([], [planRole('app', { 'wiga:workload': 'payments-api' }), planInline('app', 'app', READ)]));
    expect(f!.workload).toBe('payments-api');
  });
});

describe('diffPlans', () => {
  it('compares the planned states of two plans', () => {
    const before = planFile(undefined, app(READ), 'a.json');
    const after = planFile(undefined, app(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET))), 'b.json');
    expect(diffPlans(before, after)).toEqual({
      changes: [{ identity: 'aws_iam_role.app', created: false, added: [{ action: 's3:PutObject', resources: [BUCKET] }], removed: [], severity: 'medium', summary: 's3 (1 Write)' }],
      problems: [],
    });
    expect(diffPlans(after, before).changes).toEqual([{ identity: 'aws_iam_role.app', created: false, added: [], removed: [{ action: 's3:PutObject', resources: [BUCKET] }], severity: 'info', summary: '' }]);
  });

  it('reports unreadable input with its position', () => {
    expect(diffPlans({ path: 'a.json', text: '{' }, planFile(undefined, app(READ))).problems).toEqual([{ file: 'a.json', line: 1, column: 2, message: expect.any(String) }]);
  });
});

describe('summariseAccess', () => {
  it.each([
    [[{ action: 's3:GetObject', resources: ['*'] }, { action: 's3:PutObject', resources: ['*'] }, { action: 'iam:CreateRole', resources: ['*'] }], 's3 (1 Read, 1 Write), iam (1 Write)'],
    [[{ action: '*', resources: ['*'] }], '* (every action of every service)'],
    [[{ action: 'nosuch:Thing', resources: ['*'] }], 'nosuch (1 unknown)'],
  ])('%j', (entries, text) => expect(summariseAccess(entries)).toBe(text));
});

describe('accessChanges', () => {
  it('lists nothing for an identity without change and ignores groups', () => {
    const result = analyze([planFile(app(READ), app(READ))], { now: NOW });
    expect(result.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(accessChanges(undefined, { identities: [], documents: [] } as never)).toEqual([]);
  });
});

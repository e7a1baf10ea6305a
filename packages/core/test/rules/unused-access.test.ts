import { describe, expect, it } from 'vitest';
import { RIGHTSIZE_CAVEATS, RULES, rightsize } from '@workload-iga/core';
import { ACCOUNT, LAMBDA_TRUST, NOW, allow, deny, policy, tfFile } from '../helpers';

const RULE = 'unused-access';
const BUCKET = 'arn:aws:s3:::reports/*';
const OPTIONS = { days: 90, now: NOW };
const RECENT = '2026-05-20T10:00:00Z';
const OLD = '2025-12-01T00:00:00Z';

/** A role `aws_iam_role.app` named `app` (tagged as workload payments-api) with an inline policy. */
function role(document: unknown) {
  return tfFile({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST), tags: { 'wiga:workload': 'payments-api' } } },
      aws_iam_role_policy: { app: { name: 'app', role: '${aws_iam_role.app.id}', policy: JSON.stringify(document) } },
    },
  });
}
function advisor(services: unknown[], wrapper: Record<string, unknown> = { RoleName: 'app' }, file = 'last-accessed/app.json') {
  return { file, text: JSON.stringify({ ...wrapper, JobStatus: 'COMPLETED', ServicesLastAccessed: services }, null, 2) };
}
const s3 = (last: string | undefined, actions?: [string, string | undefined][]) => ({
  ServiceNamespace: 's3',
  ...(last && { LastAuthenticated: last }),
  TotalAuthenticatedEntities: last ? 1 : 0,
  ...(actions && { TrackedActionsLastAccessed: actions.map(([ActionName, time]) => ({ ActionName, ...(time && { LastAccessedTime: time }) })) }),
});
const service = (namespace: string, last?: string) => ({ ServiceNamespace: namespace, ...(last && { LastAuthenticated: last }), TotalAuthenticatedEntities: last ? 1 : 0 });

describe('rightsize: unused services and actions', () => {
  it.each([
    ['everything used', policy(allow(['s3:GetObject'], BUCKET)), [s3(RECENT, [['GetObject', RECENT]])], [], []],
    ['a service never used', policy(allow('s3:GetObject', BUCKET), allow('sqs:SendMessage', '*')), [s3(RECENT), service('sqs')], [{ service: 'sqs' }], []],
    ['a service last used before the window', policy(allow('s3:GetObject', BUCKET), allow('sqs:SendMessage', '*')), [s3(RECENT), service('sqs', OLD)], [{ service: 'sqs', lastAuthenticated: OLD }], []],
    ['an action never used', policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)), [s3(RECENT, [['GetObject', RECENT], ['PutObject', undefined]])], [], [{ action: 's3:PutObject' }]],
    ['an action used before the window', policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)), [s3(RECENT, [['GetObject', RECENT], ['PutObject', OLD]])], [], [{ action: 's3:PutObject', lastAccessed: OLD }]],
    ['a tracked action the role is not granted', policy(allow('s3:GetObject', BUCKET)), [s3(RECENT, [['GetObject', RECENT], ['DeleteObject', undefined]])], [], []],
    ['a service granted outside the configuration (a managed policy)', policy(allow('s3:GetObject', BUCKET)), [s3(RECENT), service('ec2')], [], []],
    ['* grants every service', policy(allow('*', '*')), [s3(RECENT), service('ec2')], [{ service: 'ec2' }], []],
  ] as const)('%s', (_name, document, services, unusedServices, unusedActions) => {
    const result = rightsize([role(document)], [advisor([...services])], OPTIONS);
    expect(result.problems).toEqual([]);
    expect(result.workloads.map((w) => ({ identity: w.identity, workload: w.workload, unusedServices: w.unusedServices, unusedActions: w.unusedActions }))).toEqual([
      { identity: 'aws_iam_role.app', workload: 'payments-api', unusedServices, unusedActions },
    ]);
    expect(result.findings.length).toBe(unusedServices.length + unusedActions.length > 0 ? 1 : 0);
    expect(result.caveats).toEqual(RIGHTSIZE_CAVEATS);
  });
});

describe('rightsize: suggested grant', () => {
  it.each([
    ['drops an unused service', policy(allow('s3:GetObject', BUCKET, { Sid: 'Read' }), allow('sqs:SendMessage', '*', { Sid: 'Queue' })), [s3(RECENT), service('sqs')], [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }]],
    ['drops an unused action', policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET)), [s3(RECENT, [['GetObject', RECENT], ['PutObject', undefined]])], [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }]],
    ['expands a pattern without its unused action', policy(allow('s3:GetObject*', BUCKET)), [s3(RECENT, [['GetObject', RECENT], ['GetObjectAcl', undefined]])], [{ Effect: 'Allow', Action: expect.arrayContaining(['s3:GetObject', 's3:GetObjectTagging']), Resource: BUCKET }]],
    ['turns * into the services used', policy(allow('*', '*')), [s3(RECENT), service('ec2'), service('sqs', RECENT)], [{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }]],
    ['keeps Deny statements and conditions', policy(allow('s3:GetObject', BUCKET, { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } } }), deny('s3:DeleteObject', '*')), [s3(RECENT)], [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } } }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]],
  ] as const)('%s', (_name, document, services, statements) => {
    const [w] = rightsize([role(document)], [advisor([...services])], OPTIONS).workloads;
    expect(w!.suggestedGrant).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  it('leaves GetObjectAcl out of the expansion', () => {
    const [w] = rightsize([role(policy(allow('s3:GetObject*', BUCKET)))], [advisor([s3(RECENT, [['GetObject', RECENT], ['GetObjectAcl', undefined]])])], OPTIONS).workloads;
    expect(w!.suggestedGrant.Statement[0]!.Action).not.toContain('s3:GetObjectAcl');
  });
});

describe('rightsize: the finding', () => {
  it('is an unused-access finding on the role', () => {
    const result = rightsize([role(policy(allow(['s3:GetObject', 's3:PutObject'], BUCKET), allow('sqs:SendMessage', '*')))], [advisor([s3(RECENT, [['GetObject', RECENT], ['PutObject', undefined]]), service('sqs')])], OPTIONS);
    expect(result.findings).toEqual([
      {
        ruleId: RULE,
        category: 'unused-access',
        severity: 'low',
        message: 'aws_iam_role.app has not used 1 granted service (sqs) and 1 granted action (s3:PutObject) in the last 90 days',
        location: { file: 'main.tf.json', address: 'aws_iam_role.app', line: 4, column: 14 },
        related: [{ role: 'Access Advisor data', file: 'last-accessed/app.json' }],
        workload: 'payments-api',
        identity: 'aws_iam_role.app',
        evidence: { days: 90, advisorFile: 'last-accessed/app.json', unusedServices: [{ service: 'sqs' }], unusedActions: [{ action: 's3:PutObject' }] },
        suggestion: 'Review the suggested reduced grant (wiga rightsize) with the owner and remove what the workload does not need.',
      },
    ]);
    expect(RULES.find((r) => r.id === RULE)).toMatchObject({ category: 'unused-access', severity: 'low' });
  });
});

describe('rightsize: matching files to roles', () => {
  const doc = policy(allow('sqs:SendMessage', '*'));
  it.each([
    ['RoleName', { RoleName: 'app' }, 'x.json'],
    ['Arn', { Arn: `arn:aws:iam::${ACCOUNT}:role/app` }, 'x.json'],
    ['Arn with a path', { Arn: `arn:aws:iam::${ACCOUNT}:role/service/app` }, 'x.json'],
    ['the file name', {}, 'advisor/app.json'],
  ])('by %s', (_name, wrapper, file) => {
    const result = rightsize([role(doc)], [advisor([service('sqs')], wrapper, file)], OPTIONS);
    expect(result.problems).toEqual([]);
    expect(result.workloads.map((w) => [w.identity, w.roleName, w.advisorFile])).toEqual([['aws_iam_role.app', 'app', file]]);
  });
});

describe('rightsize: problems with file, line and column', () => {
  it.each([
    ['not JSON', '{', [{ line: 1, column: 2 }]],
    ['not an object', '[]', [{ line: 1, column: 1, message: 'Access Advisor data must be the JSON object of `aws iam get-service-last-accessed-details`' }]],
    ['no ServicesLastAccessed', '{\n  "RoleName": "app"\n}', [{ line: 1, column: 1, message: "no 'ServicesLastAccessed' array: is this the output of `aws iam get-service-last-accessed-details`?" }]],
    ['an Arn that is not a role', '{\n  "Arn": "arn:aws:iam::111122223333:user/app",\n  "ServicesLastAccessed": []\n}', [{ line: 2, column: 10, message: "'Arn' must be a role ARN (arn:aws:iam::ACCOUNT:role/NAME)" }]],
    ['an entry without ServiceNamespace', '{\n  "RoleName": "app",\n  "ServicesLastAccessed": [\n    {"LastAuthenticated": "2026-05-01T00:00:00Z"}\n  ]\n}', [{ line: 4, column: 5, message: "each ServicesLastAccessed entry needs a 'ServiceNamespace' string" }]],
    ['a bad date', '{\n  "RoleName": "app",\n  "ServicesLastAccessed": [\n    {"ServiceNamespace": "s3", "LastAuthenticated": "yesterday"}\n  ]\n}', [{ line: 4, column: 53, message: "'LastAuthenticated' must be an ISO 8601 date-time such as 2026-05-20T10:00:00Z" }]],
    ['a bad tracked action', '{\n  "RoleName": "app",\n  "ServicesLastAccessed": [\n    {"ServiceNamespace": "s3", "TrackedActionsLastAccessed": [{"LastAccessedTime": "2026-05-01T00:00:00Z"}]}\n  ]\n}', [{ line: 4, column: 63, message: "each TrackedActionsLastAccessed entry needs an 'ActionName' string" }]],
    ['a role not in the inputs', '{\n  "RoleName": "other",\n  "ServicesLastAccessed": []\n}', [{ line: 2, column: 15, message: "no role named 'other' in the analysed inputs" }]],
  ])('%s', (_name, text, expected) => {
    const result = rightsize([role(policy(allow('s3:GetObject', BUCKET)))], [{ file: 'advisor.json', text }], OPTIONS);
    expect(result.problems).toEqual(expected.map((e) => ({ file: 'advisor.json', message: expect.any(String), ...e })));
    expect(result.workloads).toEqual([]);
  });
});

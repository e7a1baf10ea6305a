import { describe, expect, it } from 'vitest';
import { csvField, formatInventoryCsv, formatReviewText, formatRightsizeJson, formatRightsizeText, type InventoryRow, type ReviewRow } from '../src/formatters';

const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['"', '""""'],
  ])('%j → %j', (value, field) => expect(csvField(value)).toBe(field));
});

describe('formatInventoryCsv', () => {
  it('writes a header and one CRLF-terminated record per row, sorted by workload', () => {
    const rows: InventoryRow[] = [
      { workload: 'zeta', identity: 'aws_iam_role.z', entitlements: [], status: 'retired' },
      {
        workload: 'alpha',
        identity: 'aws_iam_role.a',
        kind: 'ai-agent',
        attestation: 'aws-service lambda.amazonaws.com',
        entitlements: [{ service: 'bedrock', levels: ['Read'] }, { service: 's3', levels: ['List', 'Read'] }],
        owner: 'team "ml"',
        sponsor: 'jane\ndoe',
        expires: '2026-12-31',
        lastReview: { date: '2026-11-01', reviewer: 'ada', decision: 'keep' },
        nextDue: '2027-01-30',
        status: 'ok',
      },
    ];
    expect(formatInventoryCsv(rows)).toBe(
      'workload,identity,kind,attestation,entitlements,owner,backup_owner,sponsor,environment,expires,last_review_date,last_reviewer,last_decision,next_due,status\r\n' +
        'alpha,aws_iam_role.a,ai-agent,aws-service lambda.amazonaws.com,"bedrock: Read; s3: List, Read","team ""ml""",,"jane\ndoe",,2026-12-31,2026-11-01,ada,keep,2027-01-30,ok\r\n' +
        'zeta,aws_iam_role.z,,,,,,,,,,,,,retired\r\n',
    );
  });
});

describe('formatReviewText', () => {
  it('is an aligned table, overdue first, with the reasons and a summary', () => {
    const rows: ReviewRow[] = [
      { workload: 'b-ok', owner: 'team-b', kind: 'service', permissions: [{ service: 's3', levels: ['Read'] }], findings: none, lastReview: { date: '2026-11-01', reviewer: 'ada', decision: 'keep' }, nextDue: '2027-04-30', digest: `sha256:${'a'.repeat(64)}`, status: 'ok' },
      { workload: 'a-late', permissions: [], findings: { ...none, high: 2, medium: 1 }, status: 'overdue', reason: 'never reviewed (cadence 90 days)' },
    ];
    expect(formatReviewText(rows, { color: false, date: '2026-12-01' })).toBe(
      [
        'workload  owner   kind     permissions  findings          last review            next due    digest               status',
        'a-late    -       -        -            2 high, 1 medium  never                  now         -                    overdue',
        'b-ok      team-b  service  s3: Read     none              2026-11-01 ada (keep)  2027-04-30  sha256:aaaaaaaaaaaa  ok',
        '',
        '  a-late: never reviewed (cadence 90 days)',
        '',
        '2 workloads on 2026-12-01: 1 overdue, 0 due, 1 ok',
        '',
      ].join('\n'),
    );
  });
});

describe('formatRightsize', () => {
  const view = {
    days: 90,
    caveats: ['first caveat', 'second caveat'],
    workloads: [
      { workload: 'api', identity: 'aws_iam_role.api', roleName: 'api', advisorFile: 'la/api.json', unusedServices: [{ service: 'sqs' }], unusedActions: [{ action: 's3:PutObject', lastAccessed: '2026-01-02T00:00:00Z' }], suggestedGrant: { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] } },
      { identity: 'aws_iam_role.used', roleName: 'used', advisorFile: 'la/used.json', unusedServices: [], unusedActions: [], suggestedGrant: { Version: '2012-10-17' as const, Statement: [] } },
    ],
  };

  it('text: unused services and actions, the suggested grant, the caveats', () => {
    expect(formatRightsizeText(view, { color: false })).toBe(
      [
        'workload api  (aws_iam_role.api, role api; usage from la/api.json)',
        '  unused services (not used in 90 days): sqs (not used in the tracking period)',
        '  unused actions: s3:PutObject (last used 2026-01-02)',
        '  suggested grant (a suggestion for review, never applied):',
        '    {',
        '      "Version": "2012-10-17",',
        '      "Statement": [',
        '        {',
        '          "Effect": "Allow",',
        '          "Action": [',
        '            "s3:GetObject"',
        '          ],',
        '          "Resource": "*"',
        '        }',
        '      ]',
        '    }',
        '',
        'identity aws_iam_role.used  (aws_iam_role.used, role used; usage from la/used.json)',
        '  every granted service and tracked action was used in the last 90 days',
        '',
        'Caveats',
        '  - first caveat',
        '  - second caveat',
        '',
        '2 roles compared with last-accessed data, 1 with unused access (window: 90 days)',
        '',
      ].join('\n'),
    );
  });

  it('json carries the caveats', () => {
    const json = JSON.parse(formatRightsizeJson(view, { version: '9.9.9' }));
    expect(json.tool).toEqual({ name: 'wiga', version: '9.9.9' });
    expect(json.caveats).toEqual(['first caveat', 'second caveat']);
    expect(json.workloads[1]).toEqual({ identity: 'aws_iam_role.used', roleName: 'used', advisorFile: 'la/used.json', unusedServices: [], unusedActions: [], suggestedGrant: { Version: '2012-10-17', Statement: [] } });
  });
});

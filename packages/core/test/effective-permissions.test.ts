import { describe, expect, it } from 'vitest';
import { analyze } from '@workload-iga/core';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const PASS = doc({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
const RUN = doc({ Sid: 'Run', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' });

/** A role with PassRole in one inline policy and RunInstances in an attached customer policy, plus extras. */
function role(extra: { policies?: Record<string, string>; boundary?: string } = {}): string {
  const attachments: Record<string, unknown> = { run: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.run.arn}' } };
  const inline: Record<string, unknown> = { pass: { role: '${aws_iam_role.app.id}', policy: PASS } };
  for (const [name, policy] of Object.entries(extra.policies ?? {})) inline[name] = { role: '${aws_iam_role.app.id}', policy };
  return JSON.stringify({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: TRUST, ...(extra.boundary && { permissions_boundary: '${aws_iam_policy.boundary.arn}' }) } },
      aws_iam_role_policy: inline,
      aws_iam_policy: { run: { name: 'run', policy: RUN }, ...(extra.boundary && { boundary: { name: 'boundary', policy: extra.boundary } }) },
      aws_iam_role_policy_attachment: attachments,
    },
  });
}

const escalations = (text: string) =>
  analyze([{ path: 'main.tf.json', text }])
    .findings.filter((f) => f.category === 'privilege-escalation' && f.severity !== 'info')
    .map((f) => ({ rule: f.ruleId, severity: f.severity, at: `${f.location.address} ${f.location.statement}`, related: f.related.map((r) => `${r.address ?? ''} ${r.statement ?? ''}`.trim()) }));

describe('effective permissions per identity', () => {
  it('an escalation split across two policies of one role is reported, with both locations', () => {
    expect(escalations(role()).filter((f) => f.rule === 'no-pass-role-compute-escalation')).toEqual([
      { rule: 'no-pass-role-compute-escalation', severity: 'critical', at: 'aws_iam_role_policy.pass Pass', related: ['aws_iam_role.app', 'aws_iam_policy.run Run'] },
    ]);
  });

  it.each([
    { name: 'an unconditional Deny of iam:PassRole on "*" in a third policy', extra: { policies: { deny: doc({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) } } },
    { name: 'an unconditional Deny of iam:* on "*"', extra: { policies: { deny: doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }) } } },
    { name: 'a boundary that allows only reading one bucket', extra: { boundary: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }) } },
    { name: 'a boundary that allows everything but denies iam:PassRole', extra: { boundary: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) } },
  ])('the same escalation removed by $name is not reported above info', ({ extra }) => {
    expect(escalations(role(extra))).toEqual([]);
  });

  it.each([
    { name: 'a Deny scoped to one role (TC-08: every other role can still be passed)', extra: { policies: { deny: doc({ Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/admin' }) } } },
    { name: 'a conditional Deny (it may not apply to the request)', extra: { policies: { deny: doc({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }) } } },
    { name: 'a boundary that allows everything', extra: { boundary: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } },
  ])('the escalation stays critical with $name', ({ extra }) => {
    expect(escalations(role(extra)).filter((f) => f.rule === 'no-pass-role-compute-escalation').map((f) => f.severity)).toEqual(['critical']);
  });

  it('a statement masked by the boundary is kept at info and says why (TC-15)', () => {
    const text = JSON.stringify({
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' } },
        aws_iam_role_policy: { all: { role: '${aws_iam_role.app.id}', policy: doc({ Sid: 'AllS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }) } },
        aws_iam_policy: { boundary: { name: 'boundary', policy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }) } },
      },
    });
    const found = analyze([{ path: 'main.tf.json', text }]).findings.filter((f) => f.ruleId === 'no-wildcard-action');
    expect(found.map((f) => [f.severity, f.location.statement])).toEqual([['info', 'AllS3']]);
    expect(found[0]!.message).toMatch(/no effect: outside the permissions boundary for every identity it applies to/);
  });
});

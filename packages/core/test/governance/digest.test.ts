import { describe, expect, it } from 'vitest';
import { analyzeDetailed, permissionDigest, type InputFile } from '@workload-iga/core';
import { allow, deny, policy, roleWithInline, tfFile, LAMBDA_TRUST } from '../helpers';

function digest(file: InputFile): string {
  const { inventories } = analyzeDetailed([file]);
  const inventory = inventories[0]!;
  return permissionDigest(inventory.identities.find((i) => i.address === 'aws_iam_role.app')!, inventory);
}

const BASE = policy(
  allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::a/*', 'arn:aws:s3:::a'], { Sid: 'Read', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x', 'aws:ResourceTag/env': ['prod', 'stage'] } } }),
  allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q', { Sid: 'Send' }),
);

describe('permissionDigest', () => {
  const base = digest(roleWithInline(BASE));
  it('is sha256:<64 hex>', () => expect(base).toMatch(/^sha256:[0-9a-f]{64}$/));
  it.each([
    ['statements reordered', policy(allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q', { Sid: 'Send' }), allow(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::a', 'arn:aws:s3:::a/*'], { Sid: 'Read', Condition: { StringEquals: { 'aws:ResourceTag/env': ['stage', 'prod'], 'aws:PrincipalTag/team': 'x' } } }))],
    ['Sids renamed, actions re-cased', policy(allow(['S3:GETOBJECT', 's3:listbucket'], ['arn:aws:s3:::a/*', 'arn:aws:s3:::a'], { Sid: 'Other', Condition: { StringEquals: { 'aws:principaltag/team': 'x', 'aws:ResourceTag/env': ['prod', 'stage'] } } }), allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q'))],
    ['a statement repeated', policy(...BASE.Statement, BASE.Statement[1]!)],
  ])('does not change with %s', (_name, document) => {
    expect(digest(roleWithInline(document))).toBe(base);
  });
  it('the same policy as a separate aws_iam_policy attachment gives the same digest', () => {
    const attached = tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } }, aws_iam_policy: { p: { name: 'p', policy: JSON.stringify(BASE) } }, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.p.arn}' } } } });
    expect(digest(attached)).toBe(base);
  });
  it.each([
    ['an action added', policy(allow(['s3:GetObject', 's3:ListBucket', 's3:PutObject'], ['arn:aws:s3:::a/*', 'arn:aws:s3:::a'], { Sid: 'Read', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x', 'aws:ResourceTag/env': ['prod', 'stage'] } } }), BASE.Statement[1]!)],
    ['a resource changed', policy(BASE.Statement[0]!, allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:other'))],
    ['a condition value removed', policy(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::a/*', 'arn:aws:s3:::a'], { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x', 'aws:ResourceTag/env': ['prod'] } } }), BASE.Statement[1]!)],
    ['a statement removed', policy(BASE.Statement[0]!)],
  ])('changes with %s', (_name, document) => {
    expect(digest(roleWithInline(document))).not.toBe(base);
  });
  it('an unconditional Deny that takes an action away changes it like removing the action', () => {
    const withDeny = digest(roleWithInline(policy(allow(['s3:GetObject', 's3:DeleteObject'], '*'), deny('s3:DeleteObject', '*'))));
    expect(withDeny).toBe(digest(roleWithInline(policy(allow('s3:GetObject', '*')))));
  });
});

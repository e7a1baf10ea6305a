import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Attestation, WorkloadIdentity, addressOf, sidFromPurpose } from '@workload-iga/cdktf';
import { newStack, onlyBlock, manifestOf, synthJson } from './helpers';

const ACCOUNT = '111122223333';
let savedNow: string | undefined;
beforeEach(() => {
  savedNow = process.env.WIGA_NOW;
  process.env.WIGA_NOW = '2026-01-15T00:00:00Z';
});
afterEach(() => {
  if (savedNow === undefined) delete process.env.WIGA_NOW;
  else process.env.WIGA_NOW = savedNow;
});

function identity() {
  const { app, stack } = newStack();
  const wl = new WorkloadIdentity(stack, 'svc', {
    kind: 'service',
    owner: 'team-payments',
    purpose: 'serves the API',
    attestation: Attestation.awsService({ service: 'ecs-tasks.amazonaws.com', sourceAccount: ACCOUNT }),
  });
  return { app, stack, wl };
}

function policyOf(stack: Parameters<typeof onlyBlock>[0]): any {
  return JSON.parse(onlyBlock(stack, 'aws_iam_role_policy').policy);
}

describe('grant', () => {
  test('one statement per grant, exact, as a literal JSON policy', () => {
    const { stack, wl } = identity();
    const sid = wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::invoices/*'], purpose: 'read invoices (daily)' });
    expect(sid).toBe('ReadInvoicesDaily');
    const block = onlyBlock(stack, 'aws_iam_role_policy');
    expect(block.name).toBe('workload-iga-grants');
    expect(block.role).toBe(`\${${addressOf(wl.role)}.name}`);
    expect(JSON.parse(block.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'ReadInvoicesDaily', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::invoices/*'] }],
    });
  });

  test('Sids are unique within the identity', () => {
    const { stack, wl } = identity();
    const sids = [
      wl.grant({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:a`], purpose: 'publish events' }),
      wl.grant({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:b`], purpose: 'publish events' }),
      wl.grant({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:c`], purpose: 'Publish-Events!' }),
      wl.grant({ actions: ['sns:Publish'], resources: [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`], purpose: 'x', sid: 'Explicit1' }),
    ];
    expect(sids).toEqual(['PublishEvents', 'PublishEvents2', 'PublishEvents3', 'Explicit1']);
    expect(policyOf(stack).Statement.map((s: any) => s.Sid)).toEqual(sids);
    expect(() => wl.grant({ actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:1:t'], purpose: 'y', sid: 'Explicit1' })).toThrow(/sid 'Explicit1' is already used/);
    expect(() => wl.grant({ actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:1:t'], purpose: 'y', sid: 'not-valid' })).toThrow(/must be alphanumeric/);
  });

  test.each([
    ['read settlement files', 'ReadSettlementFiles'],
    ['  s3 / read-only  ', 'S3ReadOnly'],
    ['2fa secrets', 'G2faSecrets'],
    ['!!!', 'Grant'],
  ])('sidFromPurpose(%j) = %s', (purpose, sid) => {
    expect(sidFromPurpose(purpose)).toBe(sid);
  });

  test('expires adds DateLessThan aws:CurrentTime, merged with given conditions', () => {
    const { stack, wl } = identity();
    wl.grant({
      actions: ['s3:PutObject'],
      resources: ['arn:aws:s3:::exports/*'],
      purpose: 'migration export',
      expires: '2026-03-31',
      conditions: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    });
    expect(policyOf(stack).Statement).toEqual([
      {
        Sid: 'MigrationExport',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::exports/*'],
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, DateLessThan: { 'aws:CurrentTime': '2026-03-31T00:00:00Z' } },
      },
    ]);
  });

  test('a grant expired at synth is not synthesized and is recorded as expired', () => {
    const { stack, wl } = identity();
    wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'], purpose: 'current access' });
    wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::old/*'], purpose: 'old migration', expires: new Date('2025-12-31T00:00:00Z') });
    expect(policyOf(stack).Statement.map((s: any) => s.Sid)).toEqual(['CurrentAccess']);
    const grants = manifestOf(stack).workloads[0].grants;
    expect(grants.map(({ source, ...g }) => g)).toEqual([
      { sid: 'CurrentAccess', purpose: 'current access', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'], status: 'active', policyAddress: addressOf(wl.node.findChild('Grants')) },
      { sid: 'OldMigration', purpose: 'old migration', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::old/*'], expires: '2025-12-31T00:00:00Z', status: 'expired' },
    ]);
  });

  test('when every grant has expired, no policy block is written', () => {
    const { stack, wl } = identity();
    wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::old/*'], purpose: 'old migration', expires: '2025-01-01' });
    const tf = synthJson(stack);
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
    expect(Object.keys(tf['//']['workload-iga'].sources)).toEqual([addressOf(wl.role)]);
    expect(tf['//']['workload-iga'].workloads[0].grants[0].status).toBe('expired');
  });

  test('grant errors are explicit', () => {
    const { wl } = identity();
    expect(() => wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a'], purpose: '' })).toThrow(/has no purpose/);
    expect(() => wl.grant({ actions: [], resources: ['arn:aws:s3:::a'], purpose: 'p' })).toThrow(/at least one action/);
    expect(() => wl.grant({ actions: ['s3:GetObject'], resources: [], purpose: 'p' })).toThrow(/at least one resource/);
    expect(() => wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a'], purpose: 'p', expires: 'soon' })).toThrow(/invalid 'expires'/);
  });
});

describe('intent helpers', () => {
  const B = 'arn:aws:s3:::statements';
  const table: { helper: keyof WorkloadIdentity; arn: string; intent: string; actions: string[]; resources: string[] }[] = [
    { helper: 'grantReadBucket', arn: B, intent: 's3-read-bucket', actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:GetObject', 's3:GetObjectVersion'], resources: [B, `${B}/*`] },
    { helper: 'grantWriteBucket', arn: B, intent: 's3-write-bucket', actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], resources: [B, `${B}/*`] },
    { helper: 'grantReadSecret', arn: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`, intent: 'secret-read', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`] },
    { helper: 'grantPublishToQueue', arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, intent: 'sqs-publish', actions: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:q`] },
    { helper: 'grantConsumeQueue', arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, intent: 'sqs-consume', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:q`] },
    { helper: 'grantPublishToTopic', arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, intent: 'sns-publish', actions: ['sns:Publish'], resources: [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`] },
    { helper: 'grantReadTable', arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`, intent: 'dynamodb-read-table', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'], resources: [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`] },
    { helper: 'grantWriteTable', arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`, intent: 'dynamodb-write-table', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:DescribeTable'], resources: [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`] },
    { helper: 'grantDecrypt', arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, intent: 'kms-decrypt', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`] },
    { helper: 'grantWriteLogs', arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/api`, intent: 'logs-write', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/api:*`] },
    { helper: 'grantPullImage', arn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/api`, intent: 'ecr-pull', actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], resources: [`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/api`] },
    { helper: 'grantInvokeModel', arn: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0', intent: 'bedrock-invoke-model', actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: ['arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0'] },
  ];
  test.each(table)('$helper → $intent', ({ helper, arn, intent, actions, resources }) => {
    const { stack, wl } = identity();
    (wl[helper] as (arn: string, o: { purpose: string }) => string).call(wl, arn, { purpose: 'needed for the test' });
    expect(policyOf(stack).Statement).toEqual([{ Sid: 'NeededForTheTest', Effect: 'Allow', Action: actions, Resource: resources }]);
    const g = manifestOf(stack).workloads[0].grants[0];
    expect(g.intent).toBe(intent);
    expect(g.resources).toEqual(resources);
  });

  test('grantWriteLogs keeps an ARN already ending in :*', () => {
    const { stack, wl } = identity();
    wl.grantWriteLogs(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/api:*`, { purpose: 'logs' });
    expect(policyOf(stack).Statement[0].Resource).toEqual([`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/api:*`]);
  });

  test('token ARNs go through jsonencode with bucket and objects', () => {
    const { stack, wl } = identity();
    const bucket = new S3Bucket(stack, 'statements', { bucket: 'acme-statements' });
    wl.grantReadBucket(bucket.arn, { purpose: 'read statements' });
    const block = onlyBlock(stack, 'aws_iam_role_policy');
    expect(block.policy).toBe(
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "ReadStatements", "Effect" = "Allow", ' +
        '"Action" = ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:GetObjectVersion"], ' +
        '"Resource" = [aws_s3_bucket.statements.arn, "${aws_s3_bucket.statements.arn}/*"]}]})}',
    );
    expect(manifestOf(stack).workloads[0].grants[0].resources).toEqual(['${aws_s3_bucket.statements.arn}', '${aws_s3_bucket.statements.arn}/*']);
  });
});

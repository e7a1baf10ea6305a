import { allow, expectFinding, policy, ruleTable, tfFile, type Json, type RuleCase } from '../helpers';

const RULE = 'no-public-resource-policy';
const finding = expectFinding(RULE, 'resource-exposure');

const BUCKET = 'arn:aws:s3:::reports';
const QUEUE = 'arn:aws:sqs:eu-west-1:111122223333:jobs';
const OWN_PROVIDER = { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111122223333'] }] };

/** `aws_s3_bucket_policy.b` with the given statements. */
function bucketPolicy(...statements: Json[]) {
  return tfFile({ resource: { aws_s3_bucket_policy: { b: { bucket: 'reports', policy: JSON.stringify(policy(...statements)) } } } });
}
/** A resource block `type.r` whose `attribute` holds the statements. */
function resourceWith(type: string, attribute: string, statements: Json[], extra: Record<string, Json> = {}) {
  return tfFile({ resource: { [type]: { r: { [attribute]: JSON.stringify(policy(...statements)), ...extra } } } });
}
function lambdaPermission(args: Record<string, Json>, provider?: Json) {
  return tfFile({ ...(provider !== undefined && { provider }), resource: { aws_lambda_permission: { p: { function_name: 'api', action: 'lambda:InvokeFunction', ...args } } } });
}
const read = (principal: Json, extra: Record<string, Json> = {}, sid = 'Read') => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...extra });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'a principal of the resource\'s own account (queue ARN)', input: resourceWith('aws_sqs_queue_policy', 'policy', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/worker' }, Action: 'sqs:SendMessage', Resource: QUEUE }], { queue_url: 'q' }) },
  {
    name: 'another account listed in the provider\'s allowed_account_ids',
    input: tfFile({ provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['444455556666'] }] }, resource: { aws_s3_bucket_policy: { b: { bucket: 'reports', policy: JSON.stringify(policy(read({ AWS: 'arn:aws:iam::444455556666:root' }))) } } } }),
  },
  { name: 'a service principal with aws:SourceArn', input: bucketPolicy(read({ Service: 'cloudtrail.amazonaws.com' }, { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main' } } })) },
  { name: 'a service principal with aws:SourceAccount', input: resourceWith('aws_sns_topic_policy', 'policy', [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }], { arn: 'x' }) },
  {
    name: 'the default KMS key policy statement (kms:* on "*" for the account root)',
    input: resourceWith('aws_kms_key', 'policy', [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }]),
  },
  {
    // With no allowed_account_ids the key's own account is unknown (the key policy's Resource is "*").
    name: 'the default KMS key policy statement, account unknown, bare account id',
    input: resourceWith('aws_kms_key', 'policy', [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'kms:*', Resource: '*' }]),
  },
  { name: 'a Deny with Principal "*" (enforcing TLS)', input: bucketPolicy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
  { name: 'a principal written as a reference', input: bucketPolicy(read({ AWS: '${aws_iam_role.reader.arn}' })) },
  { name: 'an identity policy is not a resource policy', input: tfFile({ resource: { aws_iam_policy: { p: { name: 'p', policy: JSON.stringify(policy(allow('s3:GetObject', `${BUCKET}/*`))) } } } }) },
  { name: 'lambda permission for a service with source_arn', input: lambdaPermission({ principal: 'events.amazonaws.com', source_arn: 'arn:aws:events:eu-west-1:111122223333:rule/nightly' }) },
  { name: 'lambda permission for a service with source_account', input: lambdaPermission({ principal: 's3.amazonaws.com', source_account: '111122223333' }) },
  { name: 'lambda permission for an account in allowed_account_ids', input: lambdaPermission({ principal: '111122223333' }, OWN_PROVIDER) },
  { name: 'lambda permission with a principal written as a reference', input: lambdaPermission({ principal: '${aws_iam_role.caller.arn}' }) },
];

const invalid: RuleCase[] = [
  { name: 'bucket policy with Principal "*" and a read action is high', input: bucketPolicy(read('*')), expected: [finding('high', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'Principal {"AWS": "*"} is anyone', input: bucketPolicy(read({ AWS: '*' })), expected: [finding('high', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'Principal "*" with a write action is critical', input: bucketPolicy({ Sid: 'Write', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `${BUCKET}/*` }), expected: [finding('critical', 'aws_s3_bucket_policy.b', 'Write')] },
  { name: 'Principal "*" with Action "*" is critical', input: resourceWith('aws_sqs_queue_policy', 'policy', [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: QUEUE }], { queue_url: 'q' }), expected: [finding('critical', 'aws_sqs_queue_policy.r', 'Statement[0]')] },
  { name: 'NotPrincipal in an Allow is everyone but the listed', input: bucketPolicy({ Sid: 'Not', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/x' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }), expected: [finding('high', 'aws_s3_bucket_policy.b', 'Not')] },
  { name: 'aws:SecureTransport alone does not narrow who', input: bucketPolicy(read('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), expected: [finding('high', 'aws_s3_bucket_policy.b', 'Read')] },
  {
    name: 'ForAllValues: on the single-valued aws:PrincipalOrgID does not narrow (true when absent)',
    input: bucketPolicy(read('*', { Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
    expected: [finding('high', 'aws_s3_bucket_policy.b', 'Read')],
  },
  { name: 'narrowed by aws:PrincipalOrgID is info', input: bucketPolicy(read('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), expected: [finding('info', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'narrowed by aws:SourceVpce is info', input: bucketPolicy(read('*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })), expected: [finding('info', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'narrowed by aws:SourceVpc is info', input: bucketPolicy(read('*', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } })), expected: [finding('info', 'aws_s3_bucket_policy.b', 'Read')] },
  {
    name: 'KMS key policy for "*" narrowed by kms:CallerAccount is info',
    input: resourceWith('aws_kms_key', 'policy', [{ Sid: 'Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }]),
    expected: [finding('info', 'aws_kms_key.r', 'Use')],
  },
  { name: 'a service principal without a source condition is medium (confused deputy)', input: bucketPolicy(read({ Service: 'cloudtrail.amazonaws.com' })), expected: [finding('medium', 'aws_s3_bucket_policy.b', 'Read')] },
  {
    name: 'SNS topic policy for a service without source condition',
    input: resourceWith('aws_sns_topic_policy', 'policy', [{ Sid: 'Events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts' }], { arn: 'x' }),
    expected: [finding('medium', 'aws_sns_topic_policy.r', 'Events')],
  },
  { name: 'another account\'s root is low', input: bucketPolicy(read({ AWS: 'arn:aws:iam::444455556666:root' })), expected: [finding('low', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'another account\'s role is low', input: bucketPolicy(read({ AWS: 'arn:aws:iam::444455556666:role/reader' })), expected: [finding('low', 'aws_s3_bucket_policy.b', 'Read')] },
  { name: 'a bare 12-digit account id is low', input: bucketPolicy(read({ AWS: '444455556666' })), expected: [finding('low', 'aws_s3_bucket_policy.b', 'Read')] },
  {
    name: 'an account not in allowed_account_ids is low',
    input: tfFile({ provider: OWN_PROVIDER, resource: { aws_s3_bucket_policy: { b: { bucket: 'reports', policy: JSON.stringify(policy(read({ AWS: 'arn:aws:iam::444455556666:root' }))) } } } }),
    expected: [finding('low', 'aws_s3_bucket_policy.b', 'Read')],
  },
  {
    name: 'a queue policy sharing with an account other than the queue\'s own',
    input: resourceWith('aws_sqs_queue_policy', 'policy', [{ Sid: 'Send', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sqs:SendMessage', Resource: QUEUE }], { queue_url: 'q' }),
    expected: [finding('low', 'aws_sqs_queue_policy.r', 'Send')],
  },
  {
    name: 'a canonical user is low',
    input: bucketPolicy(read({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' })),
    expected: [finding('low', 'aws_s3_bucket_policy.b', 'Read')],
  },
  {
    name: 'the policy argument of aws_s3_bucket',
    input: resourceWith('aws_s3_bucket', 'policy', [read('*')], { bucket: 'reports' }),
    expected: [finding('high', 'aws_s3_bucket.r', 'Read')],
  },
  {
    name: 'aws_secretsmanager_secret_policy open to anyone',
    input: resourceWith('aws_secretsmanager_secret_policy', 'policy', [{ Sid: 'Get', Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }], { secret_arn: 'x' }),
    expected: [finding('high', 'aws_secretsmanager_secret_policy.r', 'Get')],
  },
  {
    name: 'aws_ecr_repository_policy open to anyone',
    input: resourceWith('aws_ecr_repository_policy', 'policy', [{ Sid: 'Pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }], { repository: 'app' }),
    expected: [finding('high', 'aws_ecr_repository_policy.r', 'Pull')],
  },
  {
    name: 'a KMS key policy granting kms:* to another account beside the default statement',
    input: tfFile({ provider: OWN_PROVIDER, resource: { aws_kms_key: { r: { policy: JSON.stringify(policy(
      { Sid: 'Default', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Other', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, Action: 'kms:*', Resource: '*' },
    )) } } } }),
    expected: [finding('low', 'aws_kms_key.r', 'Other')],
  },
  {
    // The default-statement exemption is for the key's own account root; when allowed_account_ids
    // says which accounts are ours, kms:* for another account's root shares the whole key.
    name: 'a default-shaped KMS statement for an account outside allowed_account_ids is low',
    input: tfFile({ provider: OWN_PROVIDER, resource: { aws_kms_key: { r: { policy: JSON.stringify(policy({ Sid: 'Share', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:*', Resource: '*' })) } } } }),
    expected: [finding('low', 'aws_kms_key.r', 'Share')],
  },
  { name: 'lambda permission with principal "*" is high', input: lambdaPermission({ principal: '*' }), expected: [finding('high', 'aws_lambda_permission.p', undefined)] },
  { name: 'lambda permission with principal "*" and source_arn is low', input: lambdaPermission({ principal: '*', source_arn: 'arn:aws:execute-api:eu-west-1:111122223333:abc123/*' }), expected: [finding('low', 'aws_lambda_permission.p', undefined)] },
  { name: 'lambda permission for a service without source_arn or source_account is medium', input: lambdaPermission({ principal: 's3.amazonaws.com' }), expected: [finding('medium', 'aws_lambda_permission.p', undefined)] },
  { name: 'lambda permission for another account is low', input: lambdaPermission({ principal: '444455556666' }), expected: [finding('low', 'aws_lambda_permission.p', undefined)] },
];

ruleTable(RULE, valid, invalid);

import { expectFinding, LAMBDA_TRUST, ruleTable, tfFile, type RuleCase } from '../helpers';

const RULE = 'no-admin-managed-policy';
const finding = expectFinding(RULE, 'admin-policy-attached');
const ROLE = { app: { name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } };

function attached(arn: string) {
  return tfFile({ resource: { aws_iam_role: ROLE, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: arn } } } });
}

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'ReadOnlyAccess', input: attached('arn:aws:iam::aws:policy/ReadOnlyAccess') },
  { name: 'AmazonS3ReadOnlyAccess', input: attached('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess') },
  { name: 'a service-role managed policy', input: attached('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole') },
  {
    name: 'a customer policy that happens to be named AdministratorAccess',
    input: tfFile({
      resource: {
        aws_iam_role: ROLE,
        aws_iam_policy: { p: { name: 'AdministratorAccess', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) } },
        aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.p.arn}' } },
      },
    }),
  },
];

const invalid: RuleCase[] = [
  { name: 'AdministratorAccess by attachment', input: attached('arn:aws:iam::aws:policy/AdministratorAccess'), expected: [finding('critical', 'aws_iam_role_policy_attachment.a', undefined)] },
  { name: 'IAMFullAccess', input: attached('arn:aws:iam::aws:policy/IAMFullAccess'), expected: [finding('critical', 'aws_iam_role_policy_attachment.a', undefined)] },
  { name: 'AmazonS3FullAccess', input: attached('arn:aws:iam::aws:policy/AmazonS3FullAccess'), expected: [finding('high', 'aws_iam_role_policy_attachment.a', undefined)] },
  { name: 'another *FullAccess is medium', input: attached('arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'), expected: [finding('medium', 'aws_iam_role_policy_attachment.a', undefined)] },
  {
    name: 'PowerUserAccess in managed_policy_arns',
    input: tfFile({ resource: { aws_iam_role: { app: { ...ROLE.app, managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } } } }),
    expected: [finding('high', 'aws_iam_role.app', undefined)],
  },
  {
    name: 'AdministratorAccess on a user',
    input: tfFile({ resource: { aws_iam_user: { ci: { name: 'ci' } }, aws_iam_user_policy_attachment: { a: { user: '${aws_iam_user.ci.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } } }),
    expected: [finding('critical', 'aws_iam_user_policy_attachment.a', undefined)],
  },
];

ruleTable(RULE, valid, invalid);

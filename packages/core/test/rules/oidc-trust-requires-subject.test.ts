import { EKS_ISSUER, EKS_PROVIDER, expectFinding, GITHUB_PROVIDER, jsonencode, policy, roleWithTrust, ruleTable, tfFile, type Json, type RuleCase } from '../helpers';

const RULE = 'oidc-trust-requires-subject';
const finding = expectFinding(RULE, 'trust-federated-missing-condition');
const GH = 'token.actions.githubusercontent.com';

function github(condition: Record<string, Json>, sid = 'GitHub'): ReturnType<typeof roleWithTrust> {
  return roleWithTrust(policy({ Sid: sid, Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }));
}
function eks(condition: Record<string, Json> | undefined): ReturnType<typeof roleWithTrust> {
  return roleWithTrust(policy({ Sid: 'Irsa', Effect: 'Allow', Principal: { Federated: EKS_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition && { Condition: condition }) }));
}
const AUD = { [`${GH}:aud`]: 'sts.amazonaws.com' };

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'GitHub with an exact sub and aud (TC-04c)', input: github({ StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } }) },
  { name: 'GitHub with StringLike on one repository\'s branches', input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/*' } }) },
  { name: 'EKS IRSA with an exact sub', input: eks({ StringEquals: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:payments:api', [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com' } }) },
  {
    name: 'a jsonencode trust with an exact sub',
    input: tfFile({ resource: { aws_iam_role: { ci: { name: 'ci', assume_role_policy: jsonencode(policy({ Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } } })) } } } }),
  },
  { name: 'a service principal is not OIDC', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' })) },
  {
    name: 'data source trust with an exact sub',
    input: tfFile({
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: [GITHUB_PROVIDER] }],
                condition: [
                  { test: 'StringEquals', variable: `${GH}:aud`, values: ['sts.amazonaws.com'] },
                  { test: 'StringEquals', variable: `${GH}:sub`, values: ['repo:acme/api:environment:prod'] },
                ],
              },
            ],
          },
        },
      },
      resource: { aws_iam_role: { ci: { name: 'ci', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    }),
  },
];

const invalid: RuleCase[] = [
  { name: 'GitHub with aud only (TC-04)', input: github({ StringEquals: AUD }), expected: [finding('critical', 'aws_iam_role.app', 'GitHub')] },
  { name: 'GitHub with StringLike repo:acme/* is medium (TC-04b)', input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } }), expected: [finding('medium', 'aws_iam_role.app', 'GitHub')] },
  { name: 'GitHub with StringLike repo:* is critical', input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:*' } }), expected: [finding('critical', 'aws_iam_role.app', 'GitHub')] },
  { name: 'GitHub with StringLike "*" is critical', input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: '*' } }), expected: [finding('critical', 'aws_iam_role.app', 'GitHub')] },
  {
    // repo:acme* also matches repo:acme-evil/anything: any owner whose name starts with acme.
    name: 'GitHub with StringLike repo:acme* (wildcard in the owner) is critical',
    input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme*' } }),
    expected: [finding('critical', 'aws_iam_role.app', 'GitHub')],
  },
  {
    name: 'GitHub with ForAllValues:StringLike on sub (true when absent)',
    input: github({ StringEquals: AUD, 'ForAllValues:StringLike': { [`${GH}:sub`]: 'repo:acme/api:*' } }),
    expected: [finding('critical', 'aws_iam_role.app', 'GitHub')],
  },
  { name: 'GitHub with StringEqualsIfExists on sub (true when absent)', input: github({ StringEquals: AUD, StringEqualsIfExists: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } }), expected: [finding('critical', 'aws_iam_role.app', 'GitHub')] },
  { name: 'GitHub with an exact sub but no aud is low', input: github({ StringEquals: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } }), expected: [finding('low', 'aws_iam_role.app', 'GitHub')] },
  { name: 'GitHub with no condition at all: missing sub and aud', input: roleWithTrust(policy({ Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' })), expected: [finding('critical', 'aws_iam_role.app', 'Statement[0]'), finding('low', 'aws_iam_role.app', 'Statement[0]')] },
  { name: 'EKS IRSA without sub is high', input: eks({ StringEquals: { [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com' } }), expected: [finding('high', 'aws_iam_role.app', 'Irsa')] },
  { name: 'EKS IRSA with no condition is high', input: eks(undefined), expected: [finding('high', 'aws_iam_role.app', 'Irsa')] },
  { name: 'EKS IRSA with a namespace wildcard is high', input: eks({ StringLike: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:payments:*' } }), expected: [finding('high', 'aws_iam_role.app', 'Irsa')] },
  { name: 'EKS IRSA with any service account is high', input: eks({ StringLike: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:*' } }), expected: [finding('high', 'aws_iam_role.app', 'Irsa')] },
  {
    name: 'another OIDC issuer without sub is high',
    input: roleWithTrust(policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.example.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })),
    expected: [finding('high', 'aws_iam_role.app', 'Statement[0]')],
  },
  {
    // The usual hand-written form: the provider is a resource in the same configuration.
    name: 'Federated principal referring to an aws_iam_openid_connect_provider for GitHub, no sub',
    input: tfFile({
      resource: {
        aws_iam_openid_connect_provider: { github: { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] } },
        aws_iam_role: {
          ci: {
            name: 'ci',
            assume_role_policy: jsonencode(
              policy({ Sid: 'GitHub', Effect: 'Allow', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } } }),
            ),
          },
        },
      },
    }),
    expected: [finding('critical', 'aws_iam_role.ci', 'GitHub')],
  },
  {
    name: 'a jsonencode trust without sub',
    input: tfFile({ resource: { aws_iam_role: { ci: { name: 'ci', assume_role_policy: jsonencode(policy({ Sid: 'GitHub', Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: AUD } })) } } } }),
    expected: [finding('critical', 'aws_iam_role.ci', 'GitHub')],
  },
  {
    name: 'data source trust without sub',
    input: tfFile({
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                sid: 'Ci',
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: [GITHUB_PROVIDER] }],
                condition: [{ test: 'StringEquals', variable: `${GH}:aud`, values: ['sts.amazonaws.com'] }],
              },
            ],
          },
        },
      },
      resource: { aws_iam_role: { ci: { name: 'ci', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
    }),
    expected: [finding('critical', 'data.aws_iam_policy_document.trust', 'Ci')],
  },
];

ruleTable(RULE, valid, invalid);

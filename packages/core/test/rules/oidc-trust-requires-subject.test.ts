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

const GITLAB = 'gitlab.com';
const TFC = 'app.terraform.io';
const CIRCLECI = 'oidc.circleci.com/org/0c1b5f2a-3d4e-4f5a-8b9c-0d1e2f3a4b5c';
const CIRCLECI_ORG = '0c1b5f2a-3d4e-4f5a-8b9c-0d1e2f3a4b5c';
const BITBUCKET = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
/** A trust of the OIDC provider for `issuer` in account 111122223333, Sid `Oidc`. */
function oidc(issuer: string, condition?: Record<string, Json>): ReturnType<typeof roleWithTrust> {
  return roleWithTrust(policy({ Sid: 'Oidc', Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition && { Condition: condition }) }));
}

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
  { name: 'GitHub immutable subject repo:OWNER@ID/REPO@ID exact', input: github({ StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme@123/app@456:ref:refs/heads/main' } }) },
  { name: 'GitLab.com with an exact project_path subject', input: oidc(GITLAB, { StringEquals: { [`${GITLAB}:sub`]: 'project_path:acme/api:ref_type:branch:ref:main' } }) },
  { name: 'HCP Terraform with an exact workspace and an open run phase', input: oidc(TFC, { StringLike: { [`${TFC}:sub`]: 'organization:acme:project:p:workspace:w:run_phase:*' } }) },
  { name: 'CircleCI with one project', input: oidc(CIRCLECI, { StringLike: { [`${CIRCLECI}:sub`]: `org/${CIRCLECI_ORG}/project/7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/user/*` } }) },
  { name: 'Bitbucket with one repository', input: oidc(BITBUCKET, { StringLike: { [`${BITBUCKET}:sub`]: '{0f3c7e2a-1b2c-4d3e-9f4a-5b6c7d8e9f0a}:*' } }) },
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
  // EKS tokens carry aud sts.amazonaws.com: a missing aud condition is now also reported (low), as for GitHub.
  { name: 'EKS IRSA with no condition is high', input: eks(undefined), expected: [finding('high', 'aws_iam_role.app', 'Irsa'), finding('low', 'aws_iam_role.app', 'Irsa')] },
  // No aud condition: the extra low aud finding, as for GitHub.
  { name: 'EKS IRSA with a namespace wildcard is high', input: eks({ StringLike: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:payments:*' } }), expected: [finding('high', 'aws_iam_role.app', 'Irsa'), finding('low', 'aws_iam_role.app', 'Irsa')] },
  // No aud condition: the extra low aud finding, as for GitHub.
  { name: 'EKS IRSA with any service account is high', input: eks({ StringLike: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:*' } }), expected: [finding('high', 'aws_iam_role.app', 'Irsa'), finding('low', 'aws_iam_role.app', 'Irsa')] },
  { name: 'EKS IRSA with an exact sub but no aud is low', input: eks({ StringEquals: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:payments:api' } }), expected: [finding('low', 'aws_iam_role.app', 'Irsa')] },
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
  { name: 'GitLab.com without sub is critical', input: oidc(GITLAB, { StringEquals: { [`${GITLAB}:aud`]: 'https://gitlab.com' } }), expected: [finding('critical', 'aws_iam_role.app', 'Oidc')] },
  { name: 'GitLab.com with project_path:acme/* is medium', input: oidc(GITLAB, { StringLike: { [`${GITLAB}:sub`]: 'project_path:acme/*' } }), expected: [finding('medium', 'aws_iam_role.app', 'Oidc')] },
  { name: 'GitLab.com with project_path:* is critical', input: oidc(GITLAB, { StringLike: { [`${GITLAB}:sub`]: 'project_path:*' } }), expected: [finding('critical', 'aws_iam_role.app', 'Oidc')] },
  { name: 'HCP Terraform without sub is critical', input: oidc(TFC, { StringEquals: { [`${TFC}:aud`]: 'aws.workload.identity' } }), expected: [finding('critical', 'aws_iam_role.app', 'Oidc')] },
  { name: 'HCP Terraform with organization:acme:* is medium', input: oidc(TFC, { StringLike: { [`${TFC}:sub`]: 'organization:acme:*' } }), expected: [finding('medium', 'aws_iam_role.app', 'Oidc')] },
  { name: 'HCP Terraform with organization:* is critical', input: oidc(TFC, { StringLike: { [`${TFC}:sub`]: 'organization:*' } }), expected: [finding('critical', 'aws_iam_role.app', 'Oidc')] },
  { name: 'CircleCI without sub is high', input: oidc(CIRCLECI, { StringEquals: { [`${CIRCLECI}:aud`]: CIRCLECI_ORG } }), expected: [finding('high', 'aws_iam_role.app', 'Oidc')] },
  { name: 'CircleCI with every project of the org is medium', input: oidc(CIRCLECI, { StringLike: { [`${CIRCLECI}:sub`]: `org/${CIRCLECI_ORG}/project/*` } }), expected: [finding('medium', 'aws_iam_role.app', 'Oidc')] },
  { name: 'Bitbucket without sub is high', input: oidc(BITBUCKET), expected: [finding('high', 'aws_iam_role.app', 'Oidc')] },
  { name: 'GitHub immutable subject with a wildcard repository is medium', input: github({ StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme@123/*' } }), expected: [finding('medium', 'aws_iam_role.app', 'GitHub')] },
  {
    // StringEquals compares literally: the '*' matches no token, so the role is unusable, not open.
    name: 'StringEquals with a * in sub is info (matches nothing)',
    input: github({ StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:*' } }),
    expected: [finding('info', 'aws_iam_role.app', 'GitHub')],
  },
];

ruleTable(RULE, valid, invalid);

/**
 * Hand-written IAM from before the platform adopted workload-iga. Every block here is flawed on
 * purpose, so the analysis has something to find and can point at these exact lines.
 */
import { Construct } from 'constructs';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ACCOUNT_ID } from './config';

const ec2Trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Adds the legacy roles and policies to `scope`. */
export function addLegacyIam(scope: Construct): void {
  // 1. A reporting box with full S3 on every bucket.
  const reportsRole = new IamRole(scope, 'legacy_reports_role', { name: 'legacy-reports', assumeRolePolicy: ec2Trust });
  const s3Everything = new IamPolicy(scope, 'legacy_s3_full_access', {
    name: 'legacy-s3-full-access',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
  });
  new IamRolePolicyAttachment(scope, 'legacy_reports_s3', { role: reportsRole.name, policyArn: s3Everything.arn });

  // 2. A "launcher" that can start any instance with any role: PassRole on * is privilege escalation.
  const launcherRole = new IamRole(scope, 'legacy_launcher_role', { name: 'legacy-launcher', assumeRolePolicy: ec2Trust });
  const launcherDoc = new DataAwsIamPolicyDocument(scope, 'legacy_launcher_doc', {
    statement: [
      { sid: 'PassAnyRole', effect: 'Allow', actions: ['iam:PassRole'], resources: ['*'] },
      { sid: 'RunInstances', effect: 'Allow', actions: ['ec2:RunInstances'], resources: ['*'] },
    ],
  });
  new IamRolePolicy(scope, 'legacy_launcher_policy', { role: launcherRole.name, policy: launcherDoc.json });

  // 3. An old GitHub deploy role trusting the GitHub OIDC provider with no `sub` condition
  //    (any repository on GitHub can assume it), and 4. AdministratorAccess on top.
  const oldDeployer = new IamRole(scope, 'legacy_github_deployer', {
    name: 'legacy-github-deployer',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        },
      ],
    }),
  });
  new IamRolePolicyAttachment(scope, 'legacy_github_deployer_admin', {
    role: oldDeployer.name,
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
}

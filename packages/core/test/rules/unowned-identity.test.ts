import { describe, expect, it } from 'vitest';
import { cdktfStack, GITHUB_PROVIDER, LAMBDA_TRUST, manifestWorkload, policy, tfFile } from '../helpers';
import { govFindings, govTable } from '../governance-helpers';

const RULE = 'unowned-identity';
const role = (trust: unknown, tags?: Record<string, string>) => tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(trust), ...(tags && { tags }) } } } });
const GITHUB_TRUST = policy({ Effect: 'Allow', Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/payments:ref:refs/heads/main', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } });
const EKS_TRUST = policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:payments:api' } } });
const ANON_TRUST = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' });

govTable(RULE, [
  { name: 'a role with wiga:owner', input: role(LAMBDA_TRUST, { 'wiga:owner': 'team-payments' }), expected: [] },
  { name: 'a workload of the manifest', input: cdktfStack({ workloads: [manifestWorkload('app')] }), expected: [] },
  { name: 'a role tagged wiga:workload (workload-requires-owner reports it)', input: role(LAMBDA_TRUST, { 'wiga:workload': 'x' }), expected: [] },
  { name: 'a hand-written role trusted by GitHub', input: role(GITHUB_TRUST), expected: ['medium aws_iam_role.app'] },
  { name: 'a hand-written role trusted by a service', input: role(LAMBDA_TRUST), expected: ['medium aws_iam_role.app'] },
  { name: 'a hand-written role with no hint', input: role(ANON_TRUST), expected: ['medium aws_iam_role.app'] },
  { name: 'a user without owner', input: tfFile({ resource: { aws_iam_user: { ci: { name: 'ci' } } } }), expected: ['medium aws_iam_user.ci'] },
]);

describe(`${RULE}: details`, () => {
  it('names the GitHub repository as the owner hint', () => {
    const [f] = govFindings(RULE, { input: role(GITHUB_TRUST) });
    expect(f!.message).toContain('GitHub repository acme/payments');
    expect(f!.evidence).toEqual({ inferredFrom: [{ source: 'github', value: 'acme/payments' }] });
    expect(f!.suggestion).toContain('GitHub acme/payments: set wiga:owner');
  });
  it('names the EKS namespace and service account', () => {
    const [f] = govFindings(RULE, { input: role(EKS_TRUST) });
    expect(f!.evidence).toEqual({ inferredFrom: [{ source: 'eks', value: 'payments/api' }] });
  });
  it('says when the trust gives no hint', () => {
    const [f] = govFindings(RULE, { input: role(ANON_TRUST) });
    expect(f!.message).toBe('role aws_iam_role.app has no owner and its trust does not say who runs it');
    expect(f!.evidence).toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { Attestation, WorkloadIdentity } from '@workload-iga/cdktf';
import { newStack, onlyBlock, manifestOf } from './helpers';

const GH = 'token.actions.githubusercontent.com';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123';

const cases: { name: string; attestation: () => Attestation; statement: unknown; record: unknown }[] = [
  {
    name: 'githubActions, environment',
    attestation: () => Attestation.githubActions({ repository: 'acme/payments', environment: 'prod', accountId: '111122223333' }),
    statement: {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GH}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/payments:environment:prod' } },
    },
    record: { type: 'github-oidc', repository: 'acme/payments', environment: 'prod', subject: 'repo:acme/payments:environment:prod' },
  },
  {
    name: 'githubActions, branch, explicit provider',
    attestation: () =>
      Attestation.githubActions({ repository: 'acme/pay.ments_2', branch: 'main', providerArn: `arn:aws:iam::444455556666:oidc-provider/${GH}` }),
    statement: {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::444455556666:oidc-provider/${GH}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/pay.ments_2:ref:refs/heads/main' } },
    },
    record: { type: 'github-oidc', repository: 'acme/pay.ments_2', branch: 'main', subject: 'repo:acme/pay.ments_2:ref:refs/heads/main' },
  },
  {
    name: 'eksServiceAccount, account + issuer',
    attestation: () => Attestation.eksServiceAccount({ accountId: '111122223333', issuer: `https://${ISSUER}`, namespace: 'payments', serviceAccount: 'api' }),
    statement: {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:payments:api' } },
    },
    record: { type: 'eks-service-account', namespace: 'payments', serviceAccount: 'api', issuer: ISSUER, subject: 'system:serviceaccount:payments:api' },
  },
  {
    name: 'eksServiceAccount, provider ARN',
    attestation: () =>
      Attestation.eksServiceAccount({ oidcProviderArn: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`, namespace: 'jobs', serviceAccount: 'runner' }),
    statement: {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: 'system:serviceaccount:jobs:runner' } },
    },
    record: { type: 'eks-service-account', namespace: 'jobs', serviceAccount: 'runner', issuer: ISSUER, subject: 'system:serviceaccount:jobs:runner' },
  },
  {
    name: 'awsService, source account only',
    attestation: () => Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' }),
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    },
    record: { type: 'aws-service', service: 'lambda.amazonaws.com', sourceAccount: '111122223333' },
  },
  {
    name: 'awsService, source account and ARN',
    attestation: () =>
      Attestation.awsService({ service: 'bedrock.amazonaws.com', sourceAccount: '111122223333', sourceArn: 'arn:aws:bedrock:eu-west-1:111122223333:agent/AGENT1' }),
    statement: {
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111122223333' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:eu-west-1:111122223333:agent/AGENT1' },
      },
    },
    record: { type: 'aws-service', service: 'bedrock.amazonaws.com', sourceAccount: '111122223333', sourceArn: 'arn:aws:bedrock:eu-west-1:111122223333:agent/AGENT1' },
  },
  {
    name: 'crossAccount, account root',
    attestation: () => Attestation.crossAccount({ accountId: '999988887777', externalId: 'vendor-x-4f2a' }),
    statement: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'vendor-x-4f2a' } },
    },
    record: { type: 'cross-account', accountId: '999988887777' },
  },
  {
    name: 'crossAccount, principal',
    attestation: () =>
      Attestation.crossAccount({ accountId: '999988887777', principalArn: 'arn:aws:iam::999988887777:role/scanner', externalId: 'vendor-x-4f2a' }),
    statement: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:role/scanner' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'vendor-x-4f2a' } },
    },
    record: { type: 'cross-account', accountId: '999988887777', principalArn: 'arn:aws:iam::999988887777:role/scanner' },
  },
];

describe('attestation trust policies', () => {
  test.each(cases)('$name', ({ attestation, statement, record }) => {
    const { stack } = newStack();
    new WorkloadIdentity(stack, 'wl', { kind: 'service', owner: 'team-a', purpose: 'test workload', attestation: attestation() });
    const role = onlyBlock(stack, 'aws_iam_role');
    // A literal JSON string: known at plan, no jsonencode.
    expect(role.assume_role_policy.startsWith('{')).toBe(true);
    expect(JSON.parse(role.assume_role_policy)).toEqual({ Version: '2012-10-17', Statement: [statement] });
    expect(manifestOf(stack).workloads[0].attestation).toEqual(record);
  });
});

describe('attestation errors', () => {
  const errors: { name: string; make: () => unknown; message: RegExp }[] = [
    { name: 'repository without owner', make: () => Attestation.githubActions({ repository: 'payments', branch: 'main', accountId: '111122223333' }), message: /repository must be 'owner\/repo'.*got 'payments'/ },
    { name: 'repository as URL', make: () => Attestation.githubActions({ repository: 'https://github.com/acme/payments', branch: 'main', accountId: '111122223333' }), message: /repository must be 'owner\/repo'/ },
    { name: 'both branch and environment', make: () => Attestation.githubActions({ repository: 'acme/payments', branch: 'main', environment: 'prod', accountId: '111122223333' }), message: /exactly one of 'branch' or 'environment'.*got both/ },
    { name: 'neither branch nor environment', make: () => Attestation.githubActions({ repository: 'acme/payments', accountId: '111122223333' }), message: /exactly one of 'branch' or 'environment'/ },
    { name: 'wildcard branch', make: () => Attestation.githubActions({ repository: 'acme/payments', branch: 'release/*', accountId: '111122223333' }), message: /contains a wildcard/ },
    { name: 'github without account', make: () => Attestation.githubActions({ repository: 'acme/payments', branch: 'main' }), message: /accountId \(or providerArn\) is required/ },
    { name: 'bad account id', make: () => Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '1234' }), message: /12-digit AWS account id, got '1234'/ },
    { name: 'bad service principal', make: () => Attestation.awsService({ service: 'lambda', sourceAccount: '111122223333' }), message: /service principal such as 'lambda.amazonaws.com'/ },
    { name: 'missing external id', make: () => Attestation.crossAccount({ accountId: '999988887777', externalId: '' }), message: /externalId is required/ },
    { name: 'eks without namespace', make: () => Attestation.eksServiceAccount({ accountId: '111122223333', issuer: ISSUER, namespace: '', serviceAccount: 'api' }), message: /namespace is required/ },
  ];
  test.each(errors)('$name', ({ make, message }) => {
    expect(make).toThrow(message);
  });
});

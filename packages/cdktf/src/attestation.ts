/**
 * Attestations: how a workload proves who it is to AWS STS. Each factory decides the exact trust
 * policy (`assume_role_policy`) of the role and the record written into the governance manifest.
 * The trust policy is a literal JSON string, so it is known at `terraform plan` and reviewable.
 */
import { Token } from 'cdktf';
import type { AttestationRecord } from '@workload-iga/core';
import type { PolicyDocument, PolicyStatement } from './policy-document';

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** Audience STS expects in web-identity tokens minted for it. */
const STS_AUDIENCE = 'sts.amazonaws.com';

/** Options of {@link Attestation.githubActions}. Exactly one of `branch` / `environment`. */
export interface GithubActionsAttestationProps {
  /** `owner/repo`, exactly as on GitHub. */
  readonly repository: string;
  /** Only workflow runs on this branch may assume the role (`sub` = `repo:o/r:ref:refs/heads/<branch>`). */
  readonly branch?: string;
  /** Only jobs bound to this GitHub environment may assume it (`sub` = `repo:o/r:environment:<env>`). */
  readonly environment?: string;
  /** ARN of the account's GitHub OIDC provider; defaults to the standard one in `accountId`. */
  readonly providerArn?: string;
  /** Account holding the OIDC provider; required unless `providerArn` is given. */
  readonly accountId?: string;
}

/** Options of {@link Attestation.eksServiceAccount}: the provider ARN, or account id and issuer. */
export interface EksServiceAccountAttestationProps {
  /** `arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`. */
  readonly oidcProviderArn?: string;
  /** With `issuer`, builds the provider ARN. */
  readonly accountId?: string;
  /** Cluster OIDC issuer host and path, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC` (`https://` is stripped). */
  readonly issuer?: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Options of {@link Attestation.awsService}. */
export interface AwsServiceAttestationProps {
  /** Service principal, e.g. `lambda.amazonaws.com`, `ecs-tasks.amazonaws.com`. */
  readonly service: string;
  /** Account on whose behalf the service may act (`aws:SourceAccount`), against the confused deputy. */
  readonly sourceAccount: string;
  /** Narrows further to one resource of that service (`aws:SourceArn`, matched with `ArnLike`). */
  readonly sourceArn?: string;
}

/** Options of {@link Attestation.crossAccount}. */
export interface CrossAccountAttestationProps {
  /** The trusted account. */
  readonly accountId: string;
  /** A specific role/user in it; defaults to the account root (delegating to that account's IAM). */
  readonly principalArn?: string;
  /** Secret shared with the third party, required as `sts:ExternalId`. */
  readonly externalId: string;
}

function fail(message: string): never {
  throw new Error(`workload-iga: ${message}`);
}

function requireText(value: unknown, what: string, fix: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} is required. ${fix}`);
  return value;
}

function requireAccount(value: unknown, what: string): string {
  const text = requireText(value, what, `Pass the 12-digit AWS account id, e.g. '111122223333'.`);
  if (!Token.isUnresolved(text) && !/^\d{12}$/.test(text)) {
    fail(`${what} must be a 12-digit AWS account id, got '${text}'.`);
  }
  return text;
}

function requireExact(value: string, what: string): string {
  // StringEquals compares literally; a '*' here would either never match or, if the user later
  // switches to StringLike, silently widen trust. Ask for the exact value instead.
  if (/[*?]/.test(value)) fail(`${what} '${value}' contains a wildcard. Name the exact value: the trust condition uses StringEquals.`);
  return value;
}

/**
 * How a workload authenticates. Build one with a static factory and pass it as
 * `WorkloadIdentity` `attestation`.
 */
export class Attestation {
  /**
   * GitHub Actions OIDC: a workflow in one repository, restricted to one branch or one environment.
   * Both `aud` and an exact `sub` are required; without `sub` any repository on GitHub could assume
   * the role.
   * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
   */
  static githubActions(props: GithubActionsAttestationProps): Attestation {
    const repository = requireText(props?.repository, 'githubActions: repository', `Pass 'owner/repo'.`);
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9._-]+$/.test(repository)) {
      fail(`githubActions: repository must be 'owner/repo' (e.g. 'acme/payments'), got '${repository}'.`);
    }
    const hasBranch = props.branch !== undefined;
    const hasEnv = props.environment !== undefined;
    if (hasBranch === hasEnv) {
      fail(
        `githubActions: pass exactly one of 'branch' or 'environment' for ${repository}` +
          (hasBranch ? ` (got both: a token carries only one of them in 'sub', so the role could never be assumed).` : `.`) +
          ` Prefer 'environment' for deployments: GitHub environments can require reviewers.`,
      );
    }
    let subject: string;
    let branch: string | undefined;
    let environment: string | undefined;
    if (hasBranch) {
      branch = requireExact(requireText(props.branch, 'githubActions: branch', `Name the branch, e.g. 'main'.`).replace(/^refs\/heads\//, ''), 'githubActions: branch');
      subject = `repo:${repository}:ref:refs/heads/${branch}`;
    } else {
      environment = requireExact(requireText(props.environment, 'githubActions: environment', `Name the environment, e.g. 'production'.`), 'githubActions: environment');
      subject = `repo:${repository}:environment:${environment}`;
    }
    const federated =
      props.providerArn ??
      `arn:aws:iam::${requireAccount(props.accountId, 'githubActions: accountId (or providerArn)')}:oidc-provider/${GITHUB_ISSUER}`;
    const statement: PolicyStatement = {
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB_ISSUER}:aud`]: STS_AUDIENCE,
          [`${GITHUB_ISSUER}:sub`]: subject,
        },
      },
    };
    return new Attestation(statement, {
      type: 'github-oidc',
      repository,
      ...(branch !== undefined ? { branch } : {}),
      ...(environment !== undefined ? { environment } : {}),
      subject,
    });
  }

  /**
   * EKS IAM Roles for Service Accounts (IRSA): one Kubernetes service account in one namespace of
   * one cluster.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
   */
  static eksServiceAccount(props: EksServiceAccountAttestationProps): Attestation {
    const namespace = requireExact(requireText(props?.namespace, 'eksServiceAccount: namespace', `Name the Kubernetes namespace.`), 'eksServiceAccount: namespace');
    const serviceAccount = requireExact(
      requireText(props.serviceAccount, 'eksServiceAccount: serviceAccount', `Name the Kubernetes service account.`),
      'eksServiceAccount: serviceAccount',
    );
    let providerArn: string;
    let issuer: string;
    if (props.oidcProviderArn !== undefined) {
      if (props.issuer !== undefined || props.accountId !== undefined) {
        fail(`eksServiceAccount: pass either 'oidcProviderArn' or 'accountId' + 'issuer', not both.`);
      }
      providerArn = props.oidcProviderArn;
      const m = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(providerArn);
      if (!m) fail(`eksServiceAccount: oidcProviderArn must look like 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>', got '${providerArn}'.`);
      issuer = m[1];
    } else {
      const account = requireAccount(props.accountId, 'eksServiceAccount: accountId (or oidcProviderArn)');
      issuer = requireText(props.issuer, 'eksServiceAccount: issuer', `Pass the cluster's OIDC issuer, e.g. 'oidc.eks.eu-west-1.amazonaws.com/id/ABC'.`).replace(/^https:\/\//, '');
      providerArn = `arn:aws:iam::${account}:oidc-provider/${issuer}`;
    }
    const subject = `system:serviceaccount:${namespace}:${serviceAccount}`;
    return new Attestation(
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:aud`]: STS_AUDIENCE, [`${issuer}:sub`]: subject } },
      },
      { type: 'eks-service-account', namespace, serviceAccount, issuer, subject },
    );
  }

  /**
   * An AWS service acting for this account (Lambda, ECS tasks, Batch, Bedrock agents, ...), with
   * `aws:SourceAccount` (and `aws:SourceArn` when given) against the confused-deputy problem.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
   */
  static awsService(props: AwsServiceAttestationProps): Attestation {
    const service = requireText(props?.service, 'awsService: service', `Pass a service principal, e.g. 'lambda.amazonaws.com'.`);
    if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(service)) {
      fail(`awsService: service must be a service principal such as 'lambda.amazonaws.com', got '${service}'.`);
    }
    const sourceAccount = requireAccount(props.sourceAccount, `awsService(${service}): sourceAccount`);
    const condition: Record<string, Record<string, string>> = { StringEquals: { 'aws:SourceAccount': sourceAccount } };
    if (props.sourceArn !== undefined) {
      condition.ArnLike = { 'aws:SourceArn': requireText(props.sourceArn, 'awsService: sourceArn', 'Pass an ARN or omit it.') };
    }
    return new Attestation(
      { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: condition },
      { type: 'aws-service', service, sourceAccount, ...(props.sourceArn !== undefined ? { sourceArn: props.sourceArn } : {}) },
    );
  }

  /**
   * Another AWS account (typically a vendor), required to present an external id.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
   */
  static crossAccount(props: CrossAccountAttestationProps): Attestation {
    const accountId = requireAccount(props?.accountId, 'crossAccount: accountId');
    const externalId = requireText(props.externalId, 'crossAccount: externalId', `Agree an external id with the trusted party and pass it; without it that party can be used as a confused deputy.`);
    // STS accepts 2-1224 characters from [\w+=,.@:\/-].
    if (!Token.isUnresolved(externalId) && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
      fail(`crossAccount: externalId must be 2-1224 characters of [A-Za-z0-9+=,.@:/_-].`);
    }
    const principal = props.principalArn ?? `arn:aws:iam::${accountId}:root`;
    return new Attestation(
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
      { type: 'cross-account', accountId, ...(props.principalArn !== undefined ? { principalArn: props.principalArn } : {}) },
    );
  }

  private constructor(
    /** The single trust statement. */
    readonly statement: PolicyStatement,
    /** What the manifest records about this attestation. */
    readonly record: AttestationRecord,
  ) {}

  /** The role's trust policy document. */
  get trustPolicy(): PolicyDocument {
    return { Version: '2012-10-17', Statement: [this.statement] };
  }

  /** The trust policy as the literal JSON string given to `assume_role_policy`. */
  toJson(): string {
    return JSON.stringify(this.trustPolicy);
  }
}

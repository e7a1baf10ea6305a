/**
 * `WorkloadIdentity`: one non-human identity, declared with its owner, purpose, how it attests
 * (trust policy) and what it is entitled to (grants). It synthesizes a real `aws_iam_role` and one
 * inline `aws_iam_role_policy` with every active grant; the governance facts go to role tags and to
 * the stack's manifest.
 */
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IamRole, type IamRoleConfig } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy, type IamRolePolicyConfig } from '@cdktf/provider-aws/lib/iam-role-policy';
import { GOVERNANCE_TAGS, type ManifestGrant, type ManifestWorkload, type WorkloadKind } from '@workload-iga/core';
import type { Attestation } from './attestation';
import { nowFor } from './clock';
import {
  allocateSid,
  expandIntent,
  logGroupStreamsArn,
  recordGrant,
  statementFor,
  type GrantProps,
  type IntentGrantOptions,
  type RecordedGrant,
} from './entitlement';
import { GovernanceManifestElement } from './manifest';
import { renderPolicy, type PolicyDocument } from './policy-document';
import { captureCallSite, resolveCallSite, sourceOf, type PendingSite } from './source-capture';
import type { MaybeOmitted } from './addresses';

/** Props of {@link WorkloadIdentity}. */
export interface WorkloadIdentityProps {
  /** What runs as this identity. */
  readonly kind: WorkloadKind;
  /** Accountable team or person (e.g. `team-payments@example.com`); required. */
  readonly owner: string;
  /** Why the identity exists, in one sentence; required. */
  readonly purpose: string;
  /** e.g. `production`. */
  readonly environment?: string;
  /** Access review cadence, in days (the core decides the default by kind and privilege). */
  readonly reviewEveryDays?: number;
  /** Second accountable team or person, for when the owner is away. */
  readonly backupOwner?: string;
  /** The person who sponsors the workload and answers for it; required for `kind: 'ai-agent'`. */
  readonly sponsor?: string;
  /** ISO date (`2026-12-31`) after which the workload should no longer exist; required for `kind: 'ai-agent'`. */
  readonly expires?: string;
  /**
   * The workload is retired: it synthesizes no role and no policy (so `cdktf deploy` removes them),
   * while its record stays in the manifest with the addresses its blocks had.
   */
  readonly retired?: { readonly date: string; readonly reason: string };
  /** IAM role name; defaults to the construct id. */
  readonly roleName?: string;
  /** Maximum session duration in seconds (3600-43200); 3600 for `kind: 'ai-agent'` unless set. */
  readonly maxSessionDuration?: number;
  /** How the workload authenticates; decides the trust policy. */
  readonly attestation: Attestation;
  /** Permissions boundary policy ARN for the role. */
  readonly permissionsBoundary?: string;
  /** Extra role tags (the `wiga:*` governance tags always win). */
  readonly tags?: Record<string, string>;
}

interface GrantEntry {
  readonly grant: RecordedGrant;
  readonly site: PendingSite;
}

/** The identity's role; emits nothing when the workload is retired. */
class WorkloadRole extends IamRole implements MaybeOmitted {
  constructor(scope: Construct, id: string, config: IamRoleConfig, private readonly retired: boolean) {
    super(scope, id, config);
  }
  wigaIsOmitted(): boolean {
    return this.retired;
  }
  override toTerraform(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toTerraform();
  }
  override toHclTerraform(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toHclTerraform();
  }
  override toMetadata(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toMetadata();
  }
}

/** Inline policy holding an identity's grants; emits nothing when every grant has expired or the workload is retired. */
class GrantsPolicy extends IamRolePolicy implements MaybeOmitted {
  constructor(
    scope: Construct,
    id: string,
    config: IamRolePolicyConfig,
    private readonly hasStatements: () => boolean,
  ) {
    super(scope, id, config);
  }
  wigaIsOmitted(): boolean {
    return !this.hasStatements();
  }
  override toTerraform(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toTerraform();
  }
  override toHclTerraform(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toHclTerraform();
  }
  override toMetadata(): Record<string, unknown> {
    return this.wigaIsOmitted() ? {} : super.toMetadata();
  }
}

// Role tag values allow letters, digits, spaces and _.:/=+-@ only, up to 256 characters.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 256);
}

function checkProps(id: string, props: WorkloadIdentityProps): string {
  const where = `WorkloadIdentity '${id}'`;
  if (!props || typeof props !== 'object') throw new Error(`workload-iga: ${where} needs props { kind, owner, purpose, attestation }.`);
  for (const key of ['owner', 'purpose'] as const) {
    const v = props[key];
    if (typeof v !== 'string' || v.trim() === '') {
      const example = key === 'owner' ? `owner: 'team-payments@example.com'` : `purpose: 'serves the payments API'`;
      throw new Error(`workload-iga: ${where} has no ${key}. Every workload identity must say ${key === 'owner' ? 'who is accountable for it' : 'why it exists'}: add { ${example} }.`);
    }
  }
  if (typeof props.kind !== 'string' || props.kind.trim() === '') {
    throw new Error(`workload-iga: ${where} has no kind. Add { kind: 'service' } (or 'ci-pipeline', 'batch-job', 'ai-agent').`);
  }
  if (!props.attestation || typeof (props.attestation as Attestation).toJson !== 'function') {
    throw new Error(`workload-iga: ${where} has no attestation. Add one, e.g. { attestation: Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' }) }.`);
  }
  const d = props.maxSessionDuration;
  if (d !== undefined && (!Number.isInteger(d) || d < 3600 || d > 43200)) {
    throw new Error(`workload-iga: ${where} maxSessionDuration must be whole seconds between 3600 and 43200, got ${d}.`);
  }
  const r = props.reviewEveryDays;
  if (r !== undefined && (!Number.isInteger(r) || r <= 0)) {
    throw new Error(`workload-iga: ${where} reviewEveryDays must be a positive whole number of days, got ${r}.`);
  }
  for (const key of ['backupOwner', 'sponsor'] as const) {
    const v = props[key];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) throw new Error(`workload-iga: ${where} ${key} must be a non-empty string when set.`);
  }
  if (props.expires !== undefined && !isIsoDate(props.expires)) {
    throw new Error(`workload-iga: ${where} expires must be an ISO 8601 date such as '2026-12-31' (or a date/time '2026-12-31T00:00:00Z'), got '${String(props.expires)}'.`);
  }
  if (props.retired !== undefined) {
    const { date, reason } = props.retired ?? ({} as { date?: unknown; reason?: unknown });
    if (!isIsoDate(date)) throw new Error(`workload-iga: ${where} retired.date must be an ISO 8601 date such as '2026-03-31', got '${String(date)}'.`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`workload-iga: ${where} retired.reason is required: say why the workload was retired.`);
  }
  if (props.kind === 'ai-agent') {
    // An AI agent acts on its own: someone must answer for it, and it must not live forever.
    if (props.sponsor === undefined) {
      throw new Error(`workload-iga: ${where} is an ai-agent without a sponsor. Name the person who answers for what the agent does: add { sponsor: 'jane.doe@example.com' }.`);
    }
    if (props.expires === undefined) {
      throw new Error(`workload-iga: ${where} is an ai-agent without an expiry. Agents are granted access for a limited time: add { expires: '2026-12-31' } and renew it at review.`);
    }
  }
  return id;
}

/** `YYYY-MM-DD`, or a full ISO 8601 date/time, that is a real date. */
function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return false;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return !Number.isNaN(d.getTime()) && (value.length !== 10 || d.toISOString().slice(0, 10) === value);
}

/** The default session length of an ai-agent's role, in seconds (IAM's minimum). */
export const AI_AGENT_MAX_SESSION_SECONDS = 3600;

/**
 * A workload identity: an IAM role whose trust comes from an {@link Attestation} and whose
 * permissions come from purpose-labelled grants.
 *
 * @example
 * const api = new WorkloadIdentity(this, 'payments-api', {
 *   kind: 'service', owner: 'team-payments@example.com', purpose: 'serves the payments API',
 *   attestation: Attestation.eksServiceAccount({ accountId, issuer, namespace: 'payments', serviceAccount: 'api' }),
 * });
 * api.grantReadBucket(statements.arn, { purpose: 'read settlement statements' });
 */
export class WorkloadIdentity extends Construct {
  /** The synthesized role. */
  readonly role: IamRole;
  /** Workload name (the construct id). */
  readonly workloadName: string;
  readonly kind: WorkloadKind;
  readonly owner: string;
  readonly purpose: string;
  readonly environment?: string;
  readonly reviewEveryDays?: number;
  readonly backupOwner?: string;
  readonly sponsor?: string;
  readonly expires?: string;
  /** The role's name as written (`role/<name>` in ARNs), recorded so references to a retired role can be found. */
  private literalRoleName = '';
  readonly retired?: { readonly date: string; readonly reason: string };
  /** The role's maximum session duration, when set (or defaulted for an ai-agent). */
  readonly maxSessionDuration?: number;
  readonly attestation: Attestation;

  private readonly grants: GrantEntry[] = [];
  private readonly sids = new Set<string>();
  private policy?: GrantsPolicy;
  private readonly site: PendingSite;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    // Validate before the construct joins the tree, so a failed attempt leaves nothing behind.
    super(scope, checkProps(id, props));
    this.site = captureCallSite();
    this.workloadName = id;
    this.kind = props.kind;
    this.owner = props.owner;
    this.purpose = props.purpose;
    this.environment = props.environment;
    this.reviewEveryDays = props.reviewEveryDays;
    this.backupOwner = props.backupOwner;
    this.sponsor = props.sponsor;
    this.expires = props.expires;
    this.retired = props.retired && { date: props.retired.date, reason: props.retired.reason };
    this.maxSessionDuration = props.maxSessionDuration ?? (props.kind === 'ai-agent' ? AI_AGENT_MAX_SESSION_SECONDS : undefined);
    this.attestation = props.attestation;

    const tags: Record<string, string> = {
      ...(props.tags ?? {}),
      [GOVERNANCE_TAGS.workload]: tagValue(id),
      [GOVERNANCE_TAGS.kind]: tagValue(props.kind),
      [GOVERNANCE_TAGS.owner]: tagValue(props.owner),
      [GOVERNANCE_TAGS.purpose]: tagValue(props.purpose),
      ...(props.environment ? { [GOVERNANCE_TAGS.environment]: tagValue(props.environment) } : {}),
      ...(props.backupOwner ? { [GOVERNANCE_TAGS.backupOwner]: tagValue(props.backupOwner) } : {}),
      ...(props.sponsor ? { [GOVERNANCE_TAGS.sponsor]: tagValue(props.sponsor) } : {}),
      ...(props.expires ? { [GOVERNANCE_TAGS.expires]: tagValue(props.expires) } : {}),
    };
    this.role = new WorkloadRole(this, 'Role', {
      name: (this.literalRoleName = props.roleName ?? id),
      // Role descriptions accept printable Latin-1 only, up to 1000 characters.
      description: props.purpose.replace(/[^\t\n\r\u0020-\u007E\u00A1-\u00FF]/g, ' ').slice(0, 1000),
      assumeRolePolicy: renderPolicy(props.attestation.trustPolicy),
      ...(this.maxSessionDuration !== undefined ? { maxSessionDuration: this.maxSessionDuration } : {}),
      ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
      tags,
    }, this.retired !== undefined);
    GovernanceManifestElement.of(TerraformStack.of(this)).addWorkload(this);
  }

  /** ARN of the role (a token until apply). */
  get roleArn(): string {
    return this.role.arn;
  }

  /** Name of the role. */
  get roleName(): string {
    return this.role.name;
  }

  /**
   * Grants `actions` on `resources` for a stated purpose. Each grant becomes one statement with its
   * own Sid in the identity's inline policy. A grant with `expires` gets
   * `DateLessThan aws:CurrentTime`; one already expired at synth is left out of the policy and
   * recorded in the manifest as `expired`.
   * @returns the statement id of the grant.
   */
  grant(props: GrantProps): string {
    return this.addGrant(props, undefined, captureCallSite());
  }

  /** Read one S3 bucket's listing and objects (intent `s3-read-bucket`). */
  grantReadBucket(bucketArn: string, options: IntentGrantOptions): string {
    return this.intent('s3-read-bucket', bucketArn, options);
  }
  /** Put/delete objects in one S3 bucket (intent `s3-write-bucket`). */
  grantWriteBucket(bucketArn: string, options: IntentGrantOptions): string {
    return this.intent('s3-write-bucket', bucketArn, options);
  }
  /** Read one Secrets Manager secret (intent `secret-read`). */
  grantReadSecret(secretArn: string, options: IntentGrantOptions): string {
    return this.intent('secret-read', secretArn, options);
  }
  /** Send to one SQS queue (intent `sqs-publish`). */
  grantPublishToQueue(queueArn: string, options: IntentGrantOptions): string {
    return this.intent('sqs-publish', queueArn, options);
  }
  /** Receive/delete from one SQS queue (intent `sqs-consume`). */
  grantConsumeQueue(queueArn: string, options: IntentGrantOptions): string {
    return this.intent('sqs-consume', queueArn, options);
  }
  /** Publish to one SNS topic (intent `sns-publish`). */
  grantPublishToTopic(topicArn: string, options: IntentGrantOptions): string {
    return this.intent('sns-publish', topicArn, options);
  }
  /** Read items of one DynamoDB table (intent `dynamodb-read-table`). */
  grantReadTable(tableArn: string, options: IntentGrantOptions): string {
    return this.intent('dynamodb-read-table', tableArn, options);
  }
  /** Write items of one DynamoDB table (intent `dynamodb-write-table`). */
  grantWriteTable(tableArn: string, options: IntentGrantOptions): string {
    return this.intent('dynamodb-write-table', tableArn, options);
  }
  /** Decrypt with one KMS key (intent `kms-decrypt`). */
  grantDecrypt(keyArn: string, options: IntentGrantOptions): string {
    return this.intent('kms-decrypt', keyArn, options);
  }
  /** Write to one log group's streams (intent `logs-write`, resource `<log group ARN>:*`). */
  grantWriteLogs(logGroupArn: string, options: IntentGrantOptions): string {
    return this.intent('logs-write', logGroupStreamsArn(logGroupArn), options);
  }
  /** Pull images from one ECR repository (intent `ecr-pull`). */
  grantPullImage(repositoryArn: string, options: IntentGrantOptions): string {
    return this.intent('ecr-pull', repositoryArn, options);
  }
  /** Invoke one Bedrock model (intent `bedrock-invoke-model`). */
  grantInvokeModel(modelArn: string, options: IntentGrantOptions): string {
    return this.intent('bedrock-invoke-model', modelArn, options);
  }

  private intent(intentId: string, arn: string, options: IntentGrantOptions): string {
    const site = captureCallSite();
    const { actions, resources } = expandIntent(intentId, arn);
    return this.addGrant({ ...(options ?? ({} as IntentGrantOptions)), actions, resources }, intentId, site);
  }

  private addGrant(props: GrantProps, intentId: string | undefined, site: PendingSite): string {
    if (typeof props?.purpose !== 'string' || props.purpose.trim() === '') {
      throw new Error(`workload-iga: a grant of WorkloadIdentity '${this.workloadName}' has no purpose. Say why the workload needs it: { purpose: 'read settlement files' }.`);
    }
    const sid = allocateSid(this.sids, props.purpose, props.sid);
    const grant = recordGrant(props, sid, intentId);
    this.sids.add(sid);
    this.grants.push({ grant, site });
    if (!this.policy) {
      this.policy = new GrantsPolicy(
        this,
        'Grants',
        {
          name: 'workload-iga-grants',
          role: this.role.name,
          policy: Lazy.stringValue({ produce: () => renderPolicy(this.policyDocument()) }),
        },
        () => this.retired === undefined && this.activeGrants().length > 0,
      );
    }
    return sid;
  }

  private isExpired(grant: RecordedGrant): boolean {
    return grant.expiresAt !== undefined && grant.expiresAt.getTime() <= nowFor(this).getTime();
  }

  private activeGrants(): RecordedGrant[] {
    return this.grants.map((g) => g.grant).filter((g) => !this.isExpired(g));
  }

  /** The inline policy of the active grants (as of the synth-time "now"). */
  policyDocument(): PolicyDocument {
    return { Version: '2012-10-17', Statement: this.activeGrants().map(statementFor) };
  }

  /** This identity's entry in the governance manifest (called at synth). */
  toManifestWorkload(): ManifestWorkload {
    const roleAddress = `aws_iam_role.${this.role.friendlyUniqueId}`;
    const policyAddress = this.policy && !this.policy.wigaIsOmitted() ? `aws_iam_role_policy.${this.policy.friendlyUniqueId}` : undefined;
    // What a deployed copy of the retired workload had: its role and, with grants, its inline policy.
    const formerAddresses = this.retired
      ? [roleAddress, ...(this.policy ? [`aws_iam_role_policy.${this.policy.friendlyUniqueId}`] : [])]
      : undefined;
    const grants: ManifestGrant[] = this.grants.map(({ grant, site }) => {
      const expired = this.isExpired(grant);
      const source = resolveCallSite(site);
      return {
        sid: grant.sid,
        purpose: grant.purpose,
        actions: grant.actions,
        resources: grant.resources,
        ...(grant.intent ? { intent: grant.intent } : {}),
        ...(grant.expires ? { expires: grant.expires } : {}),
        status: expired ? 'expired' : 'active',
        ...(!expired && policyAddress ? { policyAddress } : {}),
        ...(source ? { source } : {}),
      };
    });
    const source = resolveCallSite(this.site) ?? sourceOf(this.role);
    return {
      name: this.workloadName,
      kind: this.kind,
      owner: this.owner,
      purpose: this.purpose,
      ...(this.environment !== undefined ? { environment: this.environment } : {}),
      ...(this.reviewEveryDays !== undefined ? { reviewEveryDays: this.reviewEveryDays } : {}),
      ...(this.backupOwner !== undefined ? { backupOwner: this.backupOwner } : {}),
      ...(this.sponsor !== undefined ? { sponsor: this.sponsor } : {}),
      ...(this.maxSessionDuration !== undefined ? { maxSessionDuration: this.maxSessionDuration } : {}),
      ...(this.expires !== undefined ? { expires: this.expires } : {}),
      ...(this.retired ? { retired: this.retired } : {}),
      ...(formerAddresses ? { formerAddresses } : {}),
      roleName: this.literalRoleName,
      roleAddress,
      constructPath: this.node.path,
      attestation: this.attestation.record,
      grants,
      ...(source ? { source } : {}),
    };
  }
}

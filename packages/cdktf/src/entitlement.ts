/**
 * Entitlements: the grants a workload identity holds. A grant is a purpose-labelled statement; the
 * identity synthesizes all its active grants into one inline policy. No rule lives here: whether a
 * grant is too broad is decided by the core's analysis of the synthesized JSON.
 */
import { Token } from 'cdktf';
import { intentById, type Intent } from '@workload-iga/core';
import type { PolicyConditions, PolicyStatement } from './policy-document';

/** Options of `WorkloadIdentity.grant`. */
export interface GrantProps {
  /** IAM actions, e.g. `['s3:GetObject']`. */
  readonly actions: readonly string[];
  /** Resource ARNs (literal or tokens such as `bucket.arn`). */
  readonly resources: readonly string[];
  /** Extra IAM conditions, merged with the expiry condition. */
  readonly conditions?: PolicyConditions;
  /** Why the workload needs this; becomes the Sid unless `sid` is given, and is kept in the manifest. */
  readonly purpose: string;
  /** After this instant the grant stops working (enforced by IAM) and is dropped at synth. */
  readonly expires?: Date | string;
  /** Explicit statement id (alphanumeric). */
  readonly sid?: string;
}

/** Options of the intent helpers (`grantReadBucket`, ...). */
export interface IntentGrantOptions {
  /** Why the workload needs this access. */
  readonly purpose: string;
  /** After this instant the grant stops working and is dropped at synth. */
  readonly expires?: Date | string;
  /** Explicit statement id. */
  readonly sid?: string;
  /** Extra IAM conditions. */
  readonly conditions?: PolicyConditions;
}

/** A grant as recorded by the identity (before the synth-time expiry decision). */
export interface RecordedGrant {
  readonly sid: string;
  readonly purpose: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: PolicyConditions;
  /** ISO timestamp. */
  readonly expires?: string;
  readonly expiresAt?: Date;
  readonly intent?: string;
}

/** IAM Sid: alphanumerics only. */
const SID = /^[A-Za-z0-9]+$/;
const MAX_SID = 64;

/** `read invoices (daily)` → `ReadInvoicesDaily`. */
export function sidFromPurpose(purpose: string): string {
  const words = purpose.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const sid = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('').slice(0, MAX_SID);
  return sid === '' ? 'Grant' : /^[0-9]/.test(sid) ? `G${sid}`.slice(0, MAX_SID) : sid;
}

/** Picks a Sid unique among `taken`: the given one (must be free), or one derived from the purpose. */
export function allocateSid(taken: ReadonlySet<string>, purpose: string, explicit?: string): string {
  if (explicit !== undefined) {
    if (!SID.test(explicit)) throw new Error(`workload-iga: sid '${explicit}' must be alphanumeric (A-Z, a-z, 0-9), as IAM requires.`);
    if (taken.has(explicit)) throw new Error(`workload-iga: sid '${explicit}' is already used by another grant of this identity. Give each grant its own sid or purpose.`);
    return explicit;
  }
  const base = sidFromPurpose(purpose);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = String(i);
    const candidate = base.slice(0, MAX_SID - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Validates grant props and normalises `expires`. */
export function recordGrant(props: GrantProps, sid: string, intent?: string): RecordedGrant {
  if (typeof props?.purpose !== 'string' || props.purpose.trim() === '') {
    throw new Error(`workload-iga: grant needs a 'purpose' (why the workload needs this access), e.g. { purpose: 'read settlement files' }.`);
  }
  if (!Array.isArray(props.actions) || props.actions.length === 0) {
    throw new Error(`workload-iga: grant '${props.purpose}' needs at least one action, e.g. actions: ['s3:GetObject'].`);
  }
  if (!Array.isArray(props.resources) || props.resources.length === 0) {
    throw new Error(`workload-iga: grant '${props.purpose}' needs at least one resource ARN.`);
  }
  let expires: string | undefined;
  let expiresAt: Date | undefined;
  if (props.expires !== undefined) {
    expiresAt = props.expires instanceof Date ? props.expires : new Date(props.expires);
    if (Number.isNaN(expiresAt.getTime())) {
      throw new Error(`workload-iga: grant '${props.purpose}' has an invalid 'expires' (${String(props.expires)}); pass a Date or an ISO date such as '2026-06-30'.`);
    }
    // IAM date conditions take ISO 8601; whole seconds keep it in the form the AWS examples use.
    expires = expiresAt.toISOString().replace('.000Z', 'Z');
  }
  return {
    sid,
    purpose: props.purpose,
    actions: [...props.actions],
    resources: [...props.resources],
    ...(props.conditions ? { conditions: props.conditions } : {}),
    ...(expires ? { expires, expiresAt } : {}),
    ...(intent ? { intent } : {}),
  };
}

/**
 * The statement for an active grant. Expiry is enforced by IAM at request time with
 * `DateLessThan aws:CurrentTime`, so it holds even if nobody re-synthesizes.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html
 */
export function statementFor(grant: RecordedGrant): PolicyStatement {
  const condition: Record<string, Record<string, string | readonly string[]>> = {};
  for (const [op, entries] of Object.entries(grant.conditions ?? {})) condition[op] = { ...entries };
  if (grant.expires) condition.DateLessThan = { ...(condition.DateLessThan ?? {}), 'aws:CurrentTime': grant.expires };
  return {
    Sid: grant.sid,
    Effect: 'Allow',
    Action: grant.actions,
    Resource: grant.resources,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

/** Resource list for an intent applied to one ARN (tokens are concatenated as cdktf strings). */
export function intentResources(intent: Intent, arn: string): string[] {
  return intent.resourceShape === 'bucket-and-objects' ? [arn, `${arn}/*`] : [arn];
}

/** The intent, with the resource list it implies for `arn`. */
export function expandIntent(intentId: string, arn: string): { intent: Intent; actions: string[]; resources: string[] } {
  if (typeof arn !== 'string' || arn === '') throw new Error(`workload-iga: ${intentId} needs a resource ARN.`);
  const intent = intentById(intentId);
  return { intent, actions: [...intent.actions], resources: intentResources(intent, arn) };
}

/**
 * CloudWatch Logs writes target log streams, covered by `<log group ARN>:*`. The provider's
 * `aws_cloudwatch_log_group.arn` has no `:*` suffix, so it is appended unless already there.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html
 */
export function logGroupStreamsArn(logGroupArn: string): string {
  if (!Token.isUnresolved(logGroupArn) && logGroupArn.endsWith(':*')) return logGroupArn;
  return `${logGroupArn}:*`;
}

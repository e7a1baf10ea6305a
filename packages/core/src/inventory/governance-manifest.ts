import type { SourcePosition } from '../findings/finding';

/**
 * The governance manifest: what @workload-iga/cdktf knows at synth time that Terraform does not
 * (declared workloads, their grants, dropped expired grants, suppressions, the TypeScript line that
 * created each block). It is written into the synthesized `cdk.tf.json` under the top-level
 * comment key `"//"` → `"workload-iga"`, which Terraform ignores, so it travels with the synth output.
 */
export const MANIFEST_COMMENT_KEY = 'workload-iga';
export const MANIFEST_VERSION = 1;

export type WorkloadKind = 'service' | 'ci-pipeline' | 'batch-job' | 'ai-agent' | (string & {});

export type AttestationRecord =
  | { readonly type: 'github-oidc'; readonly repository: string; readonly branch?: string; readonly environment?: string; readonly subject: string }
  | { readonly type: 'eks-service-account'; readonly namespace: string; readonly serviceAccount: string; readonly issuer: string; readonly subject: string }
  | { readonly type: 'aws-service'; readonly service: string; readonly sourceAccount?: string; readonly sourceArn?: string }
  | { readonly type: 'cross-account'; readonly accountId: string; readonly principalArn?: string };

export interface ManifestGrant {
  /** The statement Sid synthesized for this grant. */
  readonly sid: string;
  readonly purpose: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Intent helper that produced it (e.g. `s3-read-bucket`), when one did. */
  readonly intent?: string;
  /** ISO timestamp; enforced at run time with `DateLessThan aws:CurrentTime`. */
  readonly expires?: string;
  /** `expired`: already expired at synth, so it was not synthesized. */
  readonly status: 'active' | 'expired';
  /** Address of the policy block the grant is synthesized into (absent when expired). */
  readonly policyAddress?: string;
  readonly source?: SourcePosition;
}

export interface ManifestWorkload {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly owner: string;
  readonly purpose: string;
  readonly environment?: string;
  readonly reviewEveryDays?: number;
  /** Second accountable person or team. */
  readonly backupOwner?: string;
  /** The person who sponsors the workload (required by the constructs for `ai-agent`). */
  readonly sponsor?: string;
  /** Maximum session duration of the role, in seconds, when set (3600 by default for `ai-agent`). */
  readonly maxSessionDuration?: number;
  /** ISO date after which the workload should no longer exist. */
  readonly expires?: string;
  /** Terraform address of the synthesized role, e.g. `aws_iam_role.payments_api_role_1A2B3C4D`. */
  readonly roleAddress: string;
  readonly constructPath: string;
  readonly attestation: AttestationRecord;
  readonly grants: readonly ManifestGrant[];
  readonly source?: SourcePosition;
  /**
   * Set when the workload is de-provisioned: the constructs synthesize no role, policy or key for
   * it and keep this record, so `retired-workload-access` can report anything left behind.
   */
  readonly retired?: { readonly date: string; readonly reason: string };
  /** The role's name (`role/<roleName>` in ARNs), so references to a retired role can be found. */
  readonly roleName?: string;
  /** Terraform addresses the workload's IAM resources had (a retired workload's role, policies, keys). */
  readonly formerAddresses?: readonly string[];
}

export interface ManifestSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
  /** Addresses of the blocks under the suppressed construct. */
  readonly addresses: readonly string[];
  readonly constructPath: string;
  readonly source?: SourcePosition;
}

export interface GovernanceManifest {
  readonly version: typeof MANIFEST_VERSION;
  readonly workloads: readonly ManifestWorkload[];
  /** Terraform address (`aws_iam_role.x`, `data.aws_iam_policy_document.y`) → where the user created it. */
  readonly sources: Readonly<Record<string, SourcePosition>>;
  /**
   * The directory source files are relative to (the synth's working directory), as a path from the
   * directory holding `cdk.tf.json` (e.g. `../../..`). Lets a reader anywhere resolve `sources`.
   */
  readonly sourceRoot?: string;
  readonly suppressions: readonly ManifestSuppression[];
}

/** Tag keys the constructs put on every synthesized role, read back by the inventory (also in plans). */
export const GOVERNANCE_TAGS = {
  workload: 'wiga:workload',
  kind: 'wiga:kind',
  owner: 'wiga:owner',
  purpose: 'wiga:purpose',
  environment: 'wiga:environment',
  backupOwner: 'wiga:backup-owner',
  sponsor: 'wiga:sponsor',
  expires: 'wiga:expires',
} as const;

import type { Finding, Severity, Suppression } from '../findings/finding';
import type { GovernanceContext } from '../governance/types';

/**
 * What kind of text an input is, detected from its content (never from its name alone), except
 * `terraform-hcl`: Terraform's native syntax, read from inputs whose path ends in `.tf`.
 */
export type InputKind = 'cdktf-synth' | 'terraform-json' | 'terraform-hcl' | 'terraform-plan' | 'iam-policy' | 'unknown';

/** One input to analyse: its path (for locations) and its full text. The core never reads files. */
export interface InputFile {
  readonly path: string;
  readonly text: string;
}

/** An input that could not be read or parsed. Always carries file and position. */
export interface InputError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface InputReport {
  readonly file: string;
  readonly kind: InputKind;
  /** `analyzed`: read and checked; `error`: could not be parsed (see `errors`); `skipped`: not an IaC/IAM input. */
  readonly status: 'analyzed' | 'error' | 'skipped';
  readonly errors: readonly InputError[];
}

export interface AnalyzeOptions {
  /** "Now" for expiry decisions (ISO date or Date). Default: the current time. */
  readonly now?: Date;
  /** Account ids that are the user's own (besides the AWS provider's allowed_account_ids). */
  readonly ownAccounts?: readonly string[];
  /** Extra suppressions (e.g. from config), applied like those recorded by the constructs. */
  readonly suppressions?: readonly (Suppression & { readonly address?: string })[];
  /**
   * The governance config (`.wiga.yaml`), teams file and review records. Its `rules` turn rules off
   * or set their severity; its `suppressions` and `ownAccounts` add to those above.
   */
  readonly governance?: GovernanceContext;
}

export interface WorkloadSummary {
  readonly name: string;
  readonly kind?: string;
  readonly owner?: string;
  readonly purpose?: string;
  readonly environment?: string;
  /** Identity addresses (roles/users) that belong to the workload. */
  readonly identities: readonly string[];
  readonly source?: { readonly file: string; readonly line: number; readonly column: number };
}

export interface AnalysisSummary {
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly inputs: number;
  readonly inputErrors: number;
  readonly identities: number;
  readonly workloads: number;
}

export interface AnalysisResult {
  readonly inputs: readonly InputReport[];
  /** Sorted: severity (critical first), then file, address, statement, rule id. */
  readonly findings: readonly Finding[];
  readonly workloads: readonly WorkloadSummary[];
  readonly summary: AnalysisSummary;
}

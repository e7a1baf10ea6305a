/**
 * Findings are data. Formatters (CLI text/JSON, LSP diagnostics, synth-time errors) turn them into
 * text; the engine never concatenates a report.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Stable categories. New ones may be added; none is ever renamed. */
export const CATEGORIES = [
  'wildcard-action',
  'wildcard-resource',
  'privilege-escalation',
  'data-exfiltration',
  'credentials-exposure',
  'resource-exposure',
  'permissions-management',
  'not-action-or-not-resource',
  'trust-wildcard-principal',
  'trust-federated-missing-condition',
  'trust-cross-account-no-external-id',
  'long-lived-credential',
  'admin-policy-attached',
  'unknown-action',
  'invalid-policy',
  'unanalyzable',
  'missing-owner',
  'expired-entitlement',
  'unused-suppression',
  'condition-misuse',
  'confused-deputy',
  'expiring-entitlement',
  'retired-workload-access',
  'review-overdue',
  'review-drift',
  'revoked-entitlement-present',
  'self-review',
  'unowned-identity',
  'sod-violation',
  'new-access',
  'unused-access',
  'org-policy-violation',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A position in a file the user wrote (1-based line and column). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface FindingLocation {
  /** The analysed input file (cdk.tf.json, *.tf.json, plan JSON or policy JSON). */
  readonly file: string;
  /** Terraform address of the block holding the offending statement; absent for a raw policy file. */
  readonly address?: string;
  /** The statement's Sid, or `Statement[i]` when it has none. */
  readonly statement?: string;
  /** 1-based position in `file`. */
  readonly line?: number;
  readonly column?: number;
  /** End of the span (exclusive), when the finding is about one token or element. */
  readonly endLine?: number;
  readonly endColumn?: number;
  /** CDKTF construct path from the block's `//` metadata. */
  readonly constructPath?: string;
  /** Where the user created the construct (TypeScript), recorded by @workload-iga/cdktf. */
  readonly source?: SourcePosition;
}

export interface RelatedLocation {
  readonly address?: string;
  readonly statement?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly source?: SourcePosition;
  /** Why it is related, e.g. "role the policy is attached to". */
  readonly role: string;
}

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD); after it the suppression no longer applies. */
  readonly expires?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly message: string;
  readonly location: FindingLocation;
  readonly related: readonly RelatedLocation[];
  /** Name of the workload the finding belongs to, when the identity maps to one. */
  readonly workload?: string;
  /** Terraform address of the identity (role/user/group) the finding applies to. */
  readonly identity?: string;
  /** Machine-readable facts behind the finding (actions, keys, ...). */
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** One-line fix. Narrowing a privilege is always a suggestion, never applied automatically. */
  readonly suggestion?: string;
  readonly suppressed?: { readonly reason: string; readonly expires?: string };
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** True when `severity` is at or above `threshold`. */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

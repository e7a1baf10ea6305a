/**
 * Governance inputs: the `.wiga.yaml` config, the teams file (`governance/owners.yaml`) and access
 * review records (`governance/reviews/<workload>/<date>.yaml`). Plain data; the parsers live in
 * `config.ts`, `owners.ts` and `reviews.ts`.
 */
import type { InputError } from '../engine/analysis';
import type { Severity } from '../findings/finding';

export type ReviewDecision = 'keep' | 'reduce' | 'revoke';

export interface Team {
  readonly id: string;
  readonly name?: string;
  readonly members: readonly string[];
  readonly contacts?: { readonly email?: string; readonly slack?: string; readonly pager?: string };
}

/** governance/owners.yaml */
export interface TeamsFile {
  readonly file: string;
  readonly teams: readonly Team[];
}

export interface ForbiddenActionsPolicy {
  readonly actions: readonly string[];
  readonly environments?: readonly string[];
  readonly kinds?: readonly string[];
  readonly reason: string;
}

/** A pair of action-pattern sets one identity must not hold together. */
export interface SeparationOfDuties {
  readonly name: string;
  readonly first: readonly string[];
  readonly second: readonly string[];
  readonly reason?: string;
}

/** .wiga.yaml */
export interface GovernanceConfig {
  readonly file: string;
  readonly ownAccounts?: readonly string[];
  readonly failOn?: Severity | 'none';
  readonly rules?: Readonly<Record<string, 'off' | Severity>>;
  /** Path of the teams file, relative to the config; default 'governance/owners.yaml'. */
  readonly owners?: string;
  readonly reviews?: {
    /** Default 'governance/reviews'. */
    readonly directory?: string;
    /** Default 'forbid'. */
    readonly selfReview?: 'allow' | 'forbid';
    readonly cadenceDays?: {
      /** Default 180. */
      readonly default?: number;
      /** Default 90. */
      readonly privileged?: number;
      /** Default 90. */
      readonly aiAgent?: number;
      readonly byKind?: Readonly<Record<string, number>>;
    };
  };
  /** Default 14. */
  readonly expiringWithinDays?: number;
  readonly policy?: {
    readonly forbiddenActions?: readonly ForbiddenActionsPolicy[];
    readonly separationOfDuties?: readonly SeparationOfDuties[];
    readonly maxSessionDurationSeconds?: number;
    readonly requirePermissionsBoundary?: boolean | string;
  };
  readonly suppressions?: readonly {
    readonly rule: string;
    readonly address?: string;
    readonly reason: string;
    readonly expires?: string;
  }[];
}

/** governance/reviews/<workload>/<date>.yaml */
export interface ReviewRecord {
  readonly file: string;
  readonly workload: string;
  readonly identity?: string;
  readonly reviewer: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly decision: ReviewDecision;
  readonly comment?: string;
  /** sha256:<hex> of the permission set reviewed. */
  readonly digest: string;
  /** Actions (or grant Sids) the reviewer revoked. */
  readonly revoke?: readonly string[];
}

export interface GovernanceContext {
  readonly config?: GovernanceConfig;
  readonly teams?: TeamsFile;
  readonly reviews?: readonly ReviewRecord[];
}

/** InputError: {file, line, column, message}. */
export interface ParseResult<T> {
  readonly value?: T;
  readonly problems: readonly InputError[];
}

/**
 * The governance view of an analysis: one row per workload (and per hand-written identity) with
 * kind, attestation, entitlements by service and access level, owners, reviews and findings. The
 * CLI's `wiga inventory` (table/json/csv) and `wiga review` render it; nothing here formats text.
 */
import { expandAction, type AccessLevel } from '../catalog/iam-catalog';
import { identityPermissions, removal } from '../effective/identity-permissions';
import { analyzeDetailed } from '../engine/analyze';
import type { AnalysisResult, AnalyzeOptions, InputFile } from '../engine/analysis';
import { SEVERITIES, type Finding, type Severity } from '../findings/finding';
import type { AttestationRecord } from '../inventory/governance-manifest';
import type { Identity, Inventory } from '../inventory/inventory';
import { ownerHints } from '../rules/governance-support';
import { permissionDigest } from './digest';
import { findTeam } from './owners';
import { latestReview, reviewCadence, reviewDue, type CadenceBasis } from './reviews';
import type { GovernanceContext, ReviewDecision, Team } from './types';
import { workloadsOf } from './workloads';

export interface EntitlementSummary {
  /** Service prefix (`s3`), or `*` for `Action: "*"` / NotAction. */
  readonly service: string;
  /** Access levels of the granted actions, in catalogue order (List, Read, Write, Permissions management, Tagging). */
  readonly accessLevels: readonly AccessLevel[];
  /** The action patterns as written (lower-cased, sorted). */
  readonly actions: readonly string[];
  /** True when some grant of the service covers every resource (`*`). */
  readonly allResources: boolean;
}

export interface WorkloadGovernance {
  /** Workload name; for a hand-written identity without `wiga:workload`, its address. */
  readonly workload: string;
  readonly kind?: string;
  readonly identity: string;
  readonly file: string;
  readonly environment?: string;
  readonly purpose?: string;
  /** How the workload proves who it is, e.g. `github-oidc acme/payments (environment prod)`. */
  readonly attestation?: string;
  readonly entitlements: readonly EntitlementSummary[];
  readonly owner?: string;
  readonly ownerTeam?: Team;
  readonly backupOwner?: string;
  readonly sponsor?: string;
  readonly expires?: string;
  readonly lastReview?: { readonly date: string; readonly reviewer: string; readonly decision: ReviewDecision; readonly file: string; readonly digest: string };
  /** YYYY-MM-DD, or `now` when never reviewed. */
  readonly nextReviewDue: string;
  readonly reviewOverdue: boolean;
  readonly cadenceDays: number;
  readonly cadenceBasis: CadenceBasis;
  /** `sha256:<hex>` of the effective permissions now (what `wiga review` records). */
  readonly digest: string;
  /** Whether the latest review saw these permissions (absent when never reviewed). */
  readonly reviewedDigestCurrent?: boolean;
  readonly status: 'active' | 'retired' | 'unowned';
  readonly retired?: { readonly date: string; readonly reason: string };
  /** Unsuppressed findings by severity. */
  readonly findings: Readonly<Record<Severity, number>>;
  /** The unsuppressed findings about this identity (sorted as in the analysis). */
  readonly findingList: readonly Finding[];
}

export interface GovernanceReport {
  readonly result: AnalysisResult;
  readonly workloads: readonly WorkloadGovernance[];
  readonly generatedAt: string;
}

const LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** The effective permissions of an identity, summarised by service and access level. */
export function entitlementsOf(identity: Identity, inventory: Inventory): EntitlementSummary[] {
  const permissions = identityPermissions(identity, inventory);
  const byService = new Map<string, { levels: Set<AccessLevel>; actions: Set<string>; all: boolean }>();
  const entry = (service: string) => {
    let e = byService.get(service);
    if (!e) byService.set(service, (e = { levels: new Set(), actions: new Set(), all: false }));
    return e;
  };
  for (const { statement } of permissions.allows) {
    const element = statement.action;
    if (!element) continue;
    const all = !statement.resource?.negated && (statement.resource?.values.includes('*') ?? false);
    if (element.negated) {
      const e = entry('*');
      for (const l of LEVELS) e.levels.add(l);
      e.actions.add(`notaction:${element.lower.join(',')}`);
      e.all ||= all;
      continue;
    }
    for (const pattern of element.lower) {
      if (removal(permissions, statement, pattern)) continue;
      if (pattern === '*') {
        const e = entry('*');
        for (const l of LEVELS) e.levels.add(l);
        e.actions.add('*');
        e.all ||= all;
        continue;
      }
      const service = pattern.slice(0, pattern.indexOf(':')) || pattern;
      const e = entry(service);
      e.actions.add(pattern);
      e.all ||= all;
      for (const action of expandAction(pattern).actions) for (const level of action.accessLevels) e.levels.add(level);
    }
  }
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, e]) => ({ service, accessLevels: LEVELS.filter((l) => e.levels.has(l)), actions: [...e.actions].sort(), allResources: e.all }));
}

export function describeAttestation(a: AttestationRecord): string {
  switch (a.type) {
    case 'github-oidc':
      return `github-oidc ${a.repository}${a.environment ? ` (environment ${a.environment})` : a.branch ? ` (branch ${a.branch})` : ''}`;
    case 'eks-service-account':
      return `eks-service-account ${a.namespace}/${a.serviceAccount}`;
    case 'aws-service':
      return `aws-service ${a.service}`;
    case 'cross-account':
      return `cross-account ${a.accountId}`;
  }
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}

/**
 * One row per workload of the inventories (retired ones too) and per hand-written role or user
 * without a workload, sorted by workload name then identity.
 */
export function inventoryRows(result: AnalysisResult, inventories: readonly Inventory[], governance: GovernanceContext | undefined, now: Date): WorkloadGovernance[] {
  const rows: WorkloadGovernance[] = [];
  const open = result.findings.filter((f) => !f.suppressed);
  for (const inventory of inventories) {
    const covered = new Set<string>();
    const row = (args: {
      name: string; identity?: Identity; address: string; file: string; kind?: string; environment?: string; purpose?: string; attestation?: string;
      owner?: string; backupOwner?: string; sponsor?: string; expires?: string; reviewEveryDays?: number; retired?: { date: string; reason: string };
    }): WorkloadGovernance => {
      const findingList = open.filter((f) => f.identity === args.address || (f.identity === undefined && f.location.address === args.address));
      const counts = countBySeverity(findingList);
      const privileged = counts.critical + counts.high > 0;
      const cadence = reviewCadence({ ...(args.kind !== undefined && { kind: args.kind }), ...(args.reviewEveryDays !== undefined && { reviewEveryDays: args.reviewEveryDays }) }, governance?.config, privileged);
      const last = latestReview(governance?.reviews, args.name, args.address);
      const due = reviewDue(last?.date, cadence.days, now);
      const digest = args.identity ? permissionDigest(args.identity, inventory) : 'sha256:' + '0'.repeat(64);
      const team = findTeam(governance?.teams, args.owner);
      return {
        workload: args.name,
        ...(args.kind !== undefined && { kind: args.kind }),
        identity: args.address,
        file: args.file,
        ...(args.environment !== undefined && { environment: args.environment }),
        ...(args.purpose !== undefined && { purpose: args.purpose }),
        ...(args.attestation !== undefined && { attestation: args.attestation }),
        entitlements: args.identity ? entitlementsOf(args.identity, inventory) : [],
        ...(args.owner !== undefined && { owner: args.owner }),
        ...(team && { ownerTeam: team }),
        ...(args.backupOwner !== undefined && { backupOwner: args.backupOwner }),
        ...(args.sponsor !== undefined && { sponsor: args.sponsor }),
        ...(args.expires !== undefined && { expires: args.expires }),
        ...(last && { lastReview: { date: last.date, reviewer: last.reviewer, decision: last.decision, file: last.file, digest: last.digest } }),
        nextReviewDue: due.due ?? 'now',
        reviewOverdue: due.overdue && !args.retired,
        cadenceDays: cadence.days,
        cadenceBasis: cadence.basis,
        digest,
        ...(last && { reviewedDigestCurrent: last.digest === digest }),
        status: args.retired ? 'retired' : args.owner ? 'active' : 'unowned',
        ...(args.retired && { retired: args.retired }),
        findings: counts,
        findingList,
      };
    };
    for (const w of workloadsOf(inventory)) {
      covered.add(w.address);
      rows.push(row({
        name: w.name, address: w.address, file: w.manifest?.file ?? w.origin.file,
        ...(w.identity && { identity: w.identity }),
        ...(w.kind !== undefined && { kind: w.kind }),
        ...(w.environment !== undefined && { environment: w.environment }),
        ...(w.purpose !== undefined && { purpose: w.purpose }),
        ...((w.manifest || w.identity) && { attestation: w.manifest ? describeAttestation(w.manifest.workload.attestation) : hintText(w.identity!) }),
        ...(w.owner !== undefined && { owner: w.owner }),
        ...(w.backupOwner !== undefined && { backupOwner: w.backupOwner }),
        ...(w.sponsor !== undefined && { sponsor: w.sponsor }),
        ...(w.expires !== undefined && { expires: w.expires }),
        ...(w.reviewEveryDays !== undefined && { reviewEveryDays: w.reviewEveryDays }),
        ...(w.retired && { retired: w.retired }),
      }));
    }
    for (const identity of inventory.identities) {
      if (identity.kind === 'group' || covered.has(identity.address)) continue;
      const owner = identity.tags['wiga:owner']?.trim();
      const attestation = hintText(identity);
      rows.push(row({ name: identity.address, identity, address: identity.address, file: identity.origin.file, ...(attestation !== undefined && { attestation }), ...(owner && { owner }) }));
    }
  }
  return rows.sort((a, b) => a.workload.localeCompare(b.workload) || a.identity.localeCompare(b.identity));
}

function hintText(identity: Identity): string | undefined {
  const hints = ownerHints(identity);
  if (hints.length === 0) return identity.kind === 'user' ? 'iam-user' : undefined;
  return hints.map((h) => (h.source === 'github' ? `github-oidc ${h.value}` : h.source === 'eks' ? `eks-service-account ${h.value}` : `aws-service ${h.value}`)).join('; ');
}

/**
 * Analyses the inputs with the governance context and returns the analysis and one governance row
 * per workload: the single call behind `wiga inventory`, `wiga review` and `wiga evidence`.
 */
export function governanceReport(inputs: readonly InputFile[], options: AnalyzeOptions = {}): GovernanceReport {
  const now = options.now ?? new Date();
  const { result, inventories } = analyzeDetailed(inputs, { ...options, now });
  return { result, workloads: inventoryRows(result, inventories, options.governance, now), generatedAt: now.toISOString() };
}

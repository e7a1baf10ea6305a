/**
 * Formatters of the governance commands (`wiga review`, `wiga inventory`, `wiga rightsize`). Pure
 * functions of plain rows, which `main.ts` builds from the core's reports: the same rows always give
 * the same bytes.
 */
import { SEVERITIES, type RightsizedWorkload, type Severity } from '@workload-iga/core';
import { TOOL_NAME } from './json';
import { createStyle } from './style';

/** Access of one service at one access level (`s3`, `Read`, 3 actions). */
export interface ServiceAccess {
  readonly service: string;
  /** IAM access levels: List, Read, Write, Permissions management, Tagging (or `*` for everything). */
  readonly levels: readonly string[];
}

export interface LastReview {
  readonly date: string;
  readonly reviewer: string;
  readonly decision: string;
  readonly file?: string;
}

export type ReviewStatus = 'ok' | 'due' | 'overdue';

/** One line of `wiga review`. */
export interface ReviewRow {
  readonly workload: string;
  readonly owner?: string;
  readonly kind?: string;
  readonly identity?: string;
  readonly permissions: readonly ServiceAccess[];
  /** Unsuppressed findings of the workload by severity. */
  readonly findings: Readonly<Record<Severity, number>>;
  readonly lastReview?: LastReview;
  /** YYYY-MM-DD; absent when never reviewed (due now). */
  readonly nextDue?: string;
  readonly cadenceDays?: number;
  readonly digest?: string;
  readonly status: ReviewStatus;
  /** Why the status is not ok: never reviewed, overdue by N days, permissions changed since the review. */
  readonly reason?: string;
  readonly retired?: boolean;
}

/** One line of `wiga inventory`. */
export interface InventoryRow {
  readonly workload: string;
  readonly identity?: string;
  readonly kind?: string;
  /** How the workload proves who it is, e.g. `github-oidc repo:acme/app:environment:prod`. */
  readonly attestation?: string;
  readonly entitlements: readonly ServiceAccess[];
  readonly owner?: string;
  readonly backupOwner?: string;
  readonly sponsor?: string;
  readonly environment?: string;
  readonly expires?: string;
  readonly lastReview?: LastReview;
  readonly nextDue?: string;
  readonly status: ReviewStatus | 'retired';
}

/** `s3: List, Read; kms: Write` */
export function accessSummary(access: readonly ServiceAccess[]): string {
  return access.map((a) => `${a.service}: ${a.levels.join(', ')}`).join('; ');
}

function findingSummary(findings: Readonly<Record<Severity, number>>): string {
  const parts = SEVERITIES.filter((s) => (findings[s] ?? 0) > 0).map((s) => `${findings[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function reviewSummary(review: LastReview | undefined): string {
  return review ? `${review.date} ${review.reviewer} (${review.decision})` : 'never';
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[], bold: (text: string) => string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)];
}

/**
 * `wiga review` as text: one row per workload (worst status first, then by name), then one detail
 * line per workload that is not ok, then a summary line.
 */
export function formatReviewText(rows: readonly ReviewRow[], options: { readonly color: boolean; readonly date: string }): string {
  const style = createStyle(options.color);
  const sorted = sortReviewRows(rows);
  const lines = table(
    ['workload', 'owner', 'kind', 'permissions', 'findings', 'last review', 'next due', 'digest', 'status'],
    sorted.map((r) => [
      r.workload,
      r.owner ?? '-',
      r.kind ?? '-',
      accessSummary(r.permissions) || '-',
      findingSummary(r.findings),
      reviewSummary(r.lastReview),
      r.nextDue ?? 'now',
      r.digest ? r.digest.slice(0, 'sha256:'.length + 12) : '-',
      r.status,
    ]),
    style.bold,
  );
  const notes = sorted.filter((r) => r.reason);
  if (notes.length > 0) {
    lines.push('');
    for (const r of notes) lines.push(`  ${r.workload}: ${r.reason}`);
  }
  const count = (status: ReviewStatus) => sorted.filter((r) => r.status === status).length;
  lines.push('', `${sorted.length} workload${sorted.length === 1 ? '' : 's'} on ${options.date}: ${count('overdue')} overdue, ${count('due')} due, ${count('ok')} ok`);
  return lines.join('\n') + '\n';
}

/** `wiga review --format json`. Optional keys are omitted, never null. */
export function formatReviewJson(rows: readonly ReviewRow[], options: { readonly version: string; readonly date: string }): string {
  const sorted = sortReviewRows(rows);
  const workloads = sorted.map((r) =>
    compact({
      workload: r.workload,
      owner: r.owner,
      kind: r.kind,
      identity: r.identity,
      permissions: r.permissions.map((p) => ({ service: p.service, levels: [...p.levels] })),
      findings: Object.fromEntries(SEVERITIES.map((s) => [s, r.findings[s] ?? 0])),
      lastReview: r.lastReview && compact({ date: r.lastReview.date, reviewer: r.lastReview.reviewer, decision: r.lastReview.decision, file: r.lastReview.file }),
      nextDue: r.nextDue,
      cadenceDays: r.cadenceDays,
      digest: r.digest,
      status: r.status,
      reason: r.reason,
      retired: r.retired || undefined,
    }),
  );
  const count = (status: ReviewStatus) => sorted.filter((r) => r.status === status).length;
  return (
    JSON.stringify(
      { tool: { name: TOOL_NAME, version: options.version }, date: options.date, workloads, summary: { workloads: sorted.length, overdue: count('overdue'), due: count('due'), ok: count('ok') } },
      null,
      2,
    ) + '\n'
  );
}

const STATUS_ORDER: Record<string, number> = { overdue: 0, due: 1, ok: 2, retired: 3 };

function sortReviewRows(rows: readonly ReviewRow[]): ReviewRow[] {
  return [...rows].sort((a, b) => STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || compare(a.workload, b.workload));
}

const INVENTORY_COLUMNS = ['workload', 'identity', 'kind', 'attestation', 'entitlements', 'owner', 'last review', 'next due', 'status'] as const;

function inventoryCells(r: InventoryRow): string[] {
  return [r.workload, r.identity ?? '-', r.kind ?? '-', r.attestation ?? '-', accessSummary(r.entitlements) || '-', r.owner ?? '-', reviewSummary(r.lastReview), r.nextDue ?? (r.status === 'retired' ? '-' : 'now'), r.status];
}

function sortInventory(rows: readonly InventoryRow[]): InventoryRow[] {
  return [...rows].sort((a, b) => compare(a.workload, b.workload) || compare(a.identity ?? '', b.identity ?? ''));
}

/** `wiga inventory` as an aligned table, sorted by workload. */
export function formatInventoryTable(rows: readonly InventoryRow[], options: { readonly color: boolean }): string {
  const style = createStyle(options.color);
  const sorted = sortInventory(rows);
  const lines = table([...INVENTORY_COLUMNS], sorted.map(inventoryCells), style.bold);
  lines.push('', `${sorted.length} workload${sorted.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}

/**
 * `wiga inventory --format csv`: RFC 4180 — CRLF line ends, a header row, a field quoted when it
 * holds a comma, a double quote, CR or LF, with its quotes doubled. Review columns are split so a
 * spreadsheet can sort by them.
 */
export function formatInventoryCsv(rows: readonly InventoryRow[]): string {
  const header = ['workload', 'identity', 'kind', 'attestation', 'entitlements', 'owner', 'backup_owner', 'sponsor', 'environment', 'expires', 'last_review_date', 'last_reviewer', 'last_decision', 'next_due', 'status'];
  const records = sortInventory(rows).map((r) => [
    r.workload,
    r.identity ?? '',
    r.kind ?? '',
    r.attestation ?? '',
    accessSummary(r.entitlements),
    r.owner ?? '',
    r.backupOwner ?? '',
    r.sponsor ?? '',
    r.environment ?? '',
    r.expires ?? '',
    r.lastReview?.date ?? '',
    r.lastReview?.reviewer ?? '',
    r.lastReview?.decision ?? '',
    r.nextDue ?? '',
    r.status,
  ]);
  return [header, ...records].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One CSV field per RFC 4180 section 2. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `wiga inventory --format json`. */
export function formatInventoryJson(rows: readonly InventoryRow[], options: { readonly version: string }): string {
  const workloads = sortInventory(rows).map((r) =>
    compact({
      workload: r.workload,
      identity: r.identity,
      kind: r.kind,
      attestation: r.attestation,
      entitlements: r.entitlements.map((e) => ({ service: e.service, levels: [...e.levels] })),
      owner: r.owner,
      backupOwner: r.backupOwner,
      sponsor: r.sponsor,
      environment: r.environment,
      expires: r.expires,
      lastReview: r.lastReview && compact({ date: r.lastReview.date, reviewer: r.lastReview.reviewer, decision: r.lastReview.decision, file: r.lastReview.file }),
      nextDue: r.nextDue,
      status: r.status,
    }),
  );
  return JSON.stringify({ tool: { name: TOOL_NAME, version: options.version }, workloads }, null, 2) + '\n';
}

function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What `wiga rightsize` prints, from the core's result (caveats always included). */
export interface RightsizeView {
  readonly days: number;
  readonly workloads: readonly RightsizedWorkload[];
  readonly caveats: readonly string[];
}

const JSON_INDENT = '    ';

/** `wiga rightsize` as text: per role its unused services and actions and the suggested grant, then the caveats. */
export function formatRightsizeText(view: RightsizeView, options: { readonly color: boolean }): string {
  const style = createStyle(options.color);
  const lines: string[] = [];
  const withUnused = view.workloads.filter(hasUnused);
  for (const w of view.workloads) {
    lines.push(style.bold(`${w.workload ? `workload ${w.workload}` : `identity ${w.identity}`}  (${w.identity}, role ${w.roleName}; usage from ${w.advisorFile})`));
    if (!hasUnused(w)) {
      lines.push(`  every granted service and tracked action was used in the last ${view.days} days`, '');
      continue;
    }
    if (w.unusedServices.length > 0) {
      lines.push(`  unused services (not used in ${view.days} days): ${w.unusedServices.map((s) => `${s.service} (${lastUsed(s.lastAuthenticated)})`).join(', ')}`);
    }
    if (w.unusedActions.length > 0) {
      lines.push(`  unused actions: ${w.unusedActions.map((a) => `${a.action} (${lastUsed(a.lastAccessed)})`).join(', ')}`);
    }
    lines.push('  suggested grant (a suggestion for review, never applied):');
    for (const line of JSON.stringify(w.suggestedGrant, null, 2).split('\n')) lines.push(JSON_INDENT + style.green(line));
    lines.push('');
  }
  lines.push(style.bold('Caveats'));
  for (const caveat of view.caveats) lines.push(`  - ${caveat}`);
  lines.push('', `${view.workloads.length} role${view.workloads.length === 1 ? '' : 's'} compared with last-accessed data, ${withUnused.length} with unused access (window: ${view.days} days)`);
  return lines.join('\n') + '\n';
}

/** `wiga rightsize --format json`. */
export function formatRightsizeJson(view: RightsizeView, options: { readonly version: string }): string {
  return (
    JSON.stringify(
      {
        tool: { name: TOOL_NAME, version: options.version },
        days: view.days,
        workloads: view.workloads.map((w) =>
          compact({
            workload: w.workload,
            identity: w.identity,
            roleName: w.roleName,
            advisorFile: w.advisorFile,
            unusedServices: w.unusedServices.map((s) => compact({ service: s.service, lastAuthenticated: s.lastAuthenticated })),
            unusedActions: w.unusedActions.map((a) => compact({ action: a.action, lastAccessed: a.lastAccessed })),
            suggestedGrant: w.suggestedGrant,
          }),
        ),
        caveats: [...view.caveats],
      },
      null,
      2,
    ) + '\n'
  );
}

export function hasUnused(w: RightsizedWorkload): boolean {
  return w.unusedServices.length > 0 || w.unusedActions.length > 0;
}

function lastUsed(iso: string | undefined): string {
  return iso ? `last used ${iso.slice(0, 10)}` : 'not used in the tracking period';
}

/**
 * Access review records: `governance/reviews/<workload>/<date>.yaml`, one per review, written by
 * `wiga review` and kept in git (the history is the audit trail).
 *
 * ```yaml
 * # Access review of workload 'payments-api' ...
 * workload: payments-api
 * identity: aws_iam_role.app
 * reviewer: alice
 * date: 2026-05-01
 * decision: reduce
 * comment: drop the delete permission
 * digest: sha256:...
 * revoke: [s3:DeleteObject]
 * ```
 */
import { stringify } from 'yaml';
import type { GovernanceConfig, ParseResult, ReviewRecord } from './types';
import { DEFAULT_CADENCE_DAYS } from './defaults';
import { readYaml, type Shape } from './yaml-input';

const REVIEW_SHAPE: Shape = {
  t: 'object',
  fields: {
    workload: { t: 'string' },
    identity: { t: 'string' },
    reviewer: { t: 'string' },
    date: { t: 'date' },
    decision: { t: 'enum', values: ['keep', 'reduce', 'revoke'] },
    comment: { t: 'string' },
    digest: { t: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternText: "'sha256:' followed by 64 lower-case hex digits (as `wiga review` writes it)" },
    revoke: { t: 'list', of: { t: 'string' } },
  },
  required: ['workload', 'reviewer', 'date', 'decision', 'digest'],
};

/** Parses one review record. `value` is set only when there is no problem. */
export function parseReviewRecord(text: string, file: string): ParseResult<ReviewRecord> {
  const read = readYaml(text, file, REVIEW_SHAPE);
  if (read.problems.length > 0) return { problems: read.problems };
  const value = read.value as Omit<ReviewRecord, 'file'>;
  if (value.revoke !== undefined && value.decision === 'keep') {
    return { problems: [{ file, ...read.positionOf(['revoke']), message: "'revoke' lists what the reviewer took away; it needs decision 'reduce' or 'revoke', not 'keep'" }] };
  }
  if (value.decision === 'reduce' && (value.revoke === undefined || value.revoke.length === 0)) {
    return { problems: [{ file, ...read.positionOf(['decision']), message: "decision 'reduce' needs 'revoke': the actions (or grant Sids) to take away" }] };
  }
  return { value: { file, ...value }, problems: [] };
}

const ORDER = ['workload', 'identity', 'reviewer', 'date', 'decision', 'comment', 'digest', 'revoke'] as const;

/** The record as YAML: fixed key order, a leading comment, no `file` (it is the path). */
export function renderReviewRecord(record: ReviewRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (record[key] !== undefined) ordered[key] = record[key];
  const header = [
    `# Access review of workload '${record.workload}'${record.identity ? ` (${record.identity})` : ''} by ${record.reviewer} on ${record.date}: ${record.decision}.`,
    '# Written by `wiga review record`. digest is the sha256 of the permission set reviewed; wiga reports',
    '# review-drift when the permissions change after this review.',
  ];
  return `${header.join('\n')}\n${stringify(ordered, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
}

/** The path a review record is written to, relative to the repository: `<directory>/<workload>/<date>.yaml`. */
export function reviewRecordPath(record: Pick<ReviewRecord, 'workload' | 'date'>, directory = 'governance/reviews'): string {
  const safe = record.workload.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${directory.replace(/\/+$/, '')}/${safe}/${record.date}.yaml`;
}

/** Reviews of one workload (and, when a record names one, of that identity), oldest first. */
export function reviewsOf(reviews: readonly ReviewRecord[] | undefined, workload: string, identity?: string): ReviewRecord[] {
  return (reviews ?? [])
    .filter((r) => r.workload === workload && (r.identity === undefined || identity === undefined || r.identity === identity))
    .sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
}

/** The most recent review of a workload, if any. */
export function latestReview(reviews: readonly ReviewRecord[] | undefined, workload: string, identity?: string): ReviewRecord | undefined {
  return reviewsOf(reviews, workload, identity).at(-1);
}

export type CadenceBasis = 'workload' | 'kind' | 'ai-agent' | 'privileged' | 'default';

/**
 * How often a workload must be reviewed: its own `reviewEveryDays`, else the config's `byKind`,
 * else `aiAgent` for an ai-agent, else `privileged` when it holds privileged access, else `default`.
 */
export function reviewCadence(
  workload: { readonly kind?: string; readonly reviewEveryDays?: number },
  config: GovernanceConfig | undefined,
  privileged: boolean,
): { readonly days: number; readonly basis: CadenceBasis } {
  const cadence = config?.reviews?.cadenceDays;
  if (workload.reviewEveryDays !== undefined && workload.reviewEveryDays > 0) return { days: workload.reviewEveryDays, basis: 'workload' };
  const byKind = workload.kind !== undefined ? cadence?.byKind?.[workload.kind] : undefined;
  if (byKind !== undefined) return { days: byKind, basis: 'kind' };
  if (workload.kind === 'ai-agent') return { days: cadence?.aiAgent ?? DEFAULT_CADENCE_DAYS.aiAgent, basis: 'ai-agent' };
  if (privileged) return { days: cadence?.privileged ?? DEFAULT_CADENCE_DAYS.privileged, basis: 'privileged' };
  return { days: cadence?.default ?? DEFAULT_CADENCE_DAYS.default, basis: 'default' };
}

export interface ReviewDue {
  /** YYYY-MM-DD the next review is due; absent when never reviewed (due now). */
  readonly due?: string;
  readonly overdue: boolean;
  /** Days past the due date (0 when not overdue; absent when never reviewed). */
  readonly daysOverdue?: number;
}

const DAY = 86_400_000;

/** When the next review is due, from the last review's date and the cadence. Never reviewed: overdue. */
export function reviewDue(lastReview: string | undefined, cadenceDays: number, now: Date): ReviewDue {
  if (lastReview === undefined) return { overdue: true };
  const dueTime = Date.parse(`${lastReview}T00:00:00Z`) + cadenceDays * DAY;
  const due = new Date(dueTime).toISOString().slice(0, 10);
  const late = Math.floor((now.getTime() - dueTime) / DAY);
  return late > 0 ? { due, overdue: true, daysOverdue: late } : { due, overdue: false, daysOverdue: 0 };
}

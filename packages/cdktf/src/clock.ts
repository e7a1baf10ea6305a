/**
 * "Now" for synth-time expiry decisions. Tests and reproducible builds need to pin it, so it comes
 * from (first match): a `now` set through `Governance.of(scope)` on the construct or an ancestor,
 * the `WIGA_NOW` environment variable (ISO date/time), then the system clock.
 */
import type { IConstruct } from 'constructs';

const pinned = new WeakMap<IConstruct, Date>();

/** Pins "now" for everything under `scope` (used by `Governance`). */
export function pinNow(scope: IConstruct, now: Date | string): void {
  pinned.set(scope, toDate(now, 'now'));
}

/** The effective "now" for `scope`. */
export function nowFor(scope: IConstruct): Date {
  for (const s of [...scope.node.scopes].reverse()) {
    const p = pinned.get(s);
    if (p) return p;
  }
  const env = process.env.WIGA_NOW;
  if (env !== undefined && env !== '') return toDate(env, 'WIGA_NOW');
  return new Date(Date.now());
}

/** Parses a Date or an ISO string, throwing a message that names the offending input. */
export function toDate(value: Date | string, what: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new Error(`workload-iga: ${what} must be a Date or an ISO 8601 date/time such as '2026-06-30' or '2026-06-30T00:00:00Z', got '${String(value)}'.`);
  }
  return d;
}

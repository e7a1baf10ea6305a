/**
 * Values of Terraform attributes as the inventory sees them: plain JSON where known, a reference
 * marker where the value is another block's attribute (one specific resource, not a wildcard), and
 * an explicit `UnknownValue` where it cannot be known before apply.
 */

/** A value that cannot be known statically; `references` names what it depends on. */
export class UnknownValue {
  constructor(
    readonly reason: string,
    readonly references: readonly string[] = [],
    /**
     * Set for values that are one specific but unknown thing (a variable, a local that depends on
     * one): inside a string they become an opaque hole (`repo:«~var.org»/app`) instead of making
     * the whole string unknown. A hole is never a wildcard.
     */
    readonly hole?: string,
  ) {}
}

/** An opaque hole for an unknown specific value inside a string (`«~var.org»`). */
export function holeMarker(reference: string): string {
  return `${OPEN}${HOLE}${reference}${CLOSE}`;
}

/** True when the string holds a hole (part of it is an unknown specific value). */
export function hasHole(value: string): boolean {
  return value.includes(`${OPEN}${HOLE}`);
}

export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}

const OPEN = '\u00ab';
const CLOSE = '\u00bb';
/** Marks a hole; not `?` or `*`, which are IAM wildcards. */
const HOLE = '~';

/** The references behind every hole in a string. */
export function holesIn(value: string): string[] {
  return [...value.matchAll(/\u00ab~([^\u00bb]*)\u00bb/g)].map((m) => m[1]!);
}

/**
 * A reference to another block's attribute (`aws_s3_bucket.data.arn`), kept as text so it can sit
 * inside a concatenated string (`«aws_s3_bucket.data.arn»/*`). It contains no IAM wildcard, so it
 * stands for one specific resource.
 */
export function referenceMarker(reference: string): string {
  return `${OPEN}${reference}${CLOSE}`;
}

/** The reference when `value` is exactly one marker, e.g. `aws_iam_policy.p.arn`. */
export function wholeReference(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(OPEN) || !value.endsWith(CLOSE)) return undefined;
  const inner = value.slice(1, -1);
  return inner.includes(OPEN) || inner.startsWith(HOLE) ? undefined : inner;
}

/** Every reference marker inside a string. */
export function referencesIn(value: string): string[] {
  const found: string[] = [];
  for (let i = value.indexOf(OPEN); i !== -1; i = value.indexOf(OPEN, i + 1)) {
    const end = value.indexOf(CLOSE, i);
    if (end === -1) break;
    found.push(value.slice(i + 1, end));
  }
  return found;
}

/** Renders markers back as Terraform interpolations, for messages. */
export function displayValue(value: string): string {
  return value.split(`${OPEN}${HOLE}`).join('${').split(OPEN).join('${').split(CLOSE).join('}');
}

/** Address of the block a reference points into: `aws_iam_role.r.arn` → `aws_iam_role.r`. */
export function referencedAddress(reference: string): string {
  const parts = reference.replace(/\[[^\]]*\]/g, '').split('.');
  let i = 0;
  const prefix: string[] = [];
  while (parts[i] === 'module' && parts[i + 1]) {
    prefix.push(`module.${parts[i + 1]}`);
    i += 2;
  }
  const head = parts[i] === 'data' ? parts.slice(i, i + 3) : parts.slice(i, i + 2);
  return [...prefix, head.join('.')].join('.');
}

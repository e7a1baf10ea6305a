/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 * Used for actions (case-insensitive) and ARNs (case-sensitive).
 *
 * The pattern is split at `*` into literal segments (which may contain `?`). The first segment must
 * match at the start, the last at the end, and each middle one is taken at its leftmost match:
 * leftmost is always safe for `*`-separated segments, so there is no backtracking across segments
 * and no regular expression (no catastrophic cases). Time is O(|text| × |segment|) per segment.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function wildcardMatch(pattern: string, text: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  if (pattern.indexOf('*') === -1) return pattern.length === text.length && segmentAt(pattern, text, 0);
  const segments = pattern.split('*');
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (first.length + last.length > text.length) return false;
  if (!segmentAt(first, text, 0)) return false;
  if (!segmentAt(last, text, text.length - last.length)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    if (segment.length === 0) continue;
    const found = findSegment(segment, text, position, end);
    if (found === -1) return false;
    position = found + segment.length;
  }
  return position <= end;
}

/** True if the pattern contains an IAM wildcard. */
export function hasWildcard(value: string): boolean {
  return value.indexOf('*') !== -1 || value.indexOf('?') !== -1;
}

function segmentAt(segment: string, text: string, at: number): boolean {
  if (at < 0 || at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

function findSegment(segment: string, text: string, from: number, end: number): number {
  if (segment.indexOf('?') === -1) {
    const found = text.indexOf(segment, from);
    return found !== -1 && found + segment.length <= end ? found : -1;
  }
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(segment, text, at)) return at;
  return -1;
}

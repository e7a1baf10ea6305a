/**
 * `.wiga.yaml`, the same file the CLI reads, discovered upward from each file:
 *   failOn: high
 *   rules: { no-wildcard-resource: medium, workload-requires-owner: off }
 *   suppressions:
 *     - { rule: no-wildcard-action, address: aws_iam_policy.legacy, reason: "...", expires: 2026-12-31 }
 * The core has no config parser yet (packages/core/src/config/); this reads only these keys.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Severity } from './protocol';

export const CONFIG_FILE = '.wiga.yaml';

export interface WigaConfig {
  readonly file?: string;
  readonly failOn?: Severity | 'none';
  readonly rules: Readonly<Record<string, 'off' | Severity>>;
  readonly suppressions: readonly { ruleId: string; address?: string; reason: string; expires?: string }[];
  readonly errors: readonly string[];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const EMPTY: WigaConfig = { rules: {}, suppressions: [], errors: [] };
const cache = new Map<string, { mtime: number; config: WigaConfig }>();

/** The nearest `.wiga.yaml` at or above `directory`, or undefined. */
export function findConfigFile(directory: string, stopAt?: string): string | undefined {
  let dir = directory;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dir === stopAt) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function configFor(file: string, overrides?: ReadonlyMap<string, string>): WigaConfig {
  const path = findConfigFile(dirname(file));
  if (!path) return EMPTY;
  const text = overrides?.get(path);
  if (text !== undefined) return parseConfig(text, path);
  let mtime = 0;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return EMPTY;
  }
  const hit = cache.get(path);
  if (hit && hit.mtime === mtime) return hit.config;
  const config = parseConfig(readFileSync(path, 'utf8'), path);
  cache.set(path, { mtime, config });
  return config;
}

export function parseConfig(text: string, file?: string): WigaConfig {
  let value: unknown;
  const errors: string[] = [];
  try {
    value = parse(text);
  } catch (error) {
    return { ...EMPTY, file, errors: [`${file ?? CONFIG_FILE}: ${(error as Error).message}`] };
  }
  if (value === null || value === undefined) return { ...EMPTY, file };
  if (typeof value !== 'object' || Array.isArray(value)) return { ...EMPTY, file, errors: [`${file}: must be a mapping`] };
  const root = value as Record<string, unknown>;
  const failOn = typeof root.failOn === 'string' && (root.failOn === 'none' || SEVERITIES.includes(root.failOn)) ? (root.failOn as Severity | 'none') : undefined;
  const rules: Record<string, 'off' | Severity> = {};
  if (root.rules && typeof root.rules === 'object') {
    for (const [id, setting] of Object.entries(root.rules as Record<string, unknown>)) {
      if (setting === 'off' || (typeof setting === 'string' && SEVERITIES.includes(setting))) rules[id] = setting as 'off' | Severity;
      else errors.push(`rules.${id}: expected off or a severity`);
    }
  }
  const suppressions: WigaConfig['suppressions'][number][] = [];
  if (Array.isArray(root.suppressions)) {
    for (const s of root.suppressions) {
      if (!s || typeof s !== 'object') continue;
      const { rule, address, reason, expires } = s as Record<string, unknown>;
      if (typeof rule !== 'string' || typeof reason !== 'string' || reason.trim() === '' || /^<.*>$/.test(reason.trim())) {
        errors.push(`suppressions: each entry needs a rule and a reason`);
        continue;
      }
      const exp = expires instanceof Date ? expires.toISOString().slice(0, 10) : typeof expires === 'string' ? expires : undefined;
      suppressions.push({ ruleId: rule, reason, ...(typeof address === 'string' && { address }), ...(exp && { expires: exp }) });
    }
  }
  return { file, failOn, rules, suppressions, errors };
}

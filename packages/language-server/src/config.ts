/**
 * `.wiga.yaml`, the same file the CLI reads, discovered upward from each file:
 *   failOn: high
 *   rules: { no-wildcard-resource: medium, workload-requires-owner: off }
 *   suppressions:
 *     - { rule: no-wildcard-action, address: aws_iam_policy.legacy, reason: "...", expires: 2026-12-31 }
 * It is parsed by the core (`parseGovernanceConfig`), exactly as `wiga check` parses it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseGovernanceConfig } from '@workload-iga/core';
import type { Severity } from './protocol';

export const CONFIG_FILE = '.wiga.yaml';

export interface WigaConfig {
  readonly file?: string;
  readonly failOn?: Severity | 'none';
  readonly rules: Readonly<Record<string, 'off' | Severity>>;
  readonly suppressions: readonly { ruleId: string; address?: string; reason: string; expires?: string }[];
  /** The configuration's own accounts (cross-account rules). */
  readonly ownAccounts?: readonly string[];
  readonly errors: readonly string[];
}

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

/**
 * Parsed with the core's `.wiga.yaml` parser, the one the CLI uses, so the editor and CI read the
 * same file the same way; its problems (with line and column) become errors shown on the file.
 */
export function parseConfig(text: string, file?: string): WigaConfig {
  const parsed = parseGovernanceConfig(text, file ?? CONFIG_FILE);
  if (!parsed.value) return { ...EMPTY, file, errors: parsed.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`) };
  const config = parsed.value;
  return {
    file,
    ...(config.failOn !== undefined && { failOn: config.failOn }),
    rules: config.rules ?? {},
    suppressions: (config.suppressions ?? []).map((s) => ({ ruleId: s.rule, reason: s.reason, ...(s.address !== undefined && { address: s.address }), ...(s.expires !== undefined && { expires: s.expires }) })),
    ownAccounts: config.ownAccounts ?? [],
    errors: [],
  };
}

/**
 * The governance files next to the infrastructure: `.wiga.yaml` (found upward from the checked
 * path), the teams file (`governance/owners.yaml`) and the access review records
 * (`governance/reviews/<workload>/<date>.yaml`). This module only finds and reads them; the core
 * parses and validates them (`parseGovernanceConfig`, `parseTeams`, `parseReviewRecord`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseGovernanceConfig,
  parseReviewRecord,
  parseTeams,
  type GovernanceConfig,
  type GovernanceContext,
  type InputError,
  type ReviewRecord,
  type TeamsFile,
} from '@workload-iga/core';
import { displayPath } from './discover';

export const CONFIG_FILE = '.wiga.yaml';
export const DEFAULT_OWNERS = 'governance/owners.yaml';
export const DEFAULT_REVIEWS = 'governance/reviews';
export const DEFAULT_EVIDENCE = 'governance/evidence';

export interface GovernanceFiles {
  /**
   * The directory governance paths are relative to: the config's directory; without a config, the
   * repository root (the directory holding `.git`) above the first PATH, else the current directory.
   */
  readonly baseDir: string;
  /** Absolute path of the `.wiga.yaml` used, when one was found or given. */
  readonly configFile?: string;
  /** Absolute path of the review records' directory (it may not exist yet). */
  readonly reviewsDir: string;
  readonly context: GovernanceContext;
  /** Problems of the files, with file, line and column (exit 2). */
  readonly problems: readonly InputError[];
  /** Files that could not be read, or a usage problem (`--config` missing), one line each (exit 2). */
  readonly errors: readonly string[];
}

/**
 * The nearest `.wiga.yaml` at or above `directory`. The search stops at the first directory that
 * holds `.git` (the repository root, searched itself) and at the file-system root.
 */
export function findConfigFile(directory: string): { readonly file?: string; readonly repositoryRoot?: string } {
  let dir = directory;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (isFile(candidate)) return { file: candidate, ...(exists(path.join(dir, '.git')) ? { repositoryRoot: dir } : {}) };
    if (exists(path.join(dir, '.git'))) return { repositoryRoot: dir };
    const parent = path.dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}

/** The directory the search for `.wiga.yaml` starts from for a PATH: itself, or its file's directory. */
function startDirectory(absolute: string): string {
  try {
    return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  } catch {
    return path.dirname(absolute);
  }
}

/**
 * Finds and reads the governance files for `paths`. Every PATH must lead to the same `.wiga.yaml`
 * (or to none); `--config` overrides the search. With `requireConfig` (wiga check), the owners file
 * and the review records are read only when there is a config. Review records are every `*.yaml`/`*.yml` file under
 * the reviews directory, except dot-files and `*.tmp` files: a temporary file left by an interrupted
 * `wiga review record` is never read as a record.
 */
export function loadGovernance(paths: readonly string[], cwd: string, configOption: string | undefined, options: { readonly requireConfig?: boolean } = {}): GovernanceFiles {
  const errors: string[] = [];
  const problems: InputError[] = [];
  let configFile: string | undefined;
  let baseDir = cwd;
  if (configOption !== undefined) {
    configFile = path.resolve(cwd, configOption);
    if (!isFile(configFile)) {
      return { baseDir, reviewsDir: path.join(baseDir, DEFAULT_REVIEWS), context: {}, problems, errors: [`${displayPath(configFile, cwd)}: no such file (--config)`] };
    }
    baseDir = path.dirname(configFile);
  } else {
    const found = paths.map((p) => findConfigFile(startDirectory(path.resolve(cwd, p))));
    const files = [...new Set(found.map((f) => f.file).filter((f): f is string => f !== undefined))];
    if (files.length > 1) {
      const shown = files.map((f) => displayPath(f, cwd)).join(', ');
      return { baseDir, reviewsDir: path.join(baseDir, DEFAULT_REVIEWS), context: {}, problems, errors: [`the PATHs have different ${CONFIG_FILE} files (${shown}): check them separately or pass --config FILE`] };
    }
    configFile = files[0];
    baseDir = configFile !== undefined ? path.dirname(configFile) : (found[0]?.repositoryRoot ?? cwd);
  }

  // `wiga check` checks governance only where a .wiga.yaml says it is used.
  if (configFile === undefined && options.requireConfig) return { baseDir, reviewsDir: path.join(baseDir, DEFAULT_REVIEWS), context: {}, problems, errors };
  let config: GovernanceConfig | undefined;
  if (configFile !== undefined) {
    const text = readText(configFile, cwd, errors);
    if (text !== undefined) {
      const parsed = parseGovernanceConfig(text, displayPath(configFile, cwd));
      problems.push(...parsed.problems);
      config = parsed.value;
    }
  }

  let teams: TeamsFile | undefined;
  const ownersFile = path.resolve(baseDir, config?.owners ?? DEFAULT_OWNERS);
  if (isFile(ownersFile)) {
    const text = readText(ownersFile, cwd, errors);
    if (text !== undefined) {
      const parsed = parseTeams(text, displayPath(ownersFile, cwd));
      problems.push(...parsed.problems);
      teams = parsed.value;
    }
  } else if (config?.owners !== undefined) {
    errors.push(`${displayPath(ownersFile, cwd)}: no such file (owners in ${displayPath(configFile!, cwd)})`);
  }

  const reviewsDir = path.resolve(baseDir, config?.reviews?.directory ?? DEFAULT_REVIEWS);
  const reviews: ReviewRecord[] = [];
  for (const file of reviewFiles(reviewsDir, cwd, errors)) {
    const text = readText(file, cwd, errors);
    if (text === undefined) continue;
    const parsed = parseReviewRecord(text, displayPath(file, cwd));
    problems.push(...parsed.problems);
    if (parsed.value) reviews.push(parsed.value);
  }

  return {
    baseDir,
    ...(configFile !== undefined ? { configFile } : {}),
    reviewsDir,
    context: { ...(config ? { config } : {}), ...(teams ? { teams } : {}), reviews },
    problems,
    errors,
  };
}

/** True for a file name that can be a review record: `*.yaml`/`*.yml`, not a dot-file, not `*.tmp`. */
export function isReviewFileName(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('.tmp') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

/** Review record files under `dir`, sorted (none when the directory does not exist). */
function reviewFiles(dir: string, cwd: string, errors: string[]): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || current !== dir) errors.push(`${displayPath(current, cwd)}: ${(error as Error).message}`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) walk(full);
      } else if (isReviewFileName(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

function readText(file: string, cwd: string, errors: string[]): string | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    errors.push(`${displayPath(file, cwd)}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message}`);
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  return fs.existsSync(file);
}

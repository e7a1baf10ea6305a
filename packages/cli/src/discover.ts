import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectInputKind, type InputFile } from '@workload-iga/core';
import { isJsonWithComments } from './jsonc';

/** Directory names never descended into (dot-dirs are skipped too). */
const SKIPPED_DIRS = new Set(['node_modules']);

/** Why a file is refused: valid JSON, but none of the inputs `wiga` reads. */
export const NOT_AN_INPUT = 'not a cdktf synth output, Terraform JSON, Terraform plan JSON or IAM policy JSON file';

/** A file to analyse, with the path reports use (relative to cwd, posix separators). */
export interface DiscoveredFile extends InputFile {
  /** Absolute path on disk. */
  readonly absolute: string;
  /** True when named on the command line (an unrecognised one is then an error, not a skip). */
  readonly explicit: boolean;
}

export interface Discovery {
  readonly files: readonly DiscoveredFile[];
  /** Paths that could not be read, or explicit files that are no input `wiga` knows. One line each. */
  readonly errors: readonly string[];
}

/**
 * Finds the inputs under each PATH. A directory is walked for `*.tf` files (Terraform's native
 * syntax, always kept) and for `*.json` files (which covers
 * `cdktf.out/stacks/<stack>/cdk.tf.json`, `*.tf.json`, plan JSON and policy JSON), and each is kept
 * when core recognises its content; other valid JSON or JSONC (package.json, tsconfig.json, ...) is
 * skipped quietly. `*.tf.json` and broken JSON are always kept, for the core to report what is wrong.
 * A file named on the command line that is valid JSON of no known kind is an error.
 * The result is sorted by report path and has no duplicates.
 */
export function discoverInputs(paths: readonly string[], cwd: string): Discovery {
  const errors: string[] = [];
  const found = new Map<string, { absolute: string; explicit: boolean }>();
  const add = (absolute: string, explicit: boolean) => {
    const seen = found.get(absolute);
    if (!seen || (explicit && !seen.explicit)) found.set(absolute, { absolute, explicit });
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      errors.push(`${displayPath(absolute, cwd)}: ${ioMessage(error)}`);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, cwd, errors, (file) => add(file, false));
    else if (stat.isFile()) add(absolute, true);
    else errors.push(`${displayPath(absolute, cwd)}: not a file or directory`);
  }

  const files: DiscoveredFile[] = [];
  for (const { absolute, explicit } of found.values()) {
    const file = displayPath(absolute, cwd);
    let text: string;
    try {
      text = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      errors.push(`${file}: ${ioMessage(error)}`);
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!isTerraformJsonName(absolute) && !absolute.endsWith('.tf') && detectInputKind(text) === 'unknown') {
      if (isJson(text)) {
        // Valid JSON of another kind: a usage error when named, junk (package.json, ...) when found.
        if (explicit) errors.push(`${file}: ${NOT_AN_INPUT}`);
        continue;
      }
      // Broken JSON is analysed, so the core reports where it breaks (a truncated plan.json must not
      // pass), unless a directory walk found a config with comments (tsconfig.json).
      if (!explicit && isJsonWithComments(text)) continue;
    }
    files.push({ path: file, absolute, text, explicit });
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, errors };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `*.tf.json` says by its name that it is Terraform JSON, so it is analysed even when its content is
 * not recognised: the core then reports why it cannot be parsed instead of the file being skipped.
 */
function isTerraformJsonName(file: string): boolean {
  return file.endsWith('.tf.json');
}

function walk(dir: string, cwd: string, errors: string[], onFile: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(`${displayPath(dir, cwd)}: ${ioMessage(error)}`);
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(full, cwd, errors, onFile);
    } else if ((entry.name.endsWith('.json') || entry.name.endsWith('.tf')) && (entry.isFile() || isFileLink(full))) {
      // Symlinked directories are not followed (no cycles); symlinked files are read.
      onFile(full);
    }
  }
}

function isFileLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A path as reports show it: relative to cwd, with `/` separators. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  // Outside the working directory's tree, `../../x` is harder to read than the absolute path.
  if (relative.startsWith(`..${path.sep}..`) || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

function ioMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

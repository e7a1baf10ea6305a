import * as fs from 'node:fs';
import * as path from 'node:path';

/** A write that failed, described for the user (never with the temporary file's name). */
export class OutputError extends Error {}

/**
 * Writes a report to `file` so that nothing the user has is lost or half-written:
 * - a regular file (or a new one) is replaced atomically: a temporary file in the same directory,
 *   then a rename, so a reader never sees half a report; an existing file keeps its mode;
 * - a symlink is followed, and its target written the same way (the link stays a link);
 * - anything else (`/dev/stdout`, a FIFO, a device) is written to directly, never replaced.
 */
export function writeFileAtomic(file: string, content: string, shownAs: string = file): void {
  let target = file;
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(file);
    if (existing.isSymbolicLink()) {
      target = fs.realpathSync(file);
      existing = fs.statSync(target);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describe(error, shownAs);
    existing = undefined;
  }
  if (existing && existing.isDirectory()) throw new OutputError(`cannot write the report to ${shownAs}: it is a directory`);
  if (existing && !existing.isFile()) {
    try {
      fs.writeFileSync(target, content, 'utf8');
      return;
    } catch (error) {
      throw describe(error, shownAs);
    }
  }
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeDurably(temp, content, existing ? existing.mode & 0o7777 : 0o666);
    if (existing) fs.chmodSync(temp, existing.mode & 0o7777);
    fs.renameSync(temp, target);
    syncDirectory(dir);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw describe(error, shownAs);
  }
}

/** A new file's content, written and synced under a temporary name, not yet given its name. */
export interface StagedFile {
  /** The temporary file (a dot-file ending in `.tmp`, which review readers skip). */
  readonly temporaryFile: string;
  /** Gives the file its final name (see {@link writeNewFileAtomic}) and returns it. */
  commit(): string;
  /** Removes the temporary file. */
  discard(): void;
}

/**
 * Creates `<dir>/<stem><ext>` with `content`, never replacing an existing file: when that name is
 * taken the file is `<stem>-2<ext>`, `<stem>-3<ext>`, ... Returns the path written.
 *
 * The content goes to a temporary file in the same directory (`.<stem><ext>.<pid>.<random>.tmp`),
 * which is flushed to disk (fsync) and then given its final name with a hard link, which fails
 * instead of replacing an existing file (on a file system without hard links: a rename after
 * checking that the name is free), then the temporary name is removed and the directory synced.
 * A process killed at any point leaves either no record or the whole record, plus at most one
 * temporary file that readers skip (dot-file, `.tmp`).
 */
export function writeNewFileAtomic(dir: string, stem: string, ext: string, content: string, shownDir: string): string {
  return stageNewFile(dir, stem, ext, content, shownDir).commit();
}

/** The first half of {@link writeNewFileAtomic}: the synced temporary file, to be committed. */
export function stageNewFile(dir: string, stem: string, ext: string, content: string, shownDir: string): StagedFile {
  const shown = `${shownDir}/${stem}${ext}`;
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw describe(error, shown, '');
  }
  const temp = path.join(dir, `.${stem}${ext}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeDurably(temp, content, 0o666, 'wx');
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw describe(error, shown, '');
  }
  return {
    temporaryFile: temp,
    discard: () => fs.rmSync(temp, { force: true }),
    commit: () => {
      try {
        for (let n = 1; n <= 1000; n++) {
          const candidate = path.join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
          if (!linkOrRename(temp, candidate)) continue;
          fs.rmSync(temp, { force: true });
          syncDirectory(dir);
          return candidate;
        }
        throw new OutputError(`cannot write ${shown}: ${stem}${ext} to ${stem}-1000${ext} all exist`);
      } catch (error) {
        fs.rmSync(temp, { force: true });
        if (error instanceof OutputError) throw error;
        throw describe(error, shown, '');
      }
    },
  };
}

/** Gives `temp` the name `target` unless `target` exists; false when it does. */
function linkOrRename(temp: string, target: string): boolean {
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No hard links here (some network and FAT file systems): rename, which would replace a file.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    if (fs.existsSync(target)) return false;
    fs.renameSync(temp, target);
    return true;
  }
}

/** Writes `content` to a new file and flushes it to the disk before returning. */
function writeDurably(file: string, content: string, mode: number, flags = 'w'): void {
  const fd = fs.openSync(file, flags, mode);
  try {
    fs.writeSync(fd, content, null, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a directory entry change (a rename, a link) to the disk, where the platform allows it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; some file systems refuse fsync on one. The data is synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function describe(error: unknown, file: string, what = 'the report to '): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'its directory does not exist'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'EISDIR' ? 'it is a directory'
    : (error as Error).message;
  return new OutputError(`cannot write ${what}${file}: ${reason}`);
}

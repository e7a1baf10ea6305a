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
    fs.writeFileSync(temp, content, { encoding: 'utf8', mode: existing ? existing.mode & 0o7777 : 0o666 });
    if (existing) fs.chmodSync(temp, existing.mode & 0o7777);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw describe(error, shownAs);
  }
}

function describe(error: unknown, file: string): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'its directory does not exist'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'EISDIR' ? 'it is a directory'
    : (error as Error).message;
  return new OutputError(`cannot write the report to ${file}: ${reason}`);
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `content` to `file` atomically: a temporary file in the same directory, then a rename, so a
 * reader never sees a half-written report and a failed write leaves any previous report intact.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    fs.writeFileSync(temp, content, 'utf8');
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

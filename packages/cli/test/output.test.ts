import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputError, writeFileAtomic } from '../src/output';

// What the user has at the --output path is never destroyed: only the report's bytes change.
describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-output-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a new file and leaves no temporary file', () => {
    const file = path.join(dir, 'r.json');
    writeFileAtomic(file, '{}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
    expect(fs.readdirSync(dir)).toEqual(['r.json']);
  });

  it('replaces an existing file and keeps its mode', () => {
    const file = path.join(dir, 'r.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink: the link stays a link, its target gets the report', () => {
    const target = path.join(dir, 'target.json');
    const link = path.join(dir, 'link.json');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync(target, link);
    writeFileAtomic(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('writes to a character device directly instead of replacing it (/dev/null)', () => {
    writeFileAtomic('/dev/null', 'report');
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.each([
    { name: 'a missing directory', file: () => path.join(dir, 'no', 'such', 'r.json'), message: /^cannot write the report to shown: its directory does not exist$/ },
    { name: 'a directory', file: () => dir, message: /^cannot write the report to shown: it is a directory$/ },
  ])('fails with a clear message, never the temporary name, for $name', ({ file, message }) => {
    expect(() => writeFileAtomic(file(), 'x', 'shown')).toThrow(OutputError);
    expect(() => writeFileAtomic(file(), 'x', 'shown')).toThrow(message);
  });
});

describe('wiga check --output inside the checked directory', () => {
  it('does not read its own earlier report on the next run', async () => {
    const { tempTree, runWiga, CLEAN_POLICY } = await import('./helpers');
    const dir = tempTree({ 'policy.json': CLEAN_POLICY });
    const first = await runWiga(['check', '.', '-o', 'report.json'], dir);
    const second = await runWiga(['check', '.', '-o', 'report.json'], dir);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stderr).toMatch(/1 input analysed; report written to report\.json/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * `wiga review record` killed while writing: the built binary is spawned with
 * WIGA_TEST_PAUSE_BEFORE_RENAME=1, which makes it write and fsync the record under its temporary
 * name, print a marker on stderr and wait; the test SIGKILLs it on the marker. Nothing committed may
 * be lost or corrupt, no partial record may appear, and the leftover temporary file is ignored.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReviewRecord } from '@workload-iga/core';
import { ensureBuilt, wigaBin } from './build';
import { governanceProject, reviewYaml, TODAY } from './governance-fixtures';

const env = { ...process.env, NO_COLOR: '1', WIGA_NOW: TODAY };

function wiga(args: string[], cwd: string) {
  const child = spawnSync(process.execPath, [wigaBin, ...args], { cwd, encoding: 'utf8', env });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Starts `wiga review record`, waits for the pause marker, SIGKILLs it; resolves with the temporary file named by the marker. */
function killDuringWrite(args: string[], cwd: string): Promise<{ temporaryFile: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wigaBin, ...args], { cwd, env: { ...env, WIGA_TEST_PAUSE_BEFORE_RENAME: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let temporaryFile: string | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no pause marker within 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const marker = /^wiga: test: paused before rename: (.+)$/m.exec(stderr);
      if (marker && temporaryFile === undefined) {
        temporaryFile = marker[1]!;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (temporaryFile === undefined) reject(new Error(`exited before the marker; stderr: ${stderr}`));
      else resolve({ temporaryFile, signal });
    });
  });
}

const list = (dir: string) => fs.readdirSync(dir).sort();

describe('wiga review record killed in the middle of writing', () => {
  beforeAll(() => ensureBuilt());

  it('loses nothing, leaves no partial record, and the leftover temporary file is ignored by every reader', async () => {
    const previous = reviewYaml({ workload: 'payments-api', reviewer: 'ada@example.com', date: '2026-06-01', decision: 'keep', comment: 'needed' });
    const sameDay = reviewYaml({ workload: 'payments-api', reviewer: 'felix@example.com', date: TODAY, decision: 'keep' });
    const dir = governanceProject({
      'governance/reviews/payments-api/2026-06-01.yaml': previous,
      [`governance/reviews/payments-api/${TODAY}.yaml`]: sameDay,
    });
    const reviews = path.join(dir, 'governance', 'reviews', 'payments-api');
    const args = ['review', 'record', '--workload', 'payments-api', '--decision', 'keep', '--reviewer', 'ada@example.com', '--comment', 'still needed'];

    const { temporaryFile, signal } = await killDuringWrite(args, dir);
    expect(signal).toBe('SIGKILL');

    // The records that existed are intact, byte for byte, and still parse.
    expect(fs.readFileSync(path.join(reviews, '2026-06-01.yaml'), 'utf8')).toBe(previous);
    expect(fs.readFileSync(path.join(reviews, `${TODAY}.yaml`), 'utf8')).toBe(sameDay);
    for (const name of ['2026-06-01.yaml', `${TODAY}.yaml`]) expect(parseReviewRecord(fs.readFileSync(path.join(reviews, name), 'utf8'), name).problems).toEqual([]);
    // No new record appeared (not even a partial one): only the temporary file, a dot-file ending in .tmp.
    const leftover = path.basename(temporaryFile);
    expect(leftover).toMatch(new RegExp(`^\\.${TODAY}\\.yaml\\.\\d+\\.[a-z0-9]+\\.tmp$`));
    expect(list(reviews)).toEqual([leftover, '2026-06-01.yaml', `${TODAY}.yaml`].sort());
    // It was complete and synced when the process died, and it is not a record anyone reads.
    expect(parseReviewRecord(fs.readFileSync(path.join(dir, temporaryFile), 'utf8'), leftover).problems).toEqual([]);

    // Readers skip it: review, inventory and check read the two records and report no input error.
    const review = wiga(['review', '--format', 'json'], dir);
    expect(review.stderr).toBe('');
    const payments = JSON.parse(review.stdout).workloads.find((w: { workload: string }) => w.workload === 'payments-api');
    expect(payments.lastReview).toEqual({ date: TODAY, reviewer: 'felix@example.com', decision: 'keep', file: `governance/reviews/payments-api/${TODAY}.yaml` });
    const check = wiga(['check', '--format', 'json', '--fail-on', 'none'], dir);
    expect(check).toMatchObject({ code: 0, stderr: '' });

    // Running it again completes: the same-day record is kept, the new one gets the next free name.
    const again = wiga(args, dir);
    expect(again.stderr).toBe(`wiga: note: ${TODAY}.yaml already exists; this review is recorded as ${TODAY}-2.yaml\n`);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^recorded governance/reviews/payments-api/${TODAY}-2\\.yaml: payments-api keep by ada@example.com on ${TODAY} \\(sha256:[0-9a-f]{12}\\)\\n$`));
    expect(fs.readFileSync(path.join(reviews, `${TODAY}.yaml`), 'utf8')).toBe(sameDay);
    const written = parseReviewRecord(fs.readFileSync(path.join(reviews, `${TODAY}-2.yaml`), 'utf8'), 'x');
    expect(written.problems).toEqual([]);
    expect(written.value).toMatchObject({ workload: 'payments-api', reviewer: 'ada@example.com', date: TODAY, decision: 'keep', comment: 'still needed' });
    expect(list(reviews)).toEqual([leftover, '2026-06-01.yaml', `${TODAY}-2.yaml`, `${TODAY}.yaml`].sort());
  });

  it('killed before the first record of a workload: no directory entry but the temporary file', async () => {
    const dir = governanceProject();
    const { temporaryFile } = await killDuringWrite(['review', 'record', '--workload', 'deploy-pipeline', '--decision', 'revoke', '--reviewer', 'ada@example.com'], dir);
    const reviews = path.join(dir, 'governance', 'reviews', 'deploy-pipeline');
    expect(list(reviews)).toEqual([path.basename(temporaryFile)]);
    const review = wiga(['review', '--format', 'json'], dir);
    expect(review.stderr).toBe('');
    expect(JSON.parse(review.stdout).workloads.find((w: { workload: string }) => w.workload === 'deploy-pipeline')).not.toHaveProperty('lastReview');
  });
});

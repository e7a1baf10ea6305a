// `node tools/demo.mjs`, run as a user would (after setup): it synthesizes the example, prints
// wiga's report, explains the exit code and exits 0. The report must show every flawed resource of
// src/legacy.ts at its `src/legacy.ts:LINE` position, and nothing for the well-declared workloads
// (the workloads declared with the constructs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_FLAWS, EXPECTED_WORKLOAD_NOTICES, declaredWorkloads, legacyLine } from './example-expectations';

const root = join(__dirname, '..');
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('npm run demo', () => {
  let code: number | null;
  let stdout: string;
  let stderr: string;

  beforeAll(() => {
    const r = spawnSync(process.execPath, ['tools/demo.mjs'], {
      cwd: root, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' },
    });
    code = r.status;
    stdout = strip(r.stdout);
    stderr = strip(r.stderr);
  }, 300_000);

  it('exits 0 and explains that wiga found the legacy flaws', () => {
    expect(code, `stderr:\n${stderr}\nstdout:\n${stdout}`).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^wiga exited 1 on the synth output: .*src\/legacy\.ts/);
  });

  it('shows every flawed legacy resource at its src/legacy.ts:LINE position', () => {
    for (const flaw of EXPECTED_FLAWS) {
      const line = legacyLine(flaw.constructId);
      const row = stdout.split('\n').find((l) => l.includes(` ${flaw.address}`) && l.includes(`src/legacy.ts:${line}:`));
      expect(row, `no report row for ${flaw.address} at src/legacy.ts:${line}\n${stdout}`).toBeDefined();
    }
  });

  it('shows nothing for the well-declared workloads', () => {
    const workloads = declaredWorkloads();
    expect(workloads.length).toBeGreaterThanOrEqual(3);
    // The text report groups findings under `identity <address>` / `workload <name>` headings.
    const groups = stdout.split(/\n(?=(?:identity|workload) )/);
    for (const name of workloads) {
      const group = groups.find((g) => g.startsWith(`workload ${name}\n`));
      const allowed = EXPECTED_WORKLOAD_NOTICES.filter((n) => n.workload === name);
      if (allowed.length === 0) {
        expect(group, `findings shown for well-declared workload ${name}:\n${group}`).toBeUndefined();
        continue;
      }
      const rows = group!.split('\n').filter((l) => /^\s+(critical|high|medium|low|info)\s/.test(l));
      expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(allowed.map((n) => n.severity));
      expect(rows.every((l) => l.includes('src/workloads.ts:'))).toBe(true);
    }
    // Nowhere else in the report does a finding point into src/workloads.ts.
    const workloadRows = stdout.split('\n').filter((l) => /^\s+(critical|high|medium|low|info)\s/.test(l) && l.includes('src/workloads.ts:'));
    expect(workloadRows).toHaveLength(EXPECTED_WORKLOAD_NOTICES.length);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisResult, Finding, Severity } from '@workload-iga/core';
import { CLEAN_POLICY, runWiga, tempTree } from './helpers';
import { EMPTY_RESULT, FINDING_OIDC, FINDING_SUPPRESSED, RESULT } from './fixtures';

// The exit code is the CLI's decision, whatever the rules find: drive it with hand-made results.
const analyze = vi.hoisted(() => vi.fn<(...args: unknown[]) => AnalysisResult>());
vi.mock('@workload-iga/core', async (importOriginal) => ({ ...(await importOriginal<object>()), analyze }));

function resultWith(findings: Finding[]): AnalysisResult {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) if (!finding.suppressed) bySeverity[finding.severity]++;
  return {
    ...EMPTY_RESULT,
    inputs: [{ file: 'policy.json', kind: 'iam-policy', status: 'analyzed', errors: [] }],
    findings,
    summary: { ...EMPTY_RESULT.summary, findings: findings.filter((f) => !f.suppressed).length, suppressed: findings.filter((f) => f.suppressed).length, bySeverity },
  };
}

const high = FINDING_OIDC; // severity high
const suppressedLow = FINDING_SUPPRESSED; // severity low, suppressed
const medium: Finding = { ...FINDING_OIDC, severity: 'medium', ruleId: 'medium-rule' };

describe('exit codes', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempTree({ 'policy.json': CLEAN_POLICY });
    analyze.mockReset();
  });

  it.each([
    [[], [], 0],
    [[high], [], 1],
    [[high], ['--fail-on', 'critical'], 0],
    [[high], ['--fail-on', 'high'], 1],
    [[high], ['--fail-on', 'info'], 1],
    [[high], ['--fail-on', 'none'], 0],
    [[medium], [], 0],
    [[medium], ['--fail-on', 'medium'], 1],
    [[medium], ['--fail-on', 'low'], 1],
    [[suppressedLow], ['--fail-on', 'info'], 0],
    [[suppressedLow, medium], ['--fail-on', 'low'], 1],
  ] as [Finding[], string[], number][])('%# findings %j with %j exit %i', async (findings, options, code) => {
    analyze.mockReturnValue(resultWith(findings));
    const result = await runWiga(['check', 'policy.json', ...options], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
  });

  it('exits 2 when an input has errors, even with --fail-on none and no findings', async () => {
    analyze.mockReturnValue({ ...RESULT, findings: [] });
    const result = await runWiga(['check', 'policy.json', '--fail-on', 'none', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("wiga: error: policies/broken.json:3:7: duplicate key 'Effect'\n");
  });

  it.each(['text', 'json'])('exits 2 when the core skipped an input the CLI handed over, saying so on stderr (%s)', async (format) => {
    analyze.mockReturnValue({ ...EMPTY_RESULT, inputs: [{ file: 'x.tf.json', kind: 'unknown', status: 'skipped', errors: [] }] });
    const result = await runWiga(['check', 'policy.json', '--format', format], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('wiga: error: x.tf.json: not a cdktf synth output, Terraform JSON, Terraform plan JSON or IAM policy JSON file\n');
  });

  it('turns an exception anywhere into one error line and exit 2, without a stack trace', async () => {
    analyze.mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'Statement')");
    });
    const result = await runWiga(['check', 'policy.json'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "wiga: error: Cannot read properties of undefined (reading 'Statement')\n" });
  });

  it('passes the files read, with their report paths, to analyze', async () => {
    analyze.mockReturnValue(resultWith([]));
    await runWiga(['check', '.'], dir);
    expect(analyze).toHaveBeenCalledWith([{ path: 'policy.json', text: CLEAN_POLICY }], { now: expect.any(Date) });
  });
});

// The governance example (examples/governance), end to end in-process: both variants are
// synthesized into temporary directories with "now" pinned to 2026-12-01, then `wiga check` runs on
// each with the variant's .wiga.yaml. The flawed variant must report each governance flaw of
// src/flawed.ts exactly once, with its category, address and TypeScript line; the compliant twin
// none of them and nothing high. `wiga review`, `wiga inventory --format csv` and `wiga evidence`
// run on the example too.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main';

const exampleDir = join(__dirname, '..', 'examples', 'governance');
const NOW = '2026-12-01T00:00:00Z';
const config = (variant: 'flawed' | 'compliant') => join(exampleDir, variant === 'compliant' ? 'compliant' : '', '.wiga.yaml');

const GOVERNANCE_CATEGORIES = [
  'expired-entitlement', 'expiring-entitlement', 'retired-workload-access', 'review-overdue', 'review-drift',
  'revoked-entitlement-present', 'self-review', 'unowned-identity', 'sod-violation', 'new-access', 'unused-access',
  'org-policy-violation', 'missing-owner',
];

interface Finding {
  ruleId: string; category: string; severity: string; message: string; workload?: string; identity?: string;
  location: { file: string; address?: string; statement?: string; source?: { file: string; line: number; column: number } };
}

async function wiga(args: string[], cwd = exampleDir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    cwd, env: { NO_COLOR: '1' }, now: new Date(NOW),
  });
  return { code, stdout, stderr };
}

const flawedSource = readFileSync(join(exampleDir, 'src', 'flawed.ts'), 'utf8').split('\n');
/** 1-based line of the first line of src/flawed.ts containing `text`. */
const lineOf = (text: string) => {
  const i = flawedSource.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`src/flawed.ts has no line with ${text}`);
  return i + 1;
};
/** The code line right under the `// FLAW n (` comment (the comment may span several lines). */
const flawLine = (n: number) => {
  let i = lineOf(`// FLAW ${n} (`);
  while (flawedSource[i]!.trim().startsWith('//')) i++;
  return i + 1;
};

let dirs: Record<'flawed' | 'compliant', string>;
const roles: Record<string, string> = {};

async function synth(variant: 'flawed' | 'compliant'): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), `wiga-gov-${variant}-`));
  const { buildApp } = await import('../examples/governance/src/app');
  buildApp({ outdir, now: NOW, variant }).synth();
  return outdir;
}

beforeAll(async () => {
  dirs = { flawed: await synth('flawed'), compliant: await synth('compliant') };
  const tf = JSON.parse(readFileSync(join(dirs.flawed, 'stacks', 'governance', 'cdk.tf.json'), 'utf8'));
  for (const w of tf['//']['workload-iga'].workloads) roles[w.name] = w.roleAddress;
}, 300_000);
afterAll(() => { for (const d of Object.values(dirs ?? {})) rmSync(d, { recursive: true, force: true }); });

async function check(variant: 'flawed' | 'compliant'): Promise<Finding[]> {
  const r = await wiga(['check', '--format', 'json', '--fail-on', 'none', '--config', config(variant), dirs[variant]]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).findings;
}

/** category, workload, address, source line: one row per expected governance finding of src/flawed.ts. */
function expectedFlaws(): { category: string; address: string; line: number }[] {
  return [
    { category: 'expired-entitlement', address: roles['month-end-close']!, line: flawLine(1) },
    { category: 'expiring-entitlement', address: 'aws_iam_role_policy.ledger-api_Grants_7584A03B', line: flawLine(2) },
    { category: 'retired-workload-access', address: 'aws_iam_role_policy.invoice_exporter_leftover', line: flawLine(3) },
    { category: 'review-overdue', address: roles['fx-rates-sync']!, line: flawLine(4) },
    { category: 'review-drift', address: roles['settlement-worker']!, line: lineOf(`new WorkloadIdentity(scope, 'settlement-worker'`) },
    { category: 'revoked-entitlement-present', address: 'aws_iam_role_policy.payout-service_Grants_1B949189', line: flawLine(6) },
    { category: 'unowned-identity', address: 'aws_iam_role.ci_hotfix_deployer', line: flawLine(7) },
    { category: 'sod-violation', address: roles['release-pipeline']!, line: lineOf(`new WorkloadIdentity(scope, 'release-pipeline'`) },
    // FLAW 9: rule ai-agent-governance reports a missing sponsor under org-policy-violation.
    { category: 'org-policy-violation', address: 'aws_iam_role.support_copilot', line: flawLine(9) },
    { category: 'self-review', address: roles['fraud-scorer']!, line: lineOf(`new WorkloadIdentity(scope, 'fraud-scorer'`) },
  ];
}

describe('examples/governance: the flawed variant', () => {
  it('reports each governance flaw once, with its category, address and src/flawed.ts line', async () => {
    const findings = (await check('flawed')).filter((f) => GOVERNANCE_CATEGORIES.includes(f.category));
    const got = findings.map((f) => ({ category: f.category, address: f.location.address, line: f.location.source?.line, file: f.location.source?.file }));
    const want = expectedFlaws().map((e) => ({ ...e, file: 'src/flawed.ts' }));
    const key = (x: { category: string; address?: string }) => `${x.category} ${x.address}`;
    expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('points every flaw at a distinct TypeScript line', () => {
    const lines = expectedFlaws().map((e) => e.line);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('examples/governance: the compliant twin', () => {
  it('reports no governance finding and nothing high', async () => {
    const findings = await check('compliant');
    expect(findings.filter((f) => GOVERNANCE_CATEGORIES.includes(f.category)).map((f) => `${f.ruleId} ${f.location.address}`)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => `${f.ruleId} ${f.location.address}`)).toEqual([]);
  });

  it('wiga check exits 0 with the twin\'s .wiga.yaml (failOn high)', async () => {
    const r = await wiga(['check', '--config', config('compliant'), dirs.compliant]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('examples/governance: wiga review, inventory and evidence', () => {
  // Await the CLI commands (packages/cli/src/main.ts: review, inventory, evidence); the exact cells are
  // filled in from their first real output.
  it.todo('wiga review lists fx-rates-sync and settlement-worker as overdue, ledger-api as ok, with last review date and reviewer');
  it.todo('wiga inventory --format csv has one row per workload: identity, attestation, owner, last review, status');
  it.todo('wiga evidence writes evidence-2026-12-01.md and .json with CIS 5.5 / PCI 7.2.5.1 failing for fx-rates-sync');
});

// The governance example (examples/governance), end to end in-process: both variants are
// synthesized into temporary directories with "now" pinned to 2026-12-01, then `wiga check` runs on
// each with the variant's .wiga.yaml. The flawed variant must report each governance flaw of
// src/flawed.ts exactly once, with its category, address and TypeScript line; the compliant twin
// none of them and nothing high. `wiga review`, `wiga inventory --format csv` and `wiga evidence`
// run on the example too.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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
    { category: 'retired-workload-access', address: 'aws_s3_bucket_policy.invoice_exporter_leftover', line: flawLine(3) },
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
    // The manifest's sources are relative to the synth's working directory (this process's cwd); the
    // outdir is a temporary directory outside the project, so they are reported as recorded.
    const file = relative(process.cwd(), join(exampleDir, 'src', 'flawed.ts')).split(sep).join('/');
    const want = expectedFlaws().map((e) => ({ ...e, file }));
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
  /** The rows of a text table: cells are separated by two or more spaces. */
  const rows = (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/ {2,}/));

  it('wiga review lists fx-rates-sync and settlement-worker as overdue, ledger-api as ok, with last review date and reviewer', async () => {
    const r = await wiga(['review', '--config', config('flawed'), dirs.flawed]);
    expect(r.code, r.stderr).toBe(1); // a workload is overdue
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['workload', 'owner', 'kind', 'permissions', 'findings', 'last review', 'next due', 'digest', 'status']);
    const row = (name: string) => table.find((cells) => cells[0] === name);
    expect(row('fx-rates-sync')).toEqual(['fx-rates-sync', 'team-finops', 'batch-job', 'dynamodb: Read, Write', '1 medium', '2026-05-04 felix.braun@acme.example (keep)', '2026-08-02', 'sha256:f386f6b69c5d', 'overdue']);
    expect(row('settlement-worker')).toEqual(['settlement-worker', 'team-ledger', 'service', 'sqs: Read, Write', '1 medium', '2026-11-16 ada.nwosu@acme.example (keep)', '2027-02-14', 'sha256:11d8ab813c3b', 'overdue']);
    expect(row('ledger-api')).toEqual(['ledger-api', 'team-ledger', 'service', 'dynamodb: Read; kms: Read, Write', '1 low', '2026-11-02 ada.nwosu@acme.example (keep)', '2027-01-31', 'sha256:3a3fa2a3f1b5', 'ok']);
    expect(r.stdout).toContain('fx-rates-sync: review was due on 2026-08-02 (cadence 90 days)');
    expect(r.stdout).toContain('settlement-worker: permissions changed since the review of 2026-11-16 (reviewed sha256:b7d381df0234, now sha256:11d8ab813c3b): review again');
    expect(r.stdout).toContain('9 workloads on 2026-12-01: 3 overdue, 0 due, 6 ok');
  });

  it('wiga inventory --format csv has one row per workload: identity, attestation, owner, last review, status', async () => {
    const r = await wiga(['inventory', '--format', 'csv', '--config', config('flawed'), dirs.flawed]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split(/\r?\n/).filter((l) => l !== '');
    expect(lines[0]).toBe('workload,identity,kind,attestation,entitlements,owner,backup_owner,sponsor,environment,expires,last_review_date,last_reviewer,last_decision,next_due,status');
    expect(lines).toContain('fx-rates-sync,aws_iam_role.fx-rates-sync_Role_FA689F47,batch-job,aws-service ecs-tasks.amazonaws.com,"dynamodb: Read, Write",team-finops,team-ledger,,production,,2026-05-04,felix.braun@acme.example,keep,2026-08-02,overdue');
    expect(lines).toContain('invoice-exporter,aws_iam_role.invoice-exporter_Role_EF1FBB48,batch-job,aws-service ecs-tasks.amazonaws.com,,team-finops,team-ledger,,production,,,,,,retired');
    expect(lines).toContain('aws_iam_role.ci_hotfix_deployer,aws_iam_role.ci_hotfix_deployer,,github-oidc acme-ledger/ledger-api,,,,,,,,,,,overdue');
    // One row per workload: the nine of `wiga review`, the retired invoice-exporter and the header.
    expect(lines.map((l) => l.split(',')[0])).toEqual(['workload', 'aws_iam_role.ci_hotfix_deployer', 'fraud-scorer', 'fx-rates-sync', 'invoice-exporter', 'ledger-api',
      'month-end-close', 'payout-service', 'release-pipeline', 'settlement-worker', 'support-copilot']);
  });

  it('wiga evidence writes evidence-2026-12-01.md and .json with CIS 5.5 / PCI 7.2.5.1 failing for fx-rates-sync', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wiga-gov-evidence-'));
    try {
      const r = await wiga(['evidence', '--output-dir', out, '--config', config('flawed'), dirs.flawed]);
      expect(r.code, r.stderr).toBe(1); // a check fails for a workload
      expect(readdirSync(out).sort()).toEqual(['evidence-2026-12-01.json', 'evidence-2026-12-01.md']);
      const md = readFileSync(join(out, 'evidence-2026-12-01.md'), 'utf8');
      expect(md).toContain('| CIS-5.5 | 9 | 7 | 2 |');
      expect(md).toContain('| PCI-7.2.5.1 | 9 | 6 | 3 |');
      const section = (id: string) => md.slice(md.indexOf(`## ${id}:`), md.indexOf('\n## ', md.indexOf(`## ${id}:`) + 1));
      const cis = section('CIS-5.5');
      expect(cis).toContain('| fx-rates-sync | `aws_iam_role.fx-rates-sync_Role_FA689F47` | FAIL | `review-overdue` | 2026-05-04 | 2026-08-02 |');
      expect(cis).toContain('| aws_iam_role.ci_hotfix_deployer | `aws_iam_role.ci_hotfix_deployer` | FAIL | `unowned-identity` | never | now |');
      expect(cis).toContain('| ledger-api | `aws_iam_role.ledger-api_Role_3FC59199` | PASS | - | 2026-11-02 | 2027-01-31 |');
      expect(section('PCI-7.2.5.1')).toContain('| fx-rates-sync | `aws_iam_role.fx-rates-sync_Role_FA689F47` | FAIL | `review-overdue` | 2026-05-04 | 2026-08-02 |');

      const json = JSON.parse(readFileSync(join(out, 'evidence-2026-12-01.json'), 'utf8'));
      expect(json.date).toBe('2026-12-01');
      const control = (id: string) => json.controls.find((c: { id: string }) => c.id === id);
      const statuses = (id: string) => Object.fromEntries(control(id).results.map((x: { workload: string; status: string }) => [x.workload, x.status]));
      expect(statuses('CIS-5.5')).toEqual({
        'aws_iam_role.ci_hotfix_deployer': 'fail', 'fraud-scorer': 'pass', 'fx-rates-sync': 'fail', 'ledger-api': 'pass', 'month-end-close': 'pass',
        'payout-service': 'pass', 'release-pipeline': 'pass', 'settlement-worker': 'pass', 'support-copilot': 'pass',
      });
      expect(control('CIS-5.5').results.find((x: { workload: string }) => x.workload === 'fx-rates-sync')).toEqual({
        workload: 'fx-rates-sync', identity: 'aws_iam_role.fx-rates-sync_Role_FA689F47', status: 'fail', findings: ['review-overdue'], lastReview: '2026-05-04', nextReviewDue: '2026-08-02',
      });
      expect(statuses('PCI-7.2.5.1')['fx-rates-sync']).toBe('fail');
      // The Markdown and the JSON say the same: per control, the same pass/fail per workload.
      for (const c of json.controls as { id: string; results: { workload: string; status: string }[] }[]) {
        const body = section(c.id);
        for (const x of c.results) expect(body, `${c.id} ${x.workload}`).toContain(`| ${x.workload} | \`${x.identity ?? ''}\` | ${x.status.toUpperCase()} |`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

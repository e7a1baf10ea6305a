import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReviewRecord, RIGHTSIZE_CAVEATS } from '@workload-iga/core';
import { EVIDENCE_USAGE, INVENTORY_USAGE, REVIEW_RECORD_USAGE, REVIEW_USAGE, RIGHTSIZE_USAGE } from '../src/args';
import { CONFIG, governanceProject, NOW, reviewYaml, TODAY } from './governance-fixtures';
import { runWiga as runWigaAt } from './helpers';

const env = { WIGA_NOW: TODAY };
const runWiga = (argv: string[], cwd: string) => runWigaAt(argv, cwd, { env });
const keep = (workload: string, date: string, reviewer = 'ada@example.com') => reviewYaml({ workload, reviewer, date, decision: 'keep' });
const ruleIds = (stdout: string) => (JSON.parse(stdout).findings as { ruleId: string; workload?: string }[]).map((f) => `${f.ruleId} ${f.workload ?? ''}`.trim());

describe('config discovery (wiga check)', () => {
  it('finds .wiga.yaml above the checked path and checks the reviews: never reviewed is review-overdue', async () => {
    const dir = governanceProject();
    const result = await runWiga(['check', 'cdktf.out/stacks/app', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(ruleIds(result.stdout)).toEqual(['review-overdue deploy-pipeline', 'review-overdue payments-api']);
    expect(result.code).toBe(0); // medium, below failOn: high
  });

  it('takes failOn from .wiga.yaml; --fail-on overrides it', async () => {
    const dir = governanceProject({}, { config: CONFIG.replace('failOn: high', 'failOn: medium') });
    expect((await runWiga(['check'], dir)).code).toBe(1);
    expect((await runWiga(['check', '--fail-on', 'none'], dir)).code).toBe(0);
  });

  it('without a .wiga.yaml, governance is not checked (owners and reviews are not read)', async () => {
    const dir = governanceProject({ 'governance/reviews/x/broken.yaml': 'not: [valid' }, { config: null });
    const result = await runWiga(['check', '--format', 'json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(ruleIds(result.stdout)).toEqual([]);
  });

  it('stops at the repository root: a .wiga.yaml above the directory holding .git is not used', async () => {
    const outer = governanceProject({}, { config: 'failOn: [broken' });
    const inner = path.join(outer, 'inner');
    fs.mkdirSync(path.join(inner, '.git'), { recursive: true });
    fs.cpSync(path.join(outer, 'cdktf.out'), path.join(inner, 'cdktf.out'), { recursive: true });
    const result = await runWiga(['check', '--format', 'json'], inner);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('--config names the file; a missing one is exit 2', async () => {
    const dir = governanceProject({ 'ops/strict.yaml': 'failOn: medium\nowners: ../governance/owners.yaml\n' }, { config: null });
    expect((await runWiga(['check', '--config', 'ops/strict.yaml'], dir)).code).toBe(1);
    expect(await runWiga(['check', '--config', 'ops/none.yaml'], dir)).toEqual({ code: 2, stdout: '', stderr: 'wiga: error: ops/none.yaml: no such file (--config)\n' });
  });

  it.each([
    ['.wiga.yaml', 'failOn: severe\n', /^wiga: error: \.wiga\.yaml:1:9: .+\n$/],
    ['governance/owners.yaml', 'teams:\n  - name: no id\n', /^wiga: error: governance\/owners\.yaml:2:5: missing required key 'id' in 'teams\[0\]'\n/],
    ['governance/reviews/payments-api/2026-11-01.yaml', 'workload: payments-api\ndecision: maybe\n', /^(wiga: error: governance\/reviews\/payments-api\/2026-11-01\.yaml:\d+:\d+: .+\n)+$/],
  ])('a problem in %s is an input error: exit 2 with file:line:column', async (file, content, stderr) => {
    const dir = governanceProject({ [file]: content });
    const result = await runWiga(['check'], dir);
    expect(result.stderr).toMatch(stderr);
    expect(result).toMatchObject({ code: 2, stdout: '' });
  });

  it('an owners file named in .wiga.yaml must exist', async () => {
    const dir = governanceProject({}, { config: 'owners: teams.yaml\n' });
    expect(await runWiga(['check'], dir)).toEqual({ code: 2, stdout: '', stderr: 'wiga: error: teams.yaml: no such file (owners in .wiga.yaml)\n' });
  });

  it('PATHs under different .wiga.yaml files are a usage error', async () => {
    const dir = governanceProject({ 'b/.wiga.yaml': 'failOn: low\n', 'b/policy.json': '{"Version":"2012-10-17","Statement":[]}' });
    const result = await runWiga(['check', 'cdktf.out', 'b'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'wiga: error: the PATHs have different .wiga.yaml files (.wiga.yaml, b/.wiga.yaml): check them separately or pass --config FILE\n' });
  });

  it('skips dot-files and *.tmp files in the reviews directory', async () => {
    const dir = governanceProject({
      'governance/reviews/payments-api/.2026-11-30.yaml.123.abc.tmp': 'workload: payments-api\nrevi',
      'governance/reviews/payments-api/2026-11-30.yaml.tmp': 'garbage: [',
      'governance/reviews/payments-api/2026-11-30.yaml': keep('payments-api', '2026-11-30'),
    });
    const result = await runWiga(['review', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).workloads.find((w: { workload: string }) => w.workload === 'payments-api').lastReview.date).toBe('2026-11-30');
  });
});

describe('wiga review', () => {
  it('lists per workload owner, kind, permissions, findings, last review, next due, digest and status', async () => {
    const dir = governanceProject({ 'governance/reviews/deploy-pipeline/2026-06-10.yaml': keep('deploy-pipeline', '2026-06-10') });
    const result = await runWiga(['review', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.date).toBe(TODAY);
    expect(report.summary).toEqual({ workloads: 2, overdue: 2, due: 0, ok: 0 });
    const [deploy, api] = report.workloads;
    expect(api).toMatchObject({
      workload: 'payments-api',
      owner: 'team-payments',
      kind: 'service',
      permissions: [
        { service: 'kms', levels: ['Read', 'Write'] },
        { service: 's3', levels: ['List', 'Read'] },
      ],
      findings: { critical: 0, high: 0, medium: 1, low: 0, info: 0 },
      cadenceDays: 180,
      status: 'overdue',
      reason: 'never reviewed (cadence 180 days)',
    });
    expect(api.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(api).not.toHaveProperty('lastReview');
    expect(deploy).toMatchObject({
      workload: 'deploy-pipeline',
      lastReview: { date: '2026-06-10', reviewer: 'ada@example.com', decision: 'keep', file: 'governance/reviews/deploy-pipeline/2026-06-10.yaml' },
      nextDue: '2026-12-07',
      status: 'overdue',
    });
    expect(deploy.reason).toMatch(/^permissions changed since the review of 2026-06-10 \(reviewed sha256:000000000000, now sha256:[0-9a-f]{12}\): review again$/);
    expect(result.code).toBe(1);
  });

  it('due within expiringWithinDays, ok otherwise; exit 0 when nothing is overdue', async () => {
    const dir = governanceProject();
    // Record both with the real digests, then move the dates.
    for (const workload of ['payments-api', 'deploy-pipeline']) {
      expect((await runWiga(['review', 'record', '--workload', workload, '--decision', 'keep', '--reviewer', 'ada@example.com', '--date', workload === 'deploy-pipeline' ? '2026-06-10' : '2026-11-01'], dir)).code).toBe(0);
    }
    const result = await runWiga(['review'], dir);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^workload +owner +kind +permissions +findings +last review +next due +digest +status$/);
    expect(lines[1]).toMatch(/^deploy-pipeline +team-platform +ci-pipeline +ecr: Read +none +2026-06-10 ada@example\.com \(keep\) +2026-12-07 +sha256:[0-9a-f]{12} +due$/);
    expect(lines[2]).toMatch(/^payments-api +team-payments +service +kms: Read, Write; s3: List, Read +none +2026-11-01 ada@example\.com \(keep\) +2027-04-30 +sha256:[0-9a-f]{12} +ok$/);
    expect(lines.slice(3)).toEqual(['', '  deploy-pipeline: review due on 2026-12-07 (cadence 180 days)', '', `2 workloads on ${TODAY}: 0 overdue, 1 due, 1 ok`, '']);
    expect(result.code).toBe(0);
  });

  it('prints its help, and its usage after a usage error', async () => {
    const dir = governanceProject();
    expect(await runWiga(['review', '--help'], dir)).toEqual({ code: 0, stdout: REVIEW_USAGE, stderr: '' });
    expect(await runWiga(['review', 'record', '--help'], dir)).toEqual({ code: 0, stdout: REVIEW_RECORD_USAGE, stderr: '' });
    expect(await runWiga(['review', 'record', '--workload', 'x'], dir)).toEqual({ code: 2, stdout: '', stderr: `wiga: error: missing --decision keep|reduce|revoke\n\n${REVIEW_RECORD_USAGE}` });
    expect(await runWiga(['inventory', '--format', 'xml'], dir)).toEqual({ code: 2, stdout: '', stderr: `wiga: error: invalid value 'xml' for --format (expected table, json or csv)\n\n${INVENTORY_USAGE}` });
    expect((await runWiga(['evidence', '-h'], dir)).stdout).toBe(EVIDENCE_USAGE);
    expect((await runWiga(['rightsize'], dir)).stderr).toBe(`wiga: error: missing --last-accessed FILE (aws iam get-service-last-accessed-details output)\n\n${RIGHTSIZE_USAGE}`);
  });
});

describe('wiga review record', () => {
  it('writes governance/reviews/<workload>/<date>.yaml with the current digest; wiga check then reports no review-overdue for it', async () => {
    const dir = governanceProject();
    const before = await runWiga(['check', '--format', 'json'], dir);
    expect(ruleIds(before.stdout)).toContain('review-overdue payments-api');

    const result = await runWiga(
      ['review', 'record', '--workload', 'payments-api', '--decision', 'reduce', '--reviewer', 'ada@example.com', '--comment', 'kms: decrypt only, no key: rotation', '--revoke', 'kms:DescribeKey', '--revoke', 'ReadSettlementStatements'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^recorded governance/reviews/payments-api/${TODAY}\\.yaml: payments-api reduce by ada@example\\.com on ${TODAY} \\(sha256:[0-9a-f]{12}\\)\\n$`));
    expect(result.code).toBe(0);

    const file = path.join(dir, 'governance', 'reviews', 'payments-api', `${TODAY}.yaml`);
    const text = fs.readFileSync(file, 'utf8');
    const digest = JSON.parse((await runWiga(['review', '--format', 'json'], dir)).stdout).workloads.find((w: { workload: string }) => w.workload === 'payments-api').digest;
    const role = JSON.parse((await runWiga(['review', '--format', 'json'], dir)).stdout).workloads.find((w: { workload: string }) => w.workload === 'payments-api').identity;
    expect(text).toBe(
      [
        `# Access review of workload 'payments-api' (${role}) by ada@example.com on ${TODAY}: reduce.`,
        '# Written by `wiga review record`. digest is the sha256 of the permission set reviewed; wiga reports',
        '# review-drift when the permissions change after this review.',
        'workload: payments-api',
        `identity: ${role}`,
        'reviewer: ada@example.com',
        `date: ${TODAY}`,
        'decision: reduce',
        'comment: "kms: decrypt only, no key: rotation"',
        `digest: ${digest}`,
        'revoke:',
        '  - kms:DescribeKey',
        '  - ReadSettlementStatements',
        '',
      ].join('\n'),
    );
    expect(parseReviewRecord(text, 'r.yaml').value).toMatchObject({ comment: 'kms: decrypt only, no key: rotation', revoke: ['kms:DescribeKey', 'ReadSettlementStatements'] });

    const after = await runWiga(['check', '--format', 'json'], dir);
    expect(after.stderr).toBe('');
    expect(ruleIds(after.stdout).filter((id) => id.endsWith('payments-api') && id.startsWith('review-'))).toEqual([]);
  });

  it.each([
    { name: 'a misspelt action', revoke: 'kms:Decryp', message: "wiga: error: --revoke kms:Decryp: no IAM action matches it (check the spelling against the Service Authorization Reference)\n" },
    {
      name: 'an action the workload does not hold',
      revoke: 'kms:GenerateDataKey',
      message: "wiga: error: --revoke kms:GenerateDataKey: workload 'payments-api' does not hold it (it holds: kms:decrypt, kms:describekey, s3:getbucketlocation, s3:getobject, s3:getobjectversion, s3:listbucket)\n",
    },
  ])('refuses a reduce decision that revokes $name (nothing could enforce it), and writes nothing', async ({ revoke, message }) => {
    const dir = governanceProject({});
    const result = await runWiga(['review', 'record', '--workload', 'payments-api', '--decision', 'reduce', '--reviewer', 'ada@example.com', '--revoke', revoke], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
    expect(fs.existsSync(path.join(dir, 'governance', 'reviews', 'payments-api'))).toBe(false);
  });

  it('wiga review says when a record reviews a workload that is not in the inputs', async () => {
    const dir = governanceProject({ 'governance/reviews/ghost/2026-11-20.yaml': keep('ghost', '2026-11-20', 'felix@example.com') });
    const { stderr } = await runWiga(['review'], dir);
    expect(stderr).toContain("wiga: note: governance/reviews/ghost/2026-11-20.yaml: reviews workload 'ghost', which is not in .\n");
  });

  it('never overwrites: a second record of the same day is <date>-2.yaml, a third <date>-3.yaml', async () => {
    const dir = governanceProject({ 'governance/reviews/payments-api/2026-11-20.yaml': keep('payments-api', '2026-11-20', 'felix@example.com') });
    const args = ['review', 'record', '--workload', 'payments-api', '--decision', 'keep', '--reviewer', 'ada@example.com', '--date', '2026-11-20'];
    expect((await runWiga(args, dir)).stderr).toBe('wiga: note: 2026-11-20.yaml already exists; this review is recorded as 2026-11-20-2.yaml\n');
    expect((await runWiga(args, dir)).stdout).toMatch(/^recorded governance\/reviews\/payments-api\/2026-11-20-3\.yaml: /);
    const reviews = path.join(dir, 'governance', 'reviews', 'payments-api');
    expect(fs.readdirSync(reviews).sort()).toEqual(['2026-11-20-2.yaml', '2026-11-20-3.yaml', '2026-11-20.yaml']);
    expect(fs.readFileSync(path.join(reviews, '2026-11-20.yaml'), 'utf8')).toBe(keep('payments-api', '2026-11-20', 'felix@example.com'));
  });

  it('writes into reviews.directory of .wiga.yaml, found above the PATH', async () => {
    const dir = governanceProject({}, { config: 'reviews:\n  directory: audit/reviews\n' });
    const result = await runWiga(['review', 'record', '--workload', 'deploy-pipeline', '--decision', 'revoke', '--reviewer', 'ada@example.com', 'cdktf.out/stacks/app'], dir);
    expect(result.stdout).toMatch(new RegExp(`^recorded audit/reviews/deploy-pipeline/${TODAY}\\.yaml: deploy-pipeline revoke by `));
  });

  it('warns when the reviewer is in the owner team and self-review is forbidden', async () => {
    const dir = governanceProject();
    const result = await runWiga(['review', 'record', '--workload', 'payments-api', '--decision', 'keep', '--reviewer', 'raj@example.com'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('wiga: warning: raj@example.com is a member of team-payments, which owns payments-api; self-review is forbidden, so wiga check will report self-review\n');
  });

  it('an unknown workload is exit 2 and names the workloads there are; nothing is written', async () => {
    const dir = governanceProject();
    expect(await runWiga(['review', 'record', '--workload', 'payments', '--decision', 'keep', '--reviewer', 'ada@example.com'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "wiga: error: no workload 'payments' in . (workloads: deploy-pipeline, payments-api)\n",
    });
    expect(fs.existsSync(path.join(dir, 'governance', 'reviews'))).toBe(false);
  });

  it('a broken input is exit 2 and nothing is written', async () => {
    const dir = governanceProject({ 'cdktf.out/stacks/app/cdk.tf.json': '{"resource": {' });
    const result = await runWiga(['review', 'record', '--workload', 'payments-api', '--decision', 'keep', '--reviewer', 'ada@example.com'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^wiga: error: cdktf\.out\/stacks\/app\/cdk\.tf\.json:\d+:\d+: /);
    expect(fs.existsSync(path.join(dir, 'governance', 'reviews'))).toBe(false);
  });
});

describe('wiga inventory', () => {
  it('csv: RFC 4180 with a header, CRLF and quoted fields', async () => {
    const dir = governanceProject({ 'governance/reviews/payments-api/2026-11-01.yaml': reviewYaml({ workload: 'payments-api', reviewer: 'Doe, "Jane"', date: '2026-11-01', decision: 'keep' }) });
    const result = await runWiga(['inventory', '--format', 'csv'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = result.stdout.split('\r\n');
    expect(rows[0]).toBe('workload,identity,kind,attestation,entitlements,owner,backup_owner,sponsor,environment,expires,last_review_date,last_reviewer,last_decision,next_due,status');
    expect(rows[1]).toMatch(/^deploy-pipeline,aws_iam_role\.deploy-pipeline_Role_[0-9A-F]{8},ci-pipeline,github-oidc acme\/payments \(environment production\),ecr: Read,team-platform,,,,,,,,,overdue$/);
    expect(rows[2]).toMatch(/^payments-api,aws_iam_role\.payments-api_Role_[0-9A-F]{8},service,eks-service-account payments\/api,"kms: Read, Write; s3: List, Read",team-payments,,,production,,2026-11-01,"Doe, ""Jane""",keep,2027-04-30,overdue$/);
    expect(rows.slice(3)).toEqual(['']);
  });

  it('table and json', async () => {
    const dir = governanceProject();
    const table = await runWiga(['inventory'], dir);
    expect(table.stdout.split('\n')[0]).toMatch(/^workload +identity +kind +attestation +entitlements +owner +last review +next due +status$/);
    expect(table.stdout.endsWith('\n2 workloads\n')).toBe(true);
    const json = JSON.parse((await runWiga(['inventory', '--format', 'json', '-o', 'inventory.json'], dir)).stdout || fs.readFileSync(path.join(dir, 'inventory.json'), 'utf8'));
    expect(json.workloads.map((w: { workload: string; attestation: string; status: string }) => [w.workload, w.attestation, w.status])).toEqual([
      ['deploy-pipeline', 'github-oidc acme/payments (environment production)', 'overdue'],
      ['payments-api', 'eks-service-account payments/api', 'overdue'],
    ]);
  });
});

describe('wiga evidence', () => {
  it('writes evidence-<date>.md and .json under governance/evidence; exit 1 when a check fails', async () => {
    const dir = governanceProject();
    const result = await runWiga(['evidence'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^wrote governance/evidence/evidence-${TODAY}\\.md and governance/evidence/evidence-${TODAY}\\.json: 11 controls, \\d+ passed and [1-9]\\d* failed workload checks\\n$`));
    expect(result.code).toBe(1);
    const md = fs.readFileSync(path.join(dir, 'governance', 'evidence', `evidence-${TODAY}.md`), 'utf8');
    expect(md.startsWith('# Access governance evidence\n')).toBe(true);
    for (const control of ['CIS-5.5', 'PCI-7.2.4', 'PCI-7.2.5.1', 'PCI-8.6.1', 'NIST-AC-2', 'NIST-AC-6', 'SOC2-CC6.1', 'SOC2-CC6.2', 'SOC2-CC6.3']) expect(md).toContain(`## ${control}: `);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'governance', 'evidence', `evidence-${TODAY}.json`), 'utf8'));
    expect(json.date).toBe(TODAY);
    const cis = json.controls.find((c: { id: string }) => c.id === 'CIS-5.5');
    expect(cis.results.map((r: { workload: string; status: string }) => [r.workload, r.status])).toEqual([
      ['deploy-pipeline', 'fail'],
      ['payments-api', 'fail'],
    ]);
    expect(fs.readdirSync(path.join(dir, 'governance', 'evidence')).sort()).toEqual([`evidence-${TODAY}.json`, `evidence-${TODAY}.md`]);
  });

  it('--output-dir and --date', async () => {
    const dir = governanceProject();
    const result = await runWiga(['evidence', '--output-dir', 'out/audit', '--date', '2026-11-30'], dir);
    expect(result.stdout).toMatch(/^wrote out\/audit\/evidence-2026-11-30\.md and out\/audit\/evidence-2026-11-30\.json: /);
  });
});

describe('wiga rightsize', () => {
  const advisor = JSON.stringify({
    RoleName: 'payments-api',
    ServicesLastAccessed: [
      { ServiceNamespace: 's3', LastAuthenticated: '2026-11-20T10:00:00Z', TotalAuthenticatedEntities: 1 },
      { ServiceNamespace: 'kms', LastAuthenticated: '2026-03-01T10:00:00Z', TotalAuthenticatedEntities: 1 },
    ],
  });

  it('prints the unused services, the suggested grant and always the caveats; exit 1 when something is unused', async () => {
    const dir = governanceProject({ 'usage/payments-api.json': advisor });
    const result = await runWiga(['rightsize', '--last-accessed', 'usage/payments-api.json', 'cdktf.out'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^workload payments-api  \(aws_iam_role\.payments-api_Role_[0-9A-F]{8}, role payments-api; usage from usage\/payments-api\.json\)\n  unused services \(not used in 90 days\): kms \(last used 2026-03-01\)\n  suggested grant \(a suggestion for review, never applied\):\n {4}\{\n/);
    expect(result.stdout).toContain('"s3:GetObject"');
    expect(result.stdout).not.toContain('"kms:Decrypt"');
    expect(result.stdout).toContain(`Caveats\n${RIGHTSIZE_CAVEATS.map((c) => `  - ${c}`).join('\n')}\n`);
    expect(result.stdout.endsWith('\n1 role compared with last-accessed data, 1 with unused access (window: 90 days)\n')).toBe(true);

    const json = JSON.parse((await runWiga(['rightsize', '--last-accessed', 'usage/payments-api.json', '--format', 'json', '--days', '365'], dir)).stdout);
    expect(json.days).toBe(365);
    expect(json.workloads[0]).toMatchObject({ workload: 'payments-api', roleName: 'payments-api', unusedServices: [], unusedActions: [] });
    expect(json.caveats).toEqual([...RIGHTSIZE_CAVEATS]);
  });

  it('a missing last-accessed file, or a role not in the inputs, is exit 2', async () => {
    const dir = governanceProject({ 'usage/other.json': JSON.stringify({ RoleName: 'other', ServicesLastAccessed: [] }) });
    expect(await runWiga(['rightsize', '--last-accessed', 'usage/none.json'], dir)).toEqual({ code: 2, stdout: '', stderr: 'wiga: error: usage/none.json: no such file (--last-accessed)\n' });
    const unknown = await runWiga(['rightsize', '--last-accessed', 'usage/other.json'], dir);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^wiga: error: usage\/other\.json:\d+:\d+: no role named 'other' in the analysed inputs\n$/);
  });
});

it('NOW and TODAY agree', () => expect(NOW.toISOString().slice(0, 10)).toBe(TODAY));

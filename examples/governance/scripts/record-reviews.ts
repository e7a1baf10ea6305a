/**
 * Regenerates the example's committed review records (governance/reviews and
 * compliant/governance/reviews) with `wiga review record`, each on the version of the app that
 * was reviewed: settlement-worker's flawed review on revision 1, before its disputes grant was
 * added (so today's code drifts from it), payout-service's reduce decision on the flawed code that
 * still grants sqs:PurgeQueue.
 *
 * The existing records in both directories are deleted first (`wiga review record` never
 * overwrites: a second record on the same day would become `<date>-2.yaml`).
 *
 *   node_modules/.bin/tsx scripts/record-reviews.ts      (from examples/governance)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../packages/cli/src/main';
import { buildApp } from '../src/app';
import type { Revision } from '../src/revision';
import type { Variant } from '../src/stack';

const exampleDir = join(__dirname, '..');
const NOW = '2026-12-01T00:00:00Z';

interface Review {
  /** The configuration whose review directory receives the record. */
  readonly into: Variant;
  /** The code that was reviewed. */
  readonly code: { readonly variant: Variant; readonly revision: Revision };
  readonly workload: string;
  readonly reviewer: string;
  readonly date: string;
  readonly decision: 'keep' | 'reduce' | 'revoke';
  readonly comment: string;
  readonly revoke?: readonly string[];
}

const flawed = { variant: 'flawed', revision: 2 } as const;
const compliant = { variant: 'compliant', revision: 2 } as const;
const security = { ada: 'ada.nwosu@acme.example', felix: 'felix.braun@acme.example' };

export const REVIEWS: readonly Review[] = [
  // The flawed variant (governance/reviews).
  { into: 'flawed', code: flawed, workload: 'ledger-api', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'read access to the ledger and the migration key are needed' },
  { into: 'flawed', code: flawed, workload: 'month-end-close', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'writes the close reports only' },
  // FLAW 4: the last review of fx-rates-sync is from May; its cadence is 90 days.
  { into: 'flawed', code: flawed, workload: 'fx-rates-sync', reviewer: security.felix, date: '2026-05-04', decision: 'keep', comment: 'writes the rates table only' },
  // FLAW 5: reviewed on revision 1, before the disputes grant.
  { into: 'flawed', code: { variant: 'flawed', revision: 1 }, workload: 'settlement-worker', reviewer: security.ada, date: '2026-11-16', decision: 'keep', comment: 'consumes settlement instructions only' },
  // FLAW 6: sqs:PurgeQueue revoked, still granted in src/flawed.ts.
  { into: 'flawed', code: flawed, workload: 'payout-service', reviewer: security.felix, date: '2026-11-09', decision: 'reduce', comment: 'purging the payout queue loses payouts; incidents go through the runbook', revoke: ['sqs:PurgeQueue'] },
  { into: 'flawed', code: flawed, workload: 'release-pipeline', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'deploys ledger-api' },
  { into: 'flawed', code: flawed, workload: 'support-copilot', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'no AWS access beyond its trust' },
  // FLAW 10: signed by a member of team-risk, the owner team.
  { into: 'flawed', code: flawed, workload: 'fraud-scorer', reviewer: 'raj.iyer@acme.example', date: '2026-11-23', decision: 'keep', comment: 'we need both' },

  // The compliant twin (compliant/governance/reviews): every workload reviewed outside its owner team, within its cadence.
  { into: 'compliant', code: compliant, workload: 'ledger-api', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'migration key grant renewed until 2027-03-31' },
  { into: 'compliant', code: compliant, workload: 'month-end-close', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'writes the close reports only' },
  { into: 'compliant', code: compliant, workload: 'fx-rates-sync', reviewer: security.felix, date: '2026-11-02', decision: 'keep', comment: 'writes the rates table only' },
  { into: 'compliant', code: compliant, workload: 'settlement-worker', reviewer: security.ada, date: '2026-11-25', decision: 'keep', comment: 'disputes grant reviewed after it was added' },
  { into: 'compliant', code: flawed, workload: 'payout-service', reviewer: security.felix, date: '2026-11-09', decision: 'reduce', comment: 'purging the payout queue loses payouts; incidents go through the runbook', revoke: ['sqs:PurgeQueue'] },
  { into: 'compliant', code: compliant, workload: 'payout-service', reviewer: security.felix, date: '2026-11-12', decision: 'keep', comment: 'sqs:PurgeQueue removed as decided on 2026-11-09' },
  { into: 'compliant', code: compliant, workload: 'ci-hotfix-deployer', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'hotfix environment has required reviewers' },
  { into: 'compliant', code: compliant, workload: 'release-pipeline', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'deploys ledger-api, no IAM' },
  // iam-pipeline is owned by team-security itself: reviewed by team-ledger, whose roles it changes.
  { into: 'compliant', code: compliant, workload: 'iam-pipeline', reviewer: 'dana.kim@acme.example', date: '2026-11-02', decision: 'keep', comment: 'IAM changes only, from the infrastructure repository' },
  { into: 'compliant', code: compliant, workload: 'support-copilot', reviewer: security.ada, date: '2026-11-02', decision: 'keep', comment: 'sponsor maria.lopez; expires 2027-03-31' },
  { into: 'compliant', code: compliant, workload: 'fraud-scorer', reviewer: security.ada, date: '2026-11-23', decision: 'keep', comment: 'scoring endpoint and scores table only' },
];

export const configOf = (variant: Variant) => join(exampleDir, variant === 'compliant' ? 'compliant' : '', '.wiga.yaml');

async function main(): Promise<void> {
  const outdirs = new Map<string, string>();
  const synth = (code: Review['code']) => {
    const key = `${code.variant}-${code.revision}`;
    let dir = outdirs.get(key);
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), `wiga-gov-${key}-`));
      buildApp({ outdir: dir, now: NOW, ...code }).synth();
      outdirs.set(key, dir);
    }
    return dir;
  };
  for (const variant of ['flawed', 'compliant'] as const) {
    const reviews = join(exampleDir, variant === 'compliant' ? 'compliant' : '', 'governance', 'reviews');
    for (const workload of readdirSync(reviews)) rmSync(join(reviews, workload), { recursive: true, force: true });
  }
  try {
    for (const r of REVIEWS) {
      const args = ['review', 'record', '--config', configOf(r.into), '--workload', r.workload, '--decision', r.decision,
        '--reviewer', r.reviewer, '--date', r.date, '--comment', r.comment, ...(r.revoke ?? []).flatMap((a) => ['--revoke', a]), synth(r.code)];
      let err = '';
      const code = await run(args, {
        stdout: { write: (s: string) => process.stdout.write(s) },
        stderr: { write: (s: string) => { err += s; return true; } },
        cwd: exampleDir, env: { NO_COLOR: '1' }, now: new Date(NOW),
      });
      if (code !== 0) throw new Error(`wiga ${args.join(' ')} exited ${code}:\n${err}`);
    }
  } finally {
    for (const dir of outdirs.values()) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });

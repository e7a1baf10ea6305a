import { describe, expect, it } from 'vitest';
import { evidenceReport, governanceReport, renderEvidenceMarkdown } from '@workload-iga/core';
import { allow, cdktfStack, LAMBDA_TRUST, manifestWorkload, NOW, policy, tfFile } from '../helpers';
import { review, teams } from '../governance-helpers';

const stack = cdktfStack({ workloads: [manifestWorkload('app', { backupOwner: 'team-security' })] }, policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::reports/*'), allow('sqs:SendMessage', '*')));
const hand = tfFile({ resource: { aws_iam_role: { legacy: { name: 'legacy', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } } } }, 'legacy/main.tf.json');

describe('governanceReport', () => {
  const report = governanceReport([stack, hand], { now: NOW, governance: { teams: teams(), reviews: [review({ date: '2026-04-01', reviewer: 'sam' })] } });
  it('has a row per workload and per hand-written identity', () => {
    expect(report.workloads.map((w) => [w.workload, w.identity, w.status])).toEqual([
      ['aws_iam_role.legacy', 'aws_iam_role.legacy', 'unowned'],
      ['payments-api', 'aws_iam_role.app', 'active'],
    ]);
  });
  it('summarises entitlements by service and access level, with owners, review and digest', () => {
    const row = report.workloads.find((w) => w.workload === 'payments-api')!;
    expect(row).toMatchObject({
      kind: 'service',
      attestation: 'aws-service lambda.amazonaws.com',
      owner: 'team-payments',
      ownerTeam: { id: 'team-payments' },
      backupOwner: 'team-security',
      lastReview: { date: '2026-04-01', reviewer: 'sam', decision: 'keep' },
      nextReviewDue: '2026-09-28',
      reviewOverdue: false,
      cadenceDays: 180,
      cadenceBasis: 'default',
      reviewedDigestCurrent: false,
    });
    expect(row.entitlements).toEqual([
      { service: 's3', accessLevels: ['Read', 'Write'], actions: ['s3:getobject', 's3:putobject'], allResources: false },
      { service: 'sqs', accessLevels: ['Write'], actions: ['sqs:sendmessage'], allResources: true },
    ]);
    expect(row.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row.findings.medium).toBe(row.findingList.filter((f) => f.severity === 'medium').length);
    expect(row.findingList.map((f) => f.ruleId)).toContain('review-drift');
  });
  it('the hand-written identity is never reviewed and unowned', () => {
    const row = report.workloads[0]!;
    expect(row).toMatchObject({ nextReviewDue: 'now', reviewOverdue: true, attestation: 'aws-service lambda.amazonaws.com' });
    // review-overdue is about workloads; an identity outside any workload is reported by unowned-identity.
    expect(row.findingList.map((f) => f.ruleId)).toContain('unowned-identity');
  });

  it('evidence: each control with per-workload pass/fail', () => {
    const evidence = evidenceReport(report);
    expect(evidence.generatedAt).toBe(NOW.toISOString());
    expect(evidence.controls.map((c) => c.id)).toEqual(['CIS-5.5', 'PCI-7.2.4', 'PCI-7.2.5.1', 'PCI-8.6.1', 'PCI-8.6.2', 'PCI-8.6.3', 'NIST-AC-2', 'NIST-AC-6', 'SOC2-CC6.1', 'SOC2-CC6.2', 'SOC2-CC6.3']);
    const cis = evidence.controls[0]!;
    expect(cis.checks).toEqual(['workload-requires-owner', 'unowned-identity', 'review-overdue']);
    expect(cis.results).toEqual([
      { workload: 'aws_iam_role.legacy', identity: 'aws_iam_role.legacy', status: 'fail', findings: ['unowned-identity'], nextReviewDue: 'now' },
      { workload: 'payments-api', identity: 'aws_iam_role.app', status: 'pass', findings: [], lastReview: '2026-04-01', nextReviewDue: '2026-09-28' },
    ]);
    const pci = evidence.controls.find((c) => c.id === 'PCI-7.2.4')!;
    expect(pci.results.find((r) => r.workload === 'payments-api')).toMatchObject({ status: 'fail', findings: ['review-drift'] });
  });

  it('renders Markdown for an auditor', () => {
    const md = renderEvidenceMarkdown(evidenceReport(report));
    expect(md).toContain('# Access governance evidence');
    expect(md).toContain('| CIS-5.5 | 2 | 1 | 1 |');
    expect(md).toContain('## PCI-7.2.4: PCI DSS v4.0.1 7.2.4: periodic review of accounts and privileges');
    expect(md).toContain('| payments-api | `aws_iam_role.app` | FAIL | `review-drift` | 2026-04-01 | 2026-09-28 |');
    expect(md).toContain('| aws_iam_role.legacy | `aws_iam_role.legacy` | FAIL | `unowned-identity` | never | now |');
  });
});

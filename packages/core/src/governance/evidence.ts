/**
 * Control-mapped evidence from a governance report: for each control, what it asks (paraphrased),
 * the rules that check it, and per workload pass or fail with the findings and the last review.
 */
import { RULES } from '../rules/index';
import type { GovernanceReport } from './inventory-report';

export type ControlId = 'CIS-5.5' | 'PCI-7.2.4' | 'PCI-7.2.5.1' | 'PCI-8.6.1' | 'PCI-8.6.2' | 'PCI-8.6.3' | 'NIST-AC-2' | 'NIST-AC-6' | 'SOC2-CC6.1' | 'SOC2-CC6.2' | 'SOC2-CC6.3';

export interface ControlResult {
  readonly workload: string;
  readonly identity: string;
  readonly status: 'pass' | 'fail';
  /** Rule ids of the unsuppressed findings that fail the control. */
  readonly findings: readonly string[];
  readonly lastReview?: string;
  readonly nextReviewDue?: string;
}

export interface ControlEvidence {
  readonly id: ControlId;
  readonly title: string;
  readonly requirement: string;
  readonly checks: readonly string[];
  readonly results: readonly ControlResult[];
}

export interface EvidenceReport {
  readonly generatedAt: string;
  readonly controls: readonly ControlEvidence[];
}

/** The controls and the rules that give evidence for them (requirements paraphrased, not quoted). */
export const CONTROLS: readonly { readonly id: ControlId; readonly title: string; readonly requirement: string; readonly checks: readonly string[] }[] = [
  { id: 'CIS-5.5', title: 'CIS Controls v8 5.5: inventory of service accounts', requirement: 'Keep an inventory of service accounts that records at least the owning department, the purpose and the review date, and confirm at least quarterly that every active account is authorised.', checks: ['workload-requires-owner', 'unowned-identity', 'review-overdue'] },
  { id: 'PCI-7.2.4', title: 'PCI DSS v4.0.1 7.2.4: periodic review of accounts and privileges', requirement: 'At least every six months, review every account and the privileges it holds, deal with access that is no longer appropriate, and have management confirm that the remaining access is still right.', checks: ['review-overdue', 'review-drift', 'revoked-entitlement-present', 'self-review'] },
  { id: 'PCI-7.2.5.1', title: 'PCI DSS v4.0.1 7.2.5.1: review of application and system account access', requirement: 'Review all access held by application and system accounts at the frequency set by the targeted risk analysis, and remediate access found to be inappropriate.', checks: ['review-overdue', 'review-drift', 'revoked-entitlement-present'] },
  { id: 'PCI-8.6.1', title: 'PCI DSS v4.0.1 8.6.1: interactive use of system accounts', requirement: 'System and application accounts that could be used to log in interactively are prevented from it except where justified, time-limited, approved and attributable to a person.', checks: ['no-long-lived-access-key', 'workload-requires-owner', 'unowned-identity'] },
  { id: 'PCI-8.6.2', title: 'PCI DSS v4.0.1 8.6.2: no hard-coded credentials', requirement: 'Credentials of system and application accounts are not written into scripts, configuration or source code.', checks: ['no-long-lived-access-key', 'no-credentials-exposure'] },
  { id: 'PCI-8.6.3', title: 'PCI DSS v4.0.1 8.6.3: protection of system account credentials', requirement: 'Credentials of system and application accounts are protected against misuse and changed periodically and on suspected compromise; short-lived, federated credentials meet this best.', checks: ['no-long-lived-access-key', 'ai-agent-governance', 'org-policy-violation'] },
  { id: 'NIST-AC-2', title: 'NIST SP 800-53 r5 AC-2: account management', requirement: 'Define account types, assign account managers, authorise and monitor accounts, remove temporary and unneeded ones, and review accounts for compliance at a defined frequency (FedRAMP Moderate: quarterly for privileged access).', checks: ['workload-requires-owner', 'unowned-identity', 'review-overdue', 'retired-workload-access', 'no-expired-entitlement', 'expiring-entitlement'] },
  { id: 'NIST-AC-6', title: 'NIST SP 800-53 r5 AC-6: least privilege', requirement: 'Grant only the access needed for the assigned task, and review the privileges of roles periodically to remove what is not needed.', checks: ['no-wildcard-action', 'no-wildcard-resource', 'no-admin-managed-policy', 'no-privilege-escalation-action', 'no-privilege-escalation-path', 'no-pass-role-compute-escalation', 'sod-violation', 'org-policy-violation', 'unused-access'] },
  { id: 'SOC2-CC6.1', title: 'SOC 2 CC6.1: logical access security', requirement: 'Restrict logical access to information assets with access controls, and manage the credentials of infrastructure and software.', checks: ['no-trust-any-principal', 'oidc-trust-requires-subject', 'trust-cross-account-requires-external-id', 'trust-service-principal-scoped', 'no-public-resource-policy', 'no-resource-exposure', 'org-policy-violation'] },
  { id: 'SOC2-CC6.2', title: 'SOC 2 CC6.2: authorising and removing access', requirement: 'Register and authorise an identity before issuing credentials to it, and remove access when it is no longer authorised.', checks: ['workload-requires-owner', 'unowned-identity', 'retired-workload-access', 'new-access', 'no-expired-entitlement'] },
  { id: 'SOC2-CC6.3', title: 'SOC 2 CC6.3: role-based access and separation of duties', requirement: 'Grant, change and remove access based on roles and least privilege, with approval and with duties separated.', checks: ['review-drift', 'revoked-entitlement-present', 'self-review', 'sod-violation', 'no-wildcard-action'] },
];

/** Evidence for every control over the report's workloads (retired workloads are left out). */
export function evidenceReport(report: GovernanceReport, now: Date = new Date(report.generatedAt)): EvidenceReport {
  const known = new Set(RULES.map((r) => r.id));
  const workloads = report.workloads.filter((w) => w.status !== 'retired');
  return {
    generatedAt: now.toISOString(),
    controls: CONTROLS.map((control) => {
      const checks = control.checks.filter((id) => known.has(id));
      const set = new Set(checks);
      return {
        ...control,
        checks,
        results: workloads.map((w) => {
          const failed = [...new Set(w.findingList.filter((f) => set.has(f.ruleId)).map((f) => f.ruleId))].sort();
          return {
            workload: w.workload,
            identity: w.identity,
            status: failed.length > 0 ? 'fail' : 'pass',
            findings: failed,
            ...(w.lastReview && { lastReview: w.lastReview.date }),
            nextReviewDue: w.nextReviewDue,
          } satisfies ControlResult;
        }),
      };
    }),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The evidence as Markdown, to hand an auditor: per control its requirement and a pass/fail table. */
export function renderEvidenceMarkdown(evidence: EvidenceReport): string {
  const lines: string[] = ['# Access governance evidence', '', `Generated ${evidence.generatedAt} by wiga from the infrastructure code, its access review records and the governance configuration.`, ''];
  lines.push('| Control | Workloads | Pass | Fail |', '|---|---:|---:|---:|');
  for (const c of evidence.controls) {
    const fail = c.results.filter((r) => r.status === 'fail').length;
    lines.push(`| ${c.id} | ${c.results.length} | ${c.results.length - fail} | ${fail} |`);
  }
  lines.push('');
  for (const c of evidence.controls) {
    lines.push(`## ${c.id}: ${cell(c.title)}`, '', `Requirement (paraphrased): ${c.requirement}`, '', `Checked by: ${c.checks.map((id) => `\`${id}\``).join(', ') || 'none'}`, '');
    if (c.results.length === 0) {
      lines.push('No workloads.', '');
      continue;
    }
    lines.push('| Workload | Identity | Result | Findings | Last review | Next review due |', '|---|---|---|---|---|---|');
    for (const r of c.results) {
      lines.push(`| ${cell(r.workload)} | \`${cell(r.identity)}\` | ${r.status === 'pass' ? 'PASS' : 'FAIL'} | ${r.findings.map((f) => `\`${f}\``).join(', ') || '-'} | ${r.lastReview ?? 'never'} | ${r.nextReviewDue ?? '-'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

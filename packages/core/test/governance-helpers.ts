// Builders for the governance tests: a context from YAML texts, and the findings of one rule with it.
import { describe, expect, it } from 'vitest';
import { analyze, parseGovernanceConfig, parseReviewRecord, parseTeams, type GovernanceContext, type ReviewRecord } from '@workload-iga/core';
import { NOW, type InputFile } from './helpers';

export function config(text: string): NonNullable<GovernanceContext['config']> {
  const r = parseGovernanceConfig(text, '.wiga.yaml');
  expect(r.problems).toEqual([]);
  return r.value!;
}

export function teams(text = 'teams:\n  - id: team-payments\n    members: [alice, bob]\n  - id: team-security\n    members: [sam]\n'): NonNullable<GovernanceContext['teams']> {
  const r = parseTeams(text, 'governance/owners.yaml');
  expect(r.problems).toEqual([]);
  return r.value!;
}

export function review(fields: Partial<ReviewRecord> = {}): ReviewRecord {
  return { file: `governance/reviews/${fields.workload ?? 'payments-api'}/${fields.date ?? '2026-05-01'}.yaml`, workload: 'payments-api', reviewer: 'sam', date: '2026-05-01', decision: 'keep', digest: `sha256:${'0'.repeat(64)}`, ...fields };
}

export interface GovCase {
  readonly name: string;
  readonly input: InputFile | readonly InputFile[];
  readonly governance?: GovernanceContext;
  /** Expected findings as `severity address [statement]`. */
  readonly expected: readonly string[];
  readonly now?: Date;
}

export function govFindings(ruleId: string, c: Omit<GovCase, 'expected' | 'name'>) {
  const files = Array.isArray(c.input) ? c.input : [c.input as InputFile];
  return analyze(files, { now: c.now ?? NOW, ...(c.governance && { governance: c.governance }) }).findings.filter((f) => f.ruleId === ruleId);
}

export function compact(ruleId: string, c: Omit<GovCase, 'expected' | 'name'>): string[] {
  return govFindings(ruleId, c).map((f) => [f.severity, f.location.address ?? f.location.file, f.location.statement].filter(Boolean).join(' '));
}

export function govTable(ruleId: string, cases: readonly GovCase[]): void {
  describe(ruleId, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(compact(ruleId, c)).toEqual(c.expected);
    });
  });
}

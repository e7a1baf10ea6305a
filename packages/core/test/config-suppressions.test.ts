import { describe, expect, it } from 'vitest';
import { analyze, parseGovernanceConfig } from '@workload-iga/core';

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
const config = (yaml: string) => parseGovernanceConfig(yaml, '.wiga.yaml').value!;

describe('suppressions in .wiga.yaml', () => {
  const result = analyze([{ path: 'p.json', text: policy }], {
    now: new Date('2026-12-01T00:00:00Z'),
    governance: {
      config: config(
        [
          'suppressions:',
          '  - { rule: no-resource-exposure, reason: reviewed with the security team in November }',
          '  - { rule: no-wildcard-action, address: aws_iam_policy.nope, reason: the nope policy goes this sprint }',
          '  - { rule: no-data-exfiltration, reason: reporting reads every bucket on purpose, expires: 2026-01-01 }',
        ].join('\n'),
      ),
    },
  });

  it('a matching one suppresses, with its reason', () => {
    expect(result.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed!.reason])).toEqual([['no-resource-exposure', 'reviewed with the security team in November']]);
  });

  it('one that matches nothing, and one that expired, are reported (and suppress nothing)', () => {
    expect(result.findings.filter((f) => f.ruleId === 'no-unused-suppression').map((f) => `${f.location.file} ${f.message}`).sort()).toEqual([
      '.wiga.yaml the suppression of no-data-exfiltration on any address expired on 2026-01-01',
      '.wiga.yaml the suppression of no-wildcard-action on aws_iam_policy.nope matches no finding',
    ]);
    expect(result.findings.some((f) => f.ruleId === 'no-data-exfiltration' && !f.suppressed)).toBe(true);
  });

  it('suppressions passed by an API caller (the editor, per file) are not reported as unused', () => {
    const direct = analyze([{ path: 'p.json', text: policy }], { suppressions: [{ ruleId: 'no-wildcard-action', address: 'aws_iam_policy.elsewhere', reason: 'not in this file' }] });
    expect(direct.findings.filter((f) => f.ruleId === 'no-unused-suppression')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatJson, formatRulesJson, formatRulesText, formatText, summaryLine } from '../src/formatters';
import { EMPTY_RESULT, RESULT } from './fixtures';

describe('formatText', () => {
  it('groups by workload, then identity, then file; lists suppressed findings and input errors; ends with the summary', () => {
    expect(formatText(RESULT, { color: false })).toBe(
      [
        'workload payments-api',
        '  critical  no-wildcard-action  data.aws_iam_policy_document.payments_permissions › ReadData  src/main.ts:14:5',
        "            Statement 'ReadData' allows every S3 action ('s3:*') on every resource.",
        "            fix: Grant the S3 actions the workload calls on its bucket, e.g. grantReadBucket('payments-data').",
        '',
        'identity aws_iam_role.deploy_role',
        '  high      trust-oidc-missing-sub  aws_iam_role.deploy_role  cdktf.out/stacks/app/cdk.tf.json:80:9',
        '            GitHub OIDC trust checks only the audience: any repository can assume the role.',
        "            fix: Add a StringEquals condition on 'token.actions.githubusercontent.com:sub'.",
        '',
        'file policies/reader.json',
        '  medium    no-wildcard-resource  Statement[0]  policies/reader.json:4:5',
        "            Statement[0] allows 'kms:Decrypt' on every key.",
        '',
        'Suppressed (1)',
        '  low       no-wildcard-resource  aws_iam_policy.ops_policy › Describe  cdktf.out/stacks/app/cdk.tf.json:120:11',
        "            Statement 'Describe' allows 'ec2:DescribeInstances' on every resource.",
        '            reason: Describe* has no resource-level permissions (expires 2030-01-01)',
        '',
        'Input errors (1)',
        "  policies/broken.json:3:7: duplicate key 'Effect'",
        '',
        '3 findings (1 critical, 1 high, 1 medium, 0 low, 0 info), 1 suppressed, 2 inputs analysed, 1 input with errors',
        '',
      ].join('\n'),
    );
  });

  it('prints only the summary when there is nothing to report', () => {
    expect(formatText(EMPTY_RESULT, { color: false })).toBe('0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info), 0 suppressed, 1 input analysed\n');
  });

  it('colours severities, headings and fixes only when asked', () => {
    const coloured = formatText(RESULT, { color: true });
    expect(coloured).toContain('\u001b[1;35mcritical\u001b[0m');
    expect(coloured).toContain('\u001b[1mworkload payments-api\u001b[0m');
    expect(coloured).toContain('\u001b[32mfix: Add a StringEquals');
    expect(formatText(RESULT, { color: false })).not.toContain('\u001b[');
  });

  it('is deterministic', () => {
    expect(formatText(RESULT, { color: false })).toBe(formatText(structuredClone(RESULT), { color: false }));
  });
});

describe('summaryLine', () => {
  it('counts findings per severity and the inputs analysed', () => {
    expect(summaryLine(RESULT)).toBe('3 findings (1 critical, 1 high, 1 medium, 0 low, 0 info), 1 suppressed, 2 inputs analysed, 1 input with errors');
  });
});

describe('formatJson', () => {
  it('matches the golden report', async () => {
    await expect(formatJson(RESULT, { version: '0.0.0-test' })).toMatchFileSnapshot('./golden/report.json');
  });

  it('writes keys in a fixed order whatever the order of the result objects', () => {
    const shuffled = structuredClone(RESULT) as unknown as { findings: Record<string, unknown>[] };
    shuffled.findings = shuffled.findings.map((finding) => Object.fromEntries(Object.entries(finding).reverse()));
    expect(formatJson(shuffled as never, { version: '1' })).toBe(formatJson(RESULT, { version: '1' }));
  });

  it('is valid JSON holding tool, inputs, findings, workloads and summary', () => {
    const report = JSON.parse(formatJson(EMPTY_RESULT, { version: '1.2.3' }));
    expect(Object.keys(report)).toEqual(['tool', 'inputs', 'findings', 'workloads', 'summary']);
    expect(report.tool).toEqual({ name: 'wiga', version: '1.2.3' });
    expect(report.inputs).toEqual([{ file: 'plan.json', kind: 'terraform-plan', status: 'analyzed', errors: [] }]);
  });
});

describe('rules formatters', () => {
  const rules = [
    { id: 'no-wildcard-action', category: 'wildcard-action', severity: 'high', title: 'Allow statements name their actions' },
    { id: 'trust-oidc-missing-sub', category: 'trust-federated-missing-condition', severity: 'critical', title: 'OIDC trust pins the subject' },
  ] as never;

  it('lists id, severity, category and title in aligned columns', () => {
    expect(formatRulesText(rules, { color: false })).toBe(
      [
        'id                      severity  category                           title',
        'no-wildcard-action      high      wildcard-action                    Allow statements name their actions',
        'trust-oidc-missing-sub  critical  trust-federated-missing-condition  OIDC trust pins the subject',
        '',
        '2 rules',
        '',
      ].join('\n'),
    );
  });

  it('writes the metadata as JSON', () => {
    expect(JSON.parse(formatRulesJson(rules, { version: '1' }))).toEqual({ tool: { name: 'wiga', version: '1' }, rules });
  });
});

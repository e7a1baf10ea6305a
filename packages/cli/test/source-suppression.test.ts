import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runWiga, tempTree } from './helpers';

// The editor's "suppress with a reason" code action writes a comment above the construct; the CLI
// (and so CI) must honour the same comment.
const source = (comment: string) =>
  [
    "import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';",
    comment,
    "new IamPolicy(scope, 'reports', {",
    "  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),",
    '});',
  ].join('\n');

const synth = JSON.stringify({
  '//': {
    metadata: { version: '0.21.0', stackName: 'app' },
    'workload-iga': { version: 1, workloads: [], suppressions: [], sourceRoot: '../../..', sources: { 'aws_iam_policy.reports': { file: 'src/main.ts', line: 3, column: 1 } } },
  },
  resource: { aws_iam_policy: { reports: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) } } },
});

let dir: string | undefined;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('// wiga-suppress comments in the TypeScript source', () => {
  it.each([
    { name: 'a comment with a reason suppresses that rule on the construct below', comment: '// wiga-suppress no-wildcard-action -- legacy reporting box, removed in Q1 with its data', suppressedRules: ['no-wildcard-action'] },
    { name: "the code action's placeholder is no reason", comment: '// wiga-suppress no-wildcard-action -- <reason>', suppressedRules: [] },
    { name: 'an expired comment no longer applies', comment: '// wiga-suppress no-wildcard-action -- legacy reporting box (expires 2020-01-01)', suppressedRules: [] },
    { name: 'another rule is not suppressed', comment: '// wiga-suppress no-data-exfiltration -- reads every bucket on purpose', suppressedRules: ['no-data-exfiltration'] },
  ])('$name', async ({ comment, suppressedRules }) => {
    dir = tempTree({ 'src/main.ts': source(comment), 'cdktf.out/stacks/app/cdk.tf.json': synth });
    const { code, stdout } = await runWiga(['check', 'cdktf.out', '--format', 'json', '--fail-on', 'none'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; suppressed?: { reason: string }; location: { source?: { file: string } } }[] };
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId).sort()).toEqual(suppressedRules);
    expect(report.findings.every((f) => f.location.source?.file === path.posix.join('src', 'main.ts'))).toBe(true);
  });
});

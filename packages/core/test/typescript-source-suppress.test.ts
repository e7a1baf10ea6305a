import * as ts from 'typescript';
import { expect, it } from 'vitest';
import { analyzeTypeScriptSource } from '../src/input/typescript-source';
it('a // wiga-suppress comment covers the construct or grant call that starts on the next line, not the next construct', () => {
  const text = [
    "const w = new WorkloadIdentity(this, 'w', { kind: 'service', owner: 'o', purpose: 'p', attestation: Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' }) });",
    '// wiga-suppress no-wildcard-action -- needed for the migration',
    'w.grant({',
    "  purpose: 'all of s3',",
    "  actions: ['s3:*'],",
    '  resources: [bucket.arn],',
    '});',
    '  // wiga-suppress no-wildcard-action -- legacy',
    "  const p = new IamPolicy(this, 'p', {",
    '    policy: JSON.stringify({',
    "      Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: bucket.arn }],",
    '    }),',
    '  });',
    "new IamPolicy(this, 'q', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: bucket.arn }] }) });",
  ].join('\n');
  const f = analyzeTypeScriptSource(ts, 'a.ts', text).findings.filter((x) => x.ruleId === 'no-wildcard-action');
  expect(f.map((x) => [x.location.line, x.suppressed?.reason])).toEqual([[5, 'needed for the migration'], [11, 'legacy'], [14, undefined]]);
});

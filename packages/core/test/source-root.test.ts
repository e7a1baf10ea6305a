import { describe, expect, it } from 'vitest';
import { analyze } from '@workload-iga/core';

/** A cdktf stack whose only block is a flawed policy created at src/legacy.ts:7:3. */
function stack(sourceRoot: string | undefined): string {
  return JSON.stringify({
    '//': {
      metadata: { version: '0.21.0', stackName: 's' },
      'workload-iga': { version: 1, workloads: [], suppressions: [], sources: { 'aws_iam_policy.p': { file: 'src/legacy.ts', line: 7, column: 3 } }, ...(sourceRoot !== undefined && { sourceRoot }) },
    },
    resource: { aws_iam_policy: { p: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) } } },
  });
}

describe('source positions from the manifest are resolved against the analysed file', () => {
  it.each([
    { name: 'from the repository root', input: 'examples/app/cdktf.out/stacks/s/cdk.tf.json', sourceRoot: '../../..', file: 'examples/app/src/legacy.ts' },
    { name: 'from the project itself', input: 'cdktf.out/stacks/s/cdk.tf.json', sourceRoot: '../../..', file: 'src/legacy.ts' },
    { name: 'from inside the stack directory', input: 'cdk.tf.json', sourceRoot: '../../..', file: '../../../src/legacy.ts' },
    { name: 'a root outside the project is kept as recorded', input: '../../tmp/out/stacks/s/cdk.tf.json', sourceRoot: '../../../../work/app', file: 'src/legacy.ts' },
    { name: 'no sourceRoot (older manifests) is kept as recorded', input: 'x/cdktf.out/stacks/s/cdk.tf.json', sourceRoot: undefined, file: 'src/legacy.ts' },
  ])('$name', ({ input, sourceRoot, file }) => {
    const result = analyze([{ path: input, text: stack(sourceRoot) }]);
    const sources = result.findings.filter((f) => f.ruleId === 'no-wildcard-action').map((f) => f.location.source);
    expect(sources).toEqual([{ file, line: 7, column: 3 }]);
  });
});

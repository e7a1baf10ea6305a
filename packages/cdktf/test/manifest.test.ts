import { describe, expect, test } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Attestation, WorkloadIdentity, addressOf } from '@workload-iga/cdktf';
import { newStack, manifestOf, positionOf } from './helpers';

const at = (marker: string, token: string) => positionOf(__filename, marker, token);
const attestation = Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' });

describe('governance manifest', () => {
  test('sources point at the exact test lines of a WorkloadIdentity, a grant and raw provider constructs', () => {
    const { stack } = newStack();
    const wl = new WorkloadIdentity(stack, 'api', { kind: 'service', owner: 'o', purpose: 'p', attestation }); // @wl
    wl.grant({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], purpose: 'read objects' }); // @grant
    const doc = new DataAwsIamPolicyDocument(stack, 'doc', { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] }); // @doc
    const raw = new IamPolicy(stack, 'raw', { policy: doc.json }); // @raw
    const m = manifestOf(stack);
    expect(m.version).toBe(1);
    expect(m.sources).toEqual({
      [addressOf(wl.role)!]: at('wl', 'new'),
      [addressOf(wl.node.findChild('Grants'))!]: at('grant', 'grant'),
      'data.aws_iam_policy_document.doc': at('doc', 'new'),
      'aws_iam_policy.raw': at('raw', 'new'),
    });
    expect(addressOf(raw)).toBe('aws_iam_policy.raw');
    expect(at('wl', 'new')).toEqual({ file: 'packages/cdktf/test/manifest.test.ts', line: 18, column: 16 });
    expect(m.workloads[0].source).toEqual(at('wl', 'new'));
    expect(m.workloads[0].grants[0].source).toEqual(at('grant', 'grant'));
    expect(m.suppressions).toEqual([]);
  });

  test('app.synth() writes the manifest next to cdktf metadata under the top-level "//"', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiga-synth-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'svc');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new WorkloadIdentity(stack, 'api', { kind: 'service', owner: 'o', purpose: 'p', attestation });
    app.synth();
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/svc/cdk.tf.json'), 'utf8'));
    expect(Object.keys(tf['//']).sort()).toEqual(['metadata', 'outputs', 'workload-iga']);
    expect(tf['//'].metadata.stackName).toBe('svc');
    expect(tf['//']['workload-iga'].workloads.map((w: { name: string }) => w.name)).toEqual(['api']);
    // No full stack traces are written into the blocks' metadata.
    expect(JSON.stringify(tf)).not.toContain('stackTrace');
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('a stack with only raw constructs still gets a manifest with sources', () => {
    const { stack } = newStack('raw-only');
    new IamPolicy(stack, 'p', { policy: '{"Version":"2012-10-17","Statement":[]}' }); // @rawonly
    expect(manifestOf(stack)).toEqual({
      version: 1,
      workloads: [],
      sources: { 'aws_iam_policy.p': at('rawonly', 'new') },
      suppressions: [],
      sourceRoot: expect.any(String),
    });
  });
});

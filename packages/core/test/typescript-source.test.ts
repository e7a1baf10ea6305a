import * as ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTypeScriptSource, readSuppressionComments, readTypeScriptSource } from '../src/input/typescript-source';

const at = (text: string, needle: string, nth = 0) => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, endColumn: before[before.length - 1]!.length + 1 + needle.length };
};

describe('TypeScript CDKTF sources', () => {
  it('reports a wildcard action in JSON.stringify on the exact string literal', () => {
    const text = [
      "import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';",
      "new IamPolicy(stack, 'p', {",
      "  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:*'], Resource: bucket.arn }] }),",
      '});',
    ].join('\n');
    const { findings } = analyzeTypeScriptSource(ts, 'main.ts', text);
    const wildcard = findings.find((f) => f.ruleId === 'no-wildcard-action')!;
    const expected = at(text, "'s3:*'");
    expect(wildcard.location).toMatchObject({ line: expected.line, column: expected.column, endLine: expected.line, endColumn: expected.endColumn, address: 'aws_iam_policy.p' });
    // bucket.arn is one specific resource: no wildcard-resource finding.
    expect(findings.some((f) => f.ruleId === 'no-wildcard-resource')).toBe(false);
  });

  it('reads data documents (camelCase props), references between constructs and attachments', () => {
    const text = [
      "const doc = new DataAwsIamPolicyDocument(this, 'doc', { statement: [{ sid: 'Pass', actions: ['iam:PassRole'], resources: ['*'] }, { actions: ['ec2:RunInstances'], resources: ['*'] }] });",
      "const role = new IamRole(this, 'r', { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });",
      "new IamRolePolicy(this, 'rp', { role: role.name, policy: doc.json });",
      "new IamRolePolicyAttachment(this, 'admin', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });",
    ].join('\n');
    const { findings } = analyzeTypeScriptSource(ts, 'main.ts', text);
    const ids = findings.map((f) => f.ruleId);
    expect(ids).toContain('no-pass-role-compute-escalation');
    expect(ids).toContain('no-admin-managed-policy');
    const passRole = findings.find((f) => f.ruleId === 'no-privilege-escalation-action')!;
    expect(passRole.location).toMatchObject({ line: 1, column: at(text, "['iam:PassRole']").column });
    expect(passRole.identity).toBe('aws_iam_role.r');
  });

  it('flags a GitHub trust statement without sub, on the statement, and reads const bindings', () => {
    const text = [
      "const trust = { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' };",
      "new IamRole(this, 'gh', { assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [trust] }) });",
    ].join('\n');
    const { findings } = analyzeTypeScriptSource(ts, 'main.ts', text);
    const f = findings.find((x) => x.ruleId === 'oidc-trust-requires-subject')!;
    expect(f.severity).toBe('critical');
    expect(f.location.line).toBe(1);
  });

  it('models WorkloadIdentity grants and intent helpers; a declared workload reports nothing', () => {
    const text = readFileSync(join(__dirname, '../../../examples/payments-platform/src/workloads.ts'), 'utf8');
    const model = readTypeScriptSource(ts, 'workloads.ts', text);
    expect(model.blocks.filter((b) => b.type === 'aws_iam_role')).toHaveLength(4);
    expect(analyzeTypeScriptSource(ts, 'workloads.ts', text).findings.filter((f) => !f.suppressed)).toEqual([]);
    const wide = "const w = new WorkloadIdentity(this, 'w', { kind: 'service', owner: 'o', purpose: 'p', attestation: Attestation.awsService({ service: 'lambda.amazonaws.com', sourceAccount: '111122223333' }) });\nw.grant({ purpose: 'all of s3', actions: ['s3:*'], resources: [bucket.arn] });";
    const f = analyzeTypeScriptSource(ts, 'w.ts', wide).findings.find((x) => x.ruleId === 'no-wildcard-action')!;
    expect(f.location).toMatchObject({ line: 2, column: at(wide, "'s3:*'").column, address: 'aws_iam_role_policy.w_Grants', statement: 'AllOfS3' });
  });

  it('honours // wiga-suppress <rule> -- <reason> on the line above (a reason is required)', () => {
    const body = "new IamPolicy(this, 'p', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }) });";
    const suppressed = analyzeTypeScriptSource(ts, 'a.ts', `// wiga-suppress no-wildcard-action -- reviewed by security\n${body}`).findings;
    expect(suppressed.find((f) => f.ruleId === 'no-wildcard-action')?.suppressed).toEqual({ reason: 'reviewed by security' });
    const noReason = analyzeTypeScriptSource(ts, 'a.ts', `// wiga-suppress no-wildcard-action\n${body}`).findings;
    expect(noReason.find((f) => f.ruleId === 'no-wildcard-action')?.suppressed).toBeUndefined();
    expect(readSuppressionComments('  // wiga-suppress x -- why (expires 2030-01-01)\nfoo')).toEqual([{ ruleId: 'x', reason: 'why', expires: '2030-01-01', line: 1, appliesTo: 2 }]);
  });

  it('reads Fn.jsonencode, inline policies, managed policy ARNs and this.x bindings in classes', () => {
    const text = [
      'class Stack extends TerraformStack {',
      '  readonly role: IamRole;',
      '  constructor(scope: Construct) {',
      "    super(scope, 'stack');",
      "    this.role = new IamRole(this, 'r', {",
      "      assumeRolePolicy: Fn.jsonencode({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),",
      "      inlinePolicy: [{ name: 'inline', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }) }],",
      "      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],",
      '    });',
      "    new IamRolePolicy(this, 'rp', { role: this.role.name, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }) });",
      '  }',
      '}',
    ].join('\n');
    const { findings } = analyzeTypeScriptSource(ts, 'stack.ts', text);
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    expect(byRule('no-trust-any-principal')[0]?.location.line).toBe(6);
    expect(byRule('no-wildcard-action')[0]?.location).toMatchObject({ line: 7, column: at(text, "'kms:*'").column });
    expect(byRule('no-admin-managed-policy')).toHaveLength(1);
    expect(byRule('no-privilege-escalation-action')[0]?.identity).toBe('aws_iam_role.r');
  });

  it('never throws on broken code and stays fast on a 2,000-line file', () => {
    expect(() => analyzeTypeScriptSource(ts, 'x.ts', "new IamPolicy(this, 'p', { policy: JSON.stringify({ Statement: [{ Action: 's3:")).not.toThrow();
    const one = (i: number) => `new IamPolicy(this, 'p${i}', {\n  policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b${i}/*' }] }),\n});\n`;
    const big = Array.from({ length: 700 }, (_, i) => one(i)).join('');
    analyzeTypeScriptSource(ts, 'big.ts', big);
    const t0 = performance.now();
    analyzeTypeScriptSource(ts, 'big.ts', big);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

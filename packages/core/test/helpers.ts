// Shared builders for the rule tests: small IAM policy files and Terraform JSON configurations,
// and a compact projection of findings so tables compare the whole list of one rule's findings.
import { describe, expect, it } from 'vitest';
import { analyze, RULES, type AnalysisResult } from '@workload-iga/core';

export interface InputFile {
  readonly path: string;
  readonly text: string;
}

/** A fixed clock, so expiry checks do not depend on the day the tests run. */
export const NOW = new Date('2026-06-01T00:00:00Z');

export const ACCOUNT = '111122223333';
export const GITHUB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
export const EKS_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const EKS_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_ISSUER}`;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An IAM policy document with the given statements. */
export function policy(...statements: Json[]): { Version: string; Statement: Json[] } {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(action: Json, resource: Json, extra: Record<string, Json> = {}): Json {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function deny(action: Json, resource: Json, extra: Record<string, Json> = {}): Json {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** A trust policy a Lambda function assumes: no finding of any trust rule. */
export const LAMBDA_TRUST = policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

/** A standalone IAM policy JSON file (pretty-printed, so positions are on distinct lines). */
export function policyFile(document: unknown, path = 'example.json'): InputFile {
  return { path, text: JSON.stringify(document, null, 2) };
}

/** A Terraform JSON configuration file. */
export function tfFile(config: unknown, path = 'main.tf.json'): InputFile {
  return { path, text: JSON.stringify(config, null, 2) };
}

/** Renders a JSON value as an HCL expression, for `${jsonencode(...)}` templates. */
export function hcl(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** `"${jsonencode({...})}"`, as hand-written Terraform JSON and cdktf `Fn.jsonencode` produce. */
export function jsonencode(value: Json): string {
  return `\${jsonencode(${hcl(value)})}`;
}

/** A role `aws_iam_role.app` with an inline `aws_iam_role_policy.app` holding `document`. */
export function roleWithInline(document: unknown, trust: unknown = LAMBDA_TRUST): InputFile {
  return tfFile({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(trust) } },
      aws_iam_role_policy: { app: { name: 'app', role: '${aws_iam_role.app.id}', policy: JSON.stringify(document) } },
    },
  });
}

/** A role `aws_iam_role.app` whose trust policy is `trust` (as a JSON string). */
export function roleWithTrust(trust: unknown): InputFile {
  return tfFile({ resource: { aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify(trust) } } } });
}

export interface CompactFinding {
  readonly ruleId: string;
  readonly category: string;
  readonly severity: string;
  readonly location: { readonly address?: string; readonly statement?: string; readonly line?: number };
  readonly suppressed?: { readonly reason: string };
}

export interface FindingsOptions {
  readonly now?: Date;
  /** Keep `location.line` in the projection. */
  readonly line?: boolean;
  /** Keep `suppressed` in the projection. */
  readonly suppressed?: boolean;
}

export function run(files: InputFile | readonly InputFile[], now: Date = NOW): AnalysisResult {
  return analyze(Array.isArray(files) ? files : [files as InputFile], { now });
}

/** The findings of one rule, as `{ ruleId, category, severity, location: { address, statement } }`. */
export function findingsOf(ruleId: string, files: InputFile | readonly InputFile[], options: FindingsOptions = {}): CompactFinding[] {
  if (!RULES.some((r) => r.id === ruleId)) throw new Error(`unknown rule ${ruleId}`);
  return run(files, options.now)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      location: {
        ...(f.location.address !== undefined && { address: f.location.address }),
        ...(f.location.statement !== undefined && { statement: f.location.statement }),
        ...(options.line && f.location.line !== undefined && { line: f.location.line }),
      },
      ...(options.suppressed && f.suppressed && { suppressed: { reason: f.suppressed.reason } }),
    }));
}

/** The full findings of one rule (messages, related locations, evidence). */
export function fullFindingsOf(ruleId: string, files: InputFile | readonly InputFile[], now: Date = NOW) {
  return run(files, now).findings.filter((f) => f.ruleId === ruleId);
}

/** A table case: a name, the input files, and the exact findings of the rule under test. */
export interface RuleCase {
  readonly name: string;
  readonly input: InputFile | readonly InputFile[];
  readonly expected: readonly CompactFinding[];
  readonly options?: FindingsOptions;
}

/** Builds an expected finding of one rule. */
export function expectFinding(ruleId: string, category: string) {
  return (severity: string, address: string | undefined, statement: string | undefined, line?: number): CompactFinding => ({
    ruleId,
    category,
    severity,
    location: {
      ...(address !== undefined && { address }),
      ...(statement !== undefined && { statement }),
      ...(line !== undefined && { line }),
    },
  });
}

/** Runs the valid and invalid tables of one rule. */
export function ruleTable(ruleId: string, valid: readonly Omit<RuleCase, 'expected'>[], invalid: readonly RuleCase[]): void {
  // Reject malformed tables: repeated names hide cases, an invalid case must expect a finding, and
  // every expected finding must be of the rule under test.
  const names = [...valid, ...invalid].map((c) => c.name);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) throw new Error(`${ruleId}: repeated case names: ${repeated.join(', ')}`);
  for (const c of invalid) {
    if (c.expected.length === 0) throw new Error(`${ruleId}: invalid case '${c.name}' expects no finding; move it to valid`);
    if (c.expected.some((f) => f.ruleId !== ruleId)) throw new Error(`${ruleId}: invalid case '${c.name}' expects a finding of another rule`);
  }
  describe(ruleId, () => {
    describe('valid', () => {
      it.each(valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(findingsOf(ruleId, c.input, c.options)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        expect(findingsOf(ruleId, c.input, c.options)).toEqual(c.expected);
      });
    });
  });
}

/** A governance-manifest workload for `aws_iam_role.<role>` (as @workload-iga/cdktf writes it). */
export function manifestWorkload(role: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'payments-api',
    kind: 'service',
    owner: 'team-payments',
    purpose: 'Serves the payments API',
    roleAddress: `aws_iam_role.${role}`,
    constructPath: `stack/${role}`,
    attestation: { type: 'aws-service', service: 'lambda.amazonaws.com' },
    grants: [],
    ...overrides,
  };
}

/**
 * A cdktf synth output (`cdk.tf.json`) with the governance manifest under `"//"`, the role
 * `aws_iam_role.app` and an inline policy `aws_iam_role_policy.app` holding `document`.
 */
export function cdktfStack(manifest: { workloads?: unknown[]; suppressions?: unknown[]; sources?: Record<string, unknown> }, document: unknown = policy(allow('s3:GetObject', 'arn:aws:s3:::reports/report.csv')), path = 'cdk.tf.json'): InputFile {
  return tfFile(
    {
      '//': {
        metadata: { backend: 'local', stackName: 'stack', version: '0.21.0' },
        'workload-iga': { version: 1, workloads: manifest.workloads ?? [], sources: manifest.sources ?? {}, suppressions: manifest.suppressions ?? [] },
      },
      resource: {
        aws_iam_role: { app: { '//': { metadata: { path: 'stack/app', uniqueId: 'app' } }, name: 'app', assume_role_policy: JSON.stringify(LAMBDA_TRUST) } },
        aws_iam_role_policy: { app: { '//': { metadata: { path: 'stack/app/policy', uniqueId: 'app_policy' } }, name: 'app', role: '${aws_iam_role.app.id}', policy: JSON.stringify(document) } },
      },
    },
    path,
  );
}

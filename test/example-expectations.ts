// What wiga must find in examples/payments-platform, shared by the demo and terraform-plan tests.
// The flawed resources are the hand-written ones in src/legacy.ts; their expected source line is the
// line of their `new X(scope, '<id>'` call, read from the file so edits to it do not break the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLE_DIR = join(__dirname, '..', 'examples', 'payments-platform');
export const LEGACY_FILE = 'src/legacy.ts';

export interface ExpectedFlaw {
  readonly category: string;
  /** Terraform address of the block holding the flaw. */
  readonly address: string;
  /** Construct id in src/legacy.ts whose `new ...(scope, '<id>'` line the finding points at. */
  readonly constructId: string;
}

const flaw = (category: string, address: string): ExpectedFlaw => ({ category, address, constructId: address.split('.').pop()! });

/** (category, address) of every finding on the legacy resources, in the synth output and the plan. */
export const EXPECTED_FLAWS: readonly ExpectedFlaw[] = [
  flaw('wildcard-action', 'aws_iam_policy.legacy_s3_full_access'),
  flaw('wildcard-resource', 'aws_iam_policy.legacy_s3_full_access'),
  // s3:* on "*" also holds two risks of their own: reading every object, rewriting every bucket policy.
  flaw('data-exfiltration', 'aws_iam_policy.legacy_s3_full_access'),
  flaw('resource-exposure', 'aws_iam_policy.legacy_s3_full_access'),
  flaw('privilege-escalation', 'data.aws_iam_policy_document.legacy_launcher_doc'),
  flaw('wildcard-resource', 'data.aws_iam_policy_document.legacy_launcher_doc'),
  flaw('trust-federated-missing-condition', 'aws_iam_role.legacy_github_deployer'),
  // AdministratorAccess: one critical for the attached admin policy, not a second one for the
  // escalation paths it contains (core reports a managed admin policy once).
  flaw('admin-policy-attached', 'aws_iam_role_policy_attachment.legacy_github_deployer_admin'),
  // Hand-written roles with no wiga:owner tag (the GitHub deployer's trust names its repository).
  flaw('unowned-identity', 'aws_iam_role.legacy_github_deployer'),
  flaw('unowned-identity', 'aws_iam_role.legacy_launcher_role'),
  flaw('unowned-identity', 'aws_iam_role.legacy_reports_role'),
];

/**
 * Findings allowed on the well-declared workloads (src/workloads.ts): none. (Expired grants and the
 * other lifecycle findings are demonstrated by examples/governance.)
 */
export const EXPECTED_WORKLOAD_NOTICES: readonly { readonly category: string; readonly workload: string; readonly severity: string }[] = [];

/** Categories that come from construct metadata in cdk.tf.json and so never appear in a plan. */
export const SYNTH_ONLY_CATEGORIES: readonly string[] = ['expired-entitlement'];

/** Names of the workloads declared with @workload-iga/cdktf in src/workloads.ts. */
export function declaredWorkloads(): string[] {
  const text = readFileSync(join(EXAMPLE_DIR, 'src', 'workloads.ts'), 'utf8');
  return [...text.matchAll(/new WorkloadIdentity\(\s*this,\s*'([^']+)'/g)].map((m) => m[1]);
}

/** 1-based line of `new <Class>(scope, '<id>'` in src/legacy.ts. */
export function legacyLine(constructId: string): number {
  const text = readFileSync(join(EXAMPLE_DIR, LEGACY_FILE), 'utf8');
  const m = new RegExp(`new \\w+\\(\\s*scope,\\s*'${constructId}'`).exec(text);
  if (!m) throw new Error(`${LEGACY_FILE} has no construct '${constructId}': update test/example-expectations.ts`);
  return text.slice(0, m.index).split('\n').length;
}

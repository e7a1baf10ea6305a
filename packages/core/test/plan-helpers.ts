// Builders for hand-made `terraform show -json` plans: prior state and planned values of IAM roles
// with inline policies, so new-access and retired-workload-access can be tested without terraform.
import type { InputFile } from './helpers';
import { LAMBDA_TRUST } from './helpers';

export interface PlanResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/** `aws_iam_role.<name>` (role name = `name`) with tags. */
export function planRole(name: string, tags: Record<string, string> = {}, extra: Record<string, unknown> = {}): PlanResource {
  return { address: `aws_iam_role.${name}`, type: 'aws_iam_role', name, values: { name, assume_role_policy: JSON.stringify(LAMBDA_TRUST), tags, ...extra } };
}

/** `aws_iam_role_policy.<name>` on role `role` holding `document`. */
export function planInline(name: string, role: string, document: unknown): PlanResource {
  return { address: `aws_iam_role_policy.${name}`, type: 'aws_iam_role_policy', name, values: { name, role, policy: JSON.stringify(document) } };
}

const asResource = (r: PlanResource) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: r.values });

/** A plan from `prior` (undefined: no prior state at all) to `planned`; resources only in prior are deleted. */
export function planFile(prior: readonly PlanResource[] | undefined, planned: readonly PlanResource[], path = 'plan.json'): InputFile {
  const before = new Map((prior ?? []).map((r) => [r.address, r]));
  const after = new Map(planned.map((r) => [r.address, r]));
  const addresses = [...new Set([...before.keys(), ...after.keys()])];
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: planned.map(asResource) } },
    resource_changes: addresses.map((address) => {
      const b = before.get(address);
      const a = after.get(address);
      const r = (a ?? b)!;
      const actions = !b ? ['create'] : !a ? ['delete'] : JSON.stringify(a.values) === JSON.stringify(b.values) ? ['no-op'] : ['update'];
      return { address, mode: 'managed', type: r.type, name: r.name, change: { actions, before: b?.values ?? null, after: a?.values ?? null, after_unknown: {} } };
    }),
    ...(prior && { prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: prior.map(asResource) } } } }),
  };
  return { path, text: JSON.stringify(plan, null, 2) };
}

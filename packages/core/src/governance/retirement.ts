/**
 * De-provisioning: what is left of workloads the governance manifest records as retired. The
 * constructs synthesize nothing for a retired workload and keep its record (`retired`, the role's
 * former addresses), so anything still tagged with its name, still referring to its role, or, in a
 * plan, an IAM resource of it that the apply keeps, is access that should have ended.
 */
import type { TerraformBlock, TerraformModel } from '../input/terraform-config';
import { isPlainObject } from '../input/terraform-config';
import { GOVERNANCE_TAGS, type GovernanceManifest, type ManifestWorkload } from '../inventory/governance-manifest';

export interface RetiredWorkload {
  readonly name: string;
  readonly date: string;
  readonly reason: string;
  readonly roleAddress: string;
  readonly roleName?: string;
  readonly formerAddresses: readonly string[];
}

export interface RetiredResidue {
  readonly workload: RetiredWorkload;
  /** The block that is left. */
  readonly address: string;
  readonly file: string;
  /** `tag`: tagged `wiga:workload = <name>`; `former-address`: a plan keeps one of its IAM resources; `reference`: refers to its role. */
  readonly match: 'tag' | 'former-address' | 'reference';
  /** For `reference`: the attribute and the text found. */
  readonly attribute?: string;
  readonly text?: string;
  /** Found in a plan's planned state (else in synth output or Terraform configuration). */
  readonly inPlan: boolean;
}

/** The retired workloads of the manifests, each once (by name). */
export function retiredWorkloads(manifests: readonly { readonly manifest: GovernanceManifest }[]): RetiredWorkload[] {
  const out = new Map<string, RetiredWorkload>();
  for (const { manifest } of manifests) {
    for (const w of manifest.workloads as readonly ManifestWorkload[]) {
      if (!w.retired || out.has(w.name)) continue;
      out.set(w.name, {
        name: w.name,
        date: w.retired.date,
        reason: w.retired.reason,
        roleAddress: w.roleAddress,
        ...(w.roleName !== undefined && { roleName: w.roleName }),
        formerAddresses: [...new Set([w.roleAddress, ...(w.formerAddresses ?? [])])],
      });
    }
  }
  return [...out.values()];
}

/** Resource types whose attributes hold a role's bare name (not an ARN). */
const ROLE_NAME_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role_policy: ['role'],
  aws_iam_role_policy_attachment: ['role'],
  aws_iam_policy_attachment: ['roles'],
  aws_iam_instance_profile: ['role'],
  aws_iam_role_policies_exclusive: ['role_name'],
  aws_iam_role_policy_attachments_exclusive: ['role_name'],
};

const withoutInstanceKeys = (address: string) => address.replace(/\[[^\]]*\]/g, '');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What is left of the retired workloads in `models`: blocks tagged with their names; IAM resources at their
 * former addresses (in synth output or a plan's planned state); anywhere, a `role/<roleName>` ARN or a
 * `${<former address>.…}` reference in another block's attributes. Resources a plan destroys are
 * not in its planned state, so they are never reported.
 */
export function retiredResidue(models: readonly TerraformModel[], retired: readonly RetiredWorkload[]): RetiredResidue[] {
  if (retired.length === 0) return [];
  const out: RetiredResidue[] = [];
  const patterns = retired.map((w) => {
    const alternatives = [
      ...(w.roleName ? [`role/(?:[\\w+=,.@-]+/)*${escape(w.roleName)}(?![\\w+=,.@-])`] : []),
      ...w.formerAddresses.map((a) => `\\$\\{${escape(withoutInstanceKeys(a))}[.\\[}]`),
    ];
    return { workload: w, regex: new RegExp(alternatives.join('|')) };
  });
  for (const model of models) {
    for (const block of model.blocks) {
      if (model.kind === 'terraform-plan' && block.path[0] !== 'planned_values') continue;
      const hit = residueOf(model, block, retired, patterns);
      if (hit) out.push(hit);
    }
  }
  return out;
}

function residueOf(model: TerraformModel, block: TerraformBlock, retired: readonly RetiredWorkload[], patterns: readonly { workload: RetiredWorkload; regex: RegExp }[]): RetiredResidue | undefined {
  const base = { address: block.address, file: block.file, inPlan: model.kind === 'terraform-plan' };
  for (const key of ['tags', 'tags_all']) {
    const tags = block.values[key];
    const name = isPlainObject(tags) ? tags[GOVERNANCE_TAGS.workload] : undefined;
    const workload = typeof name === 'string' ? retired.find((w) => w.name === name) : undefined;
    if (workload) return { ...base, workload, match: 'tag' };
  }
  if (block.mode === 'managed' && block.type.startsWith('aws_iam_')) {
    const address = withoutInstanceKeys(block.address);
    const workload = retired.find((w) => w.formerAddresses.some((a) => withoutInstanceKeys(a) === address));
    if (workload) return { ...base, workload, match: 'former-address' };
  }
  // Attributes that name a role by its bare name: a leftover policy or attachment on a retired role.
  // @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy
  for (const attribute of ROLE_NAME_ATTRIBUTES[block.type] ?? []) {
    for (const text of strings(block.values[attribute])) {
      const workload = retired.find((w) => w.roleName !== undefined && text === w.roleName);
      if (workload) return { ...base, workload, match: 'reference', attribute, text };
    }
  }
  for (const [attribute, value] of Object.entries(block.values)) {
    for (const text of strings(value)) {
      for (const { workload, regex } of patterns) {
        if (block.address === workload.roleAddress) continue;
        const found = regex.exec(text);
        if (found) return { ...base, workload, match: 'reference', attribute, text: found[0] };
      }
    }
  }
  return undefined;
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (isPlainObject(value)) for (const v of Object.values(value)) yield* strings(v);
}

/**
 * Terraform addresses of constructs, as the core and `terraform plan` name them
 * (`aws_iam_role.<logicalId>`, `data.aws_iam_policy_document.<logicalId>`).
 * @see https://developer.hashicorp.com/terraform/cli/state/resource-addressing
 */
import { TerraformDataSource, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The address of a resource or data source block, or undefined for other constructs. */
export function addressOf(construct: IConstruct): string | undefined {
  if (TerraformDataSource.isTerraformDataSource(construct)) {
    return `data.${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
  }
  if (TerraformResource.isTerraformResource(construct)) {
    return `${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
  }
  return undefined;
}

/**
 * Constructs that may decide at synth time to emit no block (e.g. an identity's grants policy when
 * every grant has expired) implement this, so the manifest does not name a block that is not there.
 */
export interface MaybeOmitted {
  wigaIsOmitted(): boolean;
}

/** True when `construct` will not be written to the Terraform JSON. */
export function isOmitted(construct: IConstruct): boolean {
  const c = construct as Partial<MaybeOmitted>;
  return typeof c.wigaIsOmitted === 'function' && c.wigaIsOmitted();
}

/** Addresses of every block at or under `construct`, in tree order, skipping omitted ones. */
export function addressesUnder(construct: IConstruct): string[] {
  const out: string[] = [];
  for (const c of construct.node.findAll()) {
    if (isOmitted(c)) continue;
    const a = addressOf(c);
    if (a) out.push(a);
  }
  return out;
}

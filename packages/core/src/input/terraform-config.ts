import type { JsonPath, TextPosition, TextRange } from './json-document';
import type { GovernanceManifest } from '../inventory/governance-manifest';
import type { InputError, InputKind } from '../engine/analysis';

/**
 * One resource or data block, from Terraform JSON (cdktf synth output, `*.tf.json`) or from a plan.
 * `values` holds attributes as written: in `raw` form strings may be `${...}` templates still to be
 * evaluated; in a plan they are resolved values, except `ConfigExpression`s recovered from the
 * plan's `configuration` for attributes the plan marks unknown.
 */
export interface TerraformBlock {
  /** Full address with module prefix and instance key: `module.m.aws_iam_role.r[0]`. */
  readonly address: string;
  /** `module.m.` or empty: the scope references inside the block resolve in. */
  readonly modulePrefix: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** True when `values` are configuration (templates), false for resolved plan values. */
  readonly raw: boolean;
  readonly file: string;
  /** JSON path of the block in its file, and of each attribute below it. */
  readonly path: JsonPath;
  readonly attributePaths?: Readonly<Record<string, JsonPath>>;
  readonly constructPath?: string;
}

/** A configuration expression from a plan, standing in for an attribute the plan marks unknown. */
export class ConfigExpression {
  constructor(readonly value: unknown) {}
}

export interface TerraformModel {
  readonly file: string;
  readonly kind: InputKind;
  readonly blocks: readonly TerraformBlock[];
  /**
   * Position of a path in the file: JSON paths for Terraform JSON and plans; for HCL the same
   * shape (`resource`, type, name, attribute, index, ...) mapped onto the syntax tree.
   */
  positionOf(path: JsonPath): TextPosition;
  /** The span of a path, where the reader knows it (token ranges for editors). */
  rangeOf?(path: JsonPath): TextRange;
  /** `locals` (raw values), resolvable as `local.NAME` in the module with this prefix. */
  readonly locals?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Parts of the configuration that are not read (e.g. registry modules), reported as unanalysable. */
  readonly notAnalyzed?: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
  /** Account ids the configuration declares as its own (the AWS provider's `allowed_account_ids`). */
  readonly ownAccounts?: readonly string[];
  /** Arguments of local module calls: module prefix (`module.m.`) → variable → raw value in the caller's scope. */
  readonly moduleInputs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly manifest?: GovernanceManifest;
  /** Structural problems that still let the rest be analysed. */
  readonly problems: readonly InputError[];
}

export function blockPosition(model: TerraformModel, block: TerraformBlock, attribute?: string): TextPosition {
  const path = attribute ? [...(block.attributePaths?.[attribute] ?? [...block.path, attribute])] : block.path;
  return model.positionOf(path);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

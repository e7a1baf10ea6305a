import type { JsonPath, TextPosition, TextRange } from '../input/json-document';

/** What a document is used as; decides which elements are required and which rules apply. */
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'resource';

/** Where a statement is written: the block it lives in and its position in the analysed file. */
export interface StatementOrigin {
  readonly file: string;
  readonly address?: string;
  readonly position?: TextPosition;
  readonly constructPath?: string;
  /**
   * The span of an element of the statement in IAM terms (`['Action', 2]`, `['Resource']`,
   * `['Condition']`), where the input keeps it apart (policy JSON, `statement` blocks).
   */
  readonly locate?: (element: JsonPath) => TextRange | undefined;
}

export interface ActionElement {
  /** `NotAction` when true. */
  readonly negated: boolean;
  readonly values: readonly string[];
  /** `values` in lower case (action names are case-insensitive), computed once. */
  readonly lower: readonly string[];
}

export interface ResourceElement {
  /** `NotResource` when true. */
  readonly negated: boolean;
  readonly values: readonly string[];
}

export interface PrincipalElement {
  /** `NotPrincipal` when true. */
  readonly negated: boolean;
  /** `"Principal": "*"` or `{"AWS": "*"}`: anyone. */
  readonly anyone: boolean;
  /** Principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) → identifiers. */
  readonly byType: Readonly<Record<string, readonly string[]>>;
}

/**
 * One condition key test. `ForAllValues:StringLike` + `...IfExists` are decomposed so rules never
 * parse operator names.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
export interface ConditionTest {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** Without set qualifier and `IfExists`, e.g. `StringLike`. */
  readonly baseOperator: string;
  readonly setQualifier?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  /** As written (condition keys are case-insensitive; compare `keyLower`). */
  readonly key: string;
  readonly keyLower: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly index: number;
  readonly sid?: string;
  /** `Sid`, or `Statement[i]` when it has none. */
  readonly label: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: ActionElement;
  readonly resource?: ResourceElement;
  readonly principal?: PrincipalElement;
  readonly conditions: readonly ConditionTest[];
  readonly origin: StatementOrigin;
  /** Elements whose value is not known before apply (each also reported as `unanalyzable`). */
  readonly unknownElements: readonly string[];
}

export interface PolicyDocument {
  readonly kind: PolicyKind;
  readonly version?: string;
  readonly statements: readonly Statement[];
  readonly origin: StatementOrigin;
}

/** Condition keys are case-insensitive; this finds all tests on one key. */
export function conditionsOn(statement: Statement, key: string): ConditionTest[] {
  const lower = key.toLowerCase();
  return statement.conditions.filter((c) => c.keyLower === lower);
}

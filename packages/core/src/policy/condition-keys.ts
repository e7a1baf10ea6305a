import type { ConditionTest, Statement } from './policy-document';

/**
 * Condition keys that restrict *who* can use a trust or resource policy statement when tested
 * positively. @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export const PRINCIPAL_RESTRICTING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'sts:externalid',
  // KMS: the caller must be in this account (AWS managed key policies use it with kms:ViaService).
  'kms:calleraccount',
]);

const POSITIVE_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);

/**
 * A test that narrows the request: a positive string/ARN match that must hold when the key is
 * present *and* fails when it is absent. `ForAllValues:` is true when the key is missing, and
 * `...IfExists` passes when it is missing, so neither narrows anything.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function isNarrowingTest(test: ConditionTest): boolean {
  if (test.setQualifier === 'ForAllValues' || test.ifExists) return false;
  if (!POSITIVE_OPERATORS.has(test.baseOperator)) return false;
  const wildcardMatches = test.baseOperator === 'StringLike' || test.baseOperator === 'ArnLike';
  return test.values.length > 0 && !test.values.some((v) => wildcardMatches && /^\*+$/.test(v));
}

/** The keys of the statement that restrict who the statement applies to. */
export function principalRestrictingKeys(statement: Statement): string[] {
  return statement.conditions.filter((c) => PRINCIPAL_RESTRICTING_KEYS.has(c.keyLower) && isNarrowingTest(c)).map((c) => c.key);
}

/**
 * The small subset of the IAM policy grammar the constructs emit, and how it is rendered into a
 * Terraform attribute. Literal documents are `JSON.stringify`-ed so the policy is known at plan;
 * documents holding cdktf tokens (e.g. `bucket.arn`) go through `Fn.jsonencode` so Terraform
 * resolves the references.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { Fn, Token } from 'cdktf';

/** `Condition` block: operator → key → value(s). */
export type PolicyConditions = Record<string, Record<string, string | readonly string[]>>;

/** One statement as emitted by the constructs (always `Allow`: they grant, never deny). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow';
  readonly Principal?: Record<string, string | readonly string[]>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

/** A policy document. `Version` is always 2012-10-17 (the only one supporting policy variables). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** True when any string inside `value` is an unresolved cdktf token. */
export function containsTokens(value: unknown): boolean {
  if (typeof value === 'string') return Token.isUnresolved(value);
  if (Array.isArray(value)) return value.some(containsTokens);
  if (value && typeof value === 'object') return Object.values(value).some(containsTokens);
  return false;
}

/**
 * Renders a document as the string value of a `policy`/`assume_role_policy` attribute: literal JSON
 * when every value is known now, `${jsonencode(...)}` otherwise.
 */
export function renderPolicy(doc: PolicyDocument): string {
  return containsTokens(doc) ? Fn.jsonencode(doc) : JSON.stringify(doc);
}

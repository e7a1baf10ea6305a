import { JsonDocument, type JsonPath, type TextPosition, type TextRange } from '../input/json-document';
import { displayValue, hasHole, holesIn, isUnknown, UnknownValue } from '../inventory/values';
import type {
  ActionElement,
  ConditionTest,
  PolicyDocument,
  PolicyKind,
  PrincipalElement,
  Statement,
  StatementOrigin,
} from './policy-document';

/**
 * A statement object built by the inventory (e.g. from a `data.aws_iam_policy_document` block) can
 * carry its own origin, so a finding points at the block where the statement is written even after
 * the document was merged into a role's trust policy.
 */
export const statementOrigins = new WeakMap<object, StatementOrigin>();

export interface PolicyProblem {
  /** `invalid`: AWS would reject it or it does not mean what it says; `unknown`: not knowable before apply. */
  readonly kind: 'invalid' | 'unknown';
  readonly message: string;
  readonly origin: StatementOrigin;
  readonly statement?: string;
  /** For unknowns: the element or attribute that is unknown. */
  readonly element?: string;
  readonly references?: readonly string[];
}

export interface ParsedPolicy {
  readonly document?: PolicyDocument;
  readonly problems: readonly PolicyProblem[];
}

export interface ParsePolicyOptions {
  readonly kind: PolicyKind;
  /** Where the policy value is written (block and attribute position). */
  readonly origin: StatementOrigin;
  /** Attribute name, for messages (`assume_role_policy`, `policy`, ...). */
  readonly attribute?: string;
  /** Positions of paths inside the raw value, when it is itself the analysed JSON file. */
  readonly locate?: (path: JsonPath) => TextPosition | undefined;
  /** Spans of paths inside the raw value, likewise. */
  readonly locateRange?: (path: JsonPath) => TextRange | undefined;
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
// `service:Action`, where both parts may carry wildcards. @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
const ACTION_FORMAT = /^[a-zA-Z0-9*?-]+:[a-zA-Z0-9*?_-]+$/;

/** Parses a policy given as a JSON string, an object, or an unknown value. Never throws. */
export function parsePolicy(raw: unknown, options: ParsePolicyOptions): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const what = options.attribute ? `'${options.attribute}'` : 'the policy';
  if (isUnknown(raw)) {
    problems.push({
      kind: 'unknown',
      message: `${what} is not known before apply (${raw.reason})`,
      origin: options.origin,
      element: options.attribute,
      references: raw.references,
    });
    return { problems };
  }
  let value = raw;
  if (typeof raw === 'string' && raw.trim() === '') {
    problems.push({ kind: 'invalid', message: `${what} is empty (an empty policy, or "{}" that the provider renders as "")`, origin: options.origin });
    return { problems };
  }
  if (typeof raw === 'string') {
    const parsed = JsonDocument.parse(raw);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      problems.push({
        kind: 'invalid',
        message: `${what} is not valid JSON (${first.message} at line ${first.line}, column ${first.column} of the policy text)`,
        origin: options.origin,
      });
      return { problems };
    }
    for (const dup of parsed.duplicates) {
      problems.push({
        kind: 'invalid',
        message: `${what} repeats the key '${dup.key}' (line ${dup.line}, column ${dup.column} of the policy text); AWS keeps only one of them, so part of what is written is silently ignored`,
        origin: options.origin,
      });
    }
    value = parsed.document.value;
  }
  if (!isObject(value)) {
    problems.push({ kind: 'invalid', message: `${what} must be a JSON object with a 'Statement', got ${describe(value)}`, origin: options.origin });
    return { problems };
  }
  const at = (path: JsonPath): StatementOrigin => {
    const position = options.locate?.(path);
    return position ? { ...options.origin, position } : options.origin;
  };
  let version: string | undefined;
  if ('Version' in value) {
    if (typeof value.Version !== 'string' || !VERSIONS.has(value.Version)) {
      problems.push({ kind: 'invalid', message: `'Version' must be "2012-10-17" (or the legacy "2008-10-17"), got ${describe(value.Version)}`, origin: at(['Version']) });
    } else {
      version = value.Version;
    }
  }
  for (const key of Object.keys(value)) {
    if (key !== 'Version' && key !== 'Statement' && key !== 'Id') {
      problems.push({ kind: 'invalid', message: `unknown top-level policy element '${key}'`, origin: at([key]) });
    }
  }
  const rawStatements = value.Statement;
  if (rawStatements === undefined) {
    problems.push({ kind: 'invalid', message: `${what} has no 'Statement'`, origin: options.origin });
    return { problems };
  }
  if (isUnknown(rawStatements)) {
    problems.push({ kind: 'unknown', message: `the statements of ${what} are not known before apply (${rawStatements.reason})`, origin: options.origin, element: 'Statement', references: rawStatements.references });
    return { problems };
  }
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: Statement[] = [];
  list.forEach((item, index) => {
    const path = Array.isArray(rawStatements) ? ['Statement', index] : ['Statement'];
    const located = (): StatementOrigin => {
      const base = at(path);
      const locateRange = options.locateRange;
      return locateRange ? { ...base, locate: (element) => locateRange([...path, ...element]) } : base;
    };
    const origin = (isObject(item) && statementOrigins.get(item)) || located();
    const statement = parseStatement(item, index, origin, options.kind, problems);
    if (statement) statements.push(statement);
  });
  const document: PolicyDocument = Object.freeze({ kind: options.kind, version, statements: Object.freeze(statements), origin: options.origin });
  return { document, problems };
}

function parseStatement(raw: unknown, index: number, origin: StatementOrigin, kind: PolicyKind, problems: PolicyProblem[]): Statement | undefined {
  const fallbackLabel = `Statement[${index}]`;
  if (!isObject(raw)) {
    problems.push({ kind: 'invalid', message: `${fallbackLabel} must be an object, got ${describe(raw)}`, origin, statement: fallbackLabel });
    return undefined;
  }
  const sid = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined;
  const label = sid ?? fallbackLabel;
  const invalid = (message: string) => problems.push({ kind: 'invalid', message, origin, statement: label });
  const unknownElements: string[] = [];
  const unknown = (element: string, value: UnknownValue) => {
    unknownElements.push(element);
    problems.push({ kind: 'unknown', message: `'${element}' of ${label} cannot be analysed: ${value.reason}`, origin, statement: label, element, references: value.references });
  };

  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) invalid(`${label} has an unknown element '${key}'${suggestElement(key)}`);
  }
  if ('Sid' in raw && typeof raw.Sid !== 'string') invalid(`'Sid' of ${label} must be a string, got ${describe(raw.Sid)}`);

  let effect: 'Allow' | 'Deny' = 'Allow';
  if (raw.Effect === 'Allow' || raw.Effect === 'Deny') effect = raw.Effect;
  else if (isUnknown(raw.Effect)) unknown('Effect', raw.Effect);
  else {
    invalid(raw.Effect === undefined ? `${label} has no 'Effect'` : `'Effect' of ${label} must be "Allow" or "Deny", got ${describe(raw.Effect)}`);
    return undefined;
  }

  const action = pairedList(raw, 'Action', 'NotAction', label, invalid, unknown);
  if (!('Action' in raw) && !('NotAction' in raw)) invalid(`${label} needs exactly one of 'Action' or 'NotAction'`);
  for (const value of action?.values ?? []) {
    if (value !== '*' && !ACTION_FORMAT.test(value)) invalid(`'${action!.negated ? 'NotAction' : 'Action'}' of ${label} has '${value}', which is not of the form 'service:Action'`);
  }

  const resource = pairedList(raw, 'Resource', 'NotResource', label, invalid, unknown);
  if (!('Resource' in raw) && !('NotResource' in raw) && (kind === 'identity' || kind === 'boundary')) {
    invalid(`${label} needs 'Resource' or 'NotResource' in an identity policy`);
  }

  let principal: PrincipalElement | undefined;
  if ('Principal' in raw && 'NotPrincipal' in raw) invalid(`${label} has both 'Principal' and 'NotPrincipal'`);
  const principalKey = 'Principal' in raw ? 'Principal' : 'NotPrincipal' in raw ? 'NotPrincipal' : undefined;
  if (principalKey) {
    if (kind === 'identity' || kind === 'boundary') invalid(`${label} has '${principalKey}', which an identity policy must not have`);
    const value = raw[principalKey];
    if (isUnknown(value)) unknown(principalKey, value);
    else principal = parsePrincipal(value, principalKey === 'NotPrincipal', label, invalid, unknown);
  } else if (kind === 'trust' || kind === 'resource') {
    invalid(`${label} needs 'Principal' in a ${kind} policy`);
  }

  const conditions: ConditionTest[] = [];
  if ('Condition' in raw) {
    const value = raw.Condition;
    if (isUnknown(value)) unknown('Condition', value);
    else if (!isObject(value)) invalid(`'Condition' of ${label} must be an object, got ${describe(value)}`);
    else {
      for (const [operator, tests] of Object.entries(value)) {
        const parts = splitOperator(operator);
        if (!parts) {
          invalid(`'Condition' of ${label} has an unknown operator '${operator}'`);
          continue;
        }
        if (isUnknown(tests)) {
          unknown(`Condition.${operator}`, tests);
          continue;
        }
        if (!isObject(tests)) {
          invalid(`'Condition.${operator}' of ${label} must be an object of condition keys, got ${describe(tests)}`);
          continue;
        }
        for (const [key, rawValues] of Object.entries(tests)) {
          if (isUnknown(rawValues)) {
            unknown(`Condition.${operator}.${key}`, rawValues);
            continue;
          }
          const list = Array.isArray(rawValues) ? rawValues : [rawValues];
          const values: string[] = [];
          for (const v of list) {
            if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.push(String(v));
            else if (isUnknown(v)) unknown(`Condition.${operator}.${key}`, v);
            else invalid(`'Condition.${operator}.${key}' of ${label} must hold strings, got ${describe(v)}`);
          }
          conditions.push(Object.freeze({ operator, ...parts, key, keyLower: key.toLowerCase(), values: Object.freeze(values) }));
        }
      }
    }
  }

  return Object.freeze({
    index,
    sid,
    label,
    effect,
    action,
    resource,
    principal,
    conditions: Object.freeze(conditions),
    origin,
    unknownElements: Object.freeze(unknownElements),
  });
}

function pairedList(
  raw: Record<string, unknown>,
  positive: string,
  negative: string,
  label: string,
  invalid: (message: string) => void,
  unknown: (element: string, value: UnknownValue) => void,
): ActionElement | undefined {
  if (positive in raw && negative in raw) {
    invalid(`${label} has both '${positive}' and '${negative}'`);
    return undefined;
  }
  const key = positive in raw ? positive : negative in raw ? negative : undefined;
  if (!key) return undefined;
  const value = raw[key];
  if (isUnknown(value)) {
    unknown(key, value);
    return undefined;
  }
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) {
    invalid(`'${key}' of ${label} must be a string or a list of strings, got ${describe(value)}`);
    return undefined;
  }
  const values: string[] = [];
  for (const item of list) {
    // A variable inside an action or ARN could hold a wildcard: not known, so not analysed as specific.
    if (typeof item === 'string' && hasHole(item)) unknown(key, new UnknownValue(`'${displayValue(item)}' depends on ${holesIn(item).join(', ')}, which could hold a wildcard`, holesIn(item)));
    else if (typeof item === 'string') values.push(item);
    else if (isUnknown(item)) unknown(key, item);
    else invalid(`'${key}' of ${label} must hold only strings, got ${describe(item)}`);
  }
  if (values.length === 0 && list.length === 0) invalid(`'${key}' of ${label} is empty, so the statement matches nothing (AWS rejects it)`);
  return Object.freeze({ negated: key === negative, values: Object.freeze(values), lower: Object.freeze(values.map((v) => v.toLowerCase())) });
}

function parsePrincipal(
  value: unknown,
  negated: boolean,
  label: string,
  invalid: (message: string) => void,
  unknown: (element: string, value: UnknownValue) => void,
): PrincipalElement | undefined {
  const element = negated ? 'NotPrincipal' : 'Principal';
  if (value === '*') return Object.freeze({ negated, anyone: true, byType: Object.freeze({}) });
  if (!isObject(value)) {
    invalid(`'${element}' of ${label} must be "*" or an object such as {"AWS": ...}, got ${describe(value)}`);
    return undefined;
  }
  const byType: Record<string, string[]> = {};
  let anyone = false;
  for (const [type, ids] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) {
      invalid(`'${element}' of ${label} has an unknown principal type '${type}' (expected AWS, Service, Federated or CanonicalUser)`);
      continue;
    }
    if (isUnknown(ids)) {
      unknown(`${element}.${type}`, ids);
      continue;
    }
    const list = typeof ids === 'string' ? [ids] : Array.isArray(ids) ? ids : undefined;
    if (!list) {
      invalid(`'${element}.${type}' of ${label} must be a string or a list of strings, got ${describe(ids)}`);
      continue;
    }
    const out: string[] = [];
    for (const id of list) {
      if (typeof id === 'string') out.push(id);
      else if (isUnknown(id)) unknown(`${element}.${type}`, id);
      else invalid(`'${element}.${type}' of ${label} must hold strings, got ${describe(id)}`);
    }
    if (type === 'AWS' && out.includes('*')) anyone = true;
    byType[type] = out;
  }
  return Object.freeze({ negated, anyone, byType: Object.freeze(byType) });
}

const BASE_OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
]);

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html */
function splitOperator(operator: string): Pick<ConditionTest, 'baseOperator' | 'setQualifier' | 'ifExists'> | undefined {
  let rest = operator;
  let setQualifier: ConditionTest['setQualifier'];
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const qualifier = rest.slice(0, colon);
    if (qualifier !== 'ForAllValues' && qualifier !== 'ForAnyValue') return undefined;
    setQualifier = qualifier;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  if (!BASE_OPERATORS.has(rest) || (ifExists && rest === 'Null')) return undefined;
  return { baseOperator: rest, setQualifier, ifExists };
}

function suggestElement(key: string): string {
  const lower = key.toLowerCase().replace(/s$/, '');
  for (const known of STATEMENT_KEYS) if (known.toLowerCase() === lower) return ` (did you mean '${known}'?)`;
  return '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isUnknown(value)) return 'an unknown value';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Static reading of CDKTF TypeScript sources, for editors: the IAM a file declares, read from its
 * syntax alone (no type checking, no imports resolved), as a `TerraformModel` whose positions are
 * the exact TypeScript tokens (the `'s3:*'` literal, the trust statement object).
 *
 * What is read:
 * - provider constructs `new IamRole(scope, 'id', { ... })`, `IamPolicy`, `IamRolePolicy`,
 *   `IamRolePolicyAttachment`, `DataAwsIamPolicyDocument`, ... (any `Iam*` / `DataAwsIam*` class):
 *   camelCase props become snake_case attributes, the construct id becomes the block name;
 * - `new WorkloadIdentity(scope, 'id', { attestation: Attestation.githubActions({...}), ... })` with
 *   its `.grant({...})` and intent helpers (`grantReadBucket`, ...), as the role and inline policy
 *   the construct synthesizes;
 * - policy literals passed through `JSON.stringify({...})` or `Fn.jsonencode({...})`;
 * - `const` bindings of the same file (literals and constructs).
 * A property of a construct (`bucket.arn`, `data.statements.arn`) is a reference to one specific
 * resource; an identifier that cannot be resolved in the file is an unknown value, except inside a
 * template literal, where it stands for one literal value (`arn:aws:iam::${ACCOUNT_ID}:root`).
 *
 * The `typescript` module is a parameter: the core has no runtime dependency on it.
 */
import type * as TS from 'typescript';
import { INTENTS } from '../intents/action-sets';
import { UnknownValue, referenceMarker } from '../inventory/values';
import { statementOrigins } from '../policy/parse-policy';
import type { StatementOrigin } from '../policy/policy-document';
import { analyzeModels } from '../engine/analyze';
import type { Finding, Suppression } from '../findings/finding';
import type { AnalysisResult } from '../engine/analysis';
import type { JsonPath, TextPosition, TextRange } from './json-document';
import { ConfigExpression, type TerraformBlock, type TerraformModel } from './terraform-config';

type Ts = typeof TS;

// The IAM catalogue, for editors (hover, completion); re-exported here until the index exports it.

/** A TypeScript source read as a Terraform model; `rangeOf` gives exact token spans. */
export interface TypeScriptSourceModel extends TerraformModel {
  rangeOf(path: JsonPath): TextRange;
  /** The span of the recorded node that starts at `position` (a block, attribute, statement or element). */
  spanAt(position: TextPosition): TextRange | undefined;
  /** `// wiga-suppress <rule> -- <reason>` comments of the file. */
  readonly suppressions: readonly SuppressionComment[];
}

/** `// wiga-suppress <ruleId> -- <reason>`: suppresses `ruleId` on the next line (or the construct that starts there). */
export interface SuppressionComment extends Suppression {
  /** 1-based line of the comment. */
  readonly line: number;
  /** The line it applies to (the next line that is not a comment). */
  readonly appliesTo: number;
}

const SUPPRESS = /\/\/\s*wiga-suppress\s+([a-z0-9-]+)(?:\s*\[[^\]]*\])?(?:\s+--\s*(.*?))?\s*$/;

/** Suppression comments of a TypeScript text. A comment without a reason suppresses nothing (reason ''). */
export function readSuppressionComments(text: string): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  if (!text.includes('wiga-suppress')) return out;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = SUPPRESS.exec(line);
    if (!m) return;
    let next = i + 1;
    while (next < lines.length && /^\s*(\/\/.*)?$/.test(lines[next]!)) next++;
    let reason = (m[2] ?? '').trim();
    let expires: string | undefined;
    const exp = /\(expires (\d{4}-\d{2}-\d{2})\)\s*$/.exec(reason);
    if (exp) {
      expires = exp[1];
      reason = reason.slice(0, exp.index).trim();
    }
    out.push({ ruleId: m[1]!, reason, ...(expires && { expires }), line: i + 1, appliesTo: next + 1 });
  });
  return out;
}

const key = (path: JsonPath) => path.join('\u0000');

class Ref {
  constructor(readonly reference: string) {}
}

interface Binding {
  /** Terraform address of the construct (`aws_iam_role.r`), or of the role for a WorkloadIdentity. */
  readonly address?: string;
  readonly className: string;
  readonly workload?: WorkloadState;
  /** A literal `const`: its initializer. */
  readonly init?: TS.Expression;
}

interface WorkloadState {
  readonly id: string;
  readonly roleAddress: string;
  readonly policyAddress: string;
  readonly statements: unknown[];
  readonly statementNodes: TS.Node[];
  readonly sids: Set<string>;
  policyPath?: JsonPath;
  readonly node: TS.Node;
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** `IamRolePolicy` → managed `aws_iam_role_policy`; `DataAwsIamPolicyDocument` → data `aws_iam_policy_document`. */
function terraformType(className: string): { mode: 'managed' | 'data'; type: string } | undefined {
  if (className.startsWith('DataAws')) return { mode: 'data', type: `aws_${snake(className.slice(7))}` };
  if (/^[A-Z][A-Za-z0-9]+$/.test(className) && className !== 'WorkloadIdentity' && !/^(App|TerraformStack|Construct|Attestation|Governance|Fn|Token|Lazy|TerraformOutput|TerraformVariable|TerraformLocal)$/.test(className)) {
    return { mode: 'managed', type: `aws_${snake(className)}` };
  }
  return undefined;
}

/** Types read as IAM blocks (everything else only gives references). */
const IAM_TYPE = /^(data\.)?aws_iam_/;
/** Attributes whose object keys are data (not camelCase props). */
const MAP_ATTRIBUTES = new Set(['tags', 'tags_all']);

function sidFromPurpose(purpose: string): string {
  const words = purpose.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const sid = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('').slice(0, 64);
  return sid === '' ? 'Grant' : /^[0-9]/.test(sid) ? `G${sid}`.slice(0, 64) : sid;
}

const INTENT_HELPERS: Record<string, string> = {
  grantReadBucket: 's3-read-bucket',
  grantWriteBucket: 's3-write-bucket',
  grantReadSecret: 'secret-read',
  grantPublishToQueue: 'sqs-publish',
  grantConsumeQueue: 'sqs-consume',
  grantPublishToTopic: 'sns-publish',
  grantReadTable: 'dynamodb-read-table',
  grantWriteTable: 'dynamodb-write-table',
  grantDecrypt: 'kms-decrypt',
  grantWriteLogs: 'logs-write',
  grantPullImage: 'ecr-pull',
  grantInvokeModel: 'bedrock-invoke-model',
};

/** Reads the IAM a TypeScript CDKTF source declares. Pure syntax: never throws on broken code. */
export function readTypeScriptSource(ts: Ts, file: string, text: string): TypeScriptSourceModel {
  // No parent pointers (faster): every text and position below is read with `source` given.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const nodes = new Map<string, TS.Node>();
  const blocks: TerraformBlock[] = [];
  const bindings = new Map<string, Binding>();
  const workloads: WorkloadState[] = [];
  const positionAt = (offset: number): TextPosition => {
    const lc = source.getLineAndCharacterOfPosition(offset);
    return { line: lc.line + 1, column: lc.character + 1 };
  };
  const nodeRange = (node: TS.Node): TextRange => {
    const start = positionAt(node.getStart(source));
    const end = positionAt(node.getEnd());
    return { ...start, endLine: end.line, endColumn: end.column };
  };
  const nodeAt = (path: JsonPath): TS.Node | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const found = nodes.get(key(path.slice(0, depth)));
      if (found) return found;
    }
    return undefined;
  };
  const rangeOf = (path: JsonPath): TextRange => {
    const node = nodeAt(path);
    return node ? nodeRange(node) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  };
  const positionOf = (path: JsonPath): TextPosition => {
    const { line, column } = rangeOf(path);
    return { line, column };
  };

  const unwrap = (e: TS.Expression): TS.Expression => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    return e;
  };
  /** `this.api`, `api` → binding key. */
  const bindingKey = (e: TS.Expression): string | undefined => {
    e = unwrap(e);
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${e.name.text}`;
    return undefined;
  };
  const propertyName = (name: TS.PropertyName): string | undefined =>
    ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : undefined;

  // Pass 1: bindings (`const x = new C(...)`, `this.x = new C(...)`, `const X = <literal>`).
  const constructorCall = (e: TS.Expression | undefined): { className: string; id?: string; node: TS.NewExpression } | undefined => {
    if (!e) return undefined;
    e = unwrap(e);
    if (!ts.isNewExpression(e)) return undefined;
    const callee = ts.isIdentifier(e.expression) ? e.expression.text : ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : undefined;
    if (!callee) return undefined;
    const idArg = e.arguments?.[1] ? unwrap(e.arguments[1]) : undefined;
    const id = idArg && (ts.isStringLiteral(idArg) || ts.isNoSubstitutionTemplateLiteral(idArg)) ? idArg.text : undefined;
    return { className: callee, id, node: e };
  };
  const addressFor = (className: string, id: string): string | undefined => {
    if (className === 'WorkloadIdentity') return `aws_iam_role.${id}_Role`;
    const t = terraformType(className);
    return t ? `${t.mode === 'data' ? 'data.' : ''}${t.type}.${id}` : undefined;
  };
  const bindingOf = new Map<TS.NewExpression, string>();
  const visitBindings = (node: TS.Node): void => {
    if (ts.isVariableDeclarationList(node)) {
      const isConst = (node.flags & ts.NodeFlags.Const) !== 0;
      for (const declaration of node.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const call = constructorCall(declaration.initializer);
        if (call?.id) {
          bindings.set(declaration.name.text, { className: call.className, address: addressFor(call.className, call.id) });
          bindingOf.set(call.node, declaration.name.text);
        } else if (isConst) bindings.set(declaration.name.text, { className: '', init: declaration.initializer });
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = bindingKey(node.left);
      const call = constructorCall(node.right);
      if (name && call?.id) {
        bindings.set(name, { className: call.className, address: addressFor(call.className, call.id) });
        bindingOf.set(call.node, name);
      }
    }
    ts.forEachChild(node, visitBindings);
  };
  visitBindings(source);

  /** Converts an expression to a Terraform value. `raw`: Terraform JSON templates; else resolved values with reference markers. */
  interface Mode {
    readonly raw: boolean;
    /** Object keys are construct props (camelCase → snake_case). */
    readonly props: boolean;
  }
  const depthGuard = new Set<string>();
  const convert = (expr: TS.Expression, path: JsonPath, mode: Mode): unknown => {
    const e = unwrap(expr);
    nodes.set(key(path), e);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return mode.raw ? e.text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (e.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return -Number(e.operand.text);
    if (ts.isTemplateExpression(e)) {
      let out = mode.raw ? e.head.text.replace(/\$\{/g, '$${') : e.head.text;
      for (const span of e.templateSpans) {
        const inner = templatePart(span.expression, mode);
        if (inner instanceof UnknownValue) return inner;
        out += inner + (mode.raw ? span.literal.text.replace(/\$\{/g, '$${') : span.literal.text);
      }
      return out;
    }
    if (ts.isArrayLiteralExpression(e)) {
      const out: unknown[] = [];
      for (const element of e.elements) {
        if (ts.isSpreadElement(element)) {
          const spread = convert(element.expression, [...path, out.length], mode);
          if (Array.isArray(spread)) out.push(...spread);
          else return new UnknownValue(`the list spreads ${element.expression.getText(source)}, which is not known statically`);
          continue;
        }
        out.push(convert(element, [...path, out.length], mode));
      }
      return out;
    }
    if (ts.isObjectLiteralExpression(e)) {
      const out: Record<string, unknown> = {};
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
          let name: string | undefined;
          if (ts.isShorthandPropertyAssignment(p)) name = p.name.text;
          else if (ts.isComputedPropertyName(p.name)) {
            const computed = convert(p.name.expression, [...path, '?'], { ...mode, props: false });
            name = typeof computed === 'string' ? computed : undefined;
          } else name = propertyName(p.name);
          if (name === undefined) continue;
          const attribute = mode.props ? snake(name) : name;
          const value = ts.isShorthandPropertyAssignment(p) ? p.name : p.initializer;
          const childMode = mode.props && MAP_ATTRIBUTES.has(attribute) ? { ...mode, props: false } : mode;
          out[attribute] = convert(value, [...path, attribute], childMode);
        } else if (ts.isSpreadAssignment(p)) {
          const spread = convert(p.expression, path, mode);
          if (spread && typeof spread === 'object' && !Array.isArray(spread) && !(spread instanceof UnknownValue) && !(spread instanceof Ref)) Object.assign(out, spread);
        }
      }
      return out;
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText(source);
      if ((callee === 'JSON.stringify' || callee === 'Fn.jsonencode') && e.arguments[0]) {
        return convert(e.arguments[0], path, { ...mode, props: false });
      }
      return new UnknownValue(`${callee}(...) is not evaluated statically`);
    }
    if (ts.isIdentifier(e)) {
      const b = bindings.get(e.text);
      if (b?.init && !depthGuard.has(e.text)) {
        depthGuard.add(e.text);
        try {
          return convert(b.init, path, mode);
        } finally {
          depthGuard.delete(e.text);
        }
      }
      if (e.text === 'undefined') return undefined;
      return new UnknownValue(`${e.text} is not known statically`, [e.text]);
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const ref = referenceOf(e);
      if (ref) return mode.raw ? `\${${ref.reference}}` : ref;
      return new UnknownValue(`${e.getText(source)} is not known statically`, [e.getText(source)]);
    }
    return new UnknownValue(`${e.getText(source).slice(0, 60)} is not known statically`);
  };
  /** An interpolated part of a template literal. */
  const templatePart = (expr: TS.Expression, mode: Mode): string | UnknownValue => {
    const e = unwrap(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) {
      const b = bindings.get(e.text);
      if (b?.init) {
        const v = convert(b.init, ['?'], mode);
        if (typeof v === 'string' || typeof v === 'number') return String(v);
      }
      return mode.raw ? `\${local.${e.text}}` : referenceMarker(`local.${e.text}`);
    }
    const ref = (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && referenceOf(e);
    if (ref) return mode.raw ? `\${${ref.reference}}` : referenceMarker(ref.reference);
    return new UnknownValue(`\${${e.getText(source).slice(0, 60)}} is not known statically`);
  };
  /** `bucket.arn` → `aws_s3_bucket.bucket.arn`; `data.statements.arn` → a reference to one resource. */
  const referenceOf = (e: TS.PropertyAccessExpression | TS.ElementAccessExpression): Ref | undefined => {
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    const attribute = snake(e.name.text);
    const base = unwrap(e.expression);
    const name = bindingKey(base);
    const b = name !== undefined ? bindings.get(name) : undefined;
    if (b?.address) {
      if (b.className === 'WorkloadIdentity') {
        if (attribute === 'role_arn') return new Ref(`${b.address}.arn`);
        if (attribute === 'role_name') return new Ref(`${b.address}.name`);
        return undefined;
      }
      return new Ref(`${b.address}.${attribute}`);
    }
    // `api.role.arn` on a WorkloadIdentity.
    if (ts.isPropertyAccessExpression(base) && base.name.text === 'role') {
      const owner = bindingKey(base.expression);
      const ob = owner !== undefined ? bindings.get(owner) : undefined;
      if (ob?.className === 'WorkloadIdentity' && ob.address) return new Ref(`${ob.address}.${attribute}`);
    }
    if (b?.init) return undefined;
    // A property of something not constructed in this file (a parameter, an import): one resource.
    if (/^(arn|id|name|url|json|bucket|unique_id)$/.test(attribute)) {
      const text = base.getText(source).replace(/^this\./, '').replace(/[^A-Za-z0-9_]+/g, '_');
      return new Ref(`unresolved.${text}.${attribute}`);
    }
    return undefined;
  };

  /** Non-raw attribute values: references become markers, a whole reference a configuration expression. */
  const finishResolved = (value: unknown): unknown => {
    if (value instanceof Ref) return new ConfigExpression(`\${${value.reference}}`);
    return markers(value);
  };
  const markers = (value: unknown): unknown => {
    if (value instanceof Ref) return referenceMarker(value.reference);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = markers(value[i]);
      return value;
    }
    if (value && typeof value === 'object' && !(value instanceof UnknownValue) && !(value instanceof ConfigExpression)) {
      for (const k of Object.keys(value)) (value as Record<string, unknown>)[k] = markers((value as Record<string, unknown>)[k]);
    }
    return value;
  };
  /** Registers the statements of a policy object so findings land on their tokens. */
  const registerPolicy = (value: unknown, path: JsonPath, address: string): void => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const statements = (value as Record<string, unknown>).Statement;
    const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
    list.forEach((statement, i) => {
      if (!statement || typeof statement !== 'object') return;
      const statementPath = Array.isArray(statements) ? [...path, 'Statement', i] : [...path, 'Statement'];
      const origin: StatementOrigin = {
        file,
        address,
        position: positionOf(statementPath),
        locate: (element) => rangeOf([...statementPath, ...element]),
      };
      statementOrigins.set(statement as object, origin);
    });
  };

  const addBlock = (className: string, id: string, node: TS.NewExpression): void => {
    const t = terraformType(className);
    if (!t || !IAM_TYPE.test(`${t.mode === 'data' ? 'data.' : ''}${t.type}`)) return;
    const config = node.arguments?.[2] ? unwrap(node.arguments[2]) : undefined;
    const section = t.mode === 'data' ? 'data' : 'resource';
    const path = [section, t.type, id];
    const address = `${t.mode === 'data' ? 'data.' : ''}${t.type}.${id}`;
    nodes.set(key(path), node);
    // Data documents are read as Terraform templates (the inventory renders their statements with positions);
    // other blocks as resolved values, so their policy objects keep the statement positions registered here.
    const raw = t.mode === 'data';
    const values: Record<string, unknown> = {};
    if (config && ts.isObjectLiteralExpression(config)) {
      const converted = convert(config, path, { raw, props: true });
      if (converted && typeof converted === 'object' && !(converted instanceof UnknownValue)) {
        for (const [attribute, value] of Object.entries(converted as Record<string, unknown>)) {
          values[attribute] = raw ? value : finishResolved(value);
          if (!raw && (attribute === 'policy' || attribute === 'assume_role_policy')) registerPolicy(values[attribute], [...path, attribute], address);
          if (!raw && attribute === 'inline_policy' && Array.isArray(values[attribute])) {
            (values[attribute] as unknown[]).forEach((inline, i) => {
              if (inline && typeof inline === 'object') registerPolicy((inline as Record<string, unknown>).policy, [...path, attribute, i, 'policy'], address);
            });
          }
        }
      }
    } else if (config) {
      nodes.set(key(path), node);
    }
    blocks.push({ address, modulePrefix: '', mode: t.mode, type: t.type, name: id, values, raw, file, path });
  };

  const attestationTrust = (expr: TS.Expression | undefined, path: JsonPath): unknown => {
    const e = expr ? unwrap(expr) : undefined;
    if (!e || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const factory = e.expression.name.text;
    const arg = e.arguments[0] ? unwrap(e.arguments[0]) : undefined;
    const props = (arg && ts.isObjectLiteralExpression(arg) ? convert(arg, path, { raw: false, props: false }) : {}) as Record<string, unknown>;
    const text = (v: unknown, name: string) => (typeof v === 'string' ? v : v instanceof Ref ? referenceMarker(v.reference) : referenceMarker(`local.${name}`));
    nodes.set(key([...path, 'Statement', 0]), e);
    let statement: Record<string, unknown>;
    if (factory === 'githubActions') {
      const repository = text(props.repository, 'repository');
      const subject = props.branch !== undefined ? `repo:${repository}:ref:refs/heads/${text(props.branch, 'branch')}` : `repo:${repository}:environment:${text(props.environment, 'environment')}`;
      const issuer = 'token.actions.githubusercontent.com';
      statement = {
        Effect: 'Allow',
        Principal: { Federated: props.providerArn !== undefined ? text(props.providerArn, 'providerArn') : `arn:aws:iam::${text(props.accountId, 'accountId')}:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: subject } },
      };
    } else if (factory === 'eksServiceAccount') {
      const arn = props.oidcProviderArn !== undefined ? text(props.oidcProviderArn, 'oidcProviderArn') : undefined;
      const issuer = arn ? (/oidc-provider\/(.+)$/.exec(arn)?.[1] ?? referenceMarker('local.issuer')) : text(props.issuer, 'issuer').replace(/^https:\/\//, '');
      statement = {
        Effect: 'Allow',
        Principal: { Federated: arn ?? `arn:aws:iam::${text(props.accountId, 'accountId')}:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: `system:serviceaccount:${text(props.namespace, 'namespace')}:${text(props.serviceAccount, 'serviceAccount')}` } },
      };
    } else if (factory === 'awsService') {
      statement = {
        Effect: 'Allow',
        Principal: { Service: text(props.service, 'service') },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': text(props.sourceAccount, 'sourceAccount') }, ...(props.sourceArn !== undefined && { ArnLike: { 'aws:SourceArn': text(props.sourceArn, 'sourceArn') } }) },
      };
    } else if (factory === 'crossAccount') {
      statement = {
        Effect: 'Allow',
        Principal: { AWS: props.principalArn !== undefined ? text(props.principalArn, 'principalArn') : `arn:aws:iam::${text(props.accountId, 'accountId')}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': text(props.externalId, 'externalId') } },
      };
    } else return undefined;
    const policy = { Version: '2012-10-17', Statement: [statement] };
    return policy;
  };

  const addWorkload = (id: string, node: TS.NewExpression): WorkloadState => {
    const config = node.arguments?.[2] ? unwrap(node.arguments[2]) : undefined;
    const roleAddress = `aws_iam_role.${id}_Role`;
    const rolePath = ['resource', 'aws_iam_role', `${id}_Role`];
    nodes.set(key(rolePath), node);
    const values: Record<string, unknown> = { name: id };
    const tags: Record<string, string> = { 'wiga:workload': id };
    if (config && ts.isObjectLiteralExpression(config)) {
      for (const p of config.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propertyName(p.name);
        if (name === 'attestation') {
          const trust = attestationTrust(p.initializer, [...rolePath, 'assume_role_policy']);
          if (trust) {
            values.assume_role_policy = markers(trust);
            registerPolicy(values.assume_role_policy, [...rolePath, 'assume_role_policy'], roleAddress);
          }
        } else if (name === 'roleName') {
          values.name = finishResolved(convert(p.initializer, [...rolePath, 'name'], { raw: false, props: false }));
        } else if (name === 'permissionsBoundary') {
          values.permissions_boundary = finishResolved(convert(p.initializer, [...rolePath, 'permissions_boundary'], { raw: false, props: false }));
        } else if (name === 'owner' || name === 'purpose' || name === 'kind' || name === 'environment') {
          const v = convert(p.initializer, [...rolePath, 'tags', `wiga:${name}`], { raw: false, props: false });
          tags[`wiga:${name}`] = typeof v === 'string' ? v : name;
        }
      }
    }
    values.tags = tags;
    blocks.push({ address: roleAddress, modulePrefix: '', mode: 'managed', type: 'aws_iam_role', name: `${id}_Role`, values, raw: false, file, path: rolePath });
    return { id, roleAddress, policyAddress: `aws_iam_role_policy.${id}_Grants`, statements: [], statementNodes: [], sids: new Set(), node };
  };

  const addGrant = (workload: WorkloadState, call: TS.CallExpression, method: string): void => {
    const policyPath = ['resource', 'aws_iam_role_policy', `${workload.id}_Grants`, 'policy'];
    const index = workload.statements.length;
    const statementPath = [...policyPath, 'Statement', index];
    nodes.set(key(statementPath), call);
    let props: Record<string, unknown> = {};
    let actions: unknown;
    let resources: unknown;
    const mode = { raw: false, props: false };
    if (method === 'grant') {
      const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
      if (arg && ts.isObjectLiteralExpression(arg)) {
        nodes.set(key(statementPath), arg);
        props = convert(arg, [...statementPath, '?grant'], mode) as Record<string, unknown>;
        // Map the grant's props onto IAM element paths.
        for (const p of arg.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const name = propertyName(p.name);
          const element = name === 'actions' ? 'Action' : name === 'resources' ? 'Resource' : name === 'conditions' ? 'Condition' : name === 'purpose' || name === 'sid' ? 'Sid' : undefined;
          if (element) convert(p.initializer, [...statementPath, element], mode);
        }
      }
      actions = props.actions;
      resources = props.resources;
    } else {
      const intent = INTENTS.find((i) => i.id === INTENT_HELPERS[method]);
      if (!intent) return;
      const arnArg = call.arguments[0];
      const arn = arnArg ? convert(arnArg, [...statementPath, 'Resource'], mode) : new UnknownValue('no resource');
      const options = call.arguments[1] ? convert(call.arguments[1], [...statementPath, '?options'], mode) : {};
      props = options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
      nodes.set(key([...statementPath, 'Action']), call.expression);
      actions = [...intent.actions];
      const base = arn instanceof Ref ? referenceMarker(arn.reference) : arn;
      resources = intent.resourceShape === 'bucket-and-objects' && typeof base === 'string' ? [base, `${base}/*`] : method === 'grantWriteLogs' && typeof base === 'string' ? [`${base}:*`] : [base];
    }
    if (typeof props.expires === 'string' && Date.parse(props.expires) <= Date.now()) return; // expired grants are not synthesized
    const purpose = typeof props.purpose === 'string' ? props.purpose : 'Grant';
    let sid = typeof props.sid === 'string' ? props.sid : sidFromPurpose(purpose);
    for (let i = 2; workload.sids.has(sid); i++) sid = `${sidFromPurpose(purpose)}${i}`;
    workload.sids.add(sid);
    const statement: Record<string, unknown> = { Sid: sid, Effect: 'Allow', Action: markers(actions), Resource: markers(resources) };
    if (props.conditions && typeof props.conditions === 'object' && !(props.conditions instanceof UnknownValue)) statement.Condition = markers(props.conditions);
    else if (props.conditions instanceof UnknownValue) statement.Condition = props.conditions;
    workload.statements.push(statement);
    workload.policyPath = policyPath;
  };

  // Pass 2: constructs and grant calls, in source order.
  const visit = (node: TS.Node): void => {
    if (ts.isNewExpression(node)) {
      const call = constructorCall(node);
      if (call?.id) {
        if (call.className === 'WorkloadIdentity') {
          const w = addWorkload(call.id, node);
          workloads.push(w);
          const name = bindingOf.get(node);
          if (name) bindings.set(name, { className: 'WorkloadIdentity', address: w.roleAddress, workload: w });
        } else addBlock(call.className, call.id, node);
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'grant' || method in INTENT_HELPERS) {
        const name = bindingKey(node.expression.expression);
        const w = name !== undefined ? bindings.get(name)?.workload : undefined;
        if (w) addGrant(w, node, method);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  for (const w of workloads) {
    if (w.statements.length === 0 || !w.policyPath) continue;
    const policy = { Version: '2012-10-17', Statement: w.statements };
    registerPolicy(policy, w.policyPath, w.policyAddress);
    const path = w.policyPath.slice(0, -1);
    if (!nodes.has(key(path))) nodes.set(key(path), w.node);
    blocks.push({
      address: w.policyAddress,
      modulePrefix: '',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: `${w.id}_Grants`,
      values: { name: 'workload-iga-grants', role: new ConfigExpression(`\${${w.roleAddress}.name}`), policy },
      raw: false,
      file,
      path,
    });
  }

  const spanAt = (position: TextPosition): TextRange | undefined => {
    const offset = source.getPositionOfLineAndCharacter(position.line - 1, position.column - 1);
    let best: TS.Node | undefined;
    for (const node of nodes.values()) {
      if (node.getStart(source) === offset && (!best || node.getEnd() > best.getEnd())) best = node;
    }
    return best ? nodeRange(best) : undefined;
  };
  return { file, kind: 'terraform-json', blocks, positionOf, rangeOf, spanAt, problems: [], suppressions: readSuppressionComments(text) };
}

/** Rules that need the whole program (the synth) or say nothing useful about one file read statically. */
// ai-agent-governance: the sponsor and expiry of a WorkloadIdentity are in the synth manifest, not in the tags the reader sees.
const WHOLE_PROGRAM_RULES = new Set(['ai-agent-governance', 'analyzable-policy', 'no-expired-entitlement', 'no-unused-suppression', 'workload-requires-owner']);

export interface TypeScriptAnalysis {
  /** Findings with exact positions (`line`/`column` to `endLine`/`endColumn`) in the TypeScript file. */
  readonly findings: readonly Finding[];
  readonly model: TypeScriptSourceModel;
}

/**
 * Checks the IAM one TypeScript file declares, as you type: the same inventory and rules as
 * `analyze`, on the model read from the syntax. Findings suppressed by a
 * `// wiga-suppress <rule> -- <reason>` comment carry `suppressed`.
 */
export function analyzeTypeScriptSource(ts: Ts, file: string, text: string, options: { now?: Date } = {}): TypeScriptAnalysis {
  const model = readTypeScriptSource(ts, file, text);
  if (model.blocks.length === 0) return { findings: [], model };
  const now = options.now ?? new Date();
  // The engine's own assembly (related locations, workloads, de-duplication); only the span of
  // findings the engine placed at a statement start is widened here to the token found there.
  const findings = analyzeModels([model], { now, excludeRules: WHOLE_PROGRAM_RULES }).map((finding) => {
    const { line, column, endLine } = finding.location;
    if (line === undefined || column === undefined || endLine !== undefined) return applyComments(finding, model.suppressions, text, now);
    const span = model.spanAt({ line, column });
    const located = span ? { ...finding, location: { ...finding.location, endLine: span.endLine, endColumn: span.endColumn } } : finding;
    return applyComments(located, model.suppressions, text, now);
  });
  findings.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
  return { findings, model };
}

/** A suppression comment applies to the line below it, and to every finding of the construct that starts there. */
export function applyComments(finding: Finding, comments: readonly SuppressionComment[], text: string, now: Date): Finding {
  if (comments.length === 0 || finding.location.line === undefined) return finding;
  const lines = constructLines(text, finding.location.line);
  for (const c of comments) {
    // A reason is required; the code action's placeholder `<reason>` is not one.
    if (c.ruleId !== finding.ruleId || !c.reason || /^<.*>$/.test(c.reason)) continue;
    if (c.expires && Date.parse(c.expires) <= now.getTime()) continue;
    if (lines.includes(c.appliesTo)) return { ...finding, suppressed: { reason: c.reason, ...(c.expires && { expires: c.expires }) } };
  }
  return finding;
}

/** The finding's line and the line of the statement that contains it (`const x = new ...(` / `new ...(`), found by walking up over open brackets. */
function constructLines(text: string, line: number): number[] {
  const lines = [line];
  const all = text.split('\n');
  let depth = 0;
  for (let i = line - 1; i >= 0 && i >= line - 400; i--) {
    const l = all[i] ?? '';
    const upto = i === line - 1 ? l : l;
    for (let j = upto.length - 1; j >= 0; j--) {
      const ch = upto[j];
      if (ch === ')' || ch === '}' || ch === ']') depth++;
      else if (ch === '(' || ch === '{' || ch === '[') depth--;
    }
    if (i !== line - 1 && depth < 0 && /\bnew\s+[A-Z]|\.grant[A-Za-z]*\(/.test(l)) {
      lines.push(i + 1);
      depth = 0;
    }
  }
  return lines;
}

/**
 * Applies `// wiga-suppress <rule> -- <reason>` comments in the TypeScript sources findings point
 * at (`location.source`), so a suppression written in the editor holds in `wiga check` and CI too.
 * `readSource` returns a source file's text, or undefined when it cannot be read (nothing applies).
 */
export function applySourceSuppressions(result: AnalysisResult, readSource: (file: string) => string | undefined, now: Date): AnalysisResult {
  const cache = new Map<string, { text: string; comments: SuppressionComment[] } | undefined>();
  const sourceOf = (file: string) => {
    if (!cache.has(file)) {
      const text = readSource(file);
      cache.set(file, text === undefined ? undefined : { text, comments: readSuppressionComments(text) });
    }
    return cache.get(file);
  };
  let changed = false;
  const findings = result.findings.map((finding) => {
    const source = finding.location.source;
    if (finding.suppressed || !source) return finding;
    const file = sourceOf(source.file);
    if (!file || file.comments.length === 0) return finding;
    const atSource = applyComments({ ...finding, location: { ...finding.location, line: source.line } }, file.comments, file.text, now);
    if (!atSource.suppressed) return finding;
    changed = true;
    return { ...finding, suppressed: atSource.suppressed };
  });
  if (!changed) return result;
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) bySeverity[f.severity]++;
  const suppressed = findings.filter((f) => f.suppressed).length;
  return { ...result, findings, summary: { ...result.summary, findings: findings.length - suppressed, suppressed, bySeverity } };
}

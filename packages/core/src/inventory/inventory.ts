import type { JsonPath, TextPosition, TextRange } from '../input/json-document';
import { awsManagedPolicyDocument, awsManagedPolicyName } from '../catalog/managed-policies';
import { evaluateDeep } from '../input/terraform-expression';
import { ConfigExpression, blockPosition, isPlainObject, type TerraformBlock, type TerraformModel } from '../input/terraform-config';
import { parsePolicy, statementOrigins, type PolicyProblem } from '../policy/parse-policy';
import type { PolicyDocument, PolicyKind, StatementOrigin } from '../policy/policy-document';
import type { GovernanceManifest } from './governance-manifest';
import { GOVERNANCE_TAGS } from './governance-manifest';
import { UnknownValue, isUnknown, referenceMarker, referencedAddress, wholeReference } from './values';

/** A parsed policy document and what it is used for. */
export interface DocumentUse {
  readonly document: PolicyDocument;
  readonly kind: PolicyKind;
  /** Identities it applies to (or whose trust it is). */
  readonly identities: string[];
  /** ARN when it is an AWS managed policy (not the user's own text). */
  readonly awsManagedArn?: string;
}

export type AttachmentVia = 'inline' | 'inline-block' | 'attachment' | 'managed-policy-arns' | 'group';

export interface AttachedPolicy {
  readonly via: AttachmentVia;
  /** Block that makes the policy apply (the attachment, the inline policy, or the role itself). */
  readonly origin: StatementOrigin;
  readonly use?: DocumentUse;
  readonly arn?: string;
}

export interface Identity {
  readonly kind: 'role' | 'user' | 'group';
  readonly address: string;
  readonly name?: string;
  readonly origin: StatementOrigin;
  readonly tags: Readonly<Record<string, string>>;
  trust?: DocumentUse;
  readonly policies: AttachedPolicy[];
  boundary?: AttachedPolicy;
  /** For users: the group addresses they belong to. */
  readonly groups: string[];
  workload?: string;
  /** A role's `max_session_duration` in seconds, when set to a known number. */
  maxSessionDuration?: number;
}

export interface ManagedAttachment {
  readonly arn: string;
  readonly name: string;
  readonly origin: StatementOrigin;
  readonly identity?: string;
}

export interface AccessKey {
  readonly address: string;
  readonly origin: StatementOrigin;
  readonly user?: string;
}

/** An `aws_lambda_permission`: a resource-policy statement written as resource arguments. */
export interface LambdaPermission {
  readonly origin: StatementOrigin;
  readonly principal: unknown;
  readonly sourceArn: unknown;
  readonly sourceAccount: unknown;
  readonly principalOrgId: unknown;
  readonly action: unknown;
}

export interface Inventory {
  readonly files: readonly string[];
  /** Resource policies (bucket, key, queue, topic, secret, repository ...) with the resource block. */
  readonly resourcePolicies: readonly (DocumentUse & { readonly resourceAddress: string })[];
  readonly lambdaPermissions: readonly LambdaPermission[];
  /** Account ids known to be the configuration's own (provider allowed_account_ids, options). */
  readonly ownAccounts: readonly string[];
  readonly identities: readonly Identity[];
  /** The user's own documents (not AWS managed), each once. */
  readonly documents: readonly DocumentUse[];
  readonly problems: readonly PolicyProblem[];
  readonly managedAttachments: readonly ManagedAttachment[];
  readonly accessKeys: readonly AccessKey[];
  readonly manifests: readonly { readonly file: string; readonly manifest: GovernanceManifest }[];
  /** Where a block is written, by address (positions are computed on demand). */
  originOf(address: string): StatementOrigin | undefined;
}

const POLICY_DOCUMENT = 'aws_iam_policy_document';

/**
 * Resources whose attribute is a resource-based policy, and that attribute.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html
 */
const RESOURCE_POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_s3_bucket_policy: 'policy',
  aws_s3_bucket: 'policy',
  aws_kms_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_sqs_queue: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_secretsmanager_secret: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_ecr_registry_policy: 'policy',
  aws_glacier_vault: 'access_policy',
  aws_efs_file_system_policy: 'policy',
  aws_opensearch_domain_policy: 'access_policies',
  aws_elasticsearch_domain_policy: 'access_policies',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_cloudwatch_log_resource_policy: 'policy_document',
  aws_api_gateway_rest_api_policy: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_s3control_access_point_policy: 'policy',
};

/**
 * Builds the inventory of one Terraform configuration (a cdktf stack, a directory of `*.tf.json`,
 * or a plan). Blocks of all models in the group see each other, as files of one module do.
 */
export function buildTerraformInventory(models: readonly TerraformModel[]): Inventory {
  return new InventoryBuilder(models).build();
}

/** The inventory of a standalone IAM policy JSON file (no identities). */
export function buildPolicyFileInventory(
  file: string,
  value: unknown,
  locate: (path: JsonPath) => TextPosition,
  locateRange?: (path: JsonPath) => TextRange,
): Inventory {
  const kind = guessKind(value);
  const parsed = parsePolicy(value, { kind, origin: { file, position: locate([]) }, locate, locateRange });
  const documents = parsed.document ? [{ document: parsed.document, kind, identities: [] }] : [];
  return {
    files: [file],
    identities: [],
    documents,
    resourcePolicies: kind === 'resource' && parsed.document ? [{ ...documents[0]!, resourceAddress: file }] : [],
    lambdaPermissions: [],
    ownAccounts: [],
    problems: parsed.problems,
    managedAttachments: [],
    accessKeys: [],
    manifests: [],
    originOf: () => undefined,
  };
}

class InventoryBuilder {
  private readonly blocks = new Map<string, { block: TerraformBlock; model: TerraformModel }>();
  private readonly byType = new Map<string, TerraformBlock[]>();
  private readonly documentRaw = new Map<string, unknown>();
  /** Rendered document object → the data source that rendered it, so its uses share one parse. */
  private readonly renderedDocuments = new WeakMap<object, string>();
  private readonly usedDocuments = new Set<string>();
  private readonly inProgress = new Set<string>();
  private readonly parsed = new Map<string, DocumentUse | undefined>();
  private readonly problems: PolicyProblem[] = [];
  private readonly documents: DocumentUse[] = [];
  private readonly identities = new Map<string, Identity>();
  private readonly managedAttachments: ManagedAttachment[] = [];
  private readonly resourcePolicies: (DocumentUse & { resourceAddress: string })[] = [];
  private readonly lambdaPermissions: LambdaPermission[] = [];
  private readonly accessKeys: AccessKey[] = [];

  constructor(private readonly models: readonly TerraformModel[]) {
    for (const model of models) {
      for (const [prefix, values] of Object.entries(model.locals ?? {})) this.locals.set(prefix, { ...this.locals.get(prefix), ...values });
      for (const [prefix, values] of Object.entries(model.moduleInputs ?? {})) this.moduleInputs.set(prefix, { ...this.moduleInputs.get(prefix), ...values });
      for (const block of model.blocks) {
        this.blocks.set(block.address, { block, model });
        const list = this.byType.get(block.type) ?? [];
        list.push(block);
        this.byType.set(block.type, list);
      }
    }
  }

  build(): Inventory {
    for (const block of this.ofType('aws_iam_role')) this.addRole(block);
    for (const block of this.ofType('aws_iam_user')) this.addBoundary(block, this.addIdentity('user', block));
    for (const block of this.ofType('aws_iam_group')) this.addIdentity('group', block);

    for (const block of this.ofType('aws_iam_role_policy')) this.addInline(block, 'role');
    for (const block of this.ofType('aws_iam_user_policy')) this.addInline(block, 'user');
    for (const block of this.ofType('aws_iam_group_policy')) this.addInline(block, 'group');
    for (const block of this.ofType('aws_iam_role_policy_attachment')) this.addAttachment(block, this.attr(block, 'policy_arn'), [this.attr(block, 'role')], 'role');
    for (const block of this.ofType('aws_iam_user_policy_attachment')) this.addAttachment(block, this.attr(block, 'policy_arn'), [this.attr(block, 'user')], 'user');
    for (const block of this.ofType('aws_iam_group_policy_attachment')) this.addAttachment(block, this.attr(block, 'policy_arn'), [this.attr(block, 'group')], 'group');
    for (const block of this.ofType('aws_iam_policy_attachment')) {
      const arn = this.attr(block, 'policy_arn');
      this.addAttachment(block, arn, asList(this.attr(block, 'roles')), 'role');
      this.addAttachment(block, arn, asList(this.attr(block, 'users')), 'user');
      this.addAttachment(block, arn, asList(this.attr(block, 'groups')), 'group');
    }
    for (const block of this.ofType('aws_iam_group_membership')) {
      const group = this.findIdentity(this.attr(block, 'group'), 'group');
      for (const user of asList(this.attr(block, 'users'))) {
        const u = this.findIdentity(user, 'user');
        if (u && group) u.groups.push(group.address);
      }
    }
    for (const block of this.ofType('aws_iam_user_group_membership')) {
      const user = this.findIdentity(this.attr(block, 'user'), 'user');
      for (const g of asList(this.attr(block, 'groups'))) {
        const group = this.findIdentity(g, 'group');
        if (user && group) user.groups.push(group.address);
      }
    }
    for (const block of this.ofType('aws_iam_access_key')) {
      const user = this.findIdentity(this.attr(block, 'user'), 'user');
      this.accessKeys.push({ address: block.address, origin: this.origin(block), user: user?.address });
    }
    for (const model of this.models) {
      for (const n of model.notAnalyzed ?? []) this.problems.push({ kind: 'unknown', message: n.message, origin: { file: n.file, position: { line: n.line, column: n.column } } });
    }
    for (const [type, attribute] of Object.entries(RESOURCE_POLICY_ATTRIBUTES)) {
      for (const block of this.ofType(type)) {
        const value = this.attr(block, attribute);
        if (value === undefined || value === null || value === '') continue;
        const use = this.use(`${block.address}|${attribute}`, value, 'resource', this.origin(block, attribute), attribute);
        if (use) this.resourcePolicies.push({ ...use, resourceAddress: block.address });
      }
    }
    for (const block of this.ofType('aws_lambda_permission')) {
      this.lambdaPermissions.push({
        origin: this.origin(block),
        principal: this.attr(block, 'principal'),
        sourceArn: this.attr(block, 'source_arn'),
        sourceAccount: this.attr(block, 'source_account'),
        principalOrgId: this.attr(block, 'principal_org_id'),
        action: this.attr(block, 'action'),
      });
    }
    // Customer policies not attached to anything are still the user's policy text: check them
    // (as identity policies, unless they are only used as a permissions boundary).
    for (const block of this.ofType('aws_iam_policy')) if (!this.parsed.has(`${block.address}|policy|boundary`)) this.policyOfBlock(block);
    // Policy documents not used by any attribute above are checked as what they look like.
    // One rendered only as part of another (source/override documents) is checked through that one,
    // where statements it overrides are gone.
    for (const block of this.ofType(POLICY_DOCUMENT)) {
      if (block.mode !== 'data' || this.usedDocuments.has(block.address) || this.documentRaw.has(block.address)) continue;
      const raw = this.policyDocumentValue(block);
      this.use(`${block.address}|standalone`, raw, guessKind(raw), this.origin(block), 'json');
    }
    this.mapWorkloads();
    return {
      files: this.models.map((m) => m.file),
      identities: [...this.identities.values()],
      documents: this.documents,
      problems: this.problems,
      managedAttachments: this.managedAttachments,
      accessKeys: this.accessKeys,
      manifests: this.models.flatMap((m) => (m.manifest ? [{ file: m.file, manifest: m.manifest }] : [])),
      resourcePolicies: this.resourcePolicies,
      lambdaPermissions: this.lambdaPermissions,
      ownAccounts: [...new Set(this.models.flatMap((m) => m.ownAccounts ?? []))],
      originOf: (address) => {
        const found = this.blocks.get(address);
        return found ? this.origin(found.block) : undefined;
      },
    };
  }

  private ofType(type: string): TerraformBlock[] {
    return this.byType.get(type) ?? [];
  }

  private modelOf(block: TerraformBlock): TerraformModel {
    return this.blocks.get(block.address)!.model;
  }

  /** Where a block (or one of its attributes) is written. The position is computed when first read: only findings need it. */
  private origin(block: TerraformBlock, attribute?: string, path?: (string | number)[]): StatementOrigin {
    const model = this.modelOf(block);
    return new LazyOrigin(block.file, block.address, block.constructPath, () => (path ? model.positionOf(path) : blockPosition(model, block, attribute)));
  }

  /** The evaluated value of an attribute. */
  private attr(block: TerraformBlock, name: string): unknown {
    const value = block.values[name];
    if (value === undefined) return undefined;
    const resolve = (reference: string) => this.resolve(reference, block);
    if (block.raw) return evaluateDeep(value, resolve);
    if (value instanceof ConfigExpression) return evaluateDeep(value.value, resolve);
    return value;
  }

  private resolve(reference: string, from: TerraformBlock): unknown {
    return this.resolveIn(reference, from.modulePrefix);
  }

  /** Resolves a reference written in the module with this prefix (`''` for the root module). */
  private resolveIn(reference: string, modulePrefix: string, depth = 0): unknown {
    const root = reference.split(/[.[]/, 1)[0]!;
    if (depth > 20) return new UnknownValue(`${reference}: references nest too deeply (a cycle?)`, [reference]);
    if (root === 'local' || root === 'var') {
      const [, name, ...rest] = splitTraversal(reference);
      const raw = root === 'local' ? this.locals.get(modulePrefix)?.[name!] : this.moduleInputs.get(modulePrefix)?.[name!];
      if (raw !== undefined) {
        // A module input is written in the caller's scope; a local in its own module's.
        const scope = root === 'local' ? modulePrefix : parentPrefix(modulePrefix);
        const value = evaluateDeep(raw, (r) => this.resolveIn(r, scope, depth + 1));
        return navigate(value, rest, reference);
      }
      // A root variable is set at plan time: one specific but unknown value.
      return new UnknownValue(`${reference} is not known before plan`, [reference], modulePrefix + reference);
    }
    if (['each', 'count'].includes(root)) return new UnknownValue(`${reference} differs per instance`, [reference], reference);
    if (['path', 'terraform', 'self', 'module'].includes(root)) {
      return new UnknownValue(`${reference} is not known statically`, [reference]);
    }
    const full = modulePrefix + reference;
    const address = referencedAddress(full);
    const target = this.blocks.get(address)?.block;
    const attribute = full.slice(address.length + 1);
    if (target?.type === POLICY_DOCUMENT && target.mode === 'data' && (attribute === 'json' || attribute === 'minified_json')) {
      return this.policyDocumentValue(target);
    }
    if (target?.type === 'aws_iam_policy' && attribute === 'policy') return this.attr(target, 'policy');
    if (target?.type === 'aws_iam_openid_connect_provider' && attribute === 'arn') {
      // The provider's ARN ends with its URL's host and path; rules read the issuer from it.
      // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
      const url = this.attr(target, 'url');
      if (typeof url === 'string') return `arn:aws:iam::${referenceMarker(`${full}:account`)}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
    }
    return referenceMarker(full);
  }

  private readonly locals = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly moduleInputs = new Map<string, Readonly<Record<string, unknown>>>();

  /** The policy a `data.aws_iam_policy_document` renders, with each statement's origin attached. */
  private policyDocumentValue(block: TerraformBlock): unknown {
    const cached = this.documentRaw.get(block.address);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(block.address)) return new UnknownValue(`${block.address} refers to itself`);
    this.inProgress.add(block.address);
    const value = this.renderPolicyDocument(block);
    this.inProgress.delete(block.address);
    this.documentRaw.set(block.address, value);
    if (typeof value === 'object' && value !== null) this.renderedDocuments.set(value, block.address);
    return value;
  }

  private renderPolicyDocument(block: TerraformBlock): unknown {
    // Rendered from the statements even when a plan also carries the rendered `json`, so each
    // statement keeps the position of the block that declares it.
    const known = block.raw ? undefined : block.values.json;
    if (typeof known === 'string' && block.values.statement === undefined) return known;
    const statementsValue = this.attr(block, 'statement');
    if (isUnknown(statementsValue)) return statementsValue;
    const own = asList(statementsValue).map((s, i) => this.statementFromBlock(block, s, i));
    let merged: unknown[] = [];
    for (const source of asList(this.attr(block, 'source_policy_documents'))) {
      const statements = statementsOf(source);
      if (isUnknown(statements)) return statements;
      merged = mergeBySid(merged, statements);
    }
    merged = mergeBySid(merged, own);
    for (const override of asList(this.attr(block, 'override_policy_documents'))) {
      const statements = statementsOf(override);
      if (isUnknown(statements)) return statements;
      merged = mergeBySid(merged, statements);
    }
    const version = this.attr(block, 'version');
    return { Version: typeof version === 'string' ? version : '2012-10-17', Statement: merged };
  }

  /** `statement { actions, resources, principals { type identifiers }, condition { test variable values } }` → IAM JSON. */
  private statementFromBlock(block: TerraformBlock, raw: unknown, index: number): unknown {
    if (!isPlainObject(raw)) return raw;
    const out: Record<string, unknown> = {};
    const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';
    if (present(raw.sid)) out.Sid = raw.sid;
    out.Effect = present(raw.effect) ? raw.effect : 'Allow';
    for (const [tf, iam] of [['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']] as const) {
      if (present(raw[tf])) out[iam] = raw[tf];
    }
    for (const [tf, iam] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      if (!present(raw[tf])) continue;
      const value = raw[tf];
      if (isUnknown(value)) {
        out[iam] = value;
        continue;
      }
      const principal: Record<string, unknown> = {};
      for (const p of asList(value)) {
        if (!isPlainObject(p)) continue;
        if (p.type === '*') {
          out[iam] = '*';
          break;
        }
        const type = typeof p.type === 'string' ? p.type : 'AWS';
        const ids = isUnknown(p.identifiers) ? p.identifiers : asList(p.identifiers);
        const prior = principal[type];
        principal[type] = Array.isArray(prior) && Array.isArray(ids) ? [...prior, ...ids] : ids;
      }
      if (out[iam] !== '*') out[iam] = principal;
    }
    if (present(raw.condition)) {
      const condition: Record<string, Record<string, unknown>> = {};
      for (const c of asList(raw.condition)) {
        if (!isPlainObject(c) || typeof c.test !== 'string' || typeof c.variable !== 'string') continue;
        (condition[c.test] ??= {})[c.variable] = c.values;
      }
      out.Condition = condition;
    }
    const path = block.raw ? [...block.path, 'statement', index] : undefined;
    const origin = this.origin(block, 'statement', path);
    const model = this.modelOf(block);
    if (path && model.rangeOf) {
      const rangeOf = model.rangeOf.bind(model);
      (origin as LazyOrigin).locate = (element: JsonPath) => rangeOf([...path, ...statementBlockPath(element)]);
    }
    statementOrigins.set(out, origin);
    return out;
  }

  /** Parses a policy value once per (block attribute, kind) and records it. */
  private use(key: string, raw: unknown, kind: PolicyKind, origin: StatementOrigin, attribute: string, awsManagedArn?: string): DocumentUse | undefined {
    const cacheKey = `${key}|${kind}`;
    if (this.parsed.has(cacheKey)) return this.parsed.get(cacheKey);
    // A document rendered by a data source keeps one identity across its uses.
    const documentAddress = typeof raw === 'object' && raw !== null ? this.renderedDocuments.get(raw) : undefined;
    if (documentAddress) this.usedDocuments.add(documentAddress);
    if (documentAddress && documentAddress !== key.split('|')[0]) {
      const shared = this.use(`${documentAddress}|json`, raw, kind, origin, attribute, awsManagedArn);
      this.parsed.set(cacheKey, shared);
      return shared;
    }
    const parsed = parsePolicy(raw, { kind, origin, attribute });
    if (!awsManagedArn) this.problems.push(...parsed.problems);
    const result = parsed.document ? { document: parsed.document, kind, identities: [] as string[], awsManagedArn } : undefined;
    if (result && !awsManagedArn) this.documents.push(result);
    this.parsed.set(cacheKey, result);
    return result;
  }

  private addIdentity(kind: Identity['kind'], block: TerraformBlock): Identity {
    const name = this.attr(block, 'name');
    const tags = this.attr(block, 'tags');
    const identity: Identity = {
      kind,
      address: block.address,
      name: typeof name === 'string' ? name : undefined,
      origin: this.origin(block),
      tags: isPlainObject(tags) ? Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string')) : {},
      policies: [],
      groups: [],
    };
    this.identities.set(block.address, identity);
    return identity;
  }

  private addRole(block: TerraformBlock): void {
    const role = this.addIdentity('role', block);
    const maxSession = this.attr(block, 'max_session_duration');
    if (typeof maxSession === 'number') role.maxSessionDuration = maxSession;
    else if (typeof maxSession === 'string' && /^\d+$/.test(maxSession)) role.maxSessionDuration = Number(maxSession);
    const trust = this.attr(block, 'assume_role_policy');
    const trustUse = this.use(`${block.address}|assume_role_policy`, trust ?? new UnknownValue('assume_role_policy is missing'), 'trust', this.origin(block, 'assume_role_policy'), 'assume_role_policy');
    if (trustUse) {
      trustUse.identities.push(role.address);
      role.trust = trustUse;
    }
    asList(this.attr(block, 'inline_policy')).forEach((inline, i) => {
      if (!isPlainObject(inline) || inline.policy === undefined || inline.policy === '') return;
      const path = block.raw ? [...block.path, 'inline_policy', i, 'policy'] : undefined;
      const origin = this.origin(block, 'inline_policy', path);
      const use = this.use(`${block.address}|inline_policy[${i}]`, inline.policy, 'identity', origin, 'inline_policy.policy');
      if (use) use.identities.push(role.address);
      role.policies.push({ via: 'inline-block', origin, use });
    });
    const managed = this.attr(block, 'managed_policy_arns');
    if (isUnknown(managed)) {
      this.unknownAttribute(block, 'managed_policy_arns', managed);
    } else {
      for (const arn of asList(managed)) this.attachArn(block, 'managed_policy_arns', arn, role, 'managed-policy-arns');
    }
    this.addBoundary(block, role);
  }

  /** `permissions_boundary` of a role or user: a ceiling on what its policies grant. */
  private addBoundary(block: TerraformBlock, identity: Identity): void {
    const boundary = this.attr(block, 'permissions_boundary');
    if (boundary === undefined || boundary === null || boundary === '') return;
    const attached = this.resolvePolicyArn(block, 'permissions_boundary', boundary, 'boundary');
    if (attached) identity.boundary = { ...attached, via: 'attachment' };
  }

  private addInline(block: TerraformBlock, kind: Identity['kind']): void {
    const ownerValue = this.attr(block, kind);
    if (isUnknown(ownerValue)) this.unknownAttribute(block, kind, ownerValue);
    const owner = this.findIdentity(ownerValue, kind);
    const use = this.use(`${block.address}|policy`, this.attr(block, 'policy') ?? new UnknownValue('policy is missing'), 'identity', this.origin(block, 'policy'), 'policy');
    if (owner) {
      if (use) use.identities.push(owner.address);
      owner.policies.push({ via: 'inline', origin: this.origin(block), use });
    }
  }

  private addAttachment(block: TerraformBlock, arn: unknown, targets: readonly unknown[], kind: Identity['kind']): void {
    for (const target of targets) {
      if (isUnknown(target)) this.unknownAttribute(block, kind, target);
      const identity = this.findIdentity(target, kind);
      this.attachArn(block, 'policy_arn', arn, identity, 'attachment');
    }
  }

  private attachArn(block: TerraformBlock, attribute: string, arn: unknown, identity: Identity | undefined, via: AttachmentVia): void {
    const attached = this.resolvePolicyArn(block, attribute, arn, 'identity');
    if (!attached) return;
    if (attached.use && identity && !attached.use.identities.includes(identity.address)) attached.use.identities.push(identity.address);
    if (attached.arn && awsManagedPolicyName(attached.arn)) {
      this.managedAttachments.push({ arn: attached.arn, name: awsManagedPolicyName(attached.arn)!, origin: attached.origin, identity: identity?.address });
    }
    identity?.policies.push({ ...attached, via });
  }

  /** Finds the document behind a policy ARN: a policy in this configuration, or an AWS managed one. */
  private resolvePolicyArn(block: TerraformBlock, attribute: string, arn: unknown, kind: PolicyKind): Omit<AttachedPolicy, 'via'> | undefined {
    const origin = this.origin(block, attribute);
    if (isUnknown(arn)) {
      this.unknownAttribute(block, attribute, arn);
      return undefined;
    }
    const reference = wholeReference(arn);
    if (reference) {
      const target = this.blocks.get(referencedAddress(reference))?.block;
      if (target?.type === 'aws_iam_policy') return { origin, use: this.policyOfBlock(target, kind) };
      this.problems.push({ kind: 'unknown', message: `'${attribute}' refers to ${reference}, which is not a policy in the analysed configuration`, origin, element: attribute, references: [reference] });
      return undefined;
    }
    if (typeof arn !== 'string') return undefined;
    if (awsManagedPolicyName(arn)) {
      const document = awsManagedPolicyDocument(arn);
      if (!document) {
        this.problems.push({ kind: 'invalid', message: `'${attribute}' names the AWS managed policy ${arn}, which does not exist`, origin });
        return { origin, arn };
      }
      return { origin, arn, use: this.use(`aws-managed|${arn}`, document, kind, origin, attribute, arn) };
    }
    const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    const local = name ? this.ofType('aws_iam_policy').find((p) => this.attr(p, 'name') === name) : undefined;
    if (local) return { origin, arn, use: this.policyOfBlock(local, kind) };
    this.problems.push({
      kind: 'unknown',
      message: `'${attribute}' attaches ${arn}, a policy defined outside the analysed configuration, so its permissions are not checked`,
      origin,
      element: attribute,
    });
    return { origin, arn };
  }

  private policyOfBlock(block: TerraformBlock, kind: PolicyKind = 'identity'): DocumentUse | undefined {
    return this.use(`${block.address}|policy`, this.attr(block, 'policy') ?? new UnknownValue('policy is missing'), kind, this.origin(block, 'policy'), 'policy');
  }

  private findIdentity(value: unknown, kind: Identity['kind']): Identity | undefined {
    const reference = wholeReference(value);
    if (reference) {
      const identity = this.identities.get(referencedAddress(reference));
      return identity?.kind === kind ? identity : undefined;
    }
    if (typeof value !== 'string') return undefined;
    for (const identity of this.identities.values()) if (identity.kind === kind && identity.name === value) return identity;
    return undefined;
  }

  private unknownAttribute(block: TerraformBlock, attribute: string, value: UnknownValue): void {
    this.problems.push({ kind: 'unknown', message: `'${attribute}' of ${block.address} is not known before apply (${value.reason})`, origin: this.origin(block, attribute), element: attribute, references: value.references });
  }

  private mapWorkloads(): void {
    for (const model of this.models) {
      for (const workload of model.manifest?.workloads ?? []) {
        const identity = this.identities.get(workload.roleAddress);
        if (identity) identity.workload = workload.name;
      }
    }
    for (const identity of this.identities.values()) identity.workload ??= identity.tags[GOVERNANCE_TAGS.workload];
  }
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function statementsOf(source: unknown): unknown[] | UnknownValue {
  if (isUnknown(source)) return source;
  let value = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source);
    } catch {
      return new UnknownValue('a source or override policy document is not valid JSON');
    }
  }
  if (!isPlainObject(value)) return new UnknownValue('a source or override policy document is not an object');
  return asList(value.Statement);
}

/** Terraform's merge: a later statement with the same non-empty Sid replaces the earlier one. */
function mergeBySid(base: readonly unknown[], later: readonly unknown[]): unknown[] {
  const out = [...base];
  for (const statement of later) {
    const sid = isPlainObject(statement) && typeof statement.Sid === 'string' && statement.Sid ? statement.Sid : undefined;
    const at = sid ? out.findIndex((s) => isPlainObject(s) && s.Sid === sid) : -1;
    if (at >= 0) out[at] = statement;
    else out.push(statement);
  }
  return out;
}

/** A document with principals is a trust or resource policy; otherwise an identity policy. */
function guessKind(value: unknown): PolicyKind {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return 'identity';
    }
  }
  if (!isPlainObject(v)) return 'identity';
  const statements = asList(v.Statement);
  const hasPrincipal = statements.some((s) => isPlainObject(s) && ('Principal' in s || 'NotPrincipal' in s));
  if (!hasPrincipal) return 'identity';
  const assumes = statements.some((s) => isPlainObject(s) && asList(s.Action).some((a) => typeof a === 'string' && /^sts:AssumeRole/i.test(a)));
  return assumes ? 'trust' : 'resource';
}

/** An IAM element path (`['Action', 2]`) in `statement` block terms (`['actions', 2]`). */
function statementBlockPath(element: JsonPath): JsonPath {
  const [head, ...rest] = element;
  const attribute: Record<string, string> = {
    Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources',
    Principal: 'principals', NotPrincipal: 'not_principals', Condition: 'condition', Sid: 'sid', Effect: 'effect',
  };
  const name = typeof head === 'string' ? attribute[head] : undefined;
  if (!name) return [];
  // Principals and conditions are lists of blocks whose order does not follow IAM's keys.
  return name === 'principals' || name === 'not_principals' || name === 'condition' ? [name] : [name, ...rest];
}

/** `local.arns[0].x` → ['local', 'arns', 0, 'x']. */
function splitTraversal(reference: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of reference.matchAll(/([^.[\]]+)|\[(\d+|"[^"]*")\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else out.push(match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : Number(match[2]));
  }
  return out;
}

function navigate(value: unknown, path: readonly (string | number)[], reference: string): unknown {
  let current = value;
  for (const segment of path) {
    if (isUnknown(current)) return current;
    if (current !== null && typeof current === 'object' && segment in (current as Record<string, unknown>)) current = (current as Record<string | number, unknown>)[segment];
    else return new UnknownValue(`${reference} is not known statically`, [reference]);
  }
  return current;
}

/** `module.a.module.b.` → `module.a.`; `module.a.` → ''. */
function parentPrefix(prefix: string): string {
  return prefix.replace(/module\.[^.]+(?:\[[^\]]*\])?\.$/, '');
}

/**
 * A block's origin whose position is computed when first read (only findings need it). A class with
 * a prototype getter keeps tens of thousands of origins cheap; copy one with `withOrigin`, since a
 * spread would not copy the getter.
 */
class LazyOrigin implements StatementOrigin {
  private computed: TextPosition | undefined;
  locate?: StatementOrigin['locate'];

  constructor(
    readonly file: string,
    readonly address: string | undefined,
    readonly constructPath: string | undefined,
    private readonly compute: () => TextPosition,
  ) {}

  get position(): TextPosition {
    return (this.computed ??= this.compute());
  }
}

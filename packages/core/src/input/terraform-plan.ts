import type { JsonDocument, JsonPath } from './json-document';
import type { InputError } from '../engine/analysis';
import { UnknownValue, isUnknown } from '../inventory/values';
import { ConfigExpression, isPlainObject, type TerraformBlock, type TerraformModel } from './terraform-config';

/**
 * Reads `terraform show -json` plan output. The planned state (`planned_values`) is what will exist
 * after apply; data sources read during plan are in `prior_state`; deferred data sources are in
 * `resource_changes` with action `read`. Attributes the plan marks unknown (`after_unknown`), very
 * often a policy that references an ARN created in the same apply, are rebuilt from the plan's
 * `configuration` expressions, where a reference stands for one specific resource.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
export function readTerraformPlan(file: string, document: JsonDocument): TerraformModel {
  const root = document.value as Record<string, unknown>;
  const problems: InputError[] = [];
  const blocks: TerraformBlock[] = [];
  const seen = new Set<string>();

  const changes = new Map<string, Record<string, unknown>>();
  const resourceChanges = Array.isArray(root.resource_changes) ? root.resource_changes : [];
  resourceChanges.forEach((change) => {
    if (isPlainObject(change) && typeof change.address === 'string' && isPlainObject(change.change)) changes.set(change.address, change.change);
  });
  const configs = collectConfiguration(root.configuration);

  const addResource = (resource: unknown, path: JsonPath) => {
    if (!isPlainObject(resource) || typeof resource.address !== 'string' || typeof resource.type !== 'string' || typeof resource.name !== 'string') {
      problems.push({ file, ...document.positionOf(path), message: 'plan resource without address, type or name' });
      return;
    }
    const address = resource.address;
    if (seen.has(address)) return;
    seen.add(address);
    const mode = resource.mode === 'data' ? 'data' : 'managed';
    const modulePrefix = modulePrefixOf(address);
    const configKey = `${modulePrefix.replace(/\[[^\]]*\]/g, '')}${mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
    const config = configs.get(configKey);
    const change = changes.get(address);
    const values = withUnknowns(isPlainObject(resource.values) ? resource.values : {}, change?.after_unknown, config);
    blocks.push(planBlock(file, { address, type: resource.type, name: resource.name, mode }, values, path));
  };

  walkModule(isPlainObject(root.planned_values) ? root.planned_values.root_module : undefined, ['planned_values', 'root_module'], addResource);
  const prior = isPlainObject(root.prior_state) && isPlainObject(root.prior_state.values) ? root.prior_state.values.root_module : undefined;
  walkModule(prior, ['prior_state', 'values', 'root_module'], (resource, path) => {
    // Data sources read during plan; managed resources in prior state are the *current* state.
    if (isPlainObject(resource) && resource.mode === 'data') addResource(resource, path);
  });
  resourceChanges.forEach((change, index) => {
    if (!isPlainObject(change) || change.mode !== 'data' || !isPlainObject(change.change)) return;
    if (typeof change.address !== 'string' || seen.has(change.address)) return;
    // A deferred data source: only the known parts are in `after`.
    addResource({ ...change, values: change.change.after }, ['resource_changes', index]);
  });

  if (!isPlainObject(root.planned_values) && resourceChanges.length === 0) {
    problems.push({ file, line: 1, column: 1, message: "plan JSON has neither 'planned_values' nor 'resource_changes'; was it made with `terraform show -json <planfile>`?" });
  }
  if (root.errored === true) {
    problems.push({ file, line: 1, column: 1, message: 'the plan errored (errored: true); its planned values are incomplete' });
  }
  const ownAccounts = planProviderAccounts(root.configuration);
  return { file, kind: 'terraform-plan', blocks, ownAccounts, positionOf: (path) => document.positionOf(path), rangeOf: (path) => document.rangeOf(path), problems };
}

/**
 * The state the plan starts from: the managed resources and data sources of `prior_state` (what
 * exists before apply, with resolved values), as a model like the planned one, so the two can be
 * compared (`new-access`). A plan without `prior_state` (nothing applied yet) gives a model with no
 * blocks.
 */
export function readTerraformPlanPriorState(file: string, document: JsonDocument): TerraformModel {
  const root = document.value as Record<string, unknown>;
  const blocks: TerraformBlock[] = [];
  const prior = isPlainObject(root.prior_state) && isPlainObject(root.prior_state.values) ? root.prior_state.values.root_module : undefined;
  walkModule(prior, ['prior_state', 'values', 'root_module'], (resource, path) => {
    if (!isPlainObject(resource) || typeof resource.address !== 'string' || typeof resource.type !== 'string' || typeof resource.name !== 'string') return;
    const values = isPlainObject(resource.values) ? resource.values : {};
    blocks.push(planBlock(file, { address: resource.address, type: resource.type, name: resource.name, mode: resource.mode === 'data' ? 'data' : 'managed' }, values, path));
  });
  const ownAccounts = planProviderAccounts(root.configuration);
  return { file, kind: 'terraform-plan', blocks, ownAccounts, positionOf: (path) => document.positionOf(path), rangeOf: (path) => document.rangeOf(path), problems: [] };
}

function walkModule(module: unknown, path: JsonPath, visitResource: (resource: unknown, path: JsonPath) => void): void {
  if (!isPlainObject(module)) return;
  if (Array.isArray(module.resources)) module.resources.forEach((r, i) => visitResource(r, [...path, 'resources', i]));
  if (Array.isArray(module.child_modules)) module.child_modules.forEach((m, i) => walkModule(m, [...path, 'child_modules', i], visitResource));
}

/** `module.a.module.b[0].aws_iam_role.r` → `module.a.module.b[0].` */
function modulePrefixOf(address: string): string {
  const match = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return match?.[1] ?? '';
}

/** Configuration blocks by module path + address (without instance keys). */
function collectConfiguration(configuration: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (module: unknown, prefix: string) => {
    if (!isPlainObject(module)) return;
    if (Array.isArray(module.resources)) {
      for (const resource of module.resources) {
        if (isPlainObject(resource) && typeof resource.address === 'string' && isPlainObject(resource.expressions)) {
          out.set(prefix + resource.address, resource.expressions);
        }
      }
    }
    if (isPlainObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isPlainObject(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isPlainObject(configuration)) walk(configuration.root_module, '');
  return out;
}

/**
 * Marks what the plan says is unknown, and where the configuration has an expression for a whole
 * unknown attribute, puts that expression in its place for the evaluator.
 */
function withUnknowns(values: Record<string, unknown>, afterUnknown: unknown, config: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const unknownMap = isPlainObject(afterUnknown) ? afterUnknown : {};
  for (const [key, flag] of Object.entries(unknownMap)) {
    const merged = mergeUnknown(out[key], flag);
    if (merged !== undefined) out[key] = merged;
  }
  for (const [key, value] of Object.entries(out)) {
    if (!containsUnknown(value)) continue;
    if (config && key in config) out[key] = new ConfigExpression(configToValue(config[key]));
    // Unknown and not set in the configuration: a computed attribute (arn, id, managed_policy_arns
    // when unmanaged), not something the user wrote.
    else if (isUnknown(value)) delete out[key];
  }
  // A policy taken from a policy-document data source is analysed from that data source, so its
  // statements are located where they are written, as they are for synth output.
  for (const [key, expression] of Object.entries(config ?? {})) {
    const value = configToValue(expression);
    if (typeof value === 'string' && /^\$\{(module\.[^.]+\.)*data\.aws_iam_policy_document\.[^.}]+\.(json|minified_json)\}$/.test(value)) {
      out[key] = new ConfigExpression(value);
    }
  }
  return out;
}

function mergeUnknown(value: unknown, flag: unknown): unknown {
  if (flag === true) return new UnknownValue('known only after apply');
  if (Array.isArray(flag) && Array.isArray(value)) return value.map((v, i) => mergeUnknown(v, flag[i]) ?? v);
  if (Array.isArray(flag) && value == null) return flag.map((f) => mergeUnknown(undefined, f) ?? null);
  if (isPlainObject(flag) && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [k, f] of Object.entries(flag)) {
      const merged = mergeUnknown(value[k], f);
      if (merged !== undefined) out[k] = merged;
    }
    return out;
  }
  return undefined;
}

function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isPlainObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Converts a configuration expression to a raw Terraform JSON value: `constant_value` as written
 * (for JSON configuration it keeps `${...}` templates), nested blocks recursively, and anything
 * else to an unknown that names its references.
 */
function configToValue(expression: unknown): unknown {
  if (Array.isArray(expression)) return expression.map(configToValue);
  if (!isPlainObject(expression)) return new UnknownValue('no configuration expression');
  const keys = Object.keys(expression);
  const isExpression = keys.length > 0 && keys.every((k) => k === 'constant_value' || k === 'references');
  if (isExpression) {
    if ('constant_value' in expression) return expression.constant_value;
    const references = Array.isArray(expression.references) ? expression.references.filter((r): r is string => typeof r === 'string') : [];
    // `policy = data.aws_iam_policy_document.x.json` in HCL: the expression is that one reference.
    const documentJson = references.find((r) => /(^|\.)data\.aws_iam_policy_document\.[^.]+\.(json|minified_json)$/.test(r));
    if (documentJson && references.every((r) => documentJson.startsWith(r))) return '${' + documentJson + '}';
    return new UnknownValue(`expression depends on ${references.join(', ') || 'values'} known only after apply`, references);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(expression)) out[k] = configToValue(v);
  return out;
}

/** `configuration.provider_config.aws*.expressions.allowed_account_ids.constant_value`. */
function planProviderAccounts(configuration: unknown): string[] {
  if (!isPlainObject(configuration) || !isPlainObject(configuration.provider_config)) return [];
  const out: string[] = [];
  for (const provider of Object.values(configuration.provider_config)) {
    if (!isPlainObject(provider) || provider.name !== 'aws' || !isPlainObject(provider.expressions)) continue;
    const ids = provider.expressions.allowed_account_ids;
    if (isPlainObject(ids) && Array.isArray(ids.constant_value)) out.push(...ids.constant_value.filter((a): a is string => typeof a === 'string'));
  }
  return out;
}

/** A block of a plan: resolved values, located at the resource object and its `values` keys. */
function planBlock(
  file: string,
  resource: { readonly address: string; readonly type: string; readonly name: string; readonly mode: 'managed' | 'data' },
  values: Record<string, unknown>,
  path: JsonPath,
): TerraformBlock {
  return {
    ...resource,
    modulePrefix: modulePrefixOf(resource.address),
    values,
    raw: false,
    file,
    path,
    attributePaths: Object.fromEntries(Object.keys(values).map((k) => [k, [...path, 'values', k]])),
  };
}

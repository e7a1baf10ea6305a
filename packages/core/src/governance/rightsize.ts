/**
 * Usage-based right-sizing: IAM Access Advisor's last-accessed data against what each role is
 * granted in the analysed configuration. Reports granted services and actions not used in the last
 * N days, with a suggested reduced grant: a suggestion for a reviewer, never applied.
 *
 * Input, one file per role: the JSON of
 * `aws iam get-service-last-accessed-details --job-id ID [--granularity ACTION_LEVEL]`, with the role
 * named by a top-level `"Arn"` or `"RoleName"` (AWS's output names only the job), else by the file
 * name `<role-name>.json`:
 *
 * ```json
 * { "RoleName": "payments-api", "Arn": "arn:aws:iam::111122223333:role/payments-api",
 *   "ServicesLastAccessed": [
 *     { "ServiceNamespace": "s3", "LastAuthenticated": "2026-05-20T10:00:00Z", "TotalAuthenticatedEntities": 1,
 *       "TrackedActionsLastAccessed": [{ "ActionName": "GetObject", "LastAccessedTime": "2026-05-20T10:00:00Z" }, { "ActionName": "PutObject" }] },
 *     { "ServiceNamespace": "sqs", "TotalAuthenticatedEntities": 0 } ] }
 * ```
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 */
import { posix } from 'node:path';
import { expandAction, lookupAction } from '../catalog/iam-catalog';
import type { InputError, InputFile } from '../engine/analysis';
import { identityPermissions } from '../effective/identity-permissions';
import { coversAction } from '../effective/statement-coverage';
import type { Finding } from '../findings/finding';
import { JsonDocument, type JsonPath } from '../input/json-document';
import { isPlainObject, type TerraformModel } from '../input/terraform-config';
import { readTerraformHclInputs } from '../input/terraform-hcl';
import { isCdktfSynth, readTerraformJson } from '../input/terraform-json';
import { readTerraformPlan } from '../input/terraform-plan';
import { buildTerraformInventory, type Identity, type Inventory } from '../inventory/inventory';
import type { Statement } from '../policy/policy-document';
import { hasWildcard, wildcardMatch } from '../policy/wildcard-match';

export interface AccessAdvisorInput {
  readonly file: string;
  readonly text: string;
}

export interface RightsizeOptions {
  /** A service or action not used in this many days is unused. */
  readonly days: number;
  readonly now: Date;
}

export interface UnusedService {
  readonly service: string;
  /** When it was last used (older than the window), absent when never within the tracking period. */
  readonly lastAuthenticated?: string;
}

export interface UnusedAction {
  /** `s3:PutObject`. */
  readonly action: string;
  readonly lastAccessed?: string;
}

/** A policy document (JSON), the suggested reduction of an identity's grant. */
export interface SuggestedPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

export interface RightsizedWorkload {
  readonly workload?: string;
  /** Terraform address of the role. */
  readonly identity: string;
  readonly roleName: string;
  /** The Access Advisor file the usage came from. */
  readonly advisorFile: string;
  readonly unusedServices: readonly UnusedService[];
  readonly unusedActions: readonly UnusedAction[];
  /** The identity's statements minus the unused services and actions. */
  readonly suggestedGrant: SuggestedPolicy;
}

export interface RightsizeResult {
  readonly workloads: readonly RightsizedWorkload[];
  /** `unused-access` findings, one per identity with unused access. */
  readonly findings: readonly Finding[];
  readonly caveats: readonly string[];
  /** Unreadable Access Advisor files and roles not found in the inputs (file:line:col). */
  readonly problems: readonly InputError[];
}

/** Always part of the result: what last-accessed data cannot tell. */
export const RIGHTSIZE_CAVEATS: readonly string[] = Object.freeze([
  'Access Advisor counts an attempt as access even when it was denied, so a service can look used without having been usable.',
  'Service control policies, permissions boundaries and session policies are not considered: a granted service they block is still reported as granted.',
  'Access Advisor has a tracking period (data from October 2020 at the earliest, 400 days at most) and reports recent activity with a lag of up to about 4 hours; a service used in that lag or a new role looks unused.',
  'Action-level last-accessed data exists only for some services (Amazon S3, IAM, EC2, Lambda and a few more); for the others only the service is judged, and a used service keeps every granted action.',
  'Usage seen is the usage of the period observed: a job that runs once a quarter or a disaster-recovery path may need access it did not use. The suggested grant is a suggestion for review, never applied.',
]);

interface ServiceUsage {
  readonly service: string;
  readonly lastAuthenticated?: string;
  readonly actions?: readonly { readonly name: string; readonly lastAccessed?: string }[];
}

interface AdvisorFile {
  readonly file: string;
  readonly roleName: string;
  readonly position: { line: number; column: number };
  readonly services: readonly ServiceUsage[];
}

/**
 * Right-sizes the roles of `inputs` (cdktf synth output, Terraform JSON or HCL, plans) from Access
 * Advisor files, one per role.
 */
export function rightsize(inputs: readonly InputFile[], accessAdvisor: readonly AccessAdvisorInput[], options: RightsizeOptions): RightsizeResult {
  const problems: InputError[] = [];
  const inventories = inventoriesOf(inputs, problems);
  const cutoff = options.now.getTime() - options.days * 86_400_000;
  const used = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= cutoff;
  const workloads: RightsizedWorkload[] = [];
  const findings: Finding[] = [];
  for (const input of accessAdvisor) {
    const advisor = readAdvisorFile(input, problems);
    if (!advisor) continue;
    const matches = inventories.flatMap((inventory) => inventory.identities.filter((i) => i.kind === 'role' && i.name === advisor.roleName).map((identity) => ({ identity, inventory })));
    if (matches.length === 0) {
      problems.push({ file: input.file, ...advisor.position, message: `no role named '${advisor.roleName}' in the analysed inputs` });
      continue;
    }
    for (const { identity, inventory } of matches) {
      const statements = identityPermissions(identity, inventory).allows.map((a) => a.statement);
      const grants = (service: string) => statements.some((s) => grantsService(s, service));
      const unusedServices: UnusedService[] = [];
      const unusedActions: UnusedAction[] = [];
      for (const usage of advisor.services) {
        if (!grants(usage.service)) continue;
        if (!used(usage.lastAuthenticated)) {
          unusedServices.push({ service: usage.service, ...(usage.lastAuthenticated !== undefined && { lastAuthenticated: usage.lastAuthenticated }) });
          continue;
        }
        for (const action of usage.actions ?? []) {
          const full = `${usage.service}:${action.name}`;
          if (used(action.lastAccessed) || !statements.some((s) => coversAction(s, full))) continue;
          unusedActions.push({ action: lookupAction(full)?.fullName ?? full, ...(action.lastAccessed !== undefined && { lastAccessed: action.lastAccessed }) });
        }
      }
      unusedServices.sort((a, b) => a.service.localeCompare(b.service));
      unusedActions.sort((a, b) => a.action.localeCompare(b.action));
      const usedServices = advisor.services.filter((s) => used(s.lastAuthenticated)).map((s) => s.service);
      const suggestedGrant = suggestGrant(identity, inventory, new Set(unusedServices.map((s) => s.service)), new Set(unusedActions.map((a) => a.action.toLowerCase())), usedServices);
      workloads.push({
        ...(identity.workload !== undefined && { workload: identity.workload }),
        identity: identity.address,
        roleName: advisor.roleName,
        advisorFile: input.file,
        unusedServices,
        unusedActions,
        suggestedGrant,
      });
      if (unusedServices.length === 0 && unusedActions.length === 0) continue;
      findings.push(unusedFinding(identity, advisor.file, options.days, unusedServices, unusedActions));
    }
  }
  return { workloads, findings, caveats: RIGHTSIZE_CAVEATS, problems };
}

function unusedFinding(identity: Identity, advisorFile: string, days: number, services: readonly UnusedService[], actions: readonly UnusedAction[]): Finding {
  const parts = [
    ...(services.length > 0 ? [`${services.length} granted service${services.length === 1 ? '' : 's'} (${services.map((s) => s.service).join(', ')})`] : []),
    ...(actions.length > 0 ? [`${actions.length} granted action${actions.length === 1 ? '' : 's'} (${actions.map((a) => a.action).join(', ')})`] : []),
  ];
  const origin = identity.origin;
  return {
    ruleId: 'unused-access',
    category: 'unused-access',
    severity: 'low',
    message: `${identity.address} has not used ${parts.join(' and ')} in the last ${days} days`,
    location: {
      file: origin.file,
      address: identity.address,
      ...(origin.position && { line: origin.position.line, column: origin.position.column }),
      ...(origin.constructPath !== undefined && { constructPath: origin.constructPath }),
    },
    related: [{ role: 'Access Advisor data', file: advisorFile }],
    ...(identity.workload !== undefined && { workload: identity.workload }),
    identity: identity.address,
    evidence: { days, advisorFile, unusedServices: services, unusedActions: actions },
    suggestion: 'Review the suggested reduced grant (wiga rightsize) with the owner and remove what the workload does not need.',
  };
}

/** True when an Allow statement can grant anything of `service`. */
function grantsService(statement: Statement, service: string): boolean {
  const element = statement.action;
  if (!element) return false;
  if (element.negated) return true;
  return element.lower.some((p) => p === '*' || wildcardMatch(p.slice(0, Math.max(0, p.indexOf(':'))) || p, service));
}

/**
 * The identity's statements without the unused services and actions: a pattern of an unused
 * service is dropped; an unused action is dropped; a pattern covering unused actions becomes its
 * catalogue expansion without them; `*` becomes `<service>:*` for each service used in the window.
 * Deny statements and `NotAction` statements are kept as written; statements left without actions go.
 */
function suggestGrant(identity: Identity, inventory: Inventory, unusedServices: ReadonlySet<string>, unusedActions: ReadonlySet<string>, usedServices: readonly string[]): SuggestedPolicy {
  const permissions = identityPermissions(identity, inventory);
  const out: Record<string, unknown>[] = [];
  for (const { statement } of [...permissions.allows, ...permissions.denies]) {
    if (statement.effect === 'Deny' || !statement.action || statement.action.negated) {
      out.push(statementJson(statement, statement.action?.values ?? []));
      continue;
    }
    const actions: string[] = [];
    for (const pattern of statement.action.values) {
      if (pattern === '*') {
        actions.push(...usedServices.map((s) => `${s}:*`));
        continue;
      }
      const service = pattern.slice(0, pattern.indexOf(':')).toLowerCase();
      if (unusedServices.has(service)) continue;
      if (!hasWildcard(pattern)) {
        if (!unusedActions.has(pattern.toLowerCase())) actions.push(pattern);
        continue;
      }
      const expansion = expandAction(pattern).actions;
      if (expansion.some((a) => unusedActions.has(a.fullName.toLowerCase()))) {
        actions.push(...expansion.filter((a) => !unusedActions.has(a.fullName.toLowerCase())).map((a) => a.fullName));
      } else actions.push(pattern);
    }
    const unique = [...new Set(actions)];
    if (unique.length > 0) out.push(statementJson(statement, unique));
  }
  return { Version: '2012-10-17', Statement: out };
}

function statementJson(statement: Statement, actions: readonly string[]): Record<string, unknown> {
  const conditions: Record<string, Record<string, string | string[]>> = {};
  for (const c of statement.conditions) {
    conditions[c.operator] ??= {};
    conditions[c.operator]![c.key] = c.values.length === 1 ? c.values[0]! : [...c.values];
  }
  const one = (values: readonly string[]) => (values.length === 1 ? values[0] : [...values]);
  return {
    ...(statement.sid !== undefined && { Sid: statement.sid }),
    Effect: statement.effect,
    [statement.action?.negated ? 'NotAction' : 'Action']: one(actions),
    ...(statement.resource && { [statement.resource.negated ? 'NotResource' : 'Resource']: one(statement.resource.values) }),
    ...(Object.keys(conditions).length > 0 && { Condition: conditions }),
  };
}

function readAdvisorFile(input: AccessAdvisorInput, problems: InputError[]): AdvisorFile | undefined {
  const parsed = JsonDocument.parse(input.text);
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => ({ file: input.file, line: p.line, column: p.column, message: p.message })));
    return undefined;
  }
  const document = parsed.document;
  const at = (path: JsonPath, message: string) => problems.push({ file: input.file, ...document.positionOf(path), message });
  const root = document.value;
  if (!isPlainObject(root)) {
    at([], 'Access Advisor data must be the JSON object of `aws iam get-service-last-accessed-details`');
    return undefined;
  }
  if (!Array.isArray(root.ServicesLastAccessed)) {
    at([], "no 'ServicesLastAccessed' array: is this the output of `aws iam get-service-last-accessed-details`?");
    return undefined;
  }
  let roleName: string | undefined;
  let namePath: JsonPath = [];
  if (root.Arn !== undefined) {
    const match = typeof root.Arn === 'string' ? /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(root.Arn) : null;
    if (!match) at(['Arn'], "'Arn' must be a role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    else [roleName, namePath] = [match[1], ['Arn']];
  }
  if (roleName === undefined && root.RoleName !== undefined) {
    if (typeof root.RoleName !== 'string' || root.RoleName === '') at(['RoleName'], "'RoleName' must be a non-empty string");
    else [roleName, namePath] = [root.RoleName, ['RoleName']];
  }
  if (roleName === undefined && root.Arn === undefined && root.RoleName === undefined) {
    const base = posix.basename(input.file.split('\\').join('/'));
    if (base.endsWith('.json')) roleName = base.slice(0, -'.json'.length);
  }
  if (roleName === undefined) {
    if (root.Arn === undefined && root.RoleName === undefined) at([], "the role is named neither by a top-level 'Arn' or 'RoleName' nor by the file name (<role-name>.json)");
    return undefined;
  }
  const services: ServiceUsage[] = [];
  let ok = true;
  root.ServicesLastAccessed.forEach((entry, i) => {
    const path: JsonPath = ['ServicesLastAccessed', i];
    if (!isPlainObject(entry) || typeof entry.ServiceNamespace !== 'string' || entry.ServiceNamespace === '') {
      at(path, "each ServicesLastAccessed entry needs a 'ServiceNamespace' string");
      ok = false;
      return;
    }
    const last = dateField(entry, 'LastAuthenticated', path, at);
    if (last === null) ok = false;
    let actions: { name: string; lastAccessed?: string }[] | undefined;
    if (entry.TrackedActionsLastAccessed !== undefined) {
      if (!Array.isArray(entry.TrackedActionsLastAccessed)) {
        at([...path, 'TrackedActionsLastAccessed'], "'TrackedActionsLastAccessed' must be an array");
        ok = false;
      } else {
        actions = [];
        entry.TrackedActionsLastAccessed.forEach((a, j) => {
          const actionPath: JsonPath = [...path, 'TrackedActionsLastAccessed', j];
          if (!isPlainObject(a) || typeof a.ActionName !== 'string' || a.ActionName === '') {
            at(actionPath, "each TrackedActionsLastAccessed entry needs an 'ActionName' string");
            ok = false;
            return;
          }
          const time = dateField(a, 'LastAccessedTime', actionPath, at);
          if (time === null) ok = false;
          actions!.push({ name: a.ActionName, ...(typeof time === 'string' && { lastAccessed: time }) });
        });
      }
    }
    services.push({ service: entry.ServiceNamespace.toLowerCase(), ...(typeof last === 'string' && { lastAuthenticated: last }), ...(actions && { actions }) });
  });
  if (!ok) return undefined;
  return { file: input.file, roleName, position: document.positionOf(namePath), services };
}

/** The ISO date of `key`, undefined when absent, null (after reporting) when not a date. */
function dateField(object: Record<string, unknown>, key: string, path: JsonPath, at: (path: JsonPath, message: string) => void): string | undefined | null {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    at([...path, key], `'${key}' must be an ISO 8601 date-time such as 2026-05-20T10:00:00Z`);
    return null;
  }
  return value;
}

/** Inventories of the inputs, grouped as `analyze` groups them (Terraform JSON and HCL by directory). */
function inventoriesOf(inputs: readonly InputFile[], problems: InputError[]): Inventory[] {
  const byDirectory = new Map<string, TerraformModel[]>();
  const alone: TerraformModel[][] = [];
  const push = (directory: string, model: TerraformModel) => byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), model]);
  const hcl = readTerraformHclInputs(inputs.filter((i) => i.path.endsWith('.tf')));
  for (const read of new Set(hcl.values())) {
    problems.push(...read.errors);
    for (const model of read.models) push(`hcl:${read.directory}`, model);
  }
  for (const input of inputs) {
    if (input.path.endsWith('.tf')) continue;
    const parsed = JsonDocument.parse(input.text);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ file: input.path, line: p.line, column: p.column, message: p.message })));
      continue;
    }
    const root = parsed.document.value;
    if (!isPlainObject(root)) continue;
    if (typeof root.format_version === 'string' && ('planned_values' in root || 'resource_changes' in root)) alone.push([readTerraformPlan(input.path, parsed.document)]);
    else if (isCdktfSynth(root)) alone.push([readTerraformJson(input.path, parsed.document, 'cdktf-synth')]);
    else if ('resource' in root || 'data' in root) push(posix.dirname(input.path.split('\\').join('/')), readTerraformJson(input.path, parsed.document, 'terraform-json'));
  }
  return [...alone, ...byDirectory.values()].map((models) => buildTerraformInventory(models));
}

import { posix } from 'node:path';
import { compareSeverity, SEVERITIES, type Finding, type RelatedLocation, type Severity, type SourcePosition } from '../findings/finding';
import { JsonDocument } from '../input/json-document';
import type { TerraformModel } from '../input/terraform-config';
import { readTerraformHclInputs } from '../input/terraform-hcl';
import { isCdktfSynth, readTerraformJson } from '../input/terraform-json';
import { readTerraformPlan, readTerraformPlanPriorState } from '../input/terraform-plan';
import type { ManifestSuppression } from '../inventory/governance-manifest';
import { buildPolicyFileInventory, buildTerraformInventory, type Inventory } from '../inventory/inventory';
import { RULE_DEFINITIONS } from '../rules/index';
import type { Rule, RuleContext, RuleReport } from '../rules/rule';
import type { GovernanceConfig } from '../governance/types';
import type { AnalysisResult, AnalyzeOptions, InputError, InputFile, InputKind, InputReport, WorkloadSummary } from './analysis';

/** The kind of an input, from its content: a plan, cdktf synth output, Terraform JSON, an IAM policy. */
export function detectInputKind(text: string): InputKind {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'unknown';
  }
  return kindOf(value);
}

function kindOf(value: unknown): Exclude<InputKind, 'terraform-hcl'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  const root = value as Record<string, unknown>;
  if (typeof root.format_version === 'string' && ('planned_values' in root || 'resource_changes' in root || 'terraform_version' in root)) return 'terraform-plan';
  if (isCdktfSynth(root)) return 'cdktf-synth';
  if (['resource', 'data', 'terraform', 'provider', 'module', 'variable', 'locals', 'output'].some((k) => k in root)) return 'terraform-json';
  if ('Statement' in root) return 'iam-policy';
  return 'unknown';
}

interface Group {
  readonly inventory: Inventory;
  readonly sources: ReadonlyMap<string, SourcePosition>;
  /** Resolves a source position recorded in the manifest of the model read from `file`. */
  readonly resolveSource: (file: string, position: SourcePosition) => SourcePosition;
  readonly suppressions: readonly (ManifestSuppression & { readonly file: string })[];
  readonly models: readonly TerraformModel[];
  /** For a plan: the inventory of its prior state. */
  readonly prior?: Inventory;
}

/**
 * Analyses inputs and returns findings as data. Never throws on bad input: unreadable inputs are
 * reported in `inputs` with file and position (the CLI exits 2 on them).
 * - status `error`: not parseable JSON, duplicate keys in a Terraform/plan file, or broken structure;
 * - status `skipped`: valid JSON that is no input kind wiga reads (a caller that named the file
 *   explicitly should treat it as a usage error; one that found it by walking a directory may ignore it).
 */
export function analyze(inputs: readonly InputFile[], options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeDetailed(inputs, options).result;
}

/** `analyze`, with the inventories it built (one per configuration or policy file), for the governance reports. */
export function analyzeDetailed(inputs: readonly InputFile[], options: AnalyzeOptions = {}): { readonly result: AnalysisResult; readonly inventories: readonly Inventory[] } {
  const now = options.now ?? new Date();
  const reports: InputReport[] = [];
  const terraformByDirectory = new Map<string, TerraformModel[]>();
  const groups: Group[] = [];
  const groupOf = (inventory: Inventory, models: readonly TerraformModel[]): Group => {
    const sources = new Map<string, SourcePosition>();
    const suppressions: Group['suppressions'][number][] = [];
    const resolvers = new Map<string, (position: SourcePosition) => SourcePosition>();
    for (const model of models) {
      const resolve = sourceResolver(model.file, model.manifest?.sourceRoot);
      resolvers.set(model.file, resolve);
      for (const [address, position] of Object.entries(model.manifest?.sources ?? {})) sources.set(address, resolve(position));
      // Raw positions: a finding's `source` is resolved once, when the finding is made.
      for (const s of model.manifest?.suppressions ?? []) suppressions.push({ ...s, file: model.file });
    }
    return { inventory, sources, suppressions, models, resolveSource: (file, position) => (resolvers.get(file) ?? ((p) => p))(position) };
  };

  // `.tf` files are read together: local module calls resolve among them by path.
  const hcl = readTerraformHclInputs(inputs.filter((input) => input.path.endsWith('.tf')));
  for (const input of inputs) {
    const read = hcl.get(input.path);
    if (read) {
      reports.push({ file: input.path, kind: 'terraform-hcl', status: read.errors.length > 0 ? 'error' : 'analyzed', errors: read.errors });
      for (const model of read.models) terraformByDirectory.set(read.directory, [...(terraformByDirectory.get(read.directory) ?? []), model]);
      continue;
    }
    const parsed = JsonDocument.parse(input.text);
    if (!parsed.ok) {
      reports.push({ file: input.path, kind: 'unknown', status: 'error', errors: parsed.problems.map((p) => ({ file: input.path, ...p })) });
      continue;
    }
    const kind = kindOf(parsed.document.value);
    if (kind === 'unknown') {
      reports.push({ file: input.path, kind, status: 'skipped', errors: [] });
      continue;
    }
    if (kind === 'iam-policy') {
      // A duplicate key inside a policy is a policy finding; the rest of the policy is still checked.
      const inventory = buildPolicyFileInventory(
        input.path,
        parsed.document.value,
        (path) => parsed.document.positionOf(path),
        (path) => parsed.document.rangeOf(path),
      );
      const duplicates = parsed.duplicates.map((d) => ({
        kind: 'invalid' as const,
        message: `the key '${d.key}' appears twice in one object; JSON.parse keeps only the last, so AWS and this check would see different policies`,
        origin: { file: input.path, position: { line: d.line, column: d.column } },
      }));
      groups.push(groupOf({ ...inventory, problems: [...duplicates, ...inventory.problems] }, []));
      reports.push({ file: input.path, kind, status: 'analyzed', errors: [] });
      continue;
    }
    const errors: InputError[] = parsed.duplicates.map((d) => ({
      file: input.path,
      line: d.line,
      column: d.column,
      message: `duplicate key '${d.key}' in ${d.path.join('.') || 'the top-level object'}: only one of the values would be used`,
    }));
    const model = kind === 'terraform-plan' ? readTerraformPlan(input.path, parsed.document) : readTerraformJson(input.path, parsed.document, kind);
    errors.push(...model.problems);
    reports.push({ file: input.path, kind, status: errors.length > 0 ? 'error' : 'analyzed', errors });
    if (kind === 'terraform-json') {
      const directory = posix.dirname(input.path.split('\\').join('/'));
      const list = terraformByDirectory.get(directory) ?? [];
      list.push(model);
      terraformByDirectory.set(directory, list);
    } else if (kind === 'terraform-plan') {
      groups.push({ ...groupOf(buildTerraformInventory([model]), [model]), prior: buildTerraformInventory([readTerraformPlanPriorState(input.path, parsed.document)]) });
    } else {
      groups.push(groupOf(buildTerraformInventory([model]), [model]));
    }
  }
  for (const models of terraformByDirectory.values()) groups.push(groupOf(buildTerraformInventory(models), models));

  const findings: Finding[] = [];
  const seen = new Set<string>();
  const used = new Set<ManifestSuppression>();
  const fromConfig = configSuppressions(options.governance?.config);
  const extraSuppressions = [...(options.suppressions ?? []), ...fromConfig];
  const usedExtra = new Set<object>();
  const analysisManifests = groups.flatMap((g) => g.inventory.manifests);
  for (const group of groups) {
    checkGroup(group, options, now, findings, seen, analysisManifests, (finding) => applySuppressions(finding, group.suppressions, extraSuppressions, used, now, usedExtra));
  }
  const unused = groups.flatMap((g) => g.suppressions.filter((s) => !used.has(s)).map((s) => ({ suppression: s, file: s.file })));
  // Suppressions in .wiga.yaml that match nothing (or expired) are reported like the constructs' ones.
  const configFile = options.governance?.config?.file;
  if (configFile !== undefined) {
    for (const s of fromConfig) {
      if (usedExtra.has(s)) continue;
      unused.push({ suppression: { ruleId: s.ruleId, reason: s.reason, ...(s.expires !== undefined && { expires: s.expires }), addresses: s.address !== undefined ? [s.address] : [], constructPath: s.address ?? 'any address', file: configFile }, file: configFile });
    }
  }
  for (const rule of groups.length > 0 ? rulesToRun(options) : []) {
    rule.checkSuppressions?.({
      now,
      unused,
      report: (report) => {
        const group = groups.find((g) => g.inventory.files.includes(report.origin.file)) ?? groups[0]!;
        findings.push(configured(toFinding(rule, report, group, new Map()), options.governance?.config));
      },
    });
  }

  findings.sort(compareFindings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else bySeverity[f.severity]++;
  }
  const workloads = summariseWorkloads(groups);
  const result: AnalysisResult = {
    inputs: reports,
    findings,
    workloads,
    summary: {
      findings: findings.length - suppressed,
      suppressed,
      bySeverity,
      inputs: reports.filter((r) => r.status !== 'skipped').length,
      inputErrors: reports.filter((r) => r.status === 'error').length,
      identities: groups.reduce((n, g) => n + g.inventory.identities.length, 0),
      workloads: workloads.length,
    },
  };
  return { result, inventories: groups.map((g) => g.inventory) };
}

/**
 * Source files in a manifest are relative to the synth's working directory; with `sourceRoot` they
 * are made relative to wherever the analysed file was named from, so `src/legacy.ts` becomes
 * `examples/app/src/legacy.ts` when checking `examples/app/cdktf.out` from the repository root.
 */
function sourceResolver(inputFile: string, sourceRoot: string | undefined): (position: SourcePosition) => SourcePosition {
  // Only the ordinary layout (the output directory inside the project): a root elsewhere
  // (`../../../../work/app`) would give paths that are right but unreadable; keep those as recorded.
  if (sourceRoot === undefined || !/^\.\.(\/\.\.)*$/.test(sourceRoot)) return (position) => position;
  const directory = posix.dirname(inputFile.split('\\').join('/'));
  return (position) => (posix.isAbsolute(position.file) ? position : { ...position, file: posix.normalize(posix.join(directory, sourceRoot, position.file)) });
}

/** Block address → identities it belongs to (the identity itself, or those its documents apply to). */
function indexIdentities(inventory: Inventory): Map<string, { identities: string[]; kind: 'trust' | 'policy' }> {
  const index = new Map<string, { identities: string[]; kind: 'trust' | 'policy' }>();
  for (const use of inventory.documents) {
    for (const statement of use.document.statements) {
      const address = statement.origin.address;
      if (!address) continue;
      const entry = index.get(address) ?? { identities: [], kind: use.kind === 'trust' ? 'trust' : 'policy' };
      for (const id of use.identities) if (!entry.identities.includes(id)) entry.identities.push(id);
      index.set(address, entry);
    }
  }
  for (const identity of inventory.identities) {
    for (const policy of identity.policies) {
      const address = policy.origin.address;
      if (!address || address === identity.address) continue;
      const entry = index.get(address) ?? { identities: [], kind: 'policy' };
      if (!entry.identities.includes(identity.address)) entry.identities.push(identity.address);
      index.set(address, entry);
    }
  }
  return index;
}

function toFinding(rule: Rule, report: RuleReport, group: Group, identityIndex: ReadonlyMap<string, { identities: string[]; kind: 'trust' | 'policy' }>): Finding {
  const { origin } = report;
  const address = origin.address;
  const identities = address ? (identityIndex.get(address)?.identities ?? []) : [];
  const byAddress = identitiesByAddress(group.inventory);
  const identity = report.identity ?? (address !== undefined && byAddress.has(address) ? address : identities[0]);
  const workload = identity ? byAddress.get(identity)?.workload : undefined;
  const related: RelatedLocation[] = [...(report.related ?? [])];
  for (const id of identities) {
    if (id === address || related.some((r) => r.address === id)) continue;
    const idOrigin = byAddress.get(id)?.origin;
    related.push({
      role: identityIndex.get(address!)?.kind === 'trust' ? 'role whose trust policy this is' : 'identity the policy applies to',
      address: id,
      file: idOrigin?.file,
      line: idOrigin?.position?.line,
      column: idOrigin?.position?.column,
      source: group.sources.get(id),
    });
  }
  const source = report.source ? group.resolveSource(origin.file, report.source) : address ? group.sources.get(address) : undefined;
  const range = report.element && origin.locate ? origin.locate(report.element) : undefined;
  const position = range ?? origin.position;
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity: report.severity ?? rule.meta.severity,
    message: report.message,
    location: {
      file: origin.file,
      ...(address !== undefined && { address }),
      ...(report.statement !== undefined && { statement: report.statement }),
      ...(position && { line: position.line, column: position.column }),
      ...(range && { endLine: range.endLine, endColumn: range.endColumn }),
      ...(origin.constructPath !== undefined && { constructPath: origin.constructPath }),
      ...(source && { source }),
    },
    related,
    ...(workload !== undefined && { workload }),
    ...(identity !== undefined && { identity }),
    ...(report.evidence && { evidence: report.evidence }),
    suggestion: report.suggestion ?? rule.meta.fix,
  };
}

const identityMaps = new WeakMap<Inventory, Map<string, Inventory['identities'][number]>>();

function identitiesByAddress(inventory: Inventory): Map<string, Inventory['identities'][number]> {
  let map = identityMaps.get(inventory);
  if (!map) {
    map = new Map(inventory.identities.map((i) => [i.address, i]));
    identityMaps.set(inventory, map);
  }
  return map;
}

function applySuppressions(
  finding: Finding,
  suppressions: Group['suppressions'],
  extra: NonNullable<AnalyzeOptions['suppressions']>,
  used: Set<ManifestSuppression>,
  now: Date,
  usedExtra: Set<object>,
): Finding {
  const live = (expires: string | undefined) => expires === undefined || Date.parse(expires) > now.getTime();
  const targets = [finding.location.address, finding.identity].filter((a): a is string => a !== undefined);
  for (const s of suppressions) {
    if (s.ruleId !== finding.ruleId || !s.addresses.some((a) => targets.includes(a)) || !live(s.expires)) continue;
    used.add(s);
    return { ...finding, suppressed: { reason: s.reason, ...(s.expires !== undefined && { expires: s.expires }) } };
  }
  for (const s of extra) {
    if (s.ruleId !== finding.ruleId || (s.address !== undefined && !targets.includes(s.address)) || !live(s.expires)) continue;
    usedExtra.add(s);
    return { ...finding, suppressed: { reason: s.reason, ...(s.expires !== undefined && { expires: s.expires }) } };
  }
  return finding;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    a.location.file.localeCompare(b.location.file) ||
    (a.location.address ?? '').localeCompare(b.location.address ?? '') ||
    (a.location.statement ?? '').localeCompare(b.location.statement ?? '') ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

function summariseWorkloads(groups: readonly Group[]): WorkloadSummary[] {
  const out = new Map<string, WorkloadSummary>();
  for (const group of groups) {
    for (const { file, manifest } of group.inventory.manifests) {
      for (const w of manifest.workloads) {
        out.set(w.name, {
          name: w.name,
          kind: w.kind,
          owner: w.owner,
          purpose: w.purpose,
          ...(w.environment !== undefined && { environment: w.environment }),
          identities: [w.roleAddress],
          ...(w.source && { source: group.resolveSource(file, w.source) }),
        });
      }
    }
    for (const identity of group.inventory.identities) {
      if (!identity.workload || out.has(identity.workload)) continue;
      out.set(identity.workload, {
        name: identity.workload,
        kind: identity.tags['wiga:kind'],
        owner: identity.tags['wiga:owner'],
        purpose: identity.tags['wiga:purpose'],
        environment: identity.tags['wiga:environment'],
        identities: [identity.address],
      });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Runs the rules on models another reader built (e.g. from TypeScript sources in an editor), with
 * the same inventory, finding assembly and de-duplication as `analyze`. `excludeRules` leaves out
 * rules that cannot decide from the models alone.
 */
export function analyzeModels(
  models: readonly TerraformModel[],
  options: AnalyzeOptions & { readonly excludeRules?: ReadonlySet<string> } = {},
): Finding[] {
  const inventory = buildTerraformInventory(models);
  const group: Group = { inventory, sources: new Map(), suppressions: [], models, resolveSource: (_file, position) => position };
  const findings: Finding[] = [];
  checkGroup(group, options, options.now ?? new Date(), findings, new Set(), inventory.manifests, (finding) => finding);
  return findings.sort(compareFindings);
}

/**
 * Runs the rules on one configuration: the finding assembly and de-duplication shared by `analyze`
 * and `analyzeModels`. `accept` may transform a finding (suppressions) before it is kept.
 */
function checkGroup(
  group: Group,
  options: AnalyzeOptions & { readonly excludeRules?: ReadonlySet<string> },
  now: Date,
  findings: Finding[],
  seen: Set<string>,
  analysisManifests: RuleContext['analysisManifests'],
  accept: (finding: Finding) => Finding,
): void {
  const identityIndex = indexIdentities(group.inventory);
  const ownAccounts = new Set([...group.inventory.ownAccounts, ...(options.ownAccounts ?? []), ...(options.governance?.config?.ownAccounts ?? [])]);
  for (const rule of rulesToRun(options)) {
    if (!rule.check || options.excludeRules?.has(rule.meta.id)) continue;
    rule.check({
      inventory: group.inventory,
      now,
      ownAccounts,
      ...(options.governance && { governance: options.governance }),
      findingsSoFar: () => findings,
      ...(group.prior && { prior: group.prior }),
      models: group.models,
      analysisManifests,
      report: (report) => {
        const finding = configured(toFinding(rule, report, group, identityIndex), options.governance?.config);
        const key = [finding.ruleId, finding.location.file, finding.location.address, finding.location.statement, finding.identity, finding.message].join('\u0000');
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(accept(finding));
      },
    });
  }
}

/** The rules to run: without those the config turns off; those that need the others' findings last. */
function rulesToRun(options: AnalyzeOptions): Rule[] {
  const settings = options.governance?.config?.rules ?? {};
  const on = RULE_DEFINITIONS.filter((rule) => settings[rule.meta.id] !== 'off');
  return [...on.filter((rule) => !rule.afterOthers), ...on.filter((rule) => rule.afterOthers)];
}

/** A finding with the severity the config gives its rule. */
function configured(finding: Finding, config: GovernanceConfig | undefined): Finding {
  const setting = config?.rules?.[finding.ruleId];
  return setting === undefined || setting === 'off' || setting === finding.severity ? finding : { ...finding, severity: setting };
}

/** The config's suppressions, as analysis suppressions. */
function configSuppressions(config: GovernanceConfig | undefined): NonNullable<AnalyzeOptions['suppressions']> {
  return (config?.suppressions ?? []).map((s) => ({ ruleId: s.rule, reason: s.reason, ...(s.address !== undefined && { address: s.address }), ...(s.expires !== undefined && { expires: s.expires }) }));
}

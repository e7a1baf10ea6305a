import type { AnalysisResult, Finding, FindingLocation, InputReport, RelatedLocation, RuleMeta, SourcePosition } from '@workload-iga/core';

export interface JsonOptions {
  /** The CLI version, recorded in `tool.version`. */
  readonly version: string;
}

/** Name of the tool in every JSON document the CLI writes. */
export const TOOL_NAME = 'wiga';

/**
 * The JSON report of `wiga check` (documented field by field in the README, "The JSON report"). Keys are written in a
 * fixed order and absent optional fields are omitted, so equal results give byte-equal reports.
 */
export function formatJson(result: AnalysisResult, options: JsonOptions): string {
  const report = {
    tool: { name: TOOL_NAME, version: options.version },
    inputs: result.inputs.map(inputJson),
    findings: result.findings.map(findingJson),
    workloads: result.workloads.map((workload) =>
      compact({
        name: workload.name,
        kind: workload.kind,
        owner: workload.owner,
        purpose: workload.purpose,
        environment: workload.environment,
        identities: [...workload.identities],
        source: workload.source && sourceJson(workload.source),
      }),
    ),
    summary: {
      findings: result.summary.findings,
      suppressed: result.summary.suppressed,
      bySeverity: {
        critical: result.summary.bySeverity.critical,
        high: result.summary.bySeverity.high,
        medium: result.summary.bySeverity.medium,
        low: result.summary.bySeverity.low,
        info: result.summary.bySeverity.info,
      },
      inputs: result.summary.inputs,
      inputErrors: result.summary.inputErrors,
      identities: result.summary.identities,
      workloads: result.summary.workloads,
    },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

/** `wiga rules --format json`: the rule metadata as core defines it. */
export function formatRulesJson(rules: readonly RuleMeta[], options: JsonOptions): string {
  return JSON.stringify({ tool: { name: TOOL_NAME, version: options.version }, rules }, null, 2) + '\n';
}

function inputJson(input: InputReport) {
  return {
    file: input.file,
    kind: input.kind,
    status: input.status,
    errors: input.errors.map((error) => ({ file: error.file, line: error.line, column: error.column, message: error.message })),
  };
}

function findingJson(finding: Finding) {
  return compact({
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    location: locationJson(finding.location),
    related: finding.related.map(relatedJson),
    workload: finding.workload,
    identity: finding.identity,
    evidence: finding.evidence,
    suggestion: finding.suggestion,
    suppressed: finding.suppressed && compact({ reason: finding.suppressed.reason, expires: finding.suppressed.expires }),
  });
}

function locationJson(location: FindingLocation) {
  return compact({
    file: location.file,
    address: location.address,
    statement: location.statement,
    line: location.line,
    column: location.column,
    constructPath: location.constructPath,
    source: location.source && sourceJson(location.source),
  });
}

function relatedJson(related: RelatedLocation) {
  return compact({
    role: related.role,
    address: related.address,
    statement: related.statement,
    file: related.file,
    line: related.line,
    column: related.column,
    source: related.source && sourceJson(related.source),
  });
}

function sourceJson(source: SourcePosition) {
  return { file: source.file, line: source.line, column: source.column };
}

/** Drops keys whose value is undefined, keeping the order of the rest. */
function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  return out as T;
}

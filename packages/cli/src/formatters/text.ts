import { SEVERITIES, type AnalysisResult, type Finding, type RuleMeta } from '@workload-iga/core';
import { createStyle, type Style } from './style';

export interface TextOptions {
  /** ANSI colours; off for files, pipes and NO_COLOR. */
  readonly color: boolean;
}

const SEVERITY_WIDTH = 'critical'.length;
const INDENT = '  ';
const DETAIL_INDENT = ' '.repeat(INDENT.length + SEVERITY_WIDTH + 2);

/**
 * The human report of `wiga check`: unsuppressed findings grouped by workload (else identity, else
 * file), then suppressed findings with their reasons, then input errors, then one summary line.
 * A pure function of the result: the same result always gives the same text.
 */
export function formatText(result: AnalysisResult, options: TextOptions): string {
  const style = createStyle(options.color);
  const lines: string[] = [];
  const active = result.findings.filter((finding) => !finding.suppressed);
  const suppressed = result.findings.filter((finding) => finding.suppressed);

  for (const [heading, findings] of groupFindings(active)) {
    lines.push(style.bold(heading));
    for (const finding of findings) {
      lines.push(findingHeadline(finding, style));
      lines.push(DETAIL_INDENT + finding.message);
      if (finding.suggestion) lines.push(DETAIL_INDENT + style.green(`fix: ${finding.suggestion}`));
    }
    lines.push('');
  }

  if (suppressed.length > 0) {
    lines.push(style.bold(`Suppressed (${suppressed.length})`));
    for (const finding of suppressed) {
      const { reason, expires } = finding.suppressed!;
      lines.push(findingHeadline(finding, style));
      lines.push(DETAIL_INDENT + finding.message);
      lines.push(DETAIL_INDENT + style.dim(`reason: ${reason}${expires ? ` (expires ${expires})` : ''}`));
    }
    lines.push('');
  }

  const inputErrors = result.inputs.flatMap((input) => input.errors);
  if (inputErrors.length > 0) {
    lines.push(style.bold(`Input errors (${inputErrors.length})`));
    for (const error of inputErrors) lines.push(`${INDENT}${error.file}:${error.line}:${error.column}: ${error.message}`);
    lines.push('');
  }

  lines.push(summaryLine(result, style));
  return lines.join('\n') + '\n';
}

/**
 * One line for stderr and the end of the text report, e.g.
 * `2 findings (1 critical, 1 high, 0 medium, 0 low, 0 info), 1 suppressed, 3 inputs analysed`.
 */
export function summaryLine(result: AnalysisResult, style: Style = createStyle(false)): string {
  const { summary } = result;
  const counts = SEVERITIES.map((severity) => {
    const count = summary.bySeverity[severity] ?? 0;
    const text = `${count} ${severity}`;
    return count > 0 ? style.severity(severity, text) : text;
  });
  const analysed = result.inputs.filter((input) => input.status === 'analyzed').length;
  const parts = [
    `${plural(summary.findings, 'finding')} (${counts.join(', ')})`,
    `${summary.suppressed} suppressed`,
    `${plural(analysed, 'input')} analysed`,
  ];
  const failed = result.inputs.filter((input) => input.status === 'error').length;
  if (failed > 0) parts.push(`${plural(failed, 'input')} with errors`);
  return parts.join(', ');
}

/** Groups in order of first appearance, so the group holding the worst finding comes first. */
function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const heading = finding.workload
      ? `workload ${finding.workload}`
      : finding.identity
        ? `identity ${finding.identity}`
        : `file ${finding.location.file}`;
    let group = groups.get(heading);
    if (!group) groups.set(heading, (group = []));
    group.push(finding);
  }
  return groups;
}

function findingHeadline(finding: Finding, style: Style): string {
  const { location } = finding;
  const subject = [location.address, location.statement].filter(Boolean).join(' › ');
  const where = location.source
    ? `${location.source.file}:${location.source.line}:${location.source.column}`
    : location.line !== undefined
      ? `${location.file}:${location.line}:${location.column ?? 1}`
      : location.file;
  const severity = style.severity(finding.severity, finding.severity.padEnd(SEVERITY_WIDTH));
  return [INDENT + severity, finding.ruleId, subject, style.dim(where)].filter(Boolean).join('  ');
}

/** `wiga rules` as text: one rule per line, columns aligned. */
export function formatRulesText(rules: readonly RuleMeta[], options: TextOptions): string {
  const style = createStyle(options.color);
  const idWidth = Math.max(2, ...rules.map((rule) => rule.id.length));
  const categoryWidth = Math.max(8, ...rules.map((rule) => rule.category.length));
  const lines = [style.bold(`${'id'.padEnd(idWidth)}  ${'severity'.padEnd(SEVERITY_WIDTH)}  ${'category'.padEnd(categoryWidth)}  title`)];
  for (const rule of rules) {
    const severity = style.severity(rule.severity, rule.severity.padEnd(SEVERITY_WIDTH));
    lines.push(`${rule.id.padEnd(idWidth)}  ${severity}  ${rule.category.padEnd(categoryWidth)}  ${rule.title}`);
  }
  lines.push('', `${plural(rules.length, 'rule')}`);
  return lines.join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

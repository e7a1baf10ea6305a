/** Per-file analysis (the as-you-type tier) and findings → LSP diagnostics. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import * as core from '@workload-iga/core';
import { analyze, analyzeTypeScriptSource, detectInputKind, ruleById, type Finding } from '@workload-iga/core';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WigaConfig } from './config';
import { DIAGNOSTIC_SOURCE, type Severity, type WigaDiagnosticData, type WigaSettings } from './protocol';

/** The TypeScript compiler, loaded on the first TypeScript document (about 10 MB of code). */
let typescript: typeof TS | undefined;
const ts = (): typeof TS => (typescript ??= require('typescript') as typeof TS);

export type DocumentKind = 'typescript' | 'terraform-json' | 'terraform-hcl' | 'json';

const IGNORED_DIR = /[\\/](node_modules|\.terraform|\.git)[\\/]/;

export function documentKind(path: string): DocumentKind | undefined {
  if (IGNORED_DIR.test(path)) return undefined;
  if (/\.d\.ts$/.test(path)) return undefined;
  if (/\.(ts|tsx|mts|cts)$/.test(path)) return 'typescript';
  if (/\.tf\.json$/.test(path)) return 'terraform-json';
  if (/\.tf$/.test(path)) return 'terraform-hcl';
  if (/\.json$/.test(path) && !/(^|[\\/])(package|package-lock|tsconfig[^\\/]*|cdktf|manifest)\.json$/.test(path)) return 'json';
  return undefined;
}

let hcl: Promise<boolean> | undefined;
/** Loads the `.tf` reader of the core once (tree-sitter, WebAssembly). False when the core has none. */
export function hclReady(): Promise<boolean> {
  const load = (core as unknown as { loadHclSupport?: () => Promise<void> }).loadHclSupport;
  hcl ??= load ? load().then(() => true, () => false) : Promise.resolve(false);
  return hcl;
}
let hclLoaded = false;
void hclReady().then((ok) => (hclLoaded = ok));
export const isHclLoaded = () => hclLoaded;

/** Other files of the same Terraform module (directory), read from open documents first, then disk. */
function siblings(path: string, pattern: RegExp, open: (path: string) => string | undefined): { path: string; text: string }[] {
  const dir = dirname(path);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => pattern.test(n) && join(dir, n) !== path).slice(0, 200);
  } catch {
    /* unreadable directory: the file alone */
  }
  return names.map((n) => {
    const p = join(dir, n);
    return { path: p, text: open(p) ?? safeRead(p) };
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export interface FileAnalysis {
  readonly findings: readonly Finding[];
  /** Input errors (unparseable JSON/HCL) as findings-like problems. */
  readonly errors: readonly { line: number; column: number; message: string }[];
  /** TypeScript: the line where each block's construct starts, by address (to match synth findings). */
  readonly constructLines?: ReadonlyMap<string, number>;
}

/** Findings of one open document, located in it. `open` gives the text of other open documents. */
export function analyzeDocument(path: string, text: string, kind: DocumentKind, config: WigaConfig, open: (path: string) => string | undefined): FileAnalysis {
  if (kind === 'typescript') {
    if (!/\b(Iam[A-Z]\w*|DataAwsIam\w*|WorkloadIdentity)\b/.test(text)) return { findings: [], errors: [] };
    const { findings, model } = analyzeTypeScriptSource(ts(), path, text);
    const constructLines = new Map(model.blocks.map((b) => [b.address, model.positionOf(b.path).line]));
    return { findings: applyConfigSuppressions(findings, config), errors: [], constructLines };
  }
  let inputs: { path: string; text: string }[] = [{ path, text }];
  if (kind === 'json') {
    const detected = detectInputKind(text);
    if (detected === 'unknown') return { findings: [], errors: [] };
  } else if (kind === 'terraform-json' && basename(path) !== 'cdk.tf.json') {
    inputs = [...inputs, ...siblings(path, /\.tf\.json$/, open)];
  } else if (kind === 'terraform-hcl') {
    if (!hclLoaded) return { findings: [], errors: [] };
    inputs = [...inputs, ...siblings(path, /\.tf$/, open)];
  }
  // Suppressions and own accounts from .wiga.yaml, as the CLI applies them. Review rules need the
  // review records and run in `wiga check`, not per file.
  const result = analyze(inputs, { suppressions: config.suppressions, ownAccounts: config.ownAccounts ?? [] });
  const errors = result.inputs.filter((r) => r.file === path).flatMap((r) => r.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })));
  return { findings: result.findings.filter((f) => f.location.file === path), errors };
}

function applyConfigSuppressions(findings: readonly Finding[], config: WigaConfig): Finding[] {
  if (config.suppressions.length === 0) return [...findings];
  const now = Date.now();
  return findings.map((f) => {
    if (f.suppressed) return f;
    const s = config.suppressions.find(
      (x) => x.ruleId === f.ruleId && (x.address === undefined || x.address === f.location.address || x.address === f.identity) && (!x.expires || Date.parse(x.expires) > now),
    );
    return s ? { ...f, suppressed: { reason: s.reason, ...(s.expires && { expires: s.expires }) } } : f;
  });
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
export const atLeast = (s: Severity, t: Severity) => RANK[s] >= RANK[t];

/** The severity a finding is shown with after `.wiga.yaml` and client settings, or undefined when its rule is off. */
export function effectiveSeverity(finding: Finding, config: WigaConfig, settings: WigaSettings): Severity | undefined {
  const setting = settings.rules?.[finding.ruleId] ?? config.rules[finding.ruleId];
  if (setting === 'off') return undefined;
  return (setting as Severity | undefined) ?? finding.severity;
}

/**
 * critical/high → Error, medium → Warning, low → Information, info → Hint, with the default
 * `failOn: high`. Errors are what fails `wiga check`: at or above `failOn` is an Error, and below it
 * at most a Warning (`failOn: none` makes nothing an Error).
 */
export function lspSeverity(s: Severity, failOn: Severity | 'none' = 'high'): DiagnosticSeverity {
  if (failOn !== 'none' && atLeast(s, failOn)) return DiagnosticSeverity.Error;
  if (s === 'critical' || s === 'high' || s === 'medium') return DiagnosticSeverity.Warning;
  return s === 'low' ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint;
}

let coreRoot: string | undefined | null;
/** `file://` URI of a rule's docs page in the installed core package, or undefined when the pages are not installed. */
export function ruleDocHref(ruleId: string): string | undefined {
  const docs = ruleById(ruleId)?.docs;
  if (!docs) return undefined;
  if (coreRoot === undefined) {
    try {
      coreRoot = dirname(require.resolve('@workload-iga/core/package.json'));
    } catch {
      coreRoot = null;
    }
  }
  const local = coreRoot ? join(coreRoot, docs.replace(/^packages\/core\//, '')) : undefined;
  // Only a real URI: without the pages (a package installed without docs/) there is no link.
  return local && existsSync(local) ? pathToFileURL(local).href : undefined;
}

/** The span of the token at a position: a quoted string, a bracketed value, or a word. */
export function tokenRange(document: TextDocument, line: number, column: number): Range {
  const text = document.getText();
  const start = document.offsetAt({ line, character: column });
  const c = text[start];
  let end = start + 1;
  if (c === '"' || c === "'" || c === '`') {
    end = start + 1;
    while (end < text.length && text[end] !== c && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    end = Math.min(end + 1, text.length);
  } else if (c === '{' || c === '[' || c === '(') {
    const close = c === '{' ? '}' : c === '[' ? ']' : ')';
    let depth = 0;
    let quote: string | undefined;
    for (end = start; end < text.length; end++) {
      const d = text[end]!;
      if (quote) {
        if (d === '\\') end++;
        else if (d === quote) quote = undefined;
      } else if (d === '"' || d === "'" || d === '`') quote = d;
      else if (d === c) depth++;
      else if (d === close && --depth === 0) break;
    }
    end = Math.min(end + 1, text.length);
  } else {
    while (end < text.length && /[\w.$-]/.test(text[end]!)) end++;
    if (end === start + 1 && !/\w/.test(c ?? '')) {
      // Not on a token: the rest of the line.
      const lineEnd = text.indexOf('\n', start);
      end = lineEnd === -1 ? text.length : lineEnd;
    }
  }
  return { start: document.positionAt(start), end: document.positionAt(Math.max(end, start + 1)) };
}

/** A finding located in `document` (1-based `line`/`column`), as a diagnostic. Undefined when hidden. */
export function toDiagnostic(
  finding: Finding,
  document: TextDocument,
  where: { line: number; column: number; endLine?: number; endColumn?: number },
  tier: 'file' | 'synth',
  config: WigaConfig,
  settings: WigaSettings,
): Diagnostic | undefined {
  const severity = effectiveSeverity(finding, config, settings);
  if (!severity) return undefined;
  if (!finding.suppressed && settings.minSeverity && !atLeast(severity, settings.minSeverity)) return undefined;
  const range: Range =
    where.endLine !== undefined && where.endColumn !== undefined
      ? { start: { line: where.line - 1, character: where.column - 1 }, end: { line: where.endLine - 1, character: where.endColumn - 1 } }
      : tokenRange(document, where.line - 1, where.column - 1);
  const href = ruleDocHref(finding.ruleId);
  const data: WigaDiagnosticData = {
    tier,
    ...(finding.location.address !== undefined && { address: finding.location.address }),
    ...(finding.location.statement !== undefined && { statement: finding.location.statement }),
    version: document.version,
  };
  const where2 = finding.location.address ? ` (${finding.location.address}${finding.location.statement ? ` › ${finding.location.statement}` : ''})` : '';
  let message = `${finding.message}${where2}`;
  if (finding.suggestion) message += `\nfix: ${finding.suggestion}`;
  if (tier === 'synth') message += '\n(from the last cdktf synth)';
  if (finding.suppressed) {
    if (!settings.showSuppressed) return undefined;
    return {
      range,
      severity: DiagnosticSeverity.Hint,
      tags: [DiagnosticTag.Unnecessary],
      code: finding.ruleId,
      ...(href && { codeDescription: { href } }),
      source: DIAGNOSTIC_SOURCE,
      message: `suppressed: ${finding.suppressed.reason}${finding.suppressed.expires ? ` (until ${finding.suppressed.expires})` : ''} — ${finding.message}`,
      data: { ...data, suppressed: true },
    };
  }
  return { range, severity: lspSeverity(severity, settings.failOn ?? config.failOn), code: finding.ruleId, ...(href && { codeDescription: { href } }), source: DIAGNOSTIC_SOURCE, message, data };
}

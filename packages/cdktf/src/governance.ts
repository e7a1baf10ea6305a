/**
 * Synth-time governance: `Governance.of(app).enforce({ failOn: 'high' })` makes `app.synth()` (and so
 * `cdktf synth`) fail when the core finds anything at or above the threshold in a stack's
 * Terraform JSON. The constructs hold no rules; this file only hands the synthesized JSON to the
 * core's `analyze` and turns its findings into a validation error.
 *
 * Mechanism: cdktf 0.21 runs `stack.runAllValidations()` inside `StackSynthesizer.synthesize`, after
 * aspects and before writing `cdk.tf.json`, and throws "Validation failed with the following
 * errors" listing each message. Each stack's manifest element carries a validation that builds
 * the stack JSON (`stack.toTerraform()`) and analyzes it, so nothing is written when it fails.
 */
import * as path from 'node:path';
import { Annotations, App, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  analyze,
  isSeverity,
  severityAtLeast,
  type AnalysisResult,
  type Finding,
  type GovernanceManifest,
  type Severity,
} from '@workload-iga/core';
import { pinNow, nowFor, toDate } from './clock';
import { GovernanceManifestElement, registerStackValidation } from './manifest';
import { captureCallSite } from './source-capture';

/** Options of {@link Governance.enforce}. */
export interface EnforceOptions {
  /** Lowest severity that fails the synth; `'none'` only reports. */
  readonly failOn: Severity | 'none';
  /** "Now" for expiry decisions (grants, suppressions); default `WIGA_NOW` or the system clock. */
  readonly now?: Date | string;
}

/** Options of {@link Governance.suppress}. */
export interface SuppressOptions {
  /** Why the finding is accepted (at least 10 characters: a reviewer must be able to judge it). */
  readonly reason: string;
  /** Date after which the suppression lapses (kept as `YYYY-MM-DD` when given a Date). */
  readonly expires?: Date | string;
}

/** What one stack's governance check found, kept for programmatic use (tests, custom reporters). */
export interface GovernanceReport {
  readonly stack: string;
  readonly file: string;
  readonly failOn: Severity | 'none';
  readonly result: AnalysisResult;
  /** Unsuppressed findings at or above `failOn`. */
  readonly blocking: readonly Finding[];
  readonly suppressed: readonly Finding[];
  /** The rendered text (also the validation error message when `blocking` is not empty). */
  readonly text: string;
}

const MIN_REASON = 10;
const governances = new WeakMap<IConstruct, Governance>();

/** Governance settings for an app or a stack (the nearest one to a stack wins). */
export class Governance {
  /** The governance of `scope` (an App or a TerraformStack), created on first use. */
  static of(scope: IConstruct): Governance {
    let g = governances.get(scope);
    if (!g) {
      g = new Governance(scope);
      governances.set(scope, g);
      // Make sure stacks that already exist carry the validation (new ones get it on creation).
      for (const c of scope.node.findAll()) if (TerraformStack.isStack(c)) GovernanceManifestElement.of(c);
    }
    return g;
  }

  /**
   * Accepts a known finding on `construct` (and every block under it) for `ruleId`, with a reason.
   * The core applies it: the finding stays listed, marked suppressed, and does not fail the synth.
   */
  static suppress(construct: IConstruct, ruleId: string, options: SuppressOptions): void {
    const site = captureCallSite();
    if (typeof ruleId !== 'string' || ruleId.trim() === '') {
      throw new Error(`workload-iga: Governance.suppress needs the rule id to suppress, e.g. 'wildcard-resource'.`);
    }
    const reason = options?.reason;
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON) {
      throw new Error(
        `workload-iga: Governance.suppress('${construct.node.path}', '${ruleId}') needs a reason of at least ${MIN_REASON} characters ` +
          `explaining why the risk is accepted (got ${JSON.stringify(reason ?? null)}), e.g. { reason: 'vendor tool needs it until TICKET-123 ships' }.`,
      );
    }
    let expires: string | undefined;
    if (options.expires !== undefined) {
      const d = toDate(options.expires, `Governance.suppress expires`);
      expires = typeof options.expires === 'string' ? options.expires : d.toISOString().slice(0, 10);
    }
    GovernanceManifestElement.of(TerraformStack.of(construct)).addSuppression({
      construct,
      ruleId,
      reason: reason.trim(),
      ...(expires ? { expires } : {}),
      site,
    });
  }

  private failOn?: Severity | 'none';
  private readonly reports = new Map<string, GovernanceReport>();

  private constructor(private readonly scope: IConstruct) {}

  /** Turns on the synth-time check for every stack under this scope. */
  enforce(options: EnforceOptions): this {
    const failOn = options?.failOn;
    if (failOn !== 'none' && !isSeverity(failOn)) {
      throw new Error(`workload-iga: enforce({ failOn }) must be one of critical, high, medium, low, info or none, got ${JSON.stringify(failOn)}.`);
    }
    this.failOn = failOn;
    if (options.now !== undefined) pinNow(this.scope, options.now);
    return this;
  }

  /** The report of the last check of `stack` (by id or construct), if it ran. */
  report(stack: string | TerraformStack): GovernanceReport | undefined {
    return this.reports.get(typeof stack === 'string' ? stack : stack.node.id);
  }

  /** @internal the nearest governance with enforcement on, for a stack. */
  static enforcementFor(stack: TerraformStack): Governance | undefined {
    for (const s of [...stack.node.scopes].reverse()) {
      const g = governances.get(s);
      if (g?.failOn !== undefined) return g;
    }
    return undefined;
  }

  /** @internal runs the check of one stack; returns the validation errors. */
  check(stack: TerraformStack): string[] {
    const failOn = this.failOn ?? 'none';
    const tf = stack.toTerraform() as { '//'?: { 'workload-iga'?: GovernanceManifest } };
    const file = stackFile(stack);
    const result = analyze([{ path: file, text: JSON.stringify(tf, null, 2) }], { now: nowFor(stack) });
    const sources = tf['//']?.['workload-iga']?.sources ?? {};
    const suppressed = result.findings.filter((f) => f.suppressed);
    const active = result.findings.filter((f) => !f.suppressed);
    const blocking = failOn === 'none' ? [] : active.filter((f) => severityAtLeast(f.severity, failOn));
    const inputErrors = result.inputs.flatMap((i) => i.errors);

    const below = active.filter((f) => !blocking.includes(f));
    const lines: string[] = [
      `workload-iga: stack '${stack.node.id}' (${file}): ${blocking.length} finding(s) at or above '${failOn}', ` +
        `${below.length} below, ${suppressed.length} suppressed.`,
    ];
    for (const e of inputErrors) lines.push(`  ERROR ${e.file}:${e.line}:${e.column} ${e.message}`);
    if (blocking.length) {
      lines.push(`  failing the synth (${blocking.length}):`);
      for (const f of blocking) lines.push(...formatFinding(f, sources));
    }
    if (below.length) {
      lines.push(`  not blocking (${below.length}):`);
      for (const f of below) lines.push(...formatFinding(f, sources));
    }
    if (suppressed.length) {
      lines.push(`  suppressed (${suppressed.length}):`);
      for (const f of suppressed) {
        lines.push(...formatFinding(f, sources), `      suppressed: ${f.suppressed!.reason}${f.suppressed!.expires ? ` (until ${f.suppressed!.expires})` : ''}`);
      }
    }
    const text = lines.join('\n');
    this.reports.set(stack.node.id, { stack: stack.node.id, file, failOn, result, blocking, suppressed, text });

    // Non-blocking findings become annotations: `cdktf synth` prints them and they land in manifest.json.
    for (const f of below) Annotations.of(stack).addWarning(formatFinding(f, sources).join('\n'));
    for (const f of suppressed) Annotations.of(stack).addInfo(`[suppressed: ${f.suppressed!.reason}] ${formatFinding(f, sources).join('\n')}`);

    return blocking.length || inputErrors.length ? [text] : [];
  }
}

/** `cdktf.out/stacks/<id>/cdk.tf.json`, relative to the working directory (posix separators). */
function stackFile(stack: TerraformStack): string {
  let outdir = 'cdktf.out';
  try {
    outdir = App.of(stack).outdir;
  } catch {
    // a stack outside an App (unusual); keep the default layout
  }
  const abs = path.resolve(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
  return path.relative(process.cwd(), abs).split(path.sep).join('/');
}

function formatFinding(f: Finding, sources: Record<string, { file: string; line: number; column: number }>): string[] {
  const src = f.location.source ?? (f.location.address ? sources[f.location.address] : undefined);
  const where = [f.location.address, f.location.statement ? `(${f.location.statement})` : undefined].filter(Boolean).join(' ');
  const out = [
    `  ${f.severity.toUpperCase()} ${f.ruleId} ${where}${src ? ` at ${src.file}:${src.line}:${src.column}` : ''}`,
    `      ${f.message}`,
  ];
  if (f.suggestion) out.push(`      fix: ${f.suggestion}`);
  return out;
}

registerStackValidation((stack) => ({
  validate: () => {
    const g = Governance.enforcementFor(stack);
    return g ? g.check(stack) : [];
  },
}));

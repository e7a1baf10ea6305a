import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applySourceSuppressions,
  expandAction,
  wildcardMatch,
  analyze,
  DEFAULT_EXPIRING_WITHIN_DAYS,
  evidenceReport,
  governanceReport,
  isMember,
  loadHclSupport,
  parseReviewRecord,
  renderEvidenceMarkdown,
  renderReviewRecord,
  reviewRecordPath,
  RIGHTSIZE_CAVEATS,
  rightsize,
  RULES,
  severityAtLeast,
  type GovernanceReport,
  type InputReport,
  type ReviewRecord,
  type WorkloadGovernance,
} from '@workload-iga/core';
import {
  parseArgs,
  topicOf,
  usageOf,
  type CheckCommand,
  type EvidenceCommand,
  type InventoryCommand,
  type ReviewCommand,
  type ReviewRecordCommand,
  type RightsizeCommand,
  type RulesCommand,
} from './args';
import { discoverInputs, displayPath, NOT_AN_INPUT, type DiscoveredFile } from './discover';
import {
  formatInventoryCsv,
  formatInventoryJson,
  formatInventoryTable,
  formatJson,
  formatReviewJson,
  formatReviewText,
  formatRightsizeJson,
  formatRightsizeText,
  formatRulesJson,
  formatRulesText,
  formatText,
  hasUnused,
  summaryLine,
  TOOL_NAME,
  type InventoryRow,
  type LastReview,
  type ReviewRow,
  type ReviewStatus,
  type ServiceAccess,
} from './formatters';
import { DEFAULT_EVIDENCE, loadGovernance, type GovernanceFiles } from './governance-files';
import { stageNewFile, writeFileAtomic } from './output';

/** Exit codes of `wiga`. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Everything `run` touches outside itself, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(chunk: string): unknown };
  /** Directory PATHs and --output are resolved against, and report paths are relative to. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** "Now" for expiry decisions; default: the current time. */
  readonly now?: Date;
}

/** Runs `wiga` with the arguments after the program name and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      io.stderr.write(`wiga: error: ${parsed.error}\n\n${usageOf(topicOf(argv))}`);
      return EXIT.error;
    }
    const command = parsed.value;
    switch (command.command) {
      case 'help':
        io.stdout.write(usageOf(command.topic));
        return EXIT.ok;
      case 'version':
        io.stdout.write(`${version()}\n`);
        return EXIT.ok;
      case 'rules':
        return listRules(command, io);
      case 'check':
        return await check(command, io);
      case 'review':
        return await review(command, io);
      case 'review-record':
        return await recordReview(command, io);
      case 'inventory':
        return await inventory(command, io);
      case 'evidence':
        return await evidence(command, io);
      case 'rightsize':
        return await rightsizeCommand(command, io);
    }
  } catch (error) {
    io.stderr.write(`wiga: error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.WIGA_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.error;
  }
}

/** "Now": `io.now`, else `WIGA_NOW` (an ISO date or date/time, as for the constructs), else the clock. */
export function nowOf(io: CliIo): Date {
  if (io.now) return io.now;
  const pinned = io.env.WIGA_NOW;
  if (pinned !== undefined && pinned !== '') {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(pinned) ? `${pinned}T00:00:00Z` : pinned);
    if (Number.isNaN(date.getTime())) throw new Error(`WIGA_NOW must be an ISO 8601 date or date/time, got '${pinned}'`);
    return date;
  }
  return new Date();
}

/** The inputs of a command and its governance files, or the exit code when they cannot be read. */
interface Loaded {
  readonly files: readonly DiscoveredFile[];
  readonly governance: GovernanceFiles;
}

/**
 * Discovers the inputs under `paths` and the governance files (`.wiga.yaml`, owners, reviews). Every
 * problem is printed (one line each, with file:line:column for the governance files) and gives exit 2.
 * `exclude` is a file never read as an input (the report being written).
 */
async function loadInputs(paths: readonly string[], config: string | undefined, io: CliIo, exclude?: string, requireConfig = false): Promise<Loaded | number> {
  const discovery = discoverInputs(paths, io.cwd);
  const governance = loadGovernance(paths, io.cwd, config, { requireConfig });
  const errors = [...discovery.errors, ...governance.errors];
  for (const error of errors) io.stderr.write(`wiga: error: ${error}\n`);
  for (const problem of governance.problems) io.stderr.write(`wiga: error: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
  if (errors.length > 0 || governance.problems.length > 0) return EXIT.error;
  if (discovery.files.length === 0) {
    io.stderr.write(
      `wiga: error: no inputs found in ${paths.join(', ')}: expected cdktf.out/stacks/*/cdk.tf.json, *.tf, *.tf.json, ` +
        'Terraform plan JSON (terraform show -json) or IAM policy JSON (run cdktf synth first?)\n',
    );
    return EXIT.error;
  }
  // The report being written is never an input (a second run would read the first one's report).
  const files = discovery.files.filter((f) => exclude === undefined || path.resolve(io.cwd, f.path) !== exclude);
  // `.tf` files are parsed with a WASM parser, loaded once before the (synchronous) analysis.
  if (files.some((f) => f.path.endsWith('.tf'))) await loadHclSupport();
  return { files, governance };
}

async function check(command: CheckCommand, io: CliIo): Promise<number> {
  const outputTarget = command.output === undefined ? undefined : path.resolve(io.cwd, command.output);
  const loaded = await loadInputs(command.paths, command.config, io, outputTarget, true);
  if (typeof loaded === 'number') return loaded;
  const { files: inputs, governance } = loaded;
  // Governance is checked where a .wiga.yaml says it is used; without one, check is what it always was.
  const analysed = analyze(
    inputs.map(({ path: file, text }) => ({ path: file, text })),
    { now: nowOf(io), ...(governance.configFile !== undefined ? { governance: governance.context } : {}) },
  );
  // `// wiga-suppress <rule> -- <reason>` above the construct in the TypeScript source (the
  // editor's code action writes it) holds here too.
  const result = applySourceSuppressions(analysed, (file) => readSourceText(file, io.cwd), nowOf(io));

  const report =
    command.format === 'json'
      ? formatJson(result, { version: version() })
      : formatText(result, { color: command.output === undefined && useColor(command.color, io) });

  if (command.output !== undefined) {
    const target = outputTarget!;
    writeFileAtomic(target, report, displayPath(target, io.cwd));
    io.stderr.write(`wiga: ${summaryLine(result)}; report written to ${displayPath(target, io.cwd)}\n`);
  } else {
    io.stdout.write(report);
  }

  // The text report on stdout lists parse errors itself; otherwise the terminal would not see them.
  const parseErrors = result.inputs.flatMap((input) => input.errors);
  if (command.format === 'json' || command.output !== undefined) {
    for (const error of parseErrors) io.stderr.write(`wiga: error: ${error.file}:${error.line}:${error.column}: ${error.message}\n`);
  }
  if (inputFailed(result, io)) return EXIT.error;
  const threshold = command.failOn ?? governance.context.config?.failOn ?? 'high';
  if (threshold === 'none') return EXIT.ok;
  return result.findings.some((finding) => !finding.suppressed && severityAtLeast(finding.severity, threshold)) ? EXIT.findings : EXIT.ok;
}

/**
 * True when an input could not be analysed. Every file handed to the core must be analysed: one it
 * skipped (a `*.tf.json` holding other JSON) fails the run like a file named explicitly that is no input.
 */
function inputFailed(result: { readonly inputs: readonly InputReport[] }, io: CliIo): boolean {
  for (const input of result.inputs.filter((i) => i.status === 'skipped')) io.stderr.write(`wiga: error: ${input.file}: ${NOT_AN_INPUT}\n`);
  return result.inputs.some((input) => input.errors.length > 0 || input.status !== 'analyzed');
}

/** Input errors of a result as `wiga: error: file:line:col: message` lines on stderr. */
function printInputErrors(result: { readonly inputs: readonly InputReport[] }, io: CliIo): void {
  for (const error of result.inputs.flatMap((input) => input.errors)) io.stderr.write(`wiga: error: ${error.file}:${error.line}:${error.column}: ${error.message}\n`);
}

/** Writes a command's output to `--output` (atomically) or stdout. */
function emit(content: string, output: string | undefined, io: CliIo, what: string): void {
  if (output === undefined) {
    io.stdout.write(content);
    return;
  }
  const target = path.resolve(io.cwd, output);
  writeFileAtomic(target, content, displayPath(target, io.cwd));
  io.stderr.write(`wiga: ${what} written to ${displayPath(target, io.cwd)}\n`);
}

/** Status of a workload's review on `today`: overdue (late, never reviewed, or changed since), due (soon), ok. */
function reviewStatusOf(w: WorkloadGovernance, today: string, dueWithinDays: number): { status: ReviewStatus; reason?: string } {
  const cadence = `cadence ${w.cadenceDays} days`;
  if (!w.lastReview) return { status: 'overdue', reason: `never reviewed (${cadence})` };
  if (w.reviewedDigestCurrent === false) {
    return { status: 'overdue', reason: `permissions changed since the review of ${w.lastReview.date} (reviewed ${short(w.lastReview.digest)}, now ${short(w.digest)}): review again` };
  }
  if (w.reviewOverdue) return { status: 'overdue', reason: `review was due on ${w.nextReviewDue} (${cadence})` };
  if (w.nextReviewDue !== 'now' && daysBetween(today, w.nextReviewDue) <= dueWithinDays) return { status: 'due', reason: `review due on ${w.nextReviewDue} (${cadence})` };
  return { status: 'ok' };
}

function short(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function accessOf(w: WorkloadGovernance): ServiceAccess[] {
  return w.entitlements.map((e) => ({ service: e.service, levels: e.service === '*' ? ['*'] : [...e.accessLevels] }));
}

function lastReviewOf(w: WorkloadGovernance): LastReview | undefined {
  return w.lastReview && { date: w.lastReview.date, reviewer: w.lastReview.reviewer, decision: w.lastReview.decision, file: w.lastReview.file };
}

/** The analysis with governance behind review, record, inventory and evidence; exit 2 on input errors. */
async function governanceOf(paths: readonly string[], config: string | undefined, io: CliIo, exclude?: string): Promise<{ report: GovernanceReport; governance: GovernanceFiles; now: Date } | number> {
  const loaded = await loadInputs(paths, config, io, exclude);
  if (typeof loaded === 'number') return loaded;
  const now = nowOf(io);
  const report = governanceReport(
    loaded.files.map(({ path: file, text }) => ({ path: file, text })),
    { now, governance: loaded.governance.context },
  );
  printInputErrors(report.result, io);
  if (inputFailed(report.result, io)) return EXIT.error;
  return { report, governance: loaded.governance, now };
}

function reviewRows(report: GovernanceReport, governance: GovernanceFiles, now: Date): ReviewRow[] {
  const today = todayOf(now);
  const within = governance.context.config?.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS;
  return report.workloads
    .filter((w) => w.status !== 'retired')
    .map((w) => {
      const { status, reason } = reviewStatusOf(w, today, within);
      const last = lastReviewOf(w);
      return {
        workload: w.workload,
        ...(w.owner !== undefined ? { owner: w.owner } : {}),
        ...(w.kind !== undefined ? { kind: w.kind } : {}),
        identity: w.identity,
        permissions: accessOf(w),
        findings: w.findings,
        ...(last ? { lastReview: last } : {}),
        ...(w.nextReviewDue !== 'now' ? { nextDue: w.nextReviewDue } : {}),
        cadenceDays: w.cadenceDays,
        digest: w.digest,
        status,
        ...(reason !== undefined ? { reason } : {}),
      };
    });
}

async function review(command: ReviewCommand, io: CliIo): Promise<number> {
  const outputTarget = command.output === undefined ? undefined : path.resolve(io.cwd, command.output);
  const loaded = await governanceOf(command.paths, command.config, io, outputTarget);
  if (typeof loaded === 'number') return loaded;
  const rows = reviewRows(loaded.report, loaded.governance, loaded.now);
  const date = todayOf(loaded.now);
  // A record for a workload that is not in the analysed inputs (renamed, removed, another stack):
  // say so rather than ignore it.
  const known = new Set(loaded.report.workloads.map((w) => w.workload));
  for (const record of loaded.governance.context.reviews ?? []) {
    if (!known.has(record.workload)) io.stderr.write(`wiga: note: ${displayPath(path.resolve(io.cwd, record.file), io.cwd)}: reviews workload '${record.workload}', which is not in ${command.paths.join(', ')}\n`);
  }
  const content =
    command.format === 'json'
      ? formatReviewJson(rows, { version: version(), date })
      : formatReviewText(rows, { color: command.output === undefined && useColor(command.color, io), date });
  emit(content, command.output, io, 'review list');
  return rows.some((r) => r.status === 'overdue') ? EXIT.findings : EXIT.ok;
}

async function recordReview(command: ReviewRecordCommand, io: CliIo): Promise<number> {
  const loaded = await governanceOf(command.paths, command.config, io);
  if (typeof loaded === 'number') return loaded;
  const { report, governance, now } = loaded;
  const matches = report.workloads.filter((w) => w.workload === command.workload);
  if (matches.length === 0) {
    const known = [...new Set(report.workloads.filter((w) => w.status !== 'retired').map((w) => w.workload))];
    io.stderr.write(`wiga: error: no workload '${command.workload}' in ${command.paths.join(', ')}${known.length > 0 ? ` (workloads: ${known.join(', ')})` : ''}\n`);
    return EXIT.error;
  }
  if (matches.length > 1) {
    io.stderr.write(`wiga: error: workload '${command.workload}' has ${matches.length} identities (${matches.map((m) => m.identity).join(', ')}) in ${command.paths.join(', ')}: name one stack's directory as PATH\n`);
    return EXIT.error;
  }
  const workload = matches[0]!;
  if (workload.status === 'retired') {
    io.stderr.write(`wiga: error: workload '${command.workload}' is retired (${workload.retired!.date}: ${workload.retired!.reason}); a retired workload is not reviewed\n`);
    return EXIT.error;
  }
  // A revoked action that is no IAM action (a typo) or that the workload does not hold would make
  // a decision nothing can enforce: refuse it. Entries without ':' are grant Sids.
  const held = workload.entitlements.flatMap((e) => e.actions);
  for (const entry of command.revoke) {
    if (!entry.includes(':')) continue;
    if (expandAction(entry).actions.length === 0) {
      io.stderr.write(`wiga: error: --revoke ${entry}: no IAM action matches it (check the spelling against the Service Authorization Reference)\n`);
      return EXIT.error;
    }
    const lower = entry.toLowerCase();
    const holds = held.some((h) => h === '*' || h.startsWith('notaction:') || wildcardMatch(h, lower) || wildcardMatch(lower, h));
    if (!holds) {
      io.stderr.write(`wiga: error: --revoke ${entry}: workload '${workload.workload}' does not hold it (it holds: ${held.join(', ') || 'nothing'})\n`);
      return EXIT.error;
    }
  }
  const record: ReviewRecord = {
    file: '',
    workload: workload.workload,
    identity: workload.identity,
    reviewer: command.reviewer,
    date: command.date ?? todayOf(now),
    decision: command.decision,
    ...(command.comment !== undefined ? { comment: command.comment } : {}),
    digest: workload.digest,
    ...(command.revoke.length > 0 ? { revoke: command.revoke } : {}),
  };
  const text = renderReviewRecord(record);
  // What is written must read back as the same record (never write a file wiga check would refuse).
  const check = parseReviewRecord(text, 'review record');
  if (check.problems.length > 0) {
    for (const problem of check.problems) io.stderr.write(`wiga: error: the review record would not be valid: ${problem.message}\n`);
    return EXIT.error;
  }
  const relative = reviewRecordPath(record, '.');
  const dir = path.join(governance.reviewsDir, path.dirname(relative));
  const stem = path.basename(relative, '.yaml');
  const staged = stageNewFile(dir, stem, '.yaml', text, displayPath(dir, io.cwd));
  if (io.env.WIGA_TEST_PAUSE_BEFORE_RENAME === '1') {
    // Test hook: the record is written and synced under its temporary name; a test kills us here.
    io.stderr.write(`wiga: test: paused before rename: ${displayPath(staged.temporaryFile, io.cwd)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  const written = staged.commit();
  const shown = displayPath(written, io.cwd);
  if (path.basename(written) !== `${stem}.yaml`) io.stderr.write(`wiga: note: ${stem}.yaml already exists; this review is recorded as ${path.basename(written)}\n`);
  const selfReview = governance.context.config?.reviews?.selfReview ?? 'forbid';
  if (selfReview === 'forbid' && workload.ownerTeam && isMember(workload.ownerTeam, command.reviewer)) {
    io.stderr.write(`wiga: warning: ${command.reviewer} is a member of ${workload.ownerTeam.id}, which owns ${workload.workload}; self-review is forbidden, so wiga check will report self-review\n`);
  }
  io.stdout.write(`recorded ${shown}: ${record.workload} ${record.decision} by ${record.reviewer} on ${record.date} (${short(record.digest)})\n`);
  return EXIT.ok;
}

async function inventory(command: InventoryCommand, io: CliIo): Promise<number> {
  const outputTarget = command.output === undefined ? undefined : path.resolve(io.cwd, command.output);
  const loaded = await governanceOf(command.paths, command.config, io, outputTarget);
  if (typeof loaded === 'number') return loaded;
  const { report, governance, now } = loaded;
  const today = todayOf(now);
  const within = governance.context.config?.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS;
  const rows: InventoryRow[] = report.workloads.map((w) => {
    const last = lastReviewOf(w);
    return {
      workload: w.workload,
      identity: w.identity,
      ...(w.kind !== undefined ? { kind: w.kind } : {}),
      ...(w.attestation !== undefined ? { attestation: w.attestation } : {}),
      entitlements: accessOf(w),
      ...(w.owner !== undefined ? { owner: w.owner } : {}),
      ...(w.backupOwner !== undefined ? { backupOwner: w.backupOwner } : {}),
      ...(w.sponsor !== undefined ? { sponsor: w.sponsor } : {}),
      ...(w.environment !== undefined ? { environment: w.environment } : {}),
      ...(w.expires !== undefined ? { expires: w.expires } : {}),
      ...(last ? { lastReview: last } : {}),
      ...(w.nextReviewDue !== 'now' && w.status !== 'retired' ? { nextDue: w.nextReviewDue } : {}),
      status: w.status === 'retired' ? 'retired' : reviewStatusOf(w, today, within).status,
    };
  });
  const content =
    command.format === 'csv'
      ? formatInventoryCsv(rows)
      : command.format === 'json'
        ? formatInventoryJson(rows, { version: version() })
        : formatInventoryTable(rows, { color: command.output === undefined && useColor(true, io) });
  emit(content, command.output, io, 'inventory');
  return EXIT.ok;
}

async function evidence(command: EvidenceCommand, io: CliIo): Promise<number> {
  const loaded = await governanceOf(command.paths, command.config, io);
  if (typeof loaded === 'number') return loaded;
  const { report, governance } = loaded;
  const date = command.date ?? todayOf(loaded.now);
  const evidenceData = evidenceReport(report, loaded.now);
  const dir = command.outputDir !== undefined ? path.resolve(io.cwd, command.outputDir) : path.join(governance.baseDir, DEFAULT_EVIDENCE);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    io.stderr.write(`wiga: error: cannot create ${displayPath(dir, io.cwd)}: ${(error as Error).message}\n`);
    return EXIT.error;
  }
  const markdown = path.join(dir, `evidence-${date}.md`);
  const json = path.join(dir, `evidence-${date}.json`);
  writeFileAtomic(markdown, renderEvidenceMarkdown(evidenceData), displayPath(markdown, io.cwd));
  writeFileAtomic(json, JSON.stringify({ tool: { name: TOOL_NAME, version: version() }, date, ...evidenceData }, null, 2) + '\n', displayPath(json, io.cwd));
  const results = evidenceData.controls.flatMap((c) => c.results);
  const failed = results.filter((r) => r.status === 'fail').length;
  io.stdout.write(
    `wrote ${displayPath(markdown, io.cwd)} and ${displayPath(json, io.cwd)}: ${evidenceData.controls.length} controls, ${results.length - failed} passed and ${failed} failed workload checks\n`,
  );
  return failed > 0 ? EXIT.findings : EXIT.ok;
}

async function rightsizeCommand(command: RightsizeCommand, io: CliIo): Promise<number> {
  const outputTarget = command.output === undefined ? undefined : path.resolve(io.cwd, command.output);
  const advisors: { file: string; text: string }[] = [];
  const unreadable: string[] = [];
  for (const given of command.lastAccessed) {
    const absolute = path.resolve(io.cwd, given);
    try {
      const text = fs.readFileSync(absolute, 'utf8');
      advisors.push({ file: displayPath(absolute, io.cwd), text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      unreadable.push(`${displayPath(absolute, io.cwd)}: ${code === 'ENOENT' ? 'no such file (--last-accessed)' : code === 'EISDIR' ? 'is a directory (--last-accessed takes a file)' : (error as Error).message}`);
    }
  }
  for (const error of unreadable) io.stderr.write(`wiga: error: ${error}\n`);
  if (unreadable.length > 0) return EXIT.error;
  // Last-accessed files named as PATHs too (`--last-accessed a.json b.json`) are no inputs.
  const advisorPaths = new Set(advisors.map((a) => path.resolve(io.cwd, a.file)));
  const loaded = await loadInputs(command.paths, command.config, io, outputTarget);
  if (typeof loaded === 'number') return loaded;
  const inputs = loaded.files.filter((f) => !advisorPaths.has(f.absolute)).map(({ path: file, text }) => ({ path: file, text }));
  const result = rightsize(inputs, advisors, { days: command.days, now: nowOf(io) });
  for (const problem of result.problems) io.stderr.write(`wiga: error: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
  if (result.problems.length > 0) return EXIT.error;
  const view = { days: command.days, workloads: result.workloads, caveats: result.caveats.length > 0 ? result.caveats : RIGHTSIZE_CAVEATS };
  const content = command.format === 'json' ? formatRightsizeJson(view, { version: version() }) : formatRightsizeText(view, { color: command.output === undefined && useColor(true, io) });
  emit(content, command.output, io, 'right-sizing');
  return result.workloads.some(hasUnused) ? EXIT.findings : EXIT.ok;
}

function listRules(command: RulesCommand, io: CliIo): number {
  io.stdout.write(
    command.format === 'json' ? formatRulesJson(RULES, { version: version() }) : formatRulesText(RULES, { color: useColor(command.color, io) }),
  );
  return EXIT.ok;
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
function useColor(requested: boolean, io: CliIo): boolean {
  return requested && !io.env.NO_COLOR && io.stdout.isTTY === true;
}

let cachedVersion: string | undefined;

/** The version in this package's package.json (one directory above both src/ and dist/). */
export function version(): string {
  cachedVersion ??= (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** A TypeScript source named by a finding, relative to the working directory; undefined if unreadable. */
function readSourceText(file: string, cwd: string): string | undefined {
  try {
    return fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch {
    return undefined;
  }
}

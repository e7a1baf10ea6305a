import { isSeverity, type Severity } from '@workload-iga/core';

/** Decisions of an access review (as `ReviewRecord.decision` in the core). */
export type ReviewDecision = 'keep' | 'reduce' | 'revoke';

/** Report formats of `wiga check`, `wiga rules`, `wiga review` and `wiga rightsize`. */
export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckCommand {
  readonly command: 'check';
  /** As given on the command line; `['.']` when none was. */
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  /** `none`: never exit 1 because of findings. Absent: `failOn` of `.wiga.yaml`, else `high`. */
  readonly failOn?: Severity | 'none';
  readonly color: boolean;
  /** `--config FILE`: this `.wiga.yaml` instead of the one found upward from the first PATH. */
  readonly config?: string;
}

export interface RulesCommand {
  readonly command: 'rules';
  readonly format: Format;
  readonly color: boolean;
}

/** `wiga review`: what is due for review, per workload. */
export interface ReviewCommand {
  readonly command: 'review';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  readonly color: boolean;
  readonly config?: string;
}

/** `wiga review record`: writes one review record. */
export interface ReviewRecordCommand {
  readonly command: 'review-record';
  readonly paths: readonly string[];
  readonly workload: string;
  readonly decision: ReviewDecision;
  readonly reviewer: string;
  readonly comment?: string;
  readonly revoke: readonly string[];
  /** YYYY-MM-DD; default: today (UTC). */
  readonly date?: string;
  readonly config?: string;
}

export const INVENTORY_FORMATS = ['table', 'json', 'csv'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** `wiga inventory`: workload → identity → attestation → entitlements → owner → review. */
export interface InventoryCommand {
  readonly command: 'inventory';
  readonly paths: readonly string[];
  readonly format: InventoryFormat;
  readonly output?: string;
  readonly config?: string;
}

/** `wiga evidence`: the compliance evidence pack (Markdown + JSON). */
export interface EvidenceCommand {
  readonly command: 'evidence';
  readonly paths: readonly string[];
  /** Default: `governance/evidence` next to the config (else the current directory). */
  readonly outputDir?: string;
  readonly date?: string;
  readonly config?: string;
}

/** `wiga rightsize`: unused services and actions from IAM last-accessed data. */
export interface RightsizeCommand {
  readonly command: 'rightsize';
  readonly paths: readonly string[];
  readonly lastAccessed: readonly string[];
  /** Unused for at least this many days; default 90. */
  readonly days: number;
  readonly format: Format;
  readonly output?: string;
  readonly config?: string;
}

/** Commands that have a help text. */
export const HELP_TOPICS = ['check', 'rules', 'review', 'review-record', 'inventory', 'evidence', 'rightsize'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export interface HelpCommand {
  readonly command: 'help';
  /** The command whose help was asked for; absent for the top-level help. */
  readonly topic?: HelpTopic;
}

export interface VersionCommand {
  readonly command: 'version';
}

export type Command =
  | CheckCommand
  | RulesCommand
  | ReviewCommand
  | ReviewRecordCommand
  | InventoryCommand
  | EvidenceCommand
  | RightsizeCommand
  | HelpCommand
  | VersionCommand;

export type ParseResult = { readonly ok: true; readonly value: Command } | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: wiga <command> [options]

Commands:
  check [PATH...]       Check cdktf synth output, Terraform JSON and HCL, plan JSON, IAM policy JSON
                        (default PATH: .)
  rules                 List the rules
  review [PATH...]      List what is due for access review, per workload
  review record         Record an access review decision (governance/reviews/<workload>/<date>.yaml)
  inventory [PATH...]   Workloads, identities, attestations, entitlements, owners and reviews
  evidence [PATH...]    Write the compliance evidence pack (Markdown and JSON)
  rightsize [PATH...]   Unused services and actions from IAM last-accessed data

Options:
  -h, --help            Show help (also: wiga <command> --help)
  --version             Show the version
`;

const CONFIG_HELP = `  --config FILE               Use this .wiga.yaml (default: the nearest one at or above the
                              first PATH, up to the repository root)`;

export const CHECK_USAGE = `Usage: wiga check [options] [PATH...]

Checks the workload identities in each PATH (a file or a directory; default: .).
Directories are searched for cdktf.out/stacks/*/cdk.tf.json, *.tf.json, *.tf, Terraform plan JSON
(terraform show -json) and IAM policy JSON, skipping node_modules, .terraform, .git and dot-dirs.
With a .wiga.yaml, its owners file and review records are checked too.

Options:
  --format text|json          Report format (default: text)
  -o, --output FILE           Write the report to FILE (a summary line still goes to stderr)
  --fail-on SEVERITY|none     Exit 1 when an unsuppressed finding is at or above SEVERITY:
                              critical, high, medium, low, info, or none
                              (default: failOn of .wiga.yaml, else high)
${CONFIG_HELP}
  --no-color                  No colours (also when NO_COLOR is set or stdout is not a terminal)
  -h, --help                  Show this help

Exit codes: 0 no finding at or above the threshold, 1 findings at or above it,
2 usage error or an input that could not be read or parsed.
`;

export const RULES_USAGE = `Usage: wiga rules [options]

Lists the rules: id, severity, category and title.

Options:
  --format text|json   Output format (default: text)
  --no-color           No colours
  -h, --help           Show this help
`;

export const REVIEW_USAGE = `Usage: wiga review [options] [PATH...]
       wiga review record --workload NAME --decision keep|reduce|revoke --reviewer WHO [options] [PATH...]

Lists, per workload: owner, kind, permissions by service and access level, findings by severity,
the last review (date, reviewer, decision), the next due date, the permission digest and the
status: ok, due (within expiringWithinDays of .wiga.yaml) or overdue (also: never reviewed, or
permissions changed since the last review).

Options:
  --format text|json          Output format (default: text)
  -o, --output FILE           Write the list to FILE
${CONFIG_HELP}
  --no-color                  No colours
  -h, --help                  Show this help (wiga review record --help: recording a review)

Exit codes: 0 nothing overdue, 1 a workload is overdue, 2 usage or input error.
`;

export const REVIEW_RECORD_USAGE = `Usage: wiga review record --workload NAME --decision keep|reduce|revoke --reviewer WHO [options] [PATH...]

Computes the workload's current permission digest and writes the review record
governance/reviews/<workload>/<date>.yaml (the directory is reviews.directory of .wiga.yaml).
The file is written atomically: a reader sees either no record or the whole record. A record of
the same workload and date is never overwritten: the new one is <date>-2.yaml, <date>-3.yaml, ...

Options:
  --workload NAME             The workload reviewed (as in wiga review)
  --decision keep|reduce|revoke
                              keep: access stays; reduce: some access is to be removed (--revoke);
                              revoke: all of it is to be removed
  --reviewer WHO              Who reviewed (an e-mail or a member of governance/owners.yaml)
  --comment TEXT              Why (recorded in the file)
  --revoke ACTION_OR_SID      An action or grant Sid to remove; repeat for several
  --date YYYY-MM-DD           Date of the review (default: today, UTC)
${CONFIG_HELP}
  -h, --help                  Show this help

Exit codes: 0 record written, 2 usage error, unknown workload, unreadable input or write failure.
`;

export const INVENTORY_USAGE = `Usage: wiga inventory [options] [PATH...]

Lists workload → identity → attestation → entitlements (by service and access level) → owner →
last review → review status, for every workload in PATH (default: .).

Options:
  --format table|json|csv     Output format (default: table); CSV follows RFC 4180
  -o, --output FILE           Write the inventory to FILE
${CONFIG_HELP}
  -h, --help                  Show this help

Exit codes: 0 inventory written, 2 usage or input error.
`;

export const EVIDENCE_USAGE = `Usage: wiga evidence [options] [PATH...]

Writes evidence-<date>.md and evidence-<date>.json: each check mapped to its controls (CIS Controls
5.5, PCI DSS 7.2.4, 7.2.5.1, 8.6.x, NIST SP 800-53 AC-2, AC-6, SOC 2 CC6.1-CC6.3), with pass or fail
per workload and the dates. Both files are written atomically.

Options:
  --output-dir DIR            Where to write (default: governance/evidence next to .wiga.yaml)
  --date YYYY-MM-DD           Date of the evidence (default: today, UTC)
${CONFIG_HELP}
  -h, --help                  Show this help

Exit codes: 0 every check passes, 1 a check fails for a workload, 2 usage, input or write error.
`;

export const RIGHTSIZE_USAGE = `Usage: wiga rightsize --last-accessed FILE [--last-accessed FILE...] [options] [PATH...]

Compares each workload's grants with IAM last-accessed data (aws iam
get-service-last-accessed-details output, one file per role, with ACTION_LEVEL granularity for
actions) and prints the services and actions not used within --days, with the reduced grant it
suggests as a policy. Nothing is changed: the caveats printed with every result say why.

Options:
  --last-accessed FILE        Last-accessed JSON of one role; repeat for several (required)
  --days N                    Unused for at least N days (default: 90)
  --format text|json          Output format (default: text)
  -o, --output FILE           Write the result to FILE
${CONFIG_HELP}
  -h, --help                  Show this help

Exit codes: 0 nothing unused, 1 unused permissions found, 2 usage or input error.
`;

/** The help text of a topic (the top-level help for none). */
export function usageOf(topic: HelpTopic | undefined): string {
  switch (topic) {
    case 'check':
      return CHECK_USAGE;
    case 'rules':
      return RULES_USAGE;
    case 'review':
      return REVIEW_USAGE;
    case 'review-record':
      return REVIEW_RECORD_USAGE;
    case 'inventory':
      return INVENTORY_USAGE;
    case 'evidence':
      return EVIDENCE_USAGE;
    case 'rightsize':
      return RIGHTSIZE_USAGE;
    default:
      return USAGE;
  }
}

/** The help topic of a command line, for usage errors: `review record` has its own. */
export function topicOf(argv: readonly string[]): HelpTopic | undefined {
  const [first, second] = argv;
  if (first === 'review' && second === 'record') return 'review-record';
  return (HELP_TOPICS as readonly string[]).includes(first ?? '') && first !== 'review-record' ? (first as HelpTopic) : undefined;
}

const COMMON: readonly [string, boolean][] = [
  ['-h', false],
  ['--help', false],
];

/** The options of each command, and whether each takes a value. */
const OPTIONS: Record<HelpTopic, ReadonlyMap<string, boolean>> = {
  check: new Map([...COMMON, ['--no-color', false], ['--format', true], ['-o', true], ['--output', true], ['--fail-on', true], ['--config', true]]),
  rules: new Map([...COMMON, ['--no-color', false], ['--format', true]]),
  review: new Map([...COMMON, ['--no-color', false], ['--format', true], ['-o', true], ['--output', true], ['--config', true]]),
  'review-record': new Map([
    ...COMMON,
    ['--workload', true],
    ['--decision', true],
    ['--reviewer', true],
    ['--comment', true],
    ['--revoke', true],
    ['--date', true],
    ['--config', true],
  ]),
  inventory: new Map([...COMMON, ['--format', true], ['-o', true], ['--output', true], ['--config', true]]),
  evidence: new Map([...COMMON, ['--output-dir', true], ['--date', true], ['--config', true]]),
  rightsize: new Map([...COMMON, ['--last-accessed', true], ['--days', true], ['--format', true], ['-o', true], ['--output', true], ['--config', true]]),
};

const FAIL_ON_VALUES = 'critical, high, medium, low, info or none';
const DECISIONS: readonly ReviewDecision[] = ['keep', 'reduce', 'revoke'];
const COMMAND_NAMES = 'check, rules, review, inventory, evidence or rightsize';

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Parses the arguments after `wiga` (no node, no script path). Never throws: a usage error is a value
 * whose `error` is one line, without the `wiga: error:` prefix.
 */
export function parseArgs(argv: readonly string[]): ParseResult {
  const [first, ...afterFirst] = argv;
  if (first === undefined) return fail(`missing command (${COMMAND_NAMES})`);
  if (first === '-h' || first === '--help' || first === 'help') return ok({ command: 'help' });
  if (first === '--version') return ok({ command: 'version' });
  if (!(['check', 'rules', 'review', 'inventory', 'evidence', 'rightsize'] as const).includes(first as 'check')) {
    return first.startsWith('-') ? fail(`unknown option '${first}'`) : fail(`unknown command '${first}'`);
  }
  const command: HelpTopic = first === 'review' && afterFirst[0] === 'record' ? 'review-record' : (first as HelpTopic);
  const rest = command === 'review-record' ? afterFirst.slice(1) : afterFirst;
  const shown = command === 'review-record' ? 'wiga review record' : `wiga ${command}`;

  const values = new Map<string, string[]>();
  let color = true;
  const paths: string[] = [];
  let help = false;
  let optionsEnded = false;

  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      if (command === 'rules') return fail(`unexpected argument '${arg}' (wiga rules takes no paths)`);
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const takesValue = OPTIONS[command].get(name);
    if (takesValue === undefined) return fail(`unknown option '${name}'${command === 'check' ? '' : ` for ${shown}`}`);
    if (!takesValue && inline !== undefined) return fail(`option '${name}' takes no value`);
    if (name === '-h' || name === '--help') {
      help = true;
      continue;
    }
    if (name === '--no-color') {
      color = false;
      continue;
    }
    // A value may be empty only for --comment; `--reviewer ""` is no reviewer.
    const value = inline ?? rest[++i];
    if (value === undefined || (value === '' && name !== '--comment')) return fail(`option '${name}' needs a value`);
    const key = name === '-o' ? '--output' : name;
    values.set(key, [...(values.get(key) ?? []), value]);
  }

  if (help) return ok({ command: 'help', topic: command });
  // The last of a repeated single-valued option wins, as in `wiga check`.
  const last = (name: string) => values.get(name)?.at(-1);
  const pathsOrDot = paths.length > 0 ? paths : ['.'];
  const config = last('--config');
  const output = last('--output');
  const common = { ...(config !== undefined ? { config } : {}) };

  const format = last('--format');
  if (format !== undefined && command !== 'inventory' && !(FORMATS as readonly string[]).includes(format)) {
    return fail(`invalid value '${format}' for --format (expected text or json)`);
  }
  if (format !== undefined && command === 'inventory' && !(INVENTORY_FORMATS as readonly string[]).includes(format)) {
    return fail(`invalid value '${format}' for --format (expected table, json or csv)`);
  }
  const date = last('--date');
  if (date !== undefined && !isCalendarDate(date)) return fail(`invalid value '${date}' for --date (expected a date YYYY-MM-DD)`);

  switch (command) {
    case 'rules':
      return ok({ command, format: (format ?? 'text') as Format, color });
    case 'check': {
      const failOn = last('--fail-on');
      if (failOn !== undefined && failOn !== 'none' && !isSeverity(failOn)) return fail(`invalid value '${failOn}' for --fail-on (expected ${FAIL_ON_VALUES})`);
      return ok({
        command,
        paths: pathsOrDot,
        format: (format ?? 'text') as Format,
        ...(output !== undefined ? { output } : {}),
        ...(failOn !== undefined ? { failOn: failOn as Severity | 'none' } : {}),
        color,
        ...common,
      });
    }
    case 'review':
      return ok({ command, paths: pathsOrDot, format: (format ?? 'text') as Format, ...(output !== undefined ? { output } : {}), color, ...common });
    case 'review-record': {
      const workload = last('--workload');
      const decision = last('--decision');
      const reviewer = last('--reviewer');
      if (workload === undefined) return fail('missing --workload NAME (the workload reviewed)');
      if (decision === undefined) return fail('missing --decision keep|reduce|revoke');
      if (!(DECISIONS as readonly string[]).includes(decision)) return fail(`invalid value '${decision}' for --decision (expected keep, reduce or revoke)`);
      if (reviewer === undefined) return fail('missing --reviewer WHO (who reviewed the access)');
      const revoke = values.get('--revoke') ?? [];
      if (decision === 'keep' && revoke.length > 0) return fail("--revoke goes with --decision reduce or revoke, not keep");
      if (decision === 'reduce' && revoke.length === 0) return fail('--decision reduce needs at least one --revoke ACTION_OR_SID (what is to be removed)');
      if (/[\\/]|^\.\.?$/.test(workload)) return fail(`invalid value '${workload}' for --workload (a workload name has no '/', '\\' and is not '.' or '..')`);
      const comment = last('--comment');
      return ok({
        command,
        paths: pathsOrDot,
        workload,
        decision: decision as ReviewDecision,
        reviewer,
        ...(comment !== undefined && comment !== '' ? { comment } : {}),
        revoke,
        ...(date !== undefined ? { date } : {}),
        ...common,
      });
    }
    case 'inventory':
      return ok({ command, paths: pathsOrDot, format: (format ?? 'table') as InventoryFormat, ...(output !== undefined ? { output } : {}), ...common });
    case 'evidence': {
      const outputDir = last('--output-dir');
      return ok({ command, paths: pathsOrDot, ...(outputDir !== undefined ? { outputDir } : {}), ...(date !== undefined ? { date } : {}), ...common });
    }
    case 'rightsize': {
      const lastAccessed = values.get('--last-accessed') ?? [];
      if (lastAccessed.length === 0) return fail('missing --last-accessed FILE (aws iam get-service-last-accessed-details output)');
      const daysText = last('--days');
      if (daysText !== undefined && !/^[1-9]\d{0,4}$/.test(daysText)) return fail(`invalid value '${daysText}' for --days (expected a whole number of days, 1 or more)`);
      return ok({
        command,
        paths: pathsOrDot,
        lastAccessed,
        days: daysText === undefined ? 90 : Number(daysText),
        format: (format ?? 'text') as Format,
        ...(output !== undefined ? { output } : {}),
        ...common,
      });
    }
  }
}

function ok(value: Command): ParseResult {
  return { ok: true, value };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

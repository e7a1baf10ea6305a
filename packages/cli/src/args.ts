import { isSeverity, type Severity } from '@workload-iga/core';

/** Report formats of `wiga check` and `wiga rules`. */
export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckCommand {
  readonly command: 'check';
  /** As given on the command line; `['.']` when none was. */
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  /** `none`: never exit 1 because of findings. */
  readonly failOn: Severity | 'none';
  readonly color: boolean;
}

export interface RulesCommand {
  readonly command: 'rules';
  readonly format: Format;
  readonly color: boolean;
}

export interface HelpCommand {
  readonly command: 'help';
  /** The command whose help was asked for; absent for the top-level help. */
  readonly topic?: 'check' | 'rules';
}

export interface VersionCommand {
  readonly command: 'version';
}

export type Command = CheckCommand | RulesCommand | HelpCommand | VersionCommand;

export type ParseResult = { readonly ok: true; readonly value: Command } | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: wiga <command> [options]

Commands:
  check [PATH...]   Check cdktf synth output, Terraform JSON, plan JSON and IAM policy JSON
                    (default PATH: .)
  rules             List the rules

Options:
  -h, --help        Show help (also: wiga <command> --help)
  --version         Show the version
`;

export const CHECK_USAGE = `Usage: wiga check [options] [PATH...]

Checks the workload identities in each PATH (a file or a directory; default: .).
Directories are searched for cdktf.out/stacks/*/cdk.tf.json, *.tf.json, Terraform plan JSON
(terraform show -json) and IAM policy JSON, skipping node_modules, .terraform, .git and dot-dirs.

Options:
  --format text|json          Report format (default: text)
  -o, --output FILE           Write the report to FILE (a summary line still goes to stderr)
  --fail-on SEVERITY|none     Exit 1 when an unsuppressed finding is at or above SEVERITY:
                              critical, high, medium, low, info, or none (default: high)
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

/** The options of each command, and whether each takes a value. */
const OPTIONS: Record<'check' | 'rules', ReadonlyMap<string, boolean>> = {
  check: new Map([
    ['-h', false],
    ['--help', false],
    ['--no-color', false],
    ['--format', true],
    ['-o', true],
    ['--output', true],
    ['--fail-on', true],
  ]),
  rules: new Map([
    ['-h', false],
    ['--help', false],
    ['--no-color', false],
    ['--format', true],
  ]),
};

const FAIL_ON_VALUES = 'critical, high, medium, low, info or none';

/**
 * Parses the arguments after `wiga` (no node, no script path). Never throws: a usage error is a value
 * whose `error` is one line, without the `wiga: error:` prefix.
 */
export function parseArgs(argv: readonly string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined) return fail('missing command (check or rules)');
  if (first === '-h' || first === '--help' || first === 'help') return ok({ command: 'help' });
  if (first === '--version') return ok({ command: 'version' });
  if (first !== 'check' && first !== 'rules') {
    return first.startsWith('-') ? fail(`unknown option '${first}'`) : fail(`unknown command '${first}'`);
  }
  const command = first;

  let format: Format = 'text';
  let output: string | undefined;
  let failOn: Severity | 'none' = 'high';
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
    if (takesValue === undefined) return fail(`unknown option '${name}'${command === 'rules' ? ' for wiga rules' : ''}`);
    if (!takesValue && inline !== undefined) return fail(`option '${name}' takes no value`);

    let value: string | undefined;
    if (takesValue) {
      value = inline ?? rest[++i];
      if (value === undefined || value === '') return fail(`option '${name}' needs a value`);
    }

    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value!)) return fail(`invalid value '${value}' for --format (expected text or json)`);
        format = value as Format;
        break;
      case '-o':
      case '--output':
        output = value!;
        break;
      case '--fail-on':
        if (value !== 'none' && !isSeverity(value)) return fail(`invalid value '${value}' for --fail-on (expected ${FAIL_ON_VALUES})`);
        failOn = value;
        break;
    }
  }

  if (help) return ok({ command: 'help', topic: command });
  if (command === 'rules') return ok({ command, format, color });
  return ok({ command, paths: paths.length > 0 ? paths : ['.'], format, ...(output !== undefined ? { output } : {}), failOn, color });
}

function ok(value: Command): ParseResult {
  return { ok: true, value };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

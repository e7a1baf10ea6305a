import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, loadHclSupport, RULES, severityAtLeast } from '@workload-iga/core';
import { CHECK_USAGE, parseArgs, RULES_USAGE, USAGE, type CheckCommand, type RulesCommand } from './args';
import { discoverInputs, displayPath, NOT_AN_INPUT } from './discover';
import { formatJson, formatRulesJson, formatRulesText, formatText, summaryLine } from './formatters';
import { writeFileAtomic } from './output';

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
      const topic = argv[0] === 'check' ? CHECK_USAGE : argv[0] === 'rules' ? RULES_USAGE : USAGE;
      io.stderr.write(`wiga: error: ${parsed.error}\n\n${topic}`);
      return EXIT.error;
    }
    const command = parsed.value;
    switch (command.command) {
      case 'help':
        io.stdout.write(command.topic === 'check' ? CHECK_USAGE : command.topic === 'rules' ? RULES_USAGE : USAGE);
        return EXIT.ok;
      case 'version':
        io.stdout.write(`${version()}\n`);
        return EXIT.ok;
      case 'rules':
        return listRules(command, io);
      case 'check':
        return await check(command, io);
    }
  } catch (error) {
    io.stderr.write(`wiga: error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.WIGA_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.error;
  }
}

async function check(command: CheckCommand, io: CliIo): Promise<number> {
  const discovery = discoverInputs(command.paths, io.cwd);
  if (discovery.errors.length > 0) {
    for (const error of discovery.errors) io.stderr.write(`wiga: error: ${error}\n`);
    return EXIT.error;
  }
  if (discovery.files.length === 0) {
    io.stderr.write(
      `wiga: error: no inputs found in ${command.paths.join(', ')}: expected cdktf.out/stacks/*/cdk.tf.json, *.tf, *.tf.json, ` +
        'Terraform plan JSON (terraform show -json) or IAM policy JSON (run cdktf synth first?)\n',
    );
    return EXIT.error;
  }

  // The report being written is never an input (a second run would read the first one's report).
  const outputTarget = command.output === undefined ? undefined : path.resolve(io.cwd, command.output);
  const inputs = discovery.files.filter((f) => outputTarget === undefined || path.resolve(io.cwd, f.path) !== outputTarget);
  // `.tf` files are parsed with a WASM parser, loaded once before the (synchronous) analysis.
  if (discovery.files.some((f) => f.path.endsWith('.tf'))) await loadHclSupport();
  const result = analyze(
    inputs.map(({ path: file, text }) => ({ path: file, text })),
    io.now ? { now: io.now } : {},
  );

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
  // Every file handed to the core must be analysed: one it skipped (a `*.tf.json` holding other JSON)
  // fails the run like a file named explicitly that is no input.
  const skipped = result.inputs.filter((input) => input.status === 'skipped');
  for (const input of skipped) io.stderr.write(`wiga: error: ${input.file}: ${NOT_AN_INPUT}\n`);

  if (parseErrors.length > 0 || result.inputs.some((input) => input.status !== 'analyzed')) return EXIT.error;
  if (command.failOn === 'none') return EXIT.ok;
  const threshold = command.failOn;
  return result.findings.some((finding) => !finding.suppressed && severityAtLeast(finding.severity, threshold)) ? EXIT.findings : EXIT.ok;
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

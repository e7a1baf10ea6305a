import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args';

const check = { command: 'check', paths: ['.'], format: 'text', failOn: 'high', color: true };

describe('parseArgs', () => {
  it.each([
    [['check'], check],
    [['check', 'a', 'b/c.json'], { ...check, paths: ['a', 'b/c.json'] }],
    [['check', '--format', 'json'], { ...check, format: 'json' }],
    [['check', '--format=json'], { ...check, format: 'json' }],
    [['check', '--output', 'out.json'], { ...check, output: 'out.json' }],
    [['check', '-o', 'out.txt', 'dir'], { ...check, paths: ['dir'], output: 'out.txt' }],
    [['check', '--output=r.json'], { ...check, output: 'r.json' }],
    [['check', '--fail-on', 'critical'], { ...check, failOn: 'critical' }],
    [['check', '--fail-on=none'], { ...check, failOn: 'none' }],
    [['check', '--fail-on', 'info'], { ...check, failOn: 'info' }],
    [['check', '--no-color'], { ...check, color: false }],
    [['check', '--format', 'text', '--format', 'json'], { ...check, format: 'json' }],
    [['check', '--', '--odd-name.json'], { ...check, paths: ['--odd-name.json'] }],
    [['check', 'x', '--fail-on', 'low', 'y'], { ...check, paths: ['x', 'y'], failOn: 'low' }],
    [['rules'], { command: 'rules', format: 'text', color: true }],
    [['rules', '--format', 'json', '--no-color'], { command: 'rules', format: 'json', color: false }],
    [['--help'], { command: 'help' }],
    [['-h'], { command: 'help' }],
    [['help'], { command: 'help' }],
    [['check', '--help'], { command: 'help', topic: 'check' }],
    [['check', 'dir', '-h'], { command: 'help', topic: 'check' }],
    [['rules', '--help'], { command: 'help', topic: 'rules' }],
    [['--version'], { command: 'version' }],
  ])('%j parses', (argv, expected) => {
    expect(parseArgs(argv)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [[], 'missing command (check or rules)'],
    [['lint'], "unknown command 'lint'"],
    [['--verbose'], "unknown option '--verbose'"],
    [['check', '--verbose'], "unknown option '--verbose'"],
    [['check', '-x'], "unknown option '-x'"],
    [['check', '--format'], "option '--format' needs a value"],
    [['check', '--format='], "option '--format' needs a value"],
    [['check', '--format', 'sarif'], "invalid value 'sarif' for --format (expected text or json)"],
    [['check', '--fail-on', 'error'], "invalid value 'error' for --fail-on (expected critical, high, medium, low, info or none)"],
    [['check', '--fail-on'], "option '--fail-on' needs a value"],
    [['check', '--output'], "option '--output' needs a value"],
    [['check', '-o'], "option '-o' needs a value"],
    [['check', '--no-color=yes'], "option '--no-color' takes no value"],
    [['rules', 'dir'], "unexpected argument 'dir' (wiga rules takes no paths)"],
    [['rules', '--output', 'x'], "unknown option '--output' for wiga rules"],
    [['rules', '--fail-on', 'high'], "unknown option '--fail-on' for wiga rules"],
  ])('%j is a usage error', (argv, error) => {
    expect(parseArgs(argv)).toEqual({ ok: false, error });
  });
});

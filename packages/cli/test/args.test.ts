import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args';

const check = { command: 'check', paths: ['.'], format: 'text', color: true };
const review = { command: 'review', paths: ['.'], format: 'text', color: true };
const record = { command: 'review-record', paths: ['.'], workload: 'api', decision: 'keep', reviewer: 'ada@example.com', revoke: [] };
const recordArgs = ['review', 'record', '--workload', 'api', '--decision', 'keep', '--reviewer', 'ada@example.com'];
const inventory = { command: 'inventory', paths: ['.'], format: 'table' };
const rightsize = { command: 'rightsize', paths: ['.'], lastAccessed: ['la.json'], days: 90, format: 'text' };

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
    [['check', '--fail-on', 'high'], { ...check, failOn: 'high' }],
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
    [['check', '--config', 'ops/.wiga.yaml'], { ...check, config: 'ops/.wiga.yaml' }],
    [['check', '--config=c.yaml', 'x'], { ...check, paths: ['x'], config: 'c.yaml' }],
    [['review'], review],
    [['review', 'cdktf.out', '--format', 'json', '--no-color'], { ...review, paths: ['cdktf.out'], format: 'json', color: false }],
    [['review', '-o', 'due.txt'], { ...review, output: 'due.txt' }],
    [['review', '--help'], { command: 'help', topic: 'review' }],
    [recordArgs, record],
    [[...recordArgs, '--date', '2026-11-02', '--comment', 'needed', 'cdktf.out'], { ...record, paths: ['cdktf.out'], date: '2026-11-02', comment: 'needed' }],
    [[...recordArgs, '--comment', ''], record],
    [['review', 'record', '--workload', 'api', '--decision', 'reduce', '--revoke', 's3:DeleteObject', '--revoke=ReadAll', '--reviewer', 'r'], { ...record, decision: 'reduce', revoke: ['s3:DeleteObject', 'ReadAll'], reviewer: 'r' }],
    [['review', 'record', '--workload', 'api', '--decision', 'revoke', '--reviewer', 'r'], { ...record, decision: 'revoke', reviewer: 'r' }],
    [['review', 'record', '--help'], { command: 'help', topic: 'review-record' }],
    [['review', 'record', '-h', '--decision', 'bogus'], { command: 'help', topic: 'review-record' }],
    [['inventory'], inventory],
    [['inventory', '--format', 'csv', '-o', 'inv.csv', 'a', 'b'], { ...inventory, paths: ['a', 'b'], format: 'csv', output: 'inv.csv' }],
    [['inventory', '--format=json'], { ...inventory, format: 'json' }],
    [['evidence'], { command: 'evidence', paths: ['.'] }],
    [['evidence', '--output-dir', 'out', '--date', '2026-12-01', '--config', 'c.yaml'], { command: 'evidence', paths: ['.'], outputDir: 'out', date: '2026-12-01', config: 'c.yaml' }],
    [['rightsize', '--last-accessed', 'la.json'], rightsize],
    [['rightsize', '--last-accessed', 'a.json', '--last-accessed', 'b.json', '--days', '30', '--format', 'json', 'cdktf.out'], { ...rightsize, paths: ['cdktf.out'], lastAccessed: ['a.json', 'b.json'], days: 30, format: 'json' }],
    [['rightsize', '--help'], { command: 'help', topic: 'rightsize' }],
    [['inventory', '-h'], { command: 'help', topic: 'inventory' }],
    [['evidence', '--help'], { command: 'help', topic: 'evidence' }],
  ])('%j parses', (argv, expected) => {
    expect(parseArgs(argv)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [[], 'missing command (check, rules, review, inventory, evidence or rightsize)'],
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
    [['check', '--config'], "option '--config' needs a value"],
    [['review', '--fail-on', 'high'], "unknown option '--fail-on' for wiga review"],
    [['review', '--format', 'csv'], "invalid value 'csv' for --format (expected text or json)"],
    [['review', 'record'], 'missing --workload NAME (the workload reviewed)'],
    [['review', 'record', '--workload', 'api'], 'missing --decision keep|reduce|revoke'],
    [['review', 'record', '--workload', 'api', '--decision', 'approve'], "invalid value 'approve' for --decision (expected keep, reduce or revoke)"],
    [['review', 'record', '--workload', 'api', '--decision', 'keep'], 'missing --reviewer WHO (who reviewed the access)'],
    [['review', 'record', '--workload', 'api', '--decision', 'keep', '--reviewer', ''], "option '--reviewer' needs a value"],
    [[...recordArgs, '--revoke', 's3:GetObject'], '--revoke goes with --decision reduce or revoke, not keep'],
    [['review', 'record', '--workload', 'api', '--decision', 'reduce', '--reviewer', 'r'], '--decision reduce needs at least one --revoke ACTION_OR_SID (what is to be removed)'],
    [[...recordArgs, '--date', '2026-02-30'], "invalid value '2026-02-30' for --date (expected a date YYYY-MM-DD)"],
    [[...recordArgs, '--date', 'today'], "invalid value 'today' for --date (expected a date YYYY-MM-DD)"],
    [['review', 'record', '--workload', '../x', '--decision', 'keep', '--reviewer', 'r'], "invalid value '../x' for --workload (a workload name has no '/', '\\' and is not '.' or '..')"],
    [[...recordArgs, '--format', 'json'], "unknown option '--format' for wiga review record"],
    [['inventory', '--format', 'text'], "invalid value 'text' for --format (expected table, json or csv)"],
    [['inventory', '--no-color'], "unknown option '--no-color' for wiga inventory"],
    [['evidence', '--output-dir'], "option '--output-dir' needs a value"],
    [['evidence', '-o', 'x'], "unknown option '-o' for wiga evidence"],
    [['rightsize'], 'missing --last-accessed FILE (aws iam get-service-last-accessed-details output)'],
    [['rightsize', '--last-accessed', 'a.json', '--days', '0'], "invalid value '0' for --days (expected a whole number of days, 1 or more)"],
    [['rightsize', '--last-accessed', 'a.json', '--days', 'ninety'], "invalid value 'ninety' for --days (expected a whole number of days, 1 or more)"],
    [['rightsize', '--last-accessed', 'a.json', '--format', 'csv'], "invalid value 'csv' for --format (expected text or json)"],
  ])('%j is a usage error', (argv, error) => {
    expect(parseArgs(argv)).toEqual({ ok: false, error });
  });
});

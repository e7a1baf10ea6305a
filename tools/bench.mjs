#!/usr/bin/env node
// Benchmark of `wiga check` on generated cdktf-shaped stacks of 1,000 and 10,000 workloads.
//
//   node tools/bench.mjs            1,000 and 10,000 workloads, median of 3 runs each
//   node tools/bench.mjs --quick    1,000 only
//   node tools/bench.mjs --runs 5   another number of runs
//
// Each measurement runs in a fresh child process, so peak RSS is per run:
//   parse    read + JSON.parse of the stack (the floor any checker pays)
//   check    `wiga check <dir> --format json --output <tmp>` end to end, via the built binary
//   analyze  the in-process analyze() of the built core, without reading or process start
// "parse s" and "check s" are both the wall time of their whole child process (Node start included),
// so their ratio compares like with like. Peak RSS comes from /usr/bin/time -v when present, else
// from process.resourceUsage().maxRSS reported by a preloaded hook in the child.
// Figures go to stdout as a table and to .bench/results.json. Needs a build (`npm run build`).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAWS, flawOf, workloadOfAddress, writeStack } from './bench/generate-stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
const wiga = join(root, 'packages', 'cli', 'bin', 'wiga.js');
const TARGET = { workloads: 10_000, checkSeconds: 3, ratio: 10 };

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function parseOptions(argv) {
  const options = { quick: false, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') options.quick = true;
    else if (argv[i] === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) options.runs = Number(argv[++i]);
    else fail(`unknown argument '${argv[i]}' (usage: node tools/bench.mjs [--quick] [--runs N])`);
  }
  return options;
}

const hasGnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).status === 0;
const rssHook = join(root, 'tools', 'bench', 'report-rss.cjs');

/** Runs `node args` in a fresh process; returns wall seconds, peak RSS (MB), exit status and output. */
function measure(args) {
  const command = hasGnuTime ? '/usr/bin/time' : process.execPath;
  const argv = hasGnuTime ? ['-v', process.execPath, ...args] : ['-r', rssHook, ...args];
  const started = performance.now();
  const child = spawnSync(command, argv, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - started) / 1000;
  if (child.error) fail(`cannot run ${args.join(' ')}: ${child.error.message}`);
  const rss = hasGnuTime
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024
    : Number(/wiga-bench-maxrss-kb=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rssMB: rss, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Splits the report's unsuppressed findings into those on flawed and on clean workloads. */
function attribute(report, workloads) {
  const byWorkload = new Map();
  let unattributed = 0;
  for (const finding of report.findings) {
    if (finding.suppressed) continue;
    const addresses = [finding.identity, finding.location?.address, ...(finding.related ?? []).map((r) => r.address)];
    const index = addresses.map(workloadOfAddress).find((value) => value !== undefined);
    if (index === undefined) {
      unattributed++;
      continue;
    }
    if (!byWorkload.has(index)) byWorkload.set(index, []);
    byWorkload.get(index).push(finding.ruleId);
  }
  const flaws = Object.fromEntries(FLAWS.map((flaw) => [flaw, { workloads: 0, detected: 0, findings: 0, rules: new Set() }]));
  const clean = { workloads: 0, withFindings: 0, findings: 0, rules: new Set() };
  for (let i = 0; i < workloads; i++) {
    const flaw = flawOf(i);
    const rules = byWorkload.get(i) ?? [];
    const bucket = flaw ? flaws[flaw] : clean;
    bucket.workloads++;
    bucket.findings += rules.length;
    if (rules.length > 0) bucket[flaw ? 'detected' : 'withFindings']++;
    for (const rule of rules) bucket.rules.add(rule);
  }
  const plain = (bucket) => ({ ...bucket, rules: [...bucket.rules].sort() });
  return {
    flaws: Object.fromEntries(Object.entries(flaws).map(([flaw, bucket]) => [flaw, plain(bucket)])),
    clean: plain(clean),
    unattributed,
  };
}

function benchOne(workloads, runs) {
  const dir = join(benchDir, `w${workloads}`);
  rmSync(dir, { recursive: true, force: true });
  const stack = writeStack(workloads, dir);
  const file = relative(root, stack.file);
  const reportFile = join(benchDir, `report-w${workloads}.json`);

  const parse = [];
  const check = [];
  const analyzeRuns = [];
  let report;
  for (let run = 0; run < runs; run++) {
    const p = measure([join(root, 'tools', 'bench', 'parse-child.mjs'), file]);
    if (p.status !== 0) fail(`parse child failed: ${p.stderr}`);
    parse.push(p);

    rmSync(reportFile, { force: true });
    const c = measure([wiga, 'check', relative(root, dir), '--format', 'json', '--output', relative(root, reportFile), '--fail-on', 'none']);
    if (c.status !== 0) fail(`wiga check exited ${c.status} on ${relative(root, dir)}:\n${c.stderr}`);
    check.push(c);
    report = JSON.parse(readFileSync(reportFile, 'utf8'));

    const a = measure([join(root, 'tools', 'bench', 'analyze-child.mjs'), file]);
    if (a.status !== 0) fail(`analyze child failed: ${a.stderr}`);
    analyzeRuns.push({ ...JSON.parse(a.stdout.trim().split('\n').pop()), rssMB: a.rssMB });
  }

  const parseSeconds = median(parse.map((r) => r.seconds));
  const checkSeconds = median(check.map((r) => r.seconds));
  return {
    workloads,
    blocks: stack.blocks,
    fileMB: stack.bytes / 1e6,
    parseSeconds,
    checkSeconds,
    ratio: checkSeconds / parseSeconds,
    analyzeSeconds: median(analyzeRuns.map((r) => r.analyzeSeconds)),
    coreLoadSeconds: median(analyzeRuns.map((r) => r.loadSeconds)),
    parseRssMB: median(parse.map((r) => r.rssMB)),
    checkRssMB: median(check.map((r) => r.rssMB)),
    analyzeRssMB: median(analyzeRuns.map((r) => r.rssMB)),
    findings: report.findings.length,
    suppressed: report.findings.filter((f) => f.suppressed).length,
    inputs: report.inputs.map((input) => ({ file: input.file, kind: input.kind, status: input.status })),
    attribution: attribute(report, workloads),
    runs: { parse: parse.map((r) => r.seconds), check: check.map((r) => r.seconds), analyze: analyzeRuns.map((r) => r.analyzeSeconds) },
  };
}

function table(rows) {
  const header = ['workloads', 'blocks', 'file MB', 'parse s', 'check s', 'check/parse', 'analyze s', 'peak RSS MB', 'findings', 'on flawed', 'on clean'];
  const body = rows.map((r) => {
    const flawed = Object.values(r.attribution.flaws).reduce((sum, f) => sum + f.findings, 0);
    return [
      r.workloads.toLocaleString('en-US'),
      r.blocks.toLocaleString('en-US'),
      r.fileMB.toFixed(1),
      r.parseSeconds.toFixed(2),
      r.checkSeconds.toFixed(2),
      `${r.ratio.toFixed(1)}x`,
      r.analyzeSeconds.toFixed(2),
      r.checkRssMB.toFixed(0),
      String(r.findings),
      String(flawed),
      String(r.attribution.clean.findings),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => '| ' + cells.map((cell, i) => cell.padStart(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n');
}

function verdicts(rows) {
  const lines = [];
  let pass = true;
  for (const r of rows) {
    const { flaws, clean, unattributed } = r.attribution;
    const found = Object.entries(flaws).map(([flaw, f]) => `${flaw} ${f.detected}/${f.workloads} (${f.rules.join(', ') || 'no rule'})`);
    const allFound = Object.values(flaws).every((f) => f.detected === f.workloads);
    const cleanOk = clean.withFindings === 0 && unattributed === 0;
    pass &&= allFound && cleanOk;
    lines.push(
      `${r.workloads.toLocaleString('en-US')} workloads: flaws found: ${found.join('; ')} → ${allFound ? 'all 3 kinds found' : 'MISSED some'}`,
      `  clean workloads with findings: ${clean.withFindings}/${clean.workloads} (${clean.findings} findings${clean.rules.length ? `: ${clean.rules.join(', ')}` : ''})` +
        `${unattributed ? `, ${unattributed} findings not on any workload` : ''} → ${cleanOk ? 'no noise' : 'NOISE'}`,
    );
    if (r.workloads === TARGET.workloads) {
      const fast = r.checkSeconds < TARGET.checkSeconds;
      const near = r.ratio <= TARGET.ratio;
      pass &&= fast && near;
      lines.push(
        `  target: check < ${TARGET.checkSeconds} s → ${r.checkSeconds.toFixed(2)} s ${fast ? 'met' : 'MISSED'}; ` +
          `within ${TARGET.ratio}x of parse → ${r.ratio.toFixed(1)}x ${near ? 'met' : 'MISSED'}`,
      );
    }
  }
  return { text: lines.join('\n'), pass };
}

const options = parseOptions(process.argv.slice(2));
for (const built of ['packages/core/dist/index.js', 'packages/cli/dist/bin.js']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
}
mkdirSync(benchDir, { recursive: true });
const sizes = options.quick ? [1_000] : [1_000, 10_000];
const rows = [];
for (const workloads of sizes) {
  process.stderr.write(`bench: ${workloads.toLocaleString('en-US')} workloads, ${options.runs} runs...\n`);
  rows.push(benchOne(workloads, options.runs));
}
const verdict = verdicts(rows);
process.stdout.write(`${table(rows)}\n\n${verdict.text}\n`);
process.stdout.write(`(median of ${options.runs} runs; peak RSS of the check process; node ${process.version}; ${hasGnuTime ? '/usr/bin/time -v' : 'resourceUsage().maxRSS'})\n`);
writeFileSync(
  join(benchDir, 'results.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: options.runs, rssSource: hasGnuTime ? 'gnu-time' : 'maxRSS', target: TARGET, pass: verdict.pass, results: rows }, null, 2) + '\n',
);
process.stdout.write(`figures written to ${relative(root, join(benchDir, 'results.json'))}\n`);
process.exitCode = verdict.pass ? 0 : 1;

// Benchmark child: read the files, then time the in-process analyze() of the built core alone.
// Prints {readSeconds, analyzeSeconds, findings, maxRssMB} as JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';

const require = createRequire(import.meta.url);
const started = performance.now();
const { analyze } = require('../../packages/core/dist/index.js');
const loadSeconds = (performance.now() - started) / 1000;
const readStarted = performance.now();
const inputs = process.argv.slice(2).map((file) => ({ path: relative(process.cwd(), file), text: readFileSync(file, 'utf8') }));
const readSeconds = (performance.now() - readStarted) / 1000;
const analyzeStarted = performance.now();
const result = analyze(inputs);
const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
process.stdout.write(
  JSON.stringify({ loadSeconds, readSeconds, analyzeSeconds, findings: result.findings.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);

#!/usr/bin/env node
// Runs the whole test suite with vitest from the repository root and ends with one plain line,
//   N passed, N failed[, N skipped]
// alone on the last line of stdout. Exit status is non-zero when a test or a test file failed, or
// when no test ran at all. Extra arguments go to vitest (e.g. `node tools/test.mjs test/boundaries`).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', '.bin', 'vitest');
const resultsDir = join(root, '.test-results');
const resultsFile = join(resultsDir, 'vitest.json');

function finish(passed, failed, skipped, code, note) {
  if (note) process.stderr.write(`test: ${note}\n`);
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  process.stdout.write(`\n${line}\n`);
  process.exit(code);
}

if (!existsSync(vitest)) {
  finish(0, 0, 0, 1, 'vitest is not installed; run `npm run setup` first');
}

rmSync(resultsFile, { force: true });
mkdirSync(resultsDir, { recursive: true });

const result = spawnSync(vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile=${resultsFile}`,
  ...process.argv.slice(2)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', ...process.env } });

if (result.error) finish(0, 0, 0, 1, `could not start vitest: ${result.error.message}`);

let report;
try {
  report = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  finish(0, 0, 0, result.status || 1,
    `vitest exited ${result.status ?? result.signal} without writing ${resultsFile} (see its output above)`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const brokenFiles = [];
for (const file of report.testResults || []) {
  const assertions = file.assertionResults || [];
  for (const a of assertions) {
    if (a.status === 'passed') passed += 1;
    else if (a.status === 'failed') failed += 1;
    else skipped += 1; // skipped, pending, todo, disabled
  }
  // A file that failed outside any test (import error, failing beforeAll/afterAll) counts as a failure.
  if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
    failed += 1;
    brokenFiles.push(file.name);
  }
}

let note = brokenFiles.length
  ? `test files failed outside a test (counted as one failure each): ${brokenFiles.map((f) => f.replace(`${root}/`, '')).join(', ')}`
  : undefined;
if (result.status !== 0 && failed === 0 && passed + skipped > 0) {
  // e.g. an unhandled error or rejection that vitest reports after the tests: a failure, not a pass.
  failed = 1;
  note = `vitest exited ${result.status ?? result.signal} with no failing test (an error outside the tests, see above); counted as one failure`;
}
let code = failed > 0 ? 1 : 0;
if (passed + failed === 0) {
  code = 1;
  note = 'no test ran';
}
finish(passed, failed, skipped, code, note);

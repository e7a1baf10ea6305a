#!/usr/bin/env node
// Regenerates, from the built core's RULES metadata, the rule table in README.md (between
// <!-- rules:start --> and <!-- rules:end -->) and the metadata part of every rule's doc page. `npm run docs` builds the packages first.
//
//   node tools/generate-docs.mjs           write the table (creates a minimal README.md if missing)
//   node tools/generate-docs.mjs --check   exit 1 when README.md's table is out of date

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { END_MARKER, START_MARKER, renderDocHeader, renderRuleTable, replaceDocHeader, replaceTable, tableInReadme } from './rule-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const corePath = join(root, 'packages', 'core', 'dist', 'index.js');
const check = process.argv.includes('--check');

function fail(message) {
  process.stderr.write(`docs: ${message}\n`);
  process.exit(1);
}

if (!existsSync(corePath)) fail('packages/core is not built; run `npm run docs` (it builds first) or `npm run build`');
const { RULES } = createRequire(import.meta.url)(corePath);
const table = renderRuleTable(RULES);

// Each page's metadata part (title, description, rationale) is regenerated; examples are by hand.
const stalePages = [];
const missingPages = [];
for (const rule of RULES) {
  const page = join(root, rule.docs);
  if (!existsSync(page)) {
    missingPages.push(rule.docs);
    continue;
  }
  const text = readFileSync(page, 'utf8');
  let updated;
  try {
    updated = replaceDocHeader(text, renderDocHeader(rule));
  } catch (error) {
    fail(`${rule.docs}: ${error.message}`);
  }
  if (updated === text) continue;
  if (check) stalePages.push(rule.docs);
  else {
    writeFileSync(page, updated);
    process.stderr.write(`docs: updated ${rule.docs} from the rule's metadata\n`);
  }
}
if (missingPages.length > 0) fail(`no doc page for: ${missingPages.join(', ')}; write its Examples, How to fix and suppression sections (the part above them is generated)`);
if (check && stalePages.length > 0) fail(`out of date with the rules' metadata: ${stalePages.join(', ')}; run \`npm run docs\``);

const exists = existsSync(readmePath);
const readme = exists ? readFileSync(readmePath, 'utf8') : `${START_MARKER}\n${END_MARKER}\n`;
const current = tableInReadme(readme);
if (current === undefined) fail(`README.md has no '${START_MARKER}' ... '${END_MARKER}' markers; add them where the rule table goes`);

if (check) {
  if (!exists) fail('README.md does not exist; run `npm run docs`');
  if (current !== table) fail('the rule table in README.md is out of date; run `npm run docs`');
  process.stderr.write(`docs: README.md rule table is up to date (${RULES.length} rules)\n`);
  process.exit(0);
}

const updated = replaceTable(readme, table);
if (updated !== readme || !exists) {
  writeFileSync(readmePath, updated);
  process.stderr.write(`docs: wrote the rule table (${RULES.length} rules) to README.md\n`);
} else {
  process.stderr.write(`docs: README.md rule table is up to date (${RULES.length} rules)\n`);
}

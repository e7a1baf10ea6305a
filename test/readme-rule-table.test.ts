// The README rule table is generated from the rules' metadata; this fails when it is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '@workload-iga/core';
// @ts-expect-error -- plain .mjs tool module without type declarations
import { renderRuleTable, tableInReadme } from '../tools/rule-table.mjs';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

describe('README rule table', () => {
  it('has the markers', () => {
    expect(tableInReadme(readme)).toBeDefined();
  });

  it('matches the rules metadata (run `npm run docs` to update it)', () => {
    expect(tableInReadme(readme)).toBe(renderRuleTable(RULES));
  });

  it('has one row per rule, linked to its doc page', () => {
    const table: string = tableInReadme(readme) ?? '';
    for (const rule of RULES) expect(table).toContain(`[\`${rule.id}\`](${rule.docs})`);
    expect(table.split('\n')).toHaveLength(RULES.length + 2);
  });
});

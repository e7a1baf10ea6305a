// Keeps the rule registry, the rule files, their tests and their doc pages in step, and executes
// every example of every doc page: "Incorrect" examples must produce a finding of the rule,
// "Correct" examples none.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, parseGovernanceConfig, parseReviewRecord, parseTeams, rightsize, RULES, type Finding, type GovernanceContext } from '@workload-iga/core';

const core = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-06-01T00:00:00Z');

interface Example {
  readonly kind: 'Incorrect' | 'Correct';
  readonly index: number;
  readonly text: string;
  /** ```yaml blocks above the example in its section, by the path in their first line (`# .wiga.yaml`). */
  readonly yaml: readonly { readonly path: string; readonly text: string }[];
}

/** The ```json blocks of a page, by the nearest heading above them that says Incorrect or Correct. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let kind: Example['kind'] | undefined;
  let yaml: { path: string; text: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      kind = /\bincorrect\b/i.test(heading[1]!) ? 'Incorrect' : /\bcorrect\b/i.test(heading[1]!) ? 'Correct' : undefined;
      yaml = [];
      continue;
    }
    if (line.trim() === '```yaml') {
      const start = i + 1;
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== '```') i++;
      const text = lines.slice(start, i + 1).join('\n');
      i++;
      yaml.push({ path: /^#\s*(\S+)/.exec(text)?.[1] ?? '', text });
      continue;
    }
    if (line.trim() === '```json') {
      const start = i + 1;
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== '```') i++;
      const text = lines.slice(start, i + 1).join('\n');
      i++;
      if (kind) out.push({ kind, index: out.filter((e) => e.kind === kind).length, text, yaml });
    }
  }
  return out;
}

/** A policy document is analysed as `example.json`, anything else as Terraform JSON. */
function pathFor(text: string): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  return 'Statement' in value ? 'example.json' : 'main.tf.json';
}

/** The ```json blocks of a page that are IAM Access Advisor data (`ServicesLastAccessed`), as `app.json`. */
function accessAdvisorBlocks(markdown: string): { file: string; text: string }[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!).filter((t) => t.includes('"ServicesLastAccessed"')).map((text) => ({ file: 'app.json', text }));
}

/** Rules reported outside `analyze`: their examples run through the API that reports them. */
const REPORTED_BY: Readonly<Record<string, (path: string, text: string, markdown: string) => readonly Finding[]>> = {
  'unused-access': (path, text, markdown) => rightsize([{ path, text }], accessAdvisorBlocks(markdown), { days: 90, now: NOW }).findings,
};

describe('rule registry', () => {
  it('lists every rule file of src/rules (those that export default defineRule), sorted by id', () => {
    // Shared helpers (rule.ts, index.ts, statement-risk.ts) live beside the rules but define none.
    const files = readdirSync(join(core, 'src/rules'))
      .filter((f) => f.endsWith('.ts') && /export default defineRule\(/.test(readFileSync(join(core, 'src/rules', f), 'utf8')))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(RULES.map((r) => r.id)).toEqual(files);
  });

  it('has unique ids, all kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, meta) => {
  const docPath = join(core, 'docs/rules', `${id}.md`);

  it('has a test file', () => {
    expect(existsSync(join(core, 'test/rules', `${id}.test.ts`))).toBe(true);
  });

  it('has a doc page at meta.docs whose title matches meta', () => {
    expect(meta.docs).toBe(`packages/core/docs/rules/${id}.md`);
    expect(existsSync(docPath)).toBe(true);
    const firstLine = readFileSync(docPath, 'utf8').split('\n')[0];
    expect(firstLine).toBe(`# ${id}: ${meta.title}`);
  });

  it("starts with the part generated from its metadata (npm run docs)", async () => {
    const { renderDocHeader } = await import('../../../tools/rule-table.mjs');
    expect(readFileSync(docPath, 'utf8').startsWith(renderDocHeader(meta))).toBe(true);
  });

  it('has the sections of a rule page', () => {
    const markdown = readFileSync(docPath, 'utf8');
    for (const section of ['## What it checks', '## Why', '### Incorrect', '### Correct', '## How to fix', '## When a suppression is justified']) expect(markdown).toContain(section);
    expect(markdown).toContain(`Category: \`${meta.category}\``);
    expect(markdown).toContain(`Default severity: **${meta.severity}**`);
  });

  const all = existsSync(docPath) ? examples(readFileSync(docPath, 'utf8')) : [];
  it('has at least one Incorrect and one Correct example', () => {
    expect(all.some((e) => e.kind === 'Incorrect')).toBe(true);
    expect(all.some((e) => e.kind === 'Correct')).toBe(true);
  });

  it.each(all.map((e) => [`${e.kind} example ${e.index + 1}`, e] as const))('%s', (_name, example) => {
    const path = pathFor(example.text);
    const result = analyze([{ path, text: example.text }], { now: NOW, ...(example.yaml.length > 0 && { governance: governanceOf(example.yaml) }) });
    expect(result.inputs.map((i) => i.status)).toEqual(['analyzed']);
    const runner = REPORTED_BY[id];
    const ofRule = (runner ? runner(path, example.text, readFileSync(docPath, 'utf8')) : result.findings).filter((f) => f.ruleId === id);
    if (example.kind === 'Incorrect') expect(ofRule.length, `an Incorrect example of ${id} must produce a finding`).toBeGreaterThan(0);
    else expect(ofRule.map((f) => f.message)).toEqual([]);
  });
});

/** The governance context of an example's yaml blocks: `.wiga.yaml`, `governance/owners.yaml`, review records. */
function governanceOf(blocks: Example['yaml']): GovernanceContext {
  let context: { -readonly [K in keyof GovernanceContext]: GovernanceContext[K] } = {};
  for (const { path, text } of blocks) {
    const parsed = path.endsWith('.wiga.yaml') ? parseGovernanceConfig(text, path) : path.endsWith('owners.yaml') ? parseTeams(text, path) : parseReviewRecord(text, path);
    expect(parsed.problems).toEqual([]);
    if (path.endsWith('.wiga.yaml')) context = { ...context, config: parsed.value as GovernanceContext['config'] };
    else if (path.endsWith('owners.yaml')) context = { ...context, teams: parsed.value as GovernanceContext['teams'] };
    else context = { ...context, reviews: [...(context.reviews ?? []), parsed.value as NonNullable<GovernanceContext['reviews']>[number]] };
  }
  return context;
}

// The README rule table, rendered from the rules' metadata. Shared by tools/generate-docs.mjs
// (which writes it) and test/readme-rule-table.test.ts (which fails when README.md is stale).

export const START_MARKER = '<!-- rules:start -->';
export const END_MARKER = '<!-- rules:end -->';

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * A Markdown table of the rules: Rule (linked to its doc page), Category, Default severity,
 * What it checks (the rule's title).
 * @param {readonly {id: string, category: string, severity: string, title: string, docs: string}[]} rules
 */
export function renderRuleTable(rules) {
  const rows = rules.map((r) => `| [\`${cell(r.id)}\`](${r.docs}) | \`${cell(r.category)}\` | ${cell(r.severity)} | ${cell(r.title)} |`);
  return ['| Rule | Category | Default severity | What it checks |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The text between the markers (without the newlines next to them), or undefined without markers. */
export function tableInReadme(readme) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(start + START_MARKER.length, end).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** The README with the text between the markers replaced by `table`. */
export function replaceTable(readme, table) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md has no '${START_MARKER}' ... '${END_MARKER}' markers`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
}

/**
 * The part of a rule's doc page that comes from its metadata: title, category and severity, *What
 * it checks* (description) and *Why* (rationale). Everything from `## Examples` on is written by hand.
 * @param {{id: string, category: string, severity: string, title: string, description: string, rationale: string}} rule
 */
export function renderDocHeader(rule) {
  const links = (text) => text.replace(/(?<!<)(https?:\/\/[^\s<>]+?)([.,;:)]?)(?=\s|$)/g, '<$1>$2');
  return [
    `# ${rule.id}: ${rule.title}`,
    '',
    `Category: \`${rule.category}\` · Default severity: **${rule.severity}**`,
    '',
    '## What it checks',
    '',
    rule.description,
    '',
    '## Why',
    '',
    links(rule.rationale),
    '',
  ].join('\n');
}

export const EXAMPLES_HEADING = '## Examples';

/** The page with everything before `## Examples` replaced by `header`. */
export function replaceDocHeader(page, header) {
  const at = page.indexOf(`\n${EXAMPLES_HEADING}`);
  if (at === -1) throw new Error(`the page has no '${EXAMPLES_HEADING}' section`);
  return `${header}${page.slice(at + 1)}`;
}

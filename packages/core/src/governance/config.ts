/**
 * `.wiga.yaml`: the governance configuration (own accounts, failOn, rule severities, teams file,
 * review cadences, organisation policy, suppressions), read strictly: an unknown key, a wrong type,
 * an unknown rule id or a bad date is a problem with file, line and column.
 */
import { SEVERITIES } from '../findings/finding';
import { RULES } from '../rules/index';
import type { GovernanceConfig, ParseResult } from './types';
import { readYaml, type Shape } from './yaml-input';

export * from './defaults';

const strings: Shape = { t: 'list', of: { t: 'string' } };
const days: Shape = { t: 'number', integer: true, min: 1, unit: 'days' };
const ruleId = (id: string) => (RULES.some((r) => r.id === id) ? undefined : `unknown rule id '${id}'${closest(id)}`);

function closest(id: string): string {
  const head = id.split('-')[0];
  const near = RULES.map((r) => r.id).filter((r) => distance(r, id) <= 3 || (head !== 'no' && r.split('-')[0] === head));
  return near.length > 0 ? ` (did you mean ${near.slice(0, 3).map((n) => `'${n}'`).join(', ')}?)` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

const CONFIG_SHAPE: Shape = {
  t: 'object',
  fields: {
    ownAccounts: { t: 'list', of: { t: 'custom', check: (v) => (typeof v === 'string' && /^\d{12}$/.test(v) ? { value: v } : typeof v === 'number' && /^\d{12}$/.test(String(v)) ? { value: String(v) } : { message: `must be a 12-digit AWS account id (quote it), got ${JSON.stringify(v)}` }) } },
    failOn: { t: 'enum', values: [...SEVERITIES, 'none'] },
    rules: { t: 'record', of: { t: 'enum', values: ['off', ...SEVERITIES] }, key: ruleId },
    owners: { t: 'string' },
    reviews: {
      t: 'object',
      fields: {
        directory: { t: 'string' },
        selfReview: { t: 'enum', values: ['allow', 'forbid'] },
        cadenceDays: { t: 'object', fields: { default: days, privileged: days, aiAgent: days, byKind: { t: 'record', of: days } } },
      },
    },
    expiringWithinDays: { t: 'number', integer: true, min: 0, unit: 'days' },
    policy: {
      t: 'object',
      fields: {
        forbiddenActions: {
          t: 'list',
          of: { t: 'object', fields: { actions: { t: 'list', of: { t: 'string', pattern: /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/, patternText: "an action pattern like 'iam:*' or 's3:DeleteBucket'" } }, environments: strings, kinds: strings, reason: { t: 'string' } }, required: ['actions', 'reason'] },
        },
        separationOfDuties: {
          t: 'list',
          of: {
            t: 'object',
            fields: {
              name: { t: 'string' },
              first: { t: 'list', of: { t: 'string', pattern: /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/, patternText: 'an action pattern' } },
              second: { t: 'list', of: { t: 'string', pattern: /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/, patternText: 'an action pattern' } },
              reason: { t: 'string' },
            },
            required: ['name', 'first', 'second'],
          },
        },
        maxSessionDurationSeconds: { t: 'number', integer: true, min: 900, unit: 'seconds' },
        requirePermissionsBoundary: { t: 'boolean-or-string' },
      },
    },
    suppressions: {
      t: 'list',
      of: { t: 'object', fields: { rule: { t: 'custom', check: (v) => (typeof v !== 'string' ? { message: `must be a rule id, got ${JSON.stringify(v)}` } : ruleId(v) ? { message: `is an ${ruleId(v)}` } : { value: v }) }, address: { t: 'string' }, reason: { t: 'custom', check: suppressionReason }, expires: { t: 'date' } }, required: ['rule', 'reason'] },
    },
  },
};

/** Parses `.wiga.yaml`. `value` is set only when there is no problem. */
export function parseGovernanceConfig(text: string, file: string): ParseResult<GovernanceConfig> {
  const read = readYaml(text, file, CONFIG_SHAPE);
  if (read.problems.length > 0) return { problems: read.problems };
  return { value: { file, ...(read.value as object) } as GovernanceConfig, problems: [] };
}

/**
 * A suppression's reason is what a reviewer reads: it must say something. An empty string or a
 * placeholder left by an editor's code action (`<reason>`) is rejected, so it suppresses nothing.
 */
function suppressionReason(value: unknown): { message: string } | { value: string } {
  if (typeof value !== 'string') return { message: `must be a string that says why, got ${JSON.stringify(value)}` };
  const text = value.trim();
  if (text === '' || /^<[^>]*>$/.test(text)) return { message: `must say why the finding is accepted (replace the placeholder '${value}')` };
  if (text.length < 10) return { message: `is too short to say why ('${value}'): give the reason a reviewer needs` };
  return { value };
}

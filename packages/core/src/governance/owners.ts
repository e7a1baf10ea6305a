/**
 * `governance/owners.yaml`: the teams that own workloads, their members (the people who may review)
 * and contacts.
 *
 * ```yaml
 * teams:
 *   - id: team-payments
 *     name: Payments
 *     members: [alice, bob]
 *     contacts: { email: payments@example.com, slack: "#payments" }
 * ```
 */
import type { InputError } from '../engine/analysis';
import type { ParseResult, Team, TeamsFile } from './types';
import { readYaml, type Shape } from './yaml-input';

const TEAMS_SHAPE: Shape = {
  t: 'object',
  fields: {
    teams: {
      t: 'list',
      of: {
        t: 'object',
        fields: {
          id: { t: 'string', pattern: /^[A-Za-z0-9][A-Za-z0-9._@/-]*$/, patternText: 'a team id (letters, digits, . _ - @ /, no spaces)' },
          name: { t: 'string' },
          members: { t: 'list', of: { t: 'string' } },
          contacts: { t: 'object', fields: { email: { t: 'string' }, slack: { t: 'string' }, pager: { t: 'string' } } },
        },
        required: ['id', 'members'],
      },
    },
  },
  required: ['teams'],
};

/** Parses the teams file. `value` is set only when there is no problem (duplicate team ids are one). */
export function parseTeams(text: string, file: string): ParseResult<TeamsFile> {
  const read = readYaml(text, file, TEAMS_SHAPE);
  if (read.parsed && read.problems.length === 0 && !(read.value as { teams?: unknown } | undefined)?.teams) {
    return { problems: [{ file, line: 1, column: 1, message: "missing required key 'teams' in the top level" }] };
  }
  if (read.problems.length > 0) return { problems: read.problems };
  const teams = (read.value as { teams: Team[] }).teams;
  const problems: InputError[] = [];
  const seen = new Set<string>();
  teams.forEach((team, i) => {
    if (seen.has(team.id)) {
      problems.push({ file, ...read.positionOf(['teams', i, 'id']), message: `'teams[${i}].id': the team '${team.id}' is defined twice` });
    }
    seen.add(team.id);
  });
  if (problems.length > 0) return { problems };
  return { value: { file, teams }, problems: [] };
}

/** The team an owner names (by id, case-insensitively), if the teams file defines it. */
export function findTeam(teams: TeamsFile | undefined, owner: string | undefined): Team | undefined {
  if (!teams || !owner) return undefined;
  const key = owner.trim().toLowerCase();
  return teams.teams.find((t) => t.id.toLowerCase() === key);
}

/** Whether `person` is a member of `team` (case-insensitive; an e-mail matches its local part too). */
export function isMember(team: Team | undefined, person: string): boolean {
  if (!team) return false;
  const p = person.trim().toLowerCase();
  return team.members.some((m) => {
    const x = m.trim().toLowerCase();
    return x === p || x.split('@')[0] === p || p.split('@')[0] === x;
  });
}

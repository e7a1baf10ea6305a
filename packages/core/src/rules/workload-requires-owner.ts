import { findTeam } from '../governance/owners';
import { workloadsOf } from '../governance/workloads';
import { GOVERNANCE_TAGS } from '../inventory/governance-manifest';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'workload-requires-owner',
    category: 'missing-owner',
    severity: 'medium',
    title: 'Workloads must have an owner',
    description: `A workload identity (declared with the constructs, or tagged \`${GOVERNANCE_TAGS.workload}\`) has no owner (\`${GOVERNANCE_TAGS.owner}\` tag), or, when a teams file (\`governance/owners.yaml\`) is given, its owner or backup owner (\`${GOVERNANCE_TAGS.backupOwner}\`) is no team of that file.`,
    rationale:
      'An identity nobody owns is never reviewed and never retired, and an owner that names no team reaches nobody. CIS Controls v8 5.5 asks for an inventory of service accounts with owner, purpose and review date. OWASP NHI Top 10: NHI1 improper offboarding.',
    fix: `Set the owner (the construct's \`owner\` prop, or the \`${GOVERNANCE_TAGS.owner}\` tag) to the id of the team that answers for the workload, as listed in governance/owners.yaml.`,
  },
  check({ inventory, governance, report }) {
    const teams = governance?.teams;
    for (const w of workloadsOf(inventory)) {
      if (!w.identity) continue;
      const base = { origin: w.identity.origin, identity: w.identity.address };
      if (!w.owner) {
        report({
          ...base,
          message: `workload '${w.name}' (${w.address}) has no owner`,
          suggestion: `Add the tag ${GOVERNANCE_TAGS.owner} = "<team>" (or the construct's owner prop).`,
        });
        continue;
      }
      const known = teams?.teams.map((t) => t.id).join(', ') || 'none';
      if (teams && !findTeam(teams, w.owner)) {
        report({
          ...base,
          message: `workload '${w.name}' (${w.address}): unknown team ${w.owner} (owner) in ${teams.file}`,
          evidence: { owner: w.owner, teamsFile: teams.file },
          suggestion: `Name one of the teams of ${teams.file} (${known}) as owner, or add the team '${w.owner}' there.`,
        });
      }
      if (teams && w.backupOwner && !findTeam(teams, w.backupOwner)) {
        report({
          ...base,
          message: `workload '${w.name}' (${w.address}): unknown team ${w.backupOwner} (backup owner) in ${teams.file}`,
          evidence: { backupOwner: w.backupOwner, teamsFile: teams.file },
          suggestion: `Name one of the teams of ${teams.file} (${known}) as backup owner, or add the team '${w.backupOwner}' there.`,
        });
      }
    }
  },
});

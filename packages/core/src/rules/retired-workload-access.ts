import { retiredResidue, retiredWorkloads } from '../governance/retirement';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'retired-workload-access',
    category: 'retired-workload-access',
    severity: 'high',
    title: 'Nothing left of a retired workload',
    description:
      "A workload the governance manifest records as retired (`retired: { date, reason }`) still has something in the configuration: a block tagged `wiga:workload` with its name, a reference to its role (`role/<roleName>` in an ARN, or `${aws_iam_role.<former>...}`), or, in a plan analysed with the synth output, one of its IAM resources (by tag or by the addresses the manifest records in `formerAddresses`) that the apply keeps. Resources the plan destroys are fine.",
    rationale:
      'De-provisioning ends a workload\'s access only if every credential and grant goes with it; a role or policy left behind is an orphaned identity nobody owns any more, which is how stale access is abused. OWASP NHI Top 10: NHI1 improper offboarding. See https://owasp.org/www-project-non-human-identities-top-10/',
    fix: "Remove what is left of the retired workload, or un-retire it through review if it is still needed.",
  },
  check({ inventory, models, analysisManifests, report }) {
    const retired = retiredWorkloads(analysisManifests ?? inventory.manifests);
    for (const residue of retiredResidue(models ?? [], retired)) {
      const { workload: w } = residue;
      const when = `retired on ${w.date} (${w.reason})`;
      const message =
        residue.match === 'tag'
          ? `${residue.address} is tagged ${'wiga:workload'} = ${w.name}, a workload ${when}`
          : residue.match === 'former-address'
            ? `${residue.address} is an IAM resource of workload '${w.name}', ${when}, and ${residue.inPlan ? 'the plan keeps it (it is not being destroyed)' : 'it is still in the configuration'}`
            : `${residue.address} refers to the role of workload '${w.name}', ${when} (${residue.text} in ${residue.attribute})`;
      report({
        message,
        origin: inventory.originOf(residue.address) ?? { file: residue.file, address: residue.address },
        evidence: { workload: w.name, retired: { date: w.date, reason: w.reason }, match: residue.match, ...(residue.attribute !== undefined && { attribute: residue.attribute }) },
        suggestion: residue.match === 'reference' ? `Point ${residue.attribute} at the workload that replaced '${w.name}', or remove it.` : `Remove ${residue.address}: its workload '${w.name}' was retired on ${w.date}.`,
      });
    }
  },
});

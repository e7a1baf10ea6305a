import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'valid-policy',
    category: 'invalid-policy',
    severity: 'high',
    title: 'Policies must be valid',
    description:
      'A policy is not valid JSON, repeats a key, has wrong element types, misses Effect/Action/Resource/Principal where required, or names an AWS managed policy that does not exist.',
    rationale:
      'AWS rejects some of these at apply time; others it accepts with a meaning the author did not intend (a duplicate key keeps only one value). A policy that cannot be read cannot be checked, so it fails closed. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
    fix: 'Correct the policy as the message says.',
  },
  check({ inventory, report }) {
    for (const problem of inventory.problems) {
      if (problem.kind !== 'invalid') continue;
      report({ message: problem.message, origin: problem.origin, statement: problem.statement });
    }
  },
});

import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'analyzable-policy',
    category: 'unanalyzable',
    severity: 'high',
    title: 'Policies must be analysable before apply',
    description:
      'Part of a policy, or of what attaches it, is not known before apply and cannot be rebuilt from the configuration (a variable, a function of apply-time values, a policy defined outside the analysed files). The finding names the attribute.',
    rationale:
      'A gate that passes what it cannot read is a gate that can be walked around. References to resources created in the same apply are resolved (they stand for one specific resource); only what truly cannot be known is reported.',
    fix: 'Use literal values or references to resources in the same configuration, or suppress with a reason once the value has been reviewed.',
  },
  check({ inventory, report }) {
    for (const problem of inventory.problems) {
      if (problem.kind !== 'unknown') continue;
      const external = /outside the analysed configuration|not a policy in the analysed configuration/.test(problem.message);
      report({
        severity: external ? 'medium' : undefined,
        message: problem.message,
        origin: problem.origin,
        statement: problem.statement,
        evidence: { element: problem.element, references: problem.references ?? [] },
      });
    }
  },
});

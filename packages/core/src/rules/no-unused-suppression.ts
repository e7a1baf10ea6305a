import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-unused-suppression',
    category: 'unused-suppression',
    severity: 'info',
    title: 'No unused suppressions',
    description: 'A suppression (`Governance.suppress` or configuration) matches no finding, or has expired.',
    rationale: 'A suppression that no longer matches anything would silently hide a future finding of the same rule on that construct.',
    fix: 'Remove the suppression.',
  },
  checkSuppressions({ unused, now, report }) {
    for (const { suppression, file } of unused) {
      const expired = suppression.expires !== undefined && Date.parse(suppression.expires) <= now.getTime();
      report({
        message: expired
          ? `the suppression of ${suppression.ruleId} on ${suppression.constructPath} expired on ${suppression.expires}`
          : `the suppression of ${suppression.ruleId} on ${suppression.constructPath} matches no finding`,
        origin: { file, address: suppression.addresses[0], constructPath: suppression.constructPath },
        evidence: { ruleId: suppression.ruleId, reason: suppression.reason },
        ...(suppression.source && { source: suppression.source }),
      });
    }
  },
});

import { it } from 'vitest';
import { run, tfFile, policyFile, policy, allow, jsonencode } from '/work/main/packages/core/test/helpers';
it('probe', () => {
  const r = run([tfFile({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:*'], resources: ['*'] }, {sid: 'X', actions: ['iam:PassRole'], resources: ['*']}] } } },
    resource: { aws_iam_policy: { p: { name: 'p', policy: jsonencode(policy(allow('ec2:*', '${aws_s3_bucket.b.arn}/*'))) }, q: {name: 'q', policy: '${var.x}'} } } })]);
  console.log(JSON.stringify(r.findings.map(f => [f.ruleId, f.severity, f.location, f.message]), null, 1));
});

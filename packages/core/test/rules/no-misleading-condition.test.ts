import { allow, deny, expectFinding, policy, policyFile, ruleTable, type RuleCase } from '../helpers';

const RULE = 'no-misleading-condition';
const finding = expectFinding(RULE, 'condition-misuse');
const when = (Condition: object) => ({ Condition });

const valid: Omit<RuleCase, 'expected'>[] = [
  { name: 'ForAllValues on a multi-valued key (aws:TagKeys) is what it is for', input: policyFile(policy(allow('ec2:CreateTags', '*', when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } })))) },
  { name: 'ForAnyValue on a multi-valued key (aws:PrincipalOrgPaths)', input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*', when({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-1/r-1/ou-1/*'] } })))) },
  { name: 'the plain operator on a single-valued key', input: policyFile(policy(allow('ec2:RunInstances', '*', when({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })))) },
  { name: 'aws:VpcSourceIp paired with aws:SourceVpc', input: policyFile(policy(allow('s3:ListBucket', 'arn:aws:s3:::b', when({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, StringEquals: { 'aws:SourceVpc': 'vpc-1' } })))) },
  { name: 'a key the catalogue does not know is not judged', input: policyFile(policy(allow('s3:ListBucket', 'arn:aws:s3:::b', when({ 'ForAllValues:StringEquals': { 'acme:Custom': ['x'] } })))) },
];

const invalid: RuleCase[] = [
  {
    name: 'ForAllValues on aws:RequestedRegion in an Allow (TC-13)',
    input: policyFile(policy({ Sid: 'Region', ...allow('ec2:RunInstances', '*', when({ 'ForAllValues:StringEquals': { 'aws:RequestedRegion': ['eu-west-1'] } })) })),
    expected: [finding('high', undefined, 'Region')],
  },
  {
    name: 'ForAllValues on an OIDC sub',
    input: policyFile(policy({ Sid: 'Sub', ...allow('s3:GetObject', 'arn:aws:s3:::b/*', when({ 'ForAllValues:StringLike': { 'token.actions.githubusercontent.com:sub': ['repo:acme/app:*'] } })) })),
    expected: [finding('high', undefined, 'Sub')],
  },
  {
    name: 'ForAllValues in a Deny: the Deny skips requests without the key (medium)',
    input: policyFile(policy(deny('s3:*', '*', when({ 'ForAllValues:StringNotEquals': { 'aws:SourceVpce': ['vpce-1'] } })))),
    expected: [finding('medium', undefined, 'Statement[0]')],
  },
  {
    name: 'ForAnyValue on a single-valued key is low',
    input: policyFile(policy(allow('s3:GetObject', 'arn:aws:s3:::b/*', when({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-abc'] } })))),
    expected: [finding('low', undefined, 'Statement[0]')],
  },
  {
    name: 'aws:VpcSourceIp without aws:SourceVpc',
    input: policyFile(policy({ Sid: 'Ip', ...allow('s3:ListBucket', 'arn:aws:s3:::b', when({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } })) })),
    expected: [finding('medium', undefined, 'Ip')],
  },
];

ruleTable(RULE, valid, invalid);

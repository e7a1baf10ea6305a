import { expandAction, isWildcardOnly, type ActionInfo } from '../catalog/iam-catalog';
import type { Statement } from '../policy/policy-document';

/**
 * Actions by the risk they carry when allowed on every resource. The lists follow Cloudsplaining's
 * credentials-exposure and data-exfiltration sets and the research catalogue (§4), restated here;
 * a test checks every name against the IAM catalogue.
 */

/** Actions that hand out credentials, keys or passwords for other principals or resources. */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:GetFederationToken',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'iam:UploadSSHPublicKey',
  'ec2:GetPasswordData',
  'redshift:GetClusterCredentials',
  'redshift-serverless:GetCredentials',
  'rds-db:Connect',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'cognito-identity:GetCredentialsForIdentity',
  'gamelift:RequestUploadCredentials',
  'gamelift:GetInstanceAccess',
  'chime:CreateApiKey',
  'appsync:GetDataSource',
];

/** Actions that read stored data; secrets and keys weigh more. */
export const DATA_READ_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'kms:Decrypt',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:ExportTableToPointInTime',
  'rds:CopyDBSnapshot',
  'rds:CreateDBSnapshot',
  'ec2:CreateSnapshot',
];

export const SECRET_READ_ACTIONS = new Set(['secretsmanager:getsecretvalue', 'secretsmanager:batchgetsecretvalue', 'ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath', 'kms:decrypt']);

/**
 * The catalogued actions a statement grants, leaving out those granted by `*` alone: that is
 * administrator access, reported once as such rather than again per risk. A service wildcard
 * (`s3:*`) is expanded: reading every object and rewriting every bucket policy are risks of their own.
 */
const grantedCache = new WeakMap<Statement, ActionInfo[]>();

export function specificallyGranted(statement: Statement): ActionInfo[] {
  const cached = grantedCache.get(statement);
  if (cached) return cached;
  const result = computeGranted(statement);
  grantedCache.set(statement, result);
  return result;
}

function computeGranted(statement: Statement): ActionInfo[] {
  if (!statement.action || statement.action.negated) return [];
  const out = new Map<string, ActionInfo>();
  for (const pattern of statement.action.values) {
    if (pattern === '*') continue;
    for (const action of expandAction(pattern).actions) out.set(action.fullName.toLowerCase(), action);
  }
  return [...out.values()];
}

const CREDENTIALS = new Set(CREDENTIAL_ACTIONS.map((a) => a.toLowerCase()));
const DATA = new Set(DATA_READ_ACTIONS.map((a) => a.toLowerCase()));

export function isCredentialAction(action: ActionInfo): boolean {
  return CREDENTIALS.has(action.fullName.toLowerCase());
}

export function isDataReadAction(action: ActionInfo): boolean {
  return DATA.has(action.fullName.toLowerCase());
}

/** Permissions management (resource policies, ACLs, grants) other than the IAM escalation actions. */
export function isExposureAction(action: ActionInfo, escalation: ReadonlySet<string>): boolean {
  return action.accessLevels.includes('Permissions management') && !escalation.has(action.fullName.toLowerCase()) && !isWildcardOnly(action);
}

/** The actions of each risk that engineers recognise, listed first in messages (research §4). */
const NOTABLE = [
  's3:PutBucketPolicy', 's3:PutBucketAcl', 's3:PutObjectAcl', 's3:DeleteBucketPolicy', 's3:PutAccessPointPolicy', 'kms:PutKeyPolicy', 'kms:CreateGrant',
  'sqs:SetQueueAttributes', 'sqs:AddPermission', 'sns:SetTopicAttributes', 'sns:AddPermission', 'lambda:AddPermission', 'secretsmanager:PutResourcePolicy',
  'ecr:SetRepositoryPolicy', 'ec2:ModifySnapshotAttribute', 'ec2:ModifyImageAttribute', 'rds:ModifyDBSnapshotAttribute', 's3:GetObject',
  'secretsmanager:GetSecretValue', 'ssm:GetParameter', 'kms:Decrypt', 'dynamodb:Scan', 'sts:AssumeRole',
].map((a) => a.toLowerCase());

/** Orders actions for a message: the notable ones first, then destructive ones, then by name. */
export function byNotability(a: ActionInfo, b: ActionInfo): number {
  const rank = (x: ActionInfo) => {
    const i = NOTABLE.indexOf(x.fullName.toLowerCase());
    if (i !== -1) return i;
    return /^(Delete|Terminate|Remove|Destroy|Put)/.test(x.name) ? NOTABLE.length : NOTABLE.length + 1;
  };
  return rank(a) - rank(b) || a.fullName.localeCompare(b.fullName);
}

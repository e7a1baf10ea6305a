import type { Severity } from '../findings/finding';

/**
 * Privilege-escalation paths as data. Sources: Rhino Security Labs' AWS privilege escalation
 * methods (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/), the
 * pathfinding.cloud catalogue and PMapper's edges, restated in our own terms. Every action named
 * here is checked against the IAM catalogue by a test, so a misspelt action cannot silently turn a
 * path off.
 */

/**
 * iam:PassRole to a service plus the actions that make that service run code as the passed role.
 * The holder then acts with the permissions of any role it can pass.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export interface PassRoleFamily {
  readonly id: string;
  /** What the service runs, for messages. */
  readonly runs: string;
  /** The `iam:PassedToService` value the role is passed to. */
  readonly service: string;
  /** Alternatives; each is a set of actions that must all be allowed. */
  readonly anyOf: readonly (readonly string[])[];
}

export const PASS_ROLE_FAMILIES: readonly PassRoleFamily[] = [
  { id: 'ec2', runs: 'an EC2 instance', service: 'ec2.amazonaws.com', anyOf: [['ec2:RunInstances'], ['ec2:RequestSpotInstances'], ['ec2:AssociateIamInstanceProfile'], ['ec2:ReplaceIamInstanceProfileAssociation']] },
  { id: 'lambda', runs: 'a Lambda function', service: 'lambda.amazonaws.com', anyOf: [['lambda:CreateFunction']] },
  {
    id: 'ecs',
    runs: 'an ECS task',
    service: 'ecs-tasks.amazonaws.com',
    anyOf: [['ecs:RegisterTaskDefinition', 'ecs:RunTask'], ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], ['ecs:RegisterTaskDefinition', 'ecs:CreateService']],
  },
  { id: 'glue', runs: 'a Glue job or development endpoint', service: 'glue.amazonaws.com', anyOf: [['glue:CreateDevEndpoint'], ['glue:CreateJob', 'glue:StartJobRun'], ['glue:CreateJob', 'glue:CreateTrigger'], ['glue:UpdateJob', 'glue:StartJobRun']] },
  {
    id: 'cloudformation',
    runs: 'a CloudFormation stack',
    service: 'cloudformation.amazonaws.com',
    anyOf: [['cloudformation:CreateStack'], ['cloudformation:UpdateStack'], ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], ['cloudformation:UpdateStackSet']],
  },
  { id: 'codebuild', runs: 'a CodeBuild project', service: 'codebuild.amazonaws.com', anyOf: [['codebuild:CreateProject', 'codebuild:StartBuild'], ['codebuild:CreateProject', 'codebuild:StartBuildBatch']] },
  { id: 'sagemaker', runs: 'a SageMaker notebook or job', service: 'sagemaker.amazonaws.com', anyOf: [['sagemaker:CreateNotebookInstance'], ['sagemaker:CreateTrainingJob'], ['sagemaker:CreateProcessingJob']] },
  { id: 'datapipeline', runs: 'a Data Pipeline', service: 'datapipeline.amazonaws.com', anyOf: [['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition']] },
  { id: 'apprunner', runs: 'an App Runner service', service: 'apprunner.amazonaws.com', anyOf: [['apprunner:CreateService']] },
  { id: 'autoscaling', runs: 'an Auto Scaling group', service: 'ec2.amazonaws.com', anyOf: [['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'], ['ec2:CreateLaunchTemplate', 'autoscaling:CreateAutoScalingGroup']] },
  {
    id: 'bedrock-agentcore',
    runs: 'a Bedrock AgentCore code interpreter',
    service: 'bedrock-agentcore.amazonaws.com',
    anyOf: [['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter']],
  },
];

/** Paths that need no iam:PassRole: taking over running compute, or rewriting trust and policies. */
export interface EscalationPath {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly anyOf: readonly (readonly string[])[];
}

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  { id: 'ssm-command', description: 'run commands on instances as their roles (SSM)', severity: 'high', anyOf: [['ssm:SendCommand'], ['ssm:StartSession']] },
  { id: 'ec2-instance-connect', description: 'log in to instances and use their roles (EC2 Instance Connect)', severity: 'high', anyOf: [['ec2-instance-connect:SendSSHPublicKey']] },
  { id: 'ecs-exec', description: 'open a shell in running tasks and use their roles (ECS Exec)', severity: 'high', anyOf: [['ecs:ExecuteCommand']] },
  { id: 'lambda-code', description: "replace a function's code and run it as the function's role", severity: 'high', anyOf: [['lambda:UpdateFunctionCode']] },
  { id: 'lambda-configuration', description: "change a function's layers or environment to run code as its role", severity: 'high', anyOf: [['lambda:UpdateFunctionConfiguration']] },
  { id: 'ec2-user-data', description: "rewrite an instance's user data and restart it to run code as its role", severity: 'high', anyOf: [['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances']] },
  { id: 'ec2-launch-template', description: 'change a launch template so new instances run attacker code under their role', severity: 'high', anyOf: [['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate']] },
  { id: 'cloudformation-change-set', description: "run a change set with a stack's existing service role", severity: 'high', anyOf: [['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet']] },
  { id: 'codebuild-project', description: "change a build project's commands and run them as its service role", severity: 'high', anyOf: [['codebuild:UpdateProject', 'codebuild:StartBuild'], ['codebuild:UpdateProject', 'codebuild:StartBuildBatch']] },
  { id: 'glue-dev-endpoint', description: "add an SSH key to a Glue development endpoint and use its role", severity: 'high', anyOf: [['glue:UpdateDevEndpoint']] },
  { id: 'sagemaker-notebook', description: "open a notebook and use its execution role", severity: 'high', anyOf: [['sagemaker:CreatePresignedNotebookInstanceUrl']] },
  {
    id: 'sagemaker-lifecycle-config',
    description: "attach a lifecycle script to a notebook and restart it to run code as its role",
    severity: 'high',
    anyOf: [['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance']],
  },
  {
    id: 'permissions-boundary-removal',
    description: 'remove or replace a permissions boundary, lifting the ceiling on an identity',
    severity: 'high',
    anyOf: [['iam:DeleteRolePermissionsBoundary'], ['iam:DeleteUserPermissionsBoundary'], ['iam:PutRolePermissionsBoundary'], ['iam:PutUserPermissionsBoundary']],
  },
  { id: 'trust-rewrite-and-assume', description: "rewrite a role's trust policy to let itself in, then assume it", severity: 'critical', anyOf: [['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']] },
  {
    id: 'role-policy-and-assume',
    description: 'give a role more permissions and assume it',
    severity: 'critical',
    anyOf: [['iam:AttachRolePolicy', 'sts:AssumeRole'], ['iam:PutRolePolicy', 'sts:AssumeRole'], ['iam:CreatePolicyVersion', 'sts:AssumeRole']],
  },
  { id: 'create-admin-role', description: 'create a role, give it any policy and assume it', severity: 'critical', anyOf: [['iam:CreateRole', 'iam:AttachRolePolicy', 'sts:AssumeRole'], ['iam:CreateRole', 'iam:PutRolePolicy', 'sts:AssumeRole']] },
];

/** The example's single stack `governance`: offline AWS provider and the workloads of one variant. */
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { addCompliantWorkloads } from './compliant';
import { REGION } from './config';
import { addFlawedWorkloads } from './flawed';
import type { Revision } from './revision';

export type Variant = 'flawed' | 'compliant';

export class GovernanceStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: { variant: Variant; revision: Revision }) {
    super(scope, id);
    // Relative path: keeps cdk.tf.json independent of the machine.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new AwsProvider(this, 'aws', {
      region: REGION,
      // Offline planning: fake credentials and no calls to STS or the metadata service.
      accessKey: 'mock_access_key',
      secretKey: 'mock_secret_key',
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
    });
    if (options.variant === 'compliant') addCompliantWorkloads(this, options.revision);
    else addFlawedWorkloads(this, options.revision);
  }
}

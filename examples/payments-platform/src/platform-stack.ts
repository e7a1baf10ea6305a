/** The payments platform stack: shared data stores, the declared workloads, and legacy IAM. */
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { REGION } from './config';
import { PaymentsDataStores } from './data-stores';
import { addLegacyIam } from './legacy';
import { PaymentsWorkloads } from './workloads';

/** Everything the payments team runs in its production account. */
export class PaymentsPlatformStack extends TerraformStack {
  readonly data: PaymentsDataStores;
  readonly workloads: PaymentsWorkloads;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Relative path: keeps cdk.tf.json independent of the machine (see toolchain.md, pitfall 7).
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
    // The account's GitHub Actions OIDC provider that the deploy pipeline federates through.
    new IamOpenidConnectProvider(this, 'github_oidc', {
      url: 'https://token.actions.githubusercontent.com',
      clientIdList: ['sts.amazonaws.com'],
    });
    this.data = new PaymentsDataStores(this, 'data');
    this.workloads = new PaymentsWorkloads(this, 'workloads', this.data);
    addLegacyIam(this);
  }
}

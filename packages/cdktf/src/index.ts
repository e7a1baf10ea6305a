/**
 * @workload-iga/cdktf — CDKTF constructs that declare workload identities (owner, purpose,
 * attestation, grants) and enforce governance at synth time through @workload-iga/core.
 *
 * Importing this module installs the source-position hook (see `source-capture.ts`), so import it
 * before creating constructs.
 */
import './source-capture';
import './manifest';

export { Attestation } from './attestation';
export type {
  AwsServiceAttestationProps,
  CrossAccountAttestationProps,
  EksServiceAccountAttestationProps,
  GithubActionsAttestationProps,
} from './attestation';
export { WorkloadIdentity, AI_AGENT_MAX_SESSION_SECONDS, type WorkloadIdentityProps } from './workload-identity';
export { sidFromPurpose, type GrantProps, type IntentGrantOptions } from './entitlement';
export { Governance, type EnforceOptions, type GovernanceReport, type SuppressOptions } from './governance';
export { GovernanceManifestElement } from './manifest';
export { sourceOf } from './source-capture';
export { addressOf } from './addresses';
export type { PolicyConditions, PolicyDocument, PolicyStatement } from './policy-document';

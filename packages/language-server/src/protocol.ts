/**
 * The contract between wiga-language-server and its clients (the VS Code extension, Neovim, ...).
 * Plain data and method names only: importing this module pulls in no server code.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * Settings, under the `wiga` key of `initializationOptions`, of `workspace/didChangeConfiguration`
 * (`settings.wiga`) and of `workspace/configuration` (section `wiga`) when the client has it.
 * They are layered over each file's `.wiga.yaml` (the client's `rules` win).
 */
export interface WigaSettings {
  /** Severity at or above which `wiga/checkWorkspace` reports `failed` (as `wiga check --fail-on`). Default `high`. */
  failOn?: Severity | 'none';
  /** Findings below it are not shown. Default `info` (everything). */
  minSeverity?: Severity;
  /** Run the project's `cdktf.json` `app` after a TypeScript file is saved. Needs `workspaceTrusted`. Default false. */
  synthOnSave?: boolean;
  /** Per-rule override: `off` hides the rule, a severity replaces the rule's. */
  rules?: Record<string, 'off' | Severity>;
  /** Show suppressed findings as hints with their reason. Default false (not shown). */
  showSuppressed?: boolean;
}

export interface WigaInitializationOptions {
  wiga?: WigaSettings;
  /** The client says the workspace is trusted: only then does the server run the project's code (synth). */
  workspaceTrusted?: boolean;
}

/** `wiga/checkWorkspace`: analyses every stack (`cdktf.out/stacks/*\/cdk.tf.json`), `*.tf.json` and `*.tf` of the workspace folders. */
export const CheckWorkspaceRequest = { method: 'wiga/checkWorkspace' } as const;

export interface CheckWorkspaceParams {
  /** Only this folder (a file URI); default: every workspace folder. */
  folder?: string;
}

export interface CheckWorkspaceResult {
  /** Unsuppressed findings by severity, after settings and `.wiga.yaml`. */
  counts: Record<Severity, number>;
  /** Total unsuppressed findings. */
  findings: number;
  suppressed: number;
  /** Files analysed. */
  inputs: number;
  /** True when a finding is at or above `failOn`. */
  failed: boolean;
}

/** `wiga/synth` (request, no params): runs the synth now (same trust rule as `synthOnSave`). Returns whether it ran and succeeded. */
export const SynthRequest = { method: 'wiga/synth' } as const;
export interface SynthResult {
  ran: boolean;
  ok: boolean;
  message: string;
}

/** Diagnostic `source` of every wiga diagnostic. */
export const DIAGNOSTIC_SOURCE = 'wiga';

/** `Diagnostic.data` of wiga diagnostics. */
export interface WigaDiagnosticData {
  /** `file`: computed from the open document as you type; `synth`: from the last `cdktf synth` output. */
  tier: 'file' | 'synth';
  /** Terraform address of the block, when known (used by the `.wiga.yaml` suppression fix). */
  address?: string;
  statement?: string;
  /** Document version the diagnostic was computed for. */
  version?: number;
}

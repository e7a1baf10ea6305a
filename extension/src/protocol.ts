// The custom part of the protocol between this client and @workload-iga/language-server, as the server
// defines it in packages/language-server/src/protocol.ts (a test keeps the two in step). Kept as a
// local copy so the client bundle pulls in nothing of the server.
import { RequestType } from 'vscode-languageclient/node';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The `wiga` settings section, as initializationOptions.wiga and workspace/didChangeConfiguration settings.wiga. */
export interface WigaSettings {
  failOn?: Severity | 'none';
  minSeverity?: Severity;
  synthOnSave?: boolean;
  rules?: Record<string, 'off' | Severity>;
  showSuppressed?: boolean;
}

export interface InitializationOptions {
  wiga: WigaSettings;
  /** False in a restricted (untrusted) workspace: the server then never runs the user's code. */
  workspaceTrusted: boolean;
}

export interface CheckWorkspaceParams {
  /** Only this folder (a file URI); default: every workspace folder. */
  folder?: string;
}

export interface CheckWorkspaceResult {
  /** Unsuppressed findings by severity. */
  counts: Record<Severity, number>;
  findings: number;
  suppressed?: number;
  /** Files analysed. */
  inputs?: number;
  /** True when a finding is at or above `failOn`. */
  failed?: boolean;
}

export const CheckWorkspaceRequest = { method: 'wiga/checkWorkspace' } as const;

/** Diagnostic `source` of every wiga diagnostic. */
export const DIAGNOSTIC_SOURCE = 'wiga';

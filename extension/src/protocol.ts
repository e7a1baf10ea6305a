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
}

export interface InitializationOptions {
  wiga: WigaSettings;
  /** False in a restricted (untrusted) workspace: the server then never runs the user's code. */
  workspaceTrusted: boolean;
}

export interface CheckWorkspaceResult {
  counts: Record<Severity, number>;
  findings: number;
}

export const CheckWorkspaceRequest = new RequestType<Record<string, never>, CheckWorkspaceResult, void>('wiga/checkWorkspace');

// The Workload IGA extension: starts the bundled wiga language server and shows what it finds.
// All analysis lives in the server (dist/server.js); this file only wires settings, Workspace Trust,
// two commands and a status bar item.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type CheckWorkspaceParams, CheckWorkspaceRequest, type CheckWorkspaceResult, DIAGNOSTIC_SOURCE, type InitializationOptions, type WigaSettings } from './protocol';

export const SERVER_MODULE = path.join('dist', 'server.js');

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let lastCheck: CheckWorkspaceResult | undefined;

/** The `wiga.*` settings sent to the server. `synthOnSave` runs the user's code: never in an untrusted workspace. */
export function currentSettings(): WigaSettings {
  const config = vscode.workspace.getConfiguration('wiga');
  return {
    failOn: config.get('failOn'),
    minSeverity: config.get('minSeverity'),
    synthOnSave: vscode.workspace.isTrusted && config.get<boolean>('synthOnSave') === true,
    rules: config.get('rules') ?? {},
    showSuppressed: config.get<boolean>('showSuppressed') === true,
  };
}

function initializationOptions(): InitializationOptions {
  return { wiga: currentSettings(), workspaceTrusted: vscode.workspace.isTrusted };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tf.json' },
    ],
    initializationOptions, // a function: evaluated again on every (re)start
    middleware: {
      // A server that pulls `wiga` with workspace/configuration gets the same trust-gated values.
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => (item.section === 'wiga' ? currentSettings() : answers[i]));
        },
      },
    },
  };
  client = new LanguageClient('wiga', 'Workload IGA', serverOptions, clientOptions);

  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'Workload IGA';
  status.command = 'wiga.checkWorkspace';
  updateStatus();
  status.show();

  const sendSettings = () => client?.sendNotification('workspace/didChangeConfiguration', { settings: initializationOptions() });
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('wiga.checkWorkspace', checkWorkspace),
    vscode.commands.registerCommand('wiga.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('wiga')) void sendSettings(); }),
    // The server reads trust once, at initialize: start it again, now trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}

async function restart(): Promise<void> {
  await client?.restart();
  lastCheck = undefined;
  updateStatus();
}

async function checkWorkspace(): Promise<CheckWorkspaceResult | undefined> {
  if (!client) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'wiga: checking workspace' },
    () => client!.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest.method, {} satisfies CheckWorkspaceParams),
  );
  lastCheck = result;
  updateStatus();
  const summary = `wiga: ${describe(result)}` +
    (result.suppressed ? `, ${result.suppressed} suppressed` : '') +
    (result.inputs !== undefined ? `, ${result.inputs} file${result.inputs === 1 ? '' : 's'} analysed` : '');
  if (result.findings === 0) {
    void vscode.window.showInformationMessage(summary);
  } else {
    void vscode.window.showWarningMessage(summary, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return result;
}

function describe(result: CheckWorkspaceResult): string {
  const c = result.counts;
  return `${result.findings} finding${result.findings === 1 ? '' : 's'} ` +
    `(${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info)`;
}

/** `$(shield) wiga 2 ✕ 3 ⚠`: errors and warnings from wiga's diagnostics in the Problems panel. */
function updateStatus(): void {
  if (!status) return;
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (!d.source?.startsWith(DIAGNOSTIC_SOURCE)) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors += 1;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings += 1;
    }
  }
  status.text = `$(shield) wiga ${errors} ✕ ${warnings} ⚠`;
  status.tooltip = (lastCheck ? `Last workspace check: ${describe(lastCheck)}${lastCheck.failed ? ', at or above wiga.failOn' : ''}.\n` : '') + (vscode.workspace.isTrusted ? '' : 'Restricted mode: synth on save is off.\n') + 'Click to check the workspace.';
}

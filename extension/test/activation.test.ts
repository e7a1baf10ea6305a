// Activation of src/extension.ts against a stubbed `vscode` module and a stubbed LanguageClient (a real
// VS Code cannot be downloaded here). What the real client and server do together is tested against
// the built bundles in bundle.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const s = {
    trusted: false,
    settings: {} as Record<string, unknown>,
    commands: new Map<string, Listener>(),
    executed: [] as unknown[][],
    statusItems: [] as Record<string, unknown>[],
    messages: [] as { kind: string; text: string }[],
    diagnostics: [] as [unknown, { source?: string; severity: number }[]][],
    listeners: { configuration: [] as Listener[], trust: [] as Listener[], diagnostics: [] as Listener[] },
    clients: [] as {
      id: string; name: string; serverOptions: any; clientOptions: any;
      started: number; restarted: number; stopped: number;
      notifications: [string, any][]; requests: [any, any][];
    }[],
    checkResult: { counts: { critical: 3, high: 3, medium: 2, low: 1, info: 0 }, findings: 9 },
  };
  return s;
});

vi.mock('vscode', () => {
  const disposable = { dispose() {} };
  const on = (list: ((...args: unknown[]) => unknown)[]) => (listener: (...args: unknown[]) => unknown) => {
    list.push(listener);
    return disposable;
  };
  return {
    StatusBarAlignment: { Left: 1, Right: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    workspace: {
      get isTrusted() { return state.trusted; },
      getConfiguration: (section: string) => ({
        get: (key: string) => state.settings[`${section}.${key}`],
      }),
      onDidChangeConfiguration: on(state.listeners.configuration),
      onDidGrantWorkspaceTrust: on(state.listeners.trust),
    },
    window: {
      createStatusBarItem: (alignment: number, priority: number) => {
        const item: Record<string, unknown> = { alignment, priority, shown: false, disposed: false };
        item.show = () => { item.shown = true; };
        item.dispose = () => { item.disposed = true; };
        state.statusItems.push(item);
        return item;
      },
      withProgress: (_options: unknown, task: () => unknown) => Promise.resolve(task()),
      showInformationMessage: (text: string) => { state.messages.push({ kind: 'info', text }); return Promise.resolve(undefined); },
      showWarningMessage: (text: string) => { state.messages.push({ kind: 'warning', text }); return Promise.resolve(undefined); },
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        if (state.commands.has(id)) throw new Error(`command ${id} registered twice`);
        state.commands.set(id, handler);
        return disposable;
      },
      executeCommand: (...args: unknown[]) => { state.executed.push(args); return Promise.resolve(); },
    },
    languages: {
      getDiagnostics: () => state.diagnostics,
      onDidChangeDiagnostics: on(state.listeners.diagnostics),
    },
  };
});

vi.mock('vscode-languageclient/node', () => ({
  TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 },
  LanguageClient: class {
    record: (typeof state.clients)[number];
    constructor(id: string, name: string, serverOptions: unknown, clientOptions: unknown) {
      this.record = { id, name, serverOptions, clientOptions, started: 0, restarted: 0, stopped: 0, notifications: [], requests: [] };
      state.clients.push(this.record);
    }
    async start() { this.record.started += 1; }
    async restart() { this.record.restarted += 1; }
    async stop() { this.record.stopped += 1; }
    async sendNotification(method: string, params: unknown) { this.record.notifications.push([method, params]); }
    async sendRequest(type: unknown, params: unknown) { this.record.requests.push([type, params]); return state.checkResult; }
  },
}));

const extensionDir = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));

function fakeContext() {
  const subscriptions: { dispose(): unknown }[] = [];
  return {
    subscriptions,
    extensionPath: extensionDir,
    asAbsolutePath: (relativePath: string) => join(extensionDir, relativePath),
  };
}

async function activateFresh(options: { trusted: boolean; settings?: Record<string, unknown> }) {
  vi.resetModules();
  state.trusted = options.trusted;
  state.settings = { 'wiga.failOn': 'high', 'wiga.minSeverity': 'info', 'wiga.synthOnSave': false, 'wiga.rules': {}, ...options.settings };
  state.commands.clear();
  state.executed.length = 0;
  state.statusItems.length = 0;
  state.messages.length = 0;
  state.diagnostics.length = 0;
  state.clients.length = 0;
  for (const list of Object.values(state.listeners)) list.length = 0;
  const extension = await import('../src/extension');
  const context = fakeContext();
  await extension.activate(context as never);
  return { extension, context, client: state.clients[0]! };
}

describe('activation', () => {
  beforeEach(() => { state.checkResult = { counts: { critical: 3, high: 3, medium: 2, low: 1, info: 0 }, findings: 9 }; });

  it('registers exactly the commands the manifest declares', async () => {
    await activateFresh({ trusted: true });
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect([...state.commands.keys()].sort()).toEqual(declared);
    expect(declared).toEqual(['wiga.checkWorkspace', 'wiga.restartServer']);
  });

  it('shows a status bar item that runs the workspace check, disposed with the extension', async () => {
    const { context } = await activateFresh({ trusted: true });
    expect(state.statusItems).toHaveLength(1);
    const item = state.statusItems[0]!;
    expect(item.shown).toBe(true);
    expect(item.command).toBe('wiga.checkWorkspace');
    expect(item.text).toBe('$(shield) wiga 0 ✕ 0 ⚠');
    expect(context.subscriptions).toContain(item);
  });

  it('starts one client on the bundled server module over stdio, for TypeScript, JSON and Terraform files', async () => {
    const { client } = await activateFresh({ trusted: true });
    expect(state.clients).toHaveLength(1);
    expect(client.started).toBe(1);
    expect(client.id).toBe('wiga');
    const serverModule = join(extensionDir, 'dist', 'server.js');
    expect(client.serverOptions.run).toEqual({ module: serverModule, transport: 0 });
    expect(client.serverOptions.debug.module).toBe(serverModule);
    expect(client.serverOptions.debug.transport).toBe(0);
    // The build writes exactly this file (bundle.test.ts checks that it exists and answers initialize).
    expect(readFileSync(join(extensionDir, 'scripts', 'build.mjs'), 'utf8')).toContain("entryPoints: { server:");
    expect(client.clientOptions.documentSelector).toEqual([
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tf.json' },
    ]);
  });

  it('passes the settings and workspace trust as initializationOptions, evaluated again on restart', async () => {
    const { client } = await activateFresh({
      trusted: true,
      settings: { 'wiga.failOn': 'critical', 'wiga.synthOnSave': true, 'wiga.rules': { 'no-wildcard-resource': 'off' } },
    });
    const init = client.clientOptions.initializationOptions;
    expect(typeof init).toBe('function');
    expect(init()).toEqual({
      wiga: { failOn: 'critical', minSeverity: 'info', synthOnSave: true, rules: { 'no-wildcard-resource': 'off' }, showSuppressed: false },
      workspaceTrusted: true,
    });
    state.settings['wiga.failOn'] = 'none';
    await state.commands.get('wiga.restartServer')!();
    expect(client.restarted).toBe(1);
    expect(init().wiga.failOn).toBe('none');
  });

  it('never sends synthOnSave: true in an untrusted workspace, even when a user setting asks for it', async () => {
    const { client } = await activateFresh({ trusted: false, settings: { 'wiga.synthOnSave': true } });
    expect(client.clientOptions.initializationOptions()).toMatchObject({ wiga: { synthOnSave: false }, workspaceTrusted: false });
    // A configuration change in restricted mode still keeps it off.
    for (const listener of state.listeners.configuration) listener({ affectsConfiguration: (s: string) => s === 'wiga' });
    expect(client.notifications).toEqual([
      ['workspace/didChangeConfiguration', { settings: { wiga: expect.objectContaining({ synthOnSave: false }), workspaceTrusted: false } }],
    ]);
    expect(state.statusItems[0]!.tooltip).toContain('Restricted mode');
  });

  it('restarts the server with trust when the workspace is trusted', async () => {
    const { client } = await activateFresh({ trusted: false, settings: { 'wiga.synthOnSave': true } });
    state.trusted = true;
    expect(state.listeners.trust).toHaveLength(1);
    await state.listeners.trust[0]!();
    expect(client.restarted).toBe(1);
    expect(client.clientOptions.initializationOptions()).toMatchObject({ wiga: { synthOnSave: true }, workspaceTrusted: true });
  });

  it('answers workspace/configuration for wiga with the trust-gated settings', async () => {
    const { client } = await activateFresh({ trusted: false, settings: { 'wiga.synthOnSave': true, 'wiga.failOn': 'low' } });
    const configuration = client.clientOptions.middleware.workspace.configuration;
    const raw = [{ synthOnSave: true, failOn: 'low' }, { tabSize: 2 }];
    const answers = await configuration({ items: [{ section: 'wiga' }, { section: 'editor' }] }, {}, async () => raw);
    expect(answers).toEqual([expect.objectContaining({ synthOnSave: false, failOn: 'low' }), { tabSize: 2 }]);
    state.trusted = true;
    const trusted = await configuration({ items: [{ section: 'wiga' }] }, {}, async () => [raw[0]]);
    expect(trusted).toEqual([expect.objectContaining({ synthOnSave: true })]);
  });

  it('ignores configuration changes outside the wiga section', async () => {
    const { client } = await activateFresh({ trusted: true });
    for (const listener of state.listeners.configuration) listener({ affectsConfiguration: (s: string) => s === 'editor' });
    expect(client.notifications).toEqual([]);
  });

  it('Check workspace sends wiga/checkWorkspace and shows the summary', async () => {
    const { client } = await activateFresh({ trusted: true });
    const result = await state.commands.get('wiga.checkWorkspace')!();
    expect(result).toEqual(state.checkResult);
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]).toEqual(['wiga/checkWorkspace', {}]);
    expect(state.messages).toEqual([{ kind: 'warning', text: 'wiga: 9 findings (3 critical, 3 high, 2 medium, 1 low, 0 info)' }]);
    expect(state.statusItems[0]!.tooltip).toContain('Last workspace check: 9 findings (3 critical, 3 high, 2 medium, 1 low, 0 info)');

    state.checkResult = { counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, findings: 0 };
    await state.commands.get('wiga.checkWorkspace')!();
    expect(state.messages[1]).toEqual({ kind: 'info', text: 'wiga: 0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info)' });

    // The server's fuller answer (suppressed, inputs, failed) shows in the summary and the tooltip.
    state.checkResult = { counts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, findings: 1, suppressed: 2, inputs: 3, failed: true } as never;
    await state.commands.get('wiga.checkWorkspace')!();
    expect(state.messages[2]).toEqual({ kind: 'warning', text: 'wiga: 1 finding (1 critical, 0 high, 0 medium, 0 low, 0 info), 2 suppressed, 3 files analysed' });
    expect(state.statusItems[0]!.tooltip).toContain('Last workspace check: 1 finding (1 critical, 0 high, 0 medium, 0 low, 0 info), at or above wiga.failOn.');
  });

  it("counts wiga's errors and warnings in the status bar when diagnostics change, ignoring other sources", async () => {
    await activateFresh({ trusted: true });
    state.diagnostics.push(
      ['file:///a.ts', [{ source: 'wiga', severity: 0 }, { source: 'wiga', severity: 0 }, { source: 'wiga', severity: 1 }, { source: 'ts', severity: 0 }]],
      ['file:///b.tf.json', [{ source: 'wiga (synth)', severity: 1 }, { source: 'wiga', severity: 1 }, { source: 'wiga', severity: 2 }, { severity: 0 }]],
    );
    expect(state.listeners.diagnostics).toHaveLength(1);
    state.listeners.diagnostics[0]!({ uris: [] });
    expect(state.statusItems[0]!.text).toBe('$(shield) wiga 2 ✕ 3 ⚠');
  });

  it('stops the client on deactivate', async () => {
    const { extension, client } = await activateFresh({ trusted: true });
    await extension.deactivate();
    expect(client.stopped).toBe(1);
    await extension.deactivate(); // a second call is harmless
    expect(client.stopped).toBe(1);
  });
});

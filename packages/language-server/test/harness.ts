/** A minimal LSP client over the server's stdio, for protocol tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureBuilt as ensurePackagesBuilt } from '../../../test/ensure-built';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const packageDir = join(__dirname, '..');
export const repoRoot = join(packageDir, '..', '..');
export const serverJs = join(packageDir, 'dist', 'server.js');

/** Builds core and the server when their dist is missing or older than the sources (npm test builds them first). */
export function ensureBuilt(): void {
  ensurePackagesBuilt({ core: 'index.js', 'language-server': 'server.js' });
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string; source?: string; message: string; severity?: number; codeDescription?: { href: string }; data?: { tier?: string } }[];
}

export class Client {
  readonly connection: MessageConnection;
  readonly published: PublishedDiagnostics[] = [];
  private readonly waiters: (() => void)[] = [];
  constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest('workspace/configuration', () => [null]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.listen();
  }

  static async start(root: string, initializationOptions: unknown = {}): Promise<Client> {
    ensureBuilt();
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new Client(child);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  open(path: string, text: string, languageId = 'typescript', version = 1): string {
    const uri = pathToFileURL(path).href;
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The first publication for `uri` (after index `from`) that satisfies `test`. */
  async waitFor(uri: string, test: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 15_000, from = 0): Promise<PublishedDiagnostics> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(from).find((p) => p.uri === uri && test(p));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]))}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    void this.connection.sendNotification('exit');
    return new Promise((r) => {
      if (this.child.exitCode !== null) return r(this.child.exitCode);
      const t = setTimeout(() => {
        this.child.kill();
        r(null);
      }, 5000);
      this.child.on('exit', (code) => {
        clearTimeout(t);
        r(code);
      });
    });
  }
}

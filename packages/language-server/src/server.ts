/**
 * wiga-language-server: wires the core's analysis to the Language Server Protocol. Push diagnostics
 * tagged with the document version; no dependency on pull diagnostics or `workspace/configuration`
 * (Neovim 0.7 has neither); settings from `initializationOptions` and `didChangeConfiguration`.
 */
import { existsSync, mkdtempSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  ProposedFeatures,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, ruleById, type Finding } from '@workload-iga/core';
import { analyzeDocument, atLeast, documentKind, effectiveSeverity, hclReady, isHclLoaded, ruleDocHref, toDiagnostic, type FileAnalysis } from './analysis';
import { completionsAt, hoverAt } from './catalog-features';
import { codeActionsFor } from './code-actions';
import { CONFIG_FILE, configFor, parseConfig, type WigaConfig } from './config';
import { CheckWorkspaceRequest, SynthRequest, type CheckWorkspaceParams, type CheckWorkspaceResult, type Severity, type SynthResult, type WigaInitializationOptions, type WigaSettings } from './protocol';
import { analyzeStack, findCdktfProject, findProjects, findStacks, projectDirOf, runSynth, stacksIn, type StackResult } from './synth';
import { readSuppressionComments } from '@workload-iga/core';

export interface ServerOptions {
  /** Debounce of as-you-type analysis, ms. */
  readonly debounceMs?: number;
}

const toPath = (uri: string): string | undefined => {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
};

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const debounceMs = options.debounceMs ?? 50;
  /** `WIGA_LS_TRACE=1`: log each analysis and its duration to the client's output. */
  const trace = process.env.WIGA_LS_TRACE === '1';
  const documents = new TextDocuments(TextDocument);
  let settings: WigaSettings = {};
  let trusted = false;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let roots: string[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const fileResults = new Map<string, { version: number; diagnostics: Diagnostic[]; analysis: FileAnalysis }>();
  const stacks = new Map<string, StackResult>();
  const watchers: FSWatcher[] = [];
  let synthRunning: Promise<SynthResult> | undefined;

  const openText = (path: string) => documents.get(pathToFileURL(path).href)?.getText();

  // --- Settings ------------------------------------------------------------------------------------
  const readSettings = (value: unknown): WigaSettings => (value && typeof value === 'object' ? (value as WigaSettings) : {});
  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      const value = await connection.workspace.getConfiguration('wiga');
      if (value) settings = { ...settings, ...readSettings(value) };
    } catch {
      /* the client refused: keep what we have */
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as WigaInitializationOptions & WigaSettings;
    settings = readSettings(init.wiga ?? {});
    trusted = init.workspaceTrusted === true;
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    roots = (params.workspaceFolders ?? []).map((f) => toPath(f.uri)).filter((p): p is string => !!p);
    if (roots.length === 0 && params.rootUri) {
      const p = toPath(params.rootUri);
      if (p) roots = [p];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', '"', "'"], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'wiga-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    void pullSettings();
    if (canWatchFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/cdktf.out/stacks/*/cdk.tf.json' }, { globPattern: `**/${CONFIG_FILE}` }] })
        .catch(() => undefined);
    }
    void hclReady().then(() => {
      for (const d of documents.all()) if (documentKind(toPath(d.uri) ?? '') === 'terraform-hcl') schedule(d.uri, 0);
    });
    loadStacks();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const value = (change.settings as { wiga?: unknown } | undefined)?.wiga;
    if (value) settings = readSettings(value);
    await pullSettings();
    for (const d of documents.all()) schedule(d.uri, 0);
  });

  connection.onNotification('workspace/didChangeWorkspaceFolders', (params: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
    const removed = new Set(params.event.removed.map((f) => toPath(f.uri)));
    roots = [...roots.filter((r) => !removed.has(r)), ...params.event.added.map((f) => toPath(f.uri)).filter((p): p is string => !!p)];
    loadStacks();
  });

  // --- The synth tier ------------------------------------------------------------------------------
  let reloadTimer: NodeJS.Timeout | undefined;
  const reloadStacks = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      for (const file of [...stacks.keys()]) if (!existsSync(file)) stacks.delete(file);
      for (const root of roots) for (const file of findStacks(root)) refreshStack(file);
      for (const d of documents.all()) publish(d.uri);
    }, 200);
  };
  const refreshStack = (file: string) => {
    let mtime = 0;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      stacks.delete(file);
      return;
    }
    if (stacks.get(file)?.mtime === mtime) return;
    const result = analyzeStack(file);
    if (result) stacks.set(file, result);
  };
  const watched = new Set<string>();
  const loadStacks = () => {
    for (const root of roots) {
      for (const file of findStacks(root)) refreshStack(file);
      // Watch each CDKTF project for its output directory (created by a synth run outside the editor).
      for (const project of findProjects(root)) {
        watchProject(project);
        watchDir(join(project, 'cdktf.out'));
      }
    }
    for (const d of documents.all()) publish(d.uri);
  };
  const watchDir = (dir: string) => {
    if (watched.has(dir) || !existsSync(dir)) return;
    watched.add(dir);
    try {
      const w = watch(dir, { recursive: true }, (_event, name) => {
        if (!name || String(name).endsWith('cdk.tf.json')) reloadStacks();
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      /* no recursive watch here: stacks are reloaded after each synth and on didChangeWatchedFiles */
    }
  };
  const watchProject = (project: string) => {
    if (watched.has(project)) return;
    watched.add(project);
    try {
      const w = watch(project, (_event, name) => {
        if (String(name) !== 'cdktf.out') return;
        watched.delete(join(project, 'cdktf.out'));
        watchDir(join(project, 'cdktf.out'));
        reloadStacks();
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      /* unwatchable: didChangeWatchedFiles and synth runs still reload */
    }
  };
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`))) for (const d of documents.all()) schedule(d.uri, 0);
    reloadStacks();
  });

  /** Synth diagnostics of a TypeScript document, if they are not stale for its current text. */
  const synthDiagnostics = (document: TextDocument, path: string, config: WigaConfig, local: FileAnalysis | undefined): Diagnostic[] => {
    const out: Diagnostic[] = [];
    let diskMtime = 0;
    try {
      diskMtime = statSync(path).mtimeMs;
    } catch {
      /* unsaved file */
    }
    for (const stack of currentStacks()) {
      const list = stack.byFile.get(path);
      if (!list) continue;
      // Stale when the document differs from the file the stack was read against, or the file was saved after the synth.
      if (stack.sourceText.get(path) !== document.getText() || diskMtime > stack.mtime) continue;
      const comments = readSuppressionComments(document.getText());
      for (const item of list) {
        if (duplicateOfLocal(item.finding, item.line, local)) continue;
        const comment = comments.find((c) => c.ruleId === item.finding.ruleId && c.appliesTo === item.line && c.reason && !/^<.*>$/.test(c.reason) && (!c.expires || Date.parse(c.expires) > Date.now()));
        if (comment && !settings.showSuppressed) continue;
        const lineText = document.getText({ start: { line: item.line - 1, character: 0 }, end: { line: item.line, character: 0 } }).replace(/\r?\n$/, '');
        const d = toDiagnostic(item.finding, document, { line: item.line, column: item.column, endLine: item.line, endColumn: Math.max(item.column + 1, lineText.length + 1) }, 'synth', config, settings);
        if (d) out.push(d);
      }
    }
    return out;
  };
  /** A synth finding the as-you-type tier already shows on its exact token (same rule, and the same block, line, construct or statement). */
  const duplicateOfLocal = (finding: Finding, line: number, local: FileAnalysis | undefined): boolean =>
    !!local?.findings.some(
      (f) =>
        f.ruleId === finding.ruleId &&
        (f.location.address === finding.location.address ||
          f.location.line === line ||
          (f.location.address !== undefined && local.constructLines?.get(f.location.address) === line) ||
          (f.location.statement !== undefined && f.location.statement === finding.location.statement)),
    );

  // --- As-you-type tier ----------------------------------------------------------------------------
  const lastChange = new Map<string, number>();
  /**
   * Edits are coalesced while an analysis is pending: an edit with nothing pending (and no other edit
   * in the last 10 ms) is analysed at once; one that arrives while an analysis is scheduled re-arms a
   * `debounceMs` debounce, so a burst of typing is analysed once it pauses.
   */
  const schedule = (uri: string, delay?: number) => {
    if (delay === undefined) {
      const now = performance.now();
      const previous = lastChange.get(uri);
      lastChange.set(uri, now);
      delay = timers.has(uri) || (previous !== undefined && now - previous < 10) ? debounceMs : 0;
    }
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri);
      }, delay),
    );
  };

  const validate = (uri: string) => {
    const document = documents.get(uri);
    const path = toPath(uri);
    if (!document || !path) return;
    if (path.endsWith(`/${CONFIG_FILE}`)) {
      // The config itself: its problems, on the first line (the YAML parser's messages carry positions).
      const problems = parseConfig(document.getText(), path).errors;
      void connection.sendDiagnostics({
        uri,
        version: document.version,
        diagnostics: problems.map((message) => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, source: 'wiga', message })),
      });
      return;
    }
    const kind = documentKind(path);
    if (!kind) return;
    const version = document.version;
    const config = configFor(path, configOverrides());
    let analysis: FileAnalysis;
    const started = performance.now();
    try {
      analysis = analyzeDocument(path, document.getText(), kind, config, openText);
      if (trace) connection.console.log(`wiga: ${path} v${version} analysed in ${(performance.now() - started).toFixed(1)} ms (${analysis.findings.length} findings)`);
    } catch (error) {
      connection.console.error(`wiga: analysis of ${path} failed: ${(error as Error).stack ?? error}`);
      return;
    }
    if (documents.get(uri)?.version !== version) return; // edited meanwhile: a newer run is scheduled
    const diagnostics: Diagnostic[] = [];
    for (const f of analysis.findings) {
      if (f.location.line === undefined) continue;
      const d = toDiagnostic(f, document, { line: f.location.line, column: f.location.column ?? 1, endLine: f.location.endLine, endColumn: f.location.endColumn }, 'file', config, settings);
      if (d) diagnostics.push(d);
    }
    for (const e of analysis.errors) {
      diagnostics.push({
        range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.line - 1, character: e.column } },
        severity: DiagnosticSeverity.Error,
        source: 'wiga',
        message: e.message,
      });
    }
    fileResults.set(uri, { version, diagnostics, analysis });
    publish(uri);
  };

  const publish = (uri: string) => {
    const document = documents.get(uri);
    const path = toPath(uri);
    if (!document || !path) return;
    const local = fileResults.get(uri);
    const fresh = local && local.version === document.version ? local : undefined;
    const kind = documentKind(path);
    const synth = kind === 'typescript' ? synthDiagnostics(document, path, configFor(path, configOverrides()), fresh?.analysis) : [];
    if (!fresh && synth.length === 0 && kind !== undefined && !local) return; // first analysis still pending
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [...(fresh?.diagnostics ?? []), ...synth] });
  };

  const configOverrides = () => {
    const map = new Map<string, string>();
    for (const d of documents.all()) if (d.uri.endsWith(`/${CONFIG_FILE}`)) map.set(toPath(d.uri)!, d.getText());
    return map;
  };

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    if (e.document.uri.endsWith(`/${CONFIG_FILE}`)) {
      for (const d of documents.all()) schedule(d.uri);
      return;
    }
    // Synth results no longer match this text: drop them now, before the debounced re-analysis.
    const local = fileResults.get(e.document.uri);
    if (local && local.version !== e.document.version) publishPending(e.document);
    schedule(e.document.uri);
    // Files of one Terraform module see each other: re-check the other open ones of the directory.
    const kind = documentKind(toPath(e.document.uri) ?? '');
    if (kind === 'terraform-hcl' || kind === 'terraform-json') {
      const dir = e.document.uri.slice(0, e.document.uri.lastIndexOf('/') + 1);
      for (const d of documents.all()) {
        if (d.uri !== e.document.uri && d.uri.startsWith(dir) && !d.uri.slice(dir.length).includes('/') && documentKind(toPath(d.uri) ?? '') === kind) schedule(d.uri, debounceMs);
      }
    }
  });
  /** Between an edit and its analysis: nothing stale is shown (only results computed for this version, i.e. none). */
  const publishPending = (document: TextDocument) => {
    const path = toPath(document.uri);
    if (!path) return;
    const hasSynth = currentStacks().some((s) => s.byFile.has(path));
    if (hasSynth) void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: fileResults.get(document.uri)?.diagnostics ?? [] });
  };
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    fileResults.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.onDidSave((e) => {
    const path = toPath(e.document.uri);
    if (!path || documentKind(path) !== 'typescript') return;
    if (settings.synthOnSave === true && trusted) void synth(path);
  });

  /** Latest synth run per project: its stacks replace the project's `cdktf.out` ones until that changes. */
  const synthRuns = new Map<string, StackResult[]>();
  const synth = async (fromPath?: string, token?: CancellationToken): Promise<SynthResult> => {
    if (!trusted) return { ran: false, ok: false, message: 'the workspace is not trusted: synth runs the project code' };
    const project = fromPath ? findCdktfProject(dirname(fromPath)) : roots.map((r) => findCdktfProject(r)).find(Boolean);
    if (!project) return { ran: false, ok: false, message: 'no cdktf.json found' };
    if (synthRunning) await synthRunning.catch(() => undefined);
    const run = (async (): Promise<SynthResult> => {
      const outdir = mkdtempSync(join(tmpdir(), 'wiga-synth-'));
      try {
        const abort = new AbortController();
        token?.onCancellationRequested(() => abort.abort());
        const outcome = await runSynth(project, outdir, 120_000, abort.signal);
        if (token?.isCancellationRequested) return { ran: true, ok: false, message: 'synth cancelled' };
        const results = stacksIn(outdir)
          .map((file) => analyzeStack(file, project))
          .filter((r): r is StackResult => !!r);
        // A failed synth (e.g. Governance.enforce stopping on findings) may still have written stacks.
        if (results.length > 0) synthRuns.set(project, results);
        for (const d of documents.all()) publish(d.uri);
        if (!outcome.ok && results.length === 0) connection.window.showWarningMessage(`wiga: ${outcome.message}`);
        return { ran: true, ok: outcome.ok, message: `${outcome.message}; ${results.length} stack${results.length === 1 ? '' : 's'} checked` };
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    })();
    synthRunning = run;
    try {
      return await run;
    } finally {
      if (synthRunning === run) synthRunning = undefined;
    }
  };
  /** The stack results in force: a project's latest synth run, else its `cdktf.out`. */
  const currentStacks = (): StackResult[] => {
    const out: StackResult[] = [];
    for (const [file, result] of stacks) {
      const run = synthRuns.get(projectDirOf(file));
      if (!run || result.mtime > Math.max(...run.map((r) => r.analysedAt))) out.push(result);
    }
    for (const [project, run] of synthRuns) {
      const disk = [...stacks.values()].filter((s) => projectDirOf(s.stackFile) === project);
      if (disk.length === 0 || Math.max(...disk.map((d) => d.mtime)) <= Math.max(...run.map((r) => r.analysedAt))) out.push(...run);
    }
    return out;
  };
  connection.onRequest(SynthRequest.method, (_params: unknown, token: CancellationToken) => synth(undefined, token));

  // --- Features ------------------------------------------------------------------------------------
  connection.onHover((params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return null;
    const offset = document.offsetAt(params.position);
    const action = hoverAt(document, offset);
    // On a wiga diagnostic: what the rule checks and why, with its docs.
    const shown = fileResults.get(params.textDocument.uri)?.diagnostics ?? [];
    const rules = [...new Set(shown.filter((d) => document.offsetAt(d.range.start) <= offset && offset <= document.offsetAt(d.range.end)).map((d) => String(d.code)))];
    const ruleText = rules
      .map((id) => ruleById(id))
      .filter((r): r is NonNullable<typeof r> => !!r)
      .map((r) => `**${r.id}** (${r.severity}) — ${r.title}\n\n${r.description}${ruleDocHref(r.id) ? ` [Docs](${ruleDocHref(r.id)})` : ''}`);
    if (!action && ruleText.length === 0) return null;
    const value = [action && typeof action.contents === 'object' && 'value' in action.contents ? action.contents.value : undefined, ...ruleText].filter(Boolean).join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value }, ...(action?.range && { range: action.range }) };
  });
  connection.onCompletion((params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return null;
    return completionsAt(document, document.offsetAt(params.position)) ?? null;
  });
  connection.onCodeAction((params, token) => {
    const document = documents.get(params.textDocument.uri);
    const path = toPath(params.textDocument.uri);
    if (!document || !path || token.isCancellationRequested) return null;
    return codeActionsFor(document, path, params.context.diagnostics, roots.find((r) => path.startsWith(r + '/')) ?? roots[0], documentKind(path) === 'typescript', params.range);
  });

  connection.onRequest(CheckWorkspaceRequest.method, async (params: CheckWorkspaceParams | undefined, token: CancellationToken): Promise<CheckWorkspaceResult | ResponseError> => {
    const folders = params?.folder ? [toPath(params.folder)].filter((p): p is string => !!p) : roots;
    await hclReady();
    const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    let suppressed = 0;
    let inputs = 0;
    let failed = false;
    const files = folders.flatMap((f) => workspaceInputs(f));
    for (const group of files) {
      // Yield between inputs so a $/cancelRequest can be read.
      await new Promise((r) => setImmediate(r));
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'wiga/checkWorkspace cancelled');
      const config = configFor(group[0]!.path, configOverrides());
      const result = analyze(group, { suppressions: config.suppressions });
      inputs += result.summary.inputs;
      for (const f of result.findings) {
        if (f.suppressed) {
          suppressed++;
          continue;
        }
        const s = effectiveSeverity(f, config, settings);
        if (!s) continue;
        counts[s]++;
        const failOn = settings.failOn ?? config.failOn ?? 'high';
        if (failOn !== 'none' && atLeast(s, failOn)) failed = true;
      }
    }
    return { counts, findings: Object.values(counts).reduce((a, b) => a + b, 0), suppressed, inputs, failed };
  });

  /** Inputs of a folder, grouped as `wiga check` reads them: each stack alone, `*.tf.json`/`*.tf` by directory. */
  const workspaceInputs = (root: string): { path: string; text: string }[][] => {
    const groups: { path: string; text: string }[][] = [];
    const read = (p: string) => ({ path: p, text: openText(p) ?? require('node:fs').readFileSync(p, 'utf8') as string });
    for (const stack of findStacks(root)) groups.push([read(stack)]);
    const byDir = new Map<string, string[]>();
    const walk = (dir: string, depth: number) => {
      if (depth > 8) return;
      let entries: import('node:fs').Dirent[];
      try {
        entries = require('node:fs').readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!['node_modules', '.git', '.terraform', 'cdktf.out', 'dist'].includes(e.name)) walk(p, depth + 1);
        } else if (/\.tf\.json$/.test(e.name) || (isHclLoaded() && /\.tf$/.test(e.name))) {
          (byDir.get(dir) ?? byDir.set(dir, []).get(dir)!).push(p);
        }
      }
    };
    walk(root, 0);
    for (const list of byDir.values()) groups.push(list.map(read));
    return groups;
  };

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    clearTimeout(reloadTimer);
    for (const w of watchers) w.close();
  });

  documents.listen(connection);
  connection.listen();
}

/** Entry point of `wiga-language-server --stdio` (also `--node-ipc`, `--socket=N`, as vscode-languageserver reads them). */
export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}

if (require.main === module) main();
